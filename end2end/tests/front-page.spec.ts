import { test, expect, type Page } from '@playwright/test';
import { LANGS, PEOPLE, MORE_PEOPLE, login, useLanguage, expectAccessible, type Lang } from './helpers';

// The front page at a glance and the phone-first header.

async function loginAs(page: Page, code: string, lang: Lang = 'en', js = true) {
  await useLanguage(page, lang);
  await login(page, code, { lang, js });
  // Someone who may act for others is first asked whose matters to handle.
  await expect(page).toHaveURL(/\/(whose)?$/);
}

/** The day `days` from today in Helsinki, as the English pages write a date. */
function dayInEnglish(days: number): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Helsinki', day: 'numeric', month: 'numeric', year: 'numeric',
  }).formatToParts(new Date());
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const d = new Date(Date.UTC(get('year'), get('month') - 1, get('day') + days));
  const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(d);
  return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`;
}

test("Helmi's front page: the prescriptions that need her and what is new", async ({ page }) => {
  await loginAs(page, MORE_PEOPLE.helmi.code);
  // What needs her comes first, then the status.
  await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText('Needs attention');
  await expect(page.getByTestId('needs-attention').getByTestId('glance-prescriptions')).toBeVisible();
  const rx = page.getByTestId('glance-prescriptions');
  await expect(rx.getByRole('link')).toHaveText('2 prescriptions end within 30 days or have run out');
  await expect(rx.getByRole('listitem')).toHaveText([
    `Amlodipiini 5 mg: valid until ${dayInEnglish(20)}`,
    'Kalsium + D3 500 mg/20 µg: nothing left to dispense',
  ]);
  // What confirming the notice did: her HUS data is shared between the Uusimaa parties.
  await expect(page.getByTestId('notice-effect')).toContainText('public healthcare in Uusimaa');
  // Today's laboratory visit is new whenever she last logged in (entries carry a date only).
  const fresh = page.getByTestId('glance-new-entries');
  await expect(fresh.getByRole('link').first())
    .toHaveText(/^(\d+ new entr(y|ies) since your last login|\d+ entr(y|ies) recorded in the last 30 days)$/);
  // A laboratory result is named by its test and value, not by the visit.
  await fresh.getByRole('link', { name: /^Creatinine \(P -Krea\): \d+ µmol\/l$/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Laboratoriokäynti');
});

test('with nothing new, the front page still names the latest entries', async ({ page }) => {
  // Matti's latest visit, his knee operation, was 45 days ago.
  await loginAs(page, PEOPLE.matti.code);
  const fresh = page.getByTestId('glance-new-entries');
  await expect(fresh.getByRole('link').first())
    .toHaveText(/^(0 new entries since your last login|0 entries recorded in the last 30 days)$/);
  await expect(fresh.getByText('Your latest entries', { exact: true })).toBeVisible();
  await expect(fresh.locator('li a')).toHaveCount(3);
  await fresh.locator('li a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Polven tähystysleikkaus');
});

test("Juhani's front page has his denial in the data-use line, which leads to Management of Data Use", async ({ page }) => {
  await loginAs(page, PEOPLE.juhani.code);
  const line = page.getByTestId('glance-data-use');
  await expect(line).toContainText(
    'A consent to data sharing in healthcare has been given. A consent to data sharing in social welfare has been given.',
  );
  await expect(line).toContainText('1 valid denial of consent to data sharing.');
  await expect(line).toContainText(/Last changed \d{1,2} \w+ \d{4}\./);
  await expect(page.getByTestId('glance-viewings')).toContainText(/^\d+ viewings? by professionals (since your last login|in the last 30 days)$/);
  await line.getByRole('link').click();
  await expect(page).toHaveURL(/\/data-use$/);
  await expect(page.getByTestId('denial')).toHaveCount(1);
});

test("a guardian sees the child's glance, labelled with the child's name", async ({ page }) => {
  await loginAs(page, MORE_PEOPLE.oskari.code);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'At a glance', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Show the data of Eetu Laine' }).click();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Eetu Laine: at a glance', exact: true })).toBeVisible();
  // The child's own notice state, beside his guardian's.
  await expect(page.getByTestId('subject-notice')).toHaveText(/^Eetu Laine: (version \d{4}-\d{2} of the information about the Kanta Services was confirmed on .+|the current version of the information about the Kanta Services has not been confirmed)\.$/);
  await expect(page.getByTestId('whose-data').first()).toHaveText('Data of Eetu Laine');
});

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });

  test('the main heading is on the first screen; the menu opens without JavaScript', async ({ page }) => {
    await loginAs(page, MORE_PEOPLE.helmi.code, 'en', false);
    const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(heading!.y + heading!.height).toBeLessThanOrEqual(844 / 2);
    await expect(page.getByTestId('whose-data').locator('visible=true')).toHaveText('Data of Helmi Koskinen');
    // The sections, the languages and logging out are behind one tap.
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav).toBeHidden();
    await page.getByText('Menu', { exact: true }).click();
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Svenska' })).toBeVisible();
    await nav.getByRole('link', { name: 'Prescriptions', exact: true }).click();
    await expect(page).toHaveURL(/\/prescriptions$/);
  });

});

test.describe('on a phone (390 × 844), axe', () => {
  // axe runs as a script in the page; the page itself has none.
  test.use({ viewport: { width: 390, height: 844 } });
  for (const lang of LANGS) {
    test(`the front page passes axe at phone width, menu closed and open, in ${lang}`, async ({ page }) => {
      await loginAs(page, MORE_PEOPLE.helmi.code, lang);
      await expectAccessible(page, `front page at phone width (${lang})`);
      await page.locator('.header-menu > summary').click();
      await expectAccessible(page, `front page at phone width, menu open (${lang})`);
    });
  }
});

// Whose matters to handle is asked right after login, and offered from the
// menu on every page; the header says when an idle session ends.
for (const js of [false, true]) {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    test.describe(`${js ? 'with' : 'without'} JavaScript at ${viewport.width} × ${viewport.height}`, () => {
      test.use({ javaScriptEnabled: js, viewport });
      test('a guardian chooses whose matters to handle after login and from the menu', async ({ page }) => {
        await useLanguage(page, 'fi');
        await login(page, MORE_PEOPLE.oskari.code, { lang: 'fi', js });
        await expect(page).toHaveURL(/\/whose$/);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kenen asioita haluat hoitaa?');
        await expect(page.getByRole('button', { name: /^Näytä henkilön (Eetu|Sofia) Laine tiedot$/ })).toHaveCount(2);
        if (js) await expectAccessible(page, 'whose matters to handle');
        // The session's end, in the header (the menu's on a phone).
        const menu = async () => {
          if (viewport.width < 600) await page.locator('.header-menu > summary').click();
        };
        await menu();
        await expect(page.getByTestId('session-ends').filter({ visible: true }))
          .toHaveText(/^Istunto päättyy klo \d{1,2}\.\d{2}, jos et käytä palvelua\.$/);
        await menu(); // closed again
        // Not yet warned: that comes five minutes before the end.
        await expect(page.getByTestId('idle-warning')).toHaveClass(/idle-warning--after-2[45]$/);
        await expect(page.getByTestId('idle-warning')).toBeHidden();
        await page.getByRole('button', { name: 'Hoida omia asioitasi' }).click();
        await expect(page).toHaveURL(/\/$/);
        await expect(page.getByTestId('acting-for')).toHaveCount(0);
        await menu();
        await page.getByRole('link', { name: 'Valitse, kenen asioita hoidat' }).filter({ visible: true }).click();
        await expect(page).toHaveURL(/\/whose$/);
        await page.getByRole('button', { name: 'Näytä henkilön Sofia Laine tiedot' }).click();
        await expect(page.getByTestId('acting-for')).toContainText('Sofia Laine');
      });
    });
  }
}

test('someone who acts for nobody goes straight to the front page, with no choice in the menu', async ({ page }) => {
  await loginAs(page, PEOPLE.matti.code);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Choose whose matters to handle' })).toHaveCount(0);
});
