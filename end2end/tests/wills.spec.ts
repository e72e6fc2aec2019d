import { test, expect, type Page } from '@playwright/test';
import { LANGS, login, useLanguage, expectAccessible, today, type Lang } from './helpers';

// The living will, the organ donation testament and the consent to disclose
// prescriptions abroad (DOMAIN.md §8), walked with and without
// JavaScript: Helmi replaces her living will and still reads the old
// version; an organ donation testament is set and withdrawn; Matti extends
// his Estonia-only consent to Portugal and his narcotic is never disclosed
// abroad; a healthcare viewer who sees nothing else of Anna sees her wills.

const HELMI = '271055-988J';
const MATTI = '040762-913N';
const ANNA = '140282-9725';
const OSKARI = '080988-9570';

async function loginAs(page: Page, code: string, lang: Lang = 'en', js = true) {
  await useLanguage(page, lang);
  await login(page, code, { lang, js });
  // Someone who may act for others is first asked whose matters to handle.
  await expect(page).toHaveURL(/\/(whose)?$/);
}

for (const js of [true, false]) {
  const how = js ? 'with' : 'without';
  test(`Helmi replaces her living will and still reads the earlier versions (${how} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await loginAs(page, HELMI, 'en', js);
    await page.getByRole('link', { name: 'Living will and organ donation testament' }).click();
    await expect(page).toHaveURL(/\/wills$/);
    await expect(page.getByTestId('shown-to-healthcare')).toContainText('whatever your consents to data sharing and denials of consent to data sharing');
    const inForce = page.getByTestId('living-will-in-force');
    const earlier = page.getByTestId('earlier-versions').getByRole('listitem');
    const before = await earlier.count();
    const previous = await page.getByLabel('Wishes about care and treatment').inputValue();
    const typed = `<b>No</b> resuscitation & </textarea><script>window.injected = 1</script> (${how} JavaScript)`;
    await page.getByLabel('Wishes about care and treatment').fill(typed);
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await expect(page).toHaveURL(/\/wills#living-will$/);
    await expect(inForce).toContainText(`Saved on ${today('en')}.`);
    await expect(inForce.locator('dd').first()).toHaveText(typed);
    expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    // The version it replaced is kept and readable (a <details>, no script needed).
    await expect(earlier).toHaveCount(before + 1);
    await earlier.first().locator('summary').click();
    await expect(earlier.first()).toContainText(previous);
    await expect(earlier.first().locator('summary')).toContainText(`in force until ${today('en')}`);
    await page.goto('/data-use/history');
    await expect(page.getByTestId('history').getByRole('row').nth(1)).toContainText('Living will saved');
    await page.goto('/data-use');
    const other = page.getByTestId('other-declarations');
    await expect(other).toContainText(`Living will, saved on ${today('en')}`);
    await expect(other).toContainText('Organ donation testament: yes, saved on');
    await other.getByRole('link', { name: 'Living will and organ donation testament' }).click();
    await expect(page).toHaveURL(/\/wills$/);
  });

  test(`an organ donation testament is set and withdrawn (${how} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await loginAs(page, ANNA, 'en', js);
    await page.goto('/wills');
    const organ = page.getByTestId('organ-donation');
    await page.getByLabel('Yes: I consent to donating my organs and tissues after my death.').check();
    await page.getByLabel(/^Restriction/).fill(`Not the corneas <i>please</i> (${how})`);
    await page.getByRole('button', { name: 'Save the organ donation testament' }).click();
    await expect(organ.getByTestId('organ-in-force')).toHaveAttribute('data-donate', 'true');
    await expect(organ.getByTestId('restriction')).toHaveText(`Not the corneas <i>please</i> (${how})`);
    // A restriction with "no" is refused by name, and nothing changes.
    await page.getByLabel('No: I do not consent to donating my organs and tissues after my death.').check();
    await page.getByRole('button', { name: 'Save the organ donation testament' }).click();
    await expect(page.getByRole('alert')).toContainText('A restriction can only be written with yes.');
    await page.goto('/wills');
    await expect(organ.getByTestId('organ-in-force')).toHaveAttribute('data-donate', 'true');
    await page.getByRole('button', { name: 'Withdraw the organ donation testament' }).click();
    await expect(organ.getByTestId('organ-none')).toHaveText('You have not stated your will about organ donation.');
    await page.goto('/data-use/summary');
    await expect(page.getByTestId('summary')).not.toContainText('Organ donation testament:');
  });

  test(`Matti extends his Estonia-only consent to Portugal; his narcotic never goes abroad (${how} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await loginAs(page, MATTI, 'en', js);
    await page.goto('/prescriptions');
    await page.getByRole('link', { name: 'Prescriptions abroad' }).click();
    await expect(page).toHaveURL(/\/prescriptions\/abroad$/);
    const consent = page.getByTestId('abroad-consent');
    if (!js) {
      // The run with JavaScript extended it already: back to Estonia only.
      await page.getByLabel('Portugal').uncheck();
      await page.getByRole('button', { name: 'Save the change' }).click();
    }
    await expect(consent).toHaveText(/your prescriptions may be disclosed to pharmacies in: Estonia\.$/);
    await expect(page.getByLabel('Estonia')).toBeChecked();
    await page.getByLabel('Portugal').check();
    await page.getByRole('button', { name: 'Save the change' }).click();
    await expect(consent).toHaveText(`Since ${today('en')} your prescriptions may be disclosed to pharmacies in: Estonia, Portugal.`);
    const narcotic = page.getByTestId('abroad-prescriptions').getByRole('row').filter({ hasText: 'Oksikodoni' });
    await expect(narcotic).toContainText('Never disclosed abroad (narcotic)');
    // The preview says the same for a pharmacy in Portugal.
    await page.goto('/data-use/preview?viewer=abroad%3APT');
    const row = page.getByTestId('preview-row').filter({ hasText: 'Oksikodoni' });
    await expect(row).toHaveAttribute('data-visible', 'false');
    await expect(row).toContainText('never disclosed abroad');
    await expect(page.getByTestId('preview-row').filter({ hasText: 'Metformiini' }).first()).toHaveAttribute('data-visible', 'true');
    await page.goto('/data-use/history');
    await expect(page.getByTestId('history').getByRole('row').nth(1)).toContainText('Consent to disclose prescriptions abroad: Estonia, Portugal');
    await page.goto('/data-use');
    await expect(page.getByTestId('other-declarations')).toContainText('your prescriptions may be disclosed to pharmacies in: Estonia, Portugal.');
  });
}

test('a healthcare viewer who sees nothing else of Anna sees her living will and organ donation testament', async ({ page }) => {
  await loginAs(page, ANNA);
  await page.goto('/wills');
  await page.getByLabel('A person to be heard about my care').fill('Helmi Koskinen');
  await page.getByRole('button', { name: /Save the living will|Save as a new version/ }).click();
  await expect(page.getByTestId('living-will-in-force')).toContainText('Helmi Koskinen');
  await page.getByLabel('No: I do not consent to donating my organs and tissues after my death.').check();
  await page.getByRole('button', { name: 'Save the organ donation testament' }).click();
  await expect(page.getByTestId('organ-in-force')).toHaveAttribute('data-donate', 'false');
  await page.goto('/data-use/preview?viewer=pirkanmaa%3Ahealthcare');
  const rows = page.getByTestId('preview-row');
  const visible = rows.and(page.locator('[data-visible="true"]'));
  await expect(visible).toHaveCount(2);
  await expect(visible.nth(0)).toContainText('Living will');
  await expect(visible.nth(1)).toContainText('Organ donation testament');
  await expect(visible.first()).toContainText('shown to every healthcare professional treating you, whatever your consents and denials');
  expect(await rows.count()).toBeGreaterThan(2);
  // Social welfare sees neither.
  await page.goto('/data-use/preview?viewer=pirkanmaa%3Asocial_welfare');
  for (const will of ['Living will', 'Organ donation testament']) {
    const row = page.getByTestId('preview-row').filter({ has: page.getByRole('cell', { name: will, exact: true }) });
    await expect(row).toHaveAttribute('data-visible', 'false');
    await expect(row).toContainText('shown to healthcare only');
  }
});

test('a guardian neither sees nor makes a child\'s wills, abroad consent or denials, and is told why', async ({ page }) => {
  await loginAs(page, OSKARI);
  await page.getByRole('button', { name: /Sofia/ }).click();
  await page.goto('/wills');
  await expect(page.getByRole('alert')).toContainText(
    'The living will and the organ donation testament are seen and made only by the person themself.',
  );
  await expect(page.getByLabel('Wishes about care and treatment')).toHaveCount(0);
  await page.goto('/prescriptions/abroad');
  await expect(page.getByRole('alert')).toContainText("A minor's prescriptions are never disclosed abroad.");
  await page.goto('/data-use');
  await expect(page.getByTestId('denials-own-matter')).toContainText('A guardian can ask for a denial for a child at a healthcare or social welfare unit.');
  await expect(page.getByTestId('wills-own-matter')).toBeVisible();
  await expect(page.locator('form[action="/data-use/denials/new"]')).toHaveCount(0);
  await page.goto('/data-use/viewings');
  await expect(page.getByRole('alert')).toContainText("A guardian does not see who has viewed the child's data.");
  await expectAccessible(page, 'viewings refused to a guardian');
});

// A guardian's refusals, in each language and without JavaScript: the wills,
// the abroad consent and who viewed the child's data (DOMAIN.md §6); axe
// runs in the page, so in the JavaScript run.
const GUARDIAN_TOLD: Record<Lang, { wills: string; abroad: string; viewings: string }> = {
  fi: {
    wills: 'Hoitotahdon ja elinluovutustahdon näkee ja tekee vain henkilö itse.',
    abroad: 'Alaikäisen reseptejä ei luovuteta ulkomaille.',
    viewings: 'Huoltaja ei näe, kuka on katsellut lapsen tietoja.',
  },
  sv: {
    wills: 'Livstestamentet och viljeyttringen om organdonation ser och gör bara personen själv.',
    abroad: 'En minderårigs recept lämnas aldrig ut utomlands.',
    viewings: 'En vårdnadshavare ser inte vem som har sett barnets uppgifter.',
  },
  en: {
    wills: 'The living will and the organ donation testament are seen and made only by the person themself.',
    abroad: "A minor's prescriptions are never disclosed abroad.",
    viewings: "A guardian does not see who has viewed the child's data.",
  },
};

for (const lang of LANGS) for (const js of [true, false]) {
  test(`a guardian is refused a child's wills, abroad consent and viewings in ${lang} (${js ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await loginAs(page, OSKARI, lang, js);
    await page.getByRole('button', { name: /Sofia Laine/ }).click();
    await expect(page.getByTestId('acting-for')).toContainText('Sofia Laine');
    const told = GUARDIAN_TOLD[lang];
    await page.goto('/wills');
    await expect(page.getByRole('alert')).toContainText(told.wills);
    await expect(page.locator('main textarea')).toHaveCount(0);
    if (js) await expectAccessible(page, `wills refused to a guardian (${lang})`);
    await page.goto('/prescriptions/abroad');
    await expect(page.getByRole('alert')).toContainText(told.abroad);
    await expect(page.locator('main input[type="checkbox"]')).toHaveCount(0);
    if (js) await expectAccessible(page, `abroad refused to a guardian (${lang})`);
    await page.goto('/data-use/viewings');
    await expect(page.getByRole('alert')).toContainText(told.viewings);
    if (js) await expectAccessible(page, `viewings refused to a guardian (${lang})`);
  });
}

for (const lang of LANGS) {
  test(`the wills and abroad pages pass axe in ${lang}`, async ({ page }) => {
    await loginAs(page, HELMI, lang);
    await page.goto('/wills');
    await expect(page.getByTestId('living-will-in-force')).toBeVisible();
    await expectAccessible(page, `wills (${lang})`);
    await page.goto('/prescriptions/abroad');
    await expect(page.getByTestId('abroad-prescriptions')).toBeVisible();
    await expectAccessible(page, `prescriptions abroad (${lang})`);
  });
}

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('the wills and abroad pages pass axe and do not scroll sideways', async ({ page }) => {
    await loginAs(page, MATTI, 'fi');
    for (const path of ['/wills', '/prescriptions/abroad']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectAccessible(page, `${path} at phone width`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
  });
});
