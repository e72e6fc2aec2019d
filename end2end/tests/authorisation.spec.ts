import { test, expect, type Page } from '@playwright/test';
import { LANGS, login, useLanguage, expectAccessible, type Lang } from './helpers';

// Acting for another adult with an e-authorisation (DOMAIN.md §8):
// Anna Koskinen holds her mother Helmi's authorisation. She chooses Helmi on
// her front page, sees Helmi's data with a header that says by which right,
// and sees Helmi's declarations without a single form to change them.

const ANNA = '140282-9725';

async function loginAsAnna(page: Page, lang: Lang = 'en', js = true) {
  await useLanguage(page, lang);
  await login(page, ANNA, { lang, js });
  // She may act for Helmi: whose matters to handle is asked first.
  await expect(page).toHaveURL(/\/whose$/);
}

async function actForHelmi(page: Page) {
  await page.getByRole('button', { name: 'Show the data of Helmi Koskinen' }).click();
  await expect(page).toHaveURL(/\/records$/);
}

for (const js of [true, false]) {
  test(`Anna acts for Helmi: reads her data, never changes her declarations (${js ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await loginAsAnna(page, 'en', js);
    const section = page.getByTestId('authorisations');
    await expect(section.getByRole('heading', { name: 'Acting for another adult' })).toBeVisible();
    await expect(section).toContainText(/e-authorisation valid until \d{1,2} \w+ \d{4}/);
    await expect(page.getByRole('heading', { name: 'Acting for your child' })).toHaveCount(0);
    await actForHelmi(page);

    // The header says whose data and by which right, on every page.
    const banner = page.getByTestId('acting-for');
    await expect(banner).toContainText(/You are viewing the data of Helmi Koskinen with an e-authorisation valid until \d{1,2} \w+ \d{4}\./);
    await expect(banner).toContainText('It does not let you give or withdraw consents');
    await expect(page.getByTestId('whose-data').first()).toHaveText('Data of Helmi Koskinen');
    await expect(page.getByText(/Showing service events 1–/)).toBeVisible();

    // Her laboratory chart.
    await page.goto('/laboratory/P%20-Krea');
    await expect(page.locator('svg[role="img"]')).toBeVisible();
    await expect(page.getByTestId('acting-for')).toContainText('Helmi Koskinen');

    // Management of Data Use: her consent is shown; no form to change anything.
    await page.goto('/data-use');
    await expect(page.getByTestId('view-only')).toHaveText(
      'You are viewing the declarations of Helmi Koskinen with an e-authorisation. Only Helmi Koskinen can make or cancel them.',
    );
    await expect(page.getByTestId('consent-healthcare').getByTestId('state')).toContainText('Consent given on');
    // The one form left is the header's way back to her own data.
    await expect(page.locator('main form')).toHaveCount(1);
    await expect(page.getByRole('main').getByRole('button')).toHaveText(['Back to my own data']);

    // A denial's confirmation step typed in by hand is refused.
    await page.goto('/data-use/denials/new?kind=comprehensive&target=healthcare');
    // It says exactly why, and what she can do instead.
    await expect(page.getByText(/^With an e-authorisation you can view the person's health data and send renewal requests for them\./)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Set the denial' })).toHaveCount(0);

    // Back to her own data.
    await page.getByRole('button', { name: 'Back to my own data' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('acting-for')).toHaveCount(0);
    await expect(page.getByTestId('whose-data').first()).toHaveText('Data of Anna Koskinen');
  });
}

for (const lang of LANGS) {
  test(`acting with an e-authorisation passes axe in ${lang}`, async ({ page }) => {
    await loginAsAnna(page, lang);
    await expect(page.getByTestId('authorisations')).toBeVisible();
    await expectAccessible(page, `front page with an authorisation (${lang})`);
    await page.getByTestId('authorisations').getByRole('button').click();
    await expect(page.getByTestId('acting-for')).toBeVisible();
    await expectAccessible(page, `records acting for Helmi (${lang})`);
    await page.goto('/data-use');
    await expect(page.getByTestId('view-only')).toBeVisible();
    await expectAccessible(page, `data use acting for Helmi (${lang})`);
  });
}

// What an e-authorisation for healthcare matters does not reach (DOMAIN.md
// §6, §8): Helmi's social welfare documents and her wills. Each page says why
// in the agent's language, with and without JavaScript, and passes axe
// (axe runs in the page, so in the JavaScript run).
const NOT_REACHED: Record<Lang, { social: string; wills: string; viewOnly: string }> = {
  fi: {
    social: 'Suomi.fi-valtuutesi ei koske sosiaalihuollon asioita, joten henkilön sosiaalihuollon asiakirjoja ei näytetä.',
    wills: 'Hoitotahdon ja elinluovutustahdon näkee ja tekee vain henkilö itse.',
    viewOnly: 'Vain hän itse voi tehdä tai perua niitä.',
  },
  sv: {
    social: 'Din Suomi.fi-fullmakt gäller inte ärenden inom socialvården, så personens klienthandlingar inom socialvården visas inte.',
    wills: 'Livstestamentet och viljeyttringen om organdonation ser och gör bara personen själv.',
    viewOnly: 'Helmi Koskinen',
  },
  en: {
    social: 'Your e-authorisation does not cover social welfare matters, so this person\'s social welfare documents are not shown.',
    wills: 'The living will and the organ donation testament are seen and made only by the person themself.',
    viewOnly: 'Only Helmi Koskinen can make or cancel them.',
  },
};

for (const lang of LANGS) {
  for (const js of [true, false]) {
    test(`Anna's e-authorisation does not reach Helmi's social welfare documents or wills (${lang}, ${js ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
      const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
      await loginAsAnna(page, lang, js);
      await page.getByTestId('authorisations').getByRole('button').click();
      await expect(page).toHaveURL(/\/records$/);
      await expect(page.getByTestId('acting-for')).toContainText('Helmi Koskinen');
      const said = NOT_REACHED[lang];

      await page.goto('/social-welfare');
      await expect(page.getByRole('alert')).toContainText(said.social);
      await expect(page.getByTestId('service-event')).toHaveCount(0);
      if (js) await expectAccessible(page, `social welfare refused to an agent (${lang})`);

      await page.goto('/wills');
      await expect(page.getByRole('alert')).toContainText(said.wills);
      await expect(page.locator('main textarea')).toHaveCount(0);
      if (js) await expectAccessible(page, `wills refused to an agent (${lang})`);

      await page.goto('/data-use');
      await expect(page.getByTestId('view-only')).toContainText(said.viewOnly);
      await expect(page.locator('form[action="/data-use/denials/new"]')).toHaveCount(0);
      if (js) await expectAccessible(page, `data use for an agent (${lang})`);
    });
  }
}

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('acting for Helmi passes axe and does not scroll sideways', async ({ page }) => {
    await loginAsAnna(page, 'fi');
    await page.getByTestId('authorisations').getByRole('button').click();
    await expect(page.getByTestId('acting-for')).toContainText('Katselet henkilön Helmi Koskinen tietoja Suomi.fi-valtuuden perusteella.');
    await expectAccessible(page, 'records acting for Helmi at phone width');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto('/data-use');
    await expectAccessible(page, 'data use acting for Helmi at phone width');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
