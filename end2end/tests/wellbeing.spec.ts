import { test, expect, type Page } from '@playwright/test';
import { LANGS, PEOPLE, MORE_PEOPLE, login, useLanguage, expectAccessible, type Lang } from './helpers';

// Wellbeing data: measurements the citizen records at home, every value
// marked as self-recorded, drawn over time and corrected by a new entry
// that keeps the old one; bad input refused with its reason and what was
// typed kept; the consent to share them, and what the preview then says.

const TITLE = { fi: 'Hyvinvointitiedot', sv: 'Välbefinnandeuppgifter', en: 'Wellbeing data' };

async function loginAs(page: Page, code: string, lang: Lang = 'en', js = true) {
  await useLanguage(page, lang);
  await login(page, code, { lang, js });
}

/** Yesterday in Helsinki as `<input type="date">` writes it: any time of it is in the past. */
function isoYesterday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date(Date.now() - 86_400_000));
}

for (const js of [true, false]) {
  const how = js ? 'with' : 'without';
  // A value of each run's own, so the two runs on the shared demo data do not meet.
  const systolic = js ? '151' : '152';
  test(`Matti records his blood pressure, is told what is wrong without losing it, and corrects a value (${how} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await loginAs(page, PEOPLE.matti.code, 'en', js);
    await expect(page).toHaveURL(/\/$/);
    await page.getByRole('link', { name: 'Wellbeing data', exact: true }).click();
    await expect(page).toHaveURL(/\/wellbeing$/);
    await expect(page.getByTestId('own-entries')).toContainText('self-recorded (by the person or a guardian)');
    await expect(page.getByTestId('wb-blood_glucose').getByTestId('wb-table')).toContainText('mmol/l');

    const form = page.getByTestId('wb-form-blood_pressure');
    // The lower pressure above the upper: refused, said why, nothing lost.
    await form.getByLabel('Date').fill(isoYesterday());
    await form.getByLabel('Time').fill('07:30');
    await form.getByLabel('Systolic (mmHg)').fill('90');
    await form.getByLabel('Diastolic (mmHg)').fill('120');
    await form.getByRole('button', { name: 'Save the measurement' }).click();
    await expect(page.getByRole('alert')).toContainText('The diastolic pressure must be lower than the systolic.');
    await expect(form.getByLabel('Systolic (mmHg)')).toHaveValue('90');
    await expect(form.getByLabel('Diastolic (mmHg)')).toHaveValue('120');

    await form.getByLabel('Date').fill(isoYesterday());
    await form.getByLabel('Time').fill('07:30');
    await form.getByLabel('Systolic (mmHg)').fill(systolic);
    await form.getByLabel('Diastolic (mmHg)').fill('95');
    await form.getByLabel('Pulse (/min), optional').fill('70');
    await form.getByRole('button', { name: 'Save the measurement' }).click();
    await expect(page.getByTestId('flash')).toHaveText('The measurement was saved.');
    const table = page.getByTestId('wb-blood_pressure').getByTestId('wb-table');
    const row = table.getByRole('row').filter({ hasText: `${systolic}/95 mmHg` });
    await expect(row).toContainText('Self-recorded');

    // A correction: a new entry; the value it corrects stays, marked.
    await row.getByRole('link', { name: /^Correct/ }).click();
    await expect(page).toHaveURL(/\/wellbeing\/correct\/\d+$/);
    await expect(page.getByTestId('wb-original')).toContainText(`${systolic}/95 mmHg`);
    const correction = page.getByTestId('wb-form-blood_pressure');
    await expect(correction.getByLabel('Systolic (mmHg)')).toHaveValue(systolic);
    await correction.getByLabel('Systolic (mmHg)').fill('135');
    await correction.getByRole('button', { name: 'Save the measurement' }).click();
    await expect(page).toHaveURL(/\/wellbeing(#wb-blood_pressure)?$/);
    const corrected = table.locator('[data-state=corrected]').filter({ hasText: `${systolic}/95 mmHg` });
    await expect(corrected).toContainText('Corrected to 135/95 mmHg, 70/min');
    await expect(table.getByRole('row').filter({ hasText: `Corrects ${systolic}/95 mmHg` })).toContainText('135/95');
  });
}

test('Helmi sees two years of home blood pressure against the target, and her corrected slip', async ({ page }) => {
  await loginAs(page, MORE_PEOPLE.helmi.code, 'fi');
  await page.goto('/wellbeing');
  const section = page.getByTestId('wb-blood_pressure');
  await expect(section.getByTestId('wb-chart-systolic')).toBeVisible();
  await expect(section.getByTestId('wb-chart-diastolic')).toBeVisible();
  await expect(section).toContainText('alle 135/85 mmHg');
  await expect(section.locator('[data-state=corrected]').filter({ hasText: '183/84 mmHg' })).toContainText('arvoon 138/84 mmHg');
  await expect(page.getByTestId('wb-consent-healthcare')).toContainText('Lupa annettu');
  await expect(page.getByTestId('wb-consent-social_welfare')).toContainText('Lupaa ei ole annettu.');
});

for (const js of [false, true]) {
  test(`Juhani shares his wellbeing data with social welfare, the preview says so, and he withdraws it (${js ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await loginAs(page, PEOPLE.juhani.code, 'en', js);
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/wellbeing');
    const form = page.getByTestId('wb-form-weight');
    await form.getByLabel('Date').fill(isoYesterday());
    await form.getByLabel('Time').fill('06:50');
    await form.getByLabel('Weight (kg)').fill(js ? '81,2' : '81,4');
    await form.getByRole('button', { name: 'Save the measurement' }).click();
    await expect(page.getByTestId('flash')).toHaveText('The measurement was saved.');

    await page.goto('/data-use');
    const consent = page.getByTestId('wellbeing-consent-social_welfare');
    await expect(consent.getByTestId('state')).toHaveText('No consent given.');
    await consent.getByRole('button', { name: 'Give the consent for social welfare' }).click();
    await expect(page).toHaveURL(/\/data-use#du-wellbeing$/);
    await expect(consent.getByTestId('state')).toContainText('Consent given on');
    if (js) await expectAccessible(page, 'Management of Data Use with the wellbeing consents');

    const previewRow = async (viewer: string) => {
      await page.goto(`/data-use/preview?viewer=${encodeURIComponent(viewer)}&situation=treatment`);
      return page.getByTestId('preview-row').filter({ hasText: 'Wellbeing data: weight' });
    };
    let row = await previewRow('pohjois-pohjanmaa:social_welfare');
    await expect(row).toHaveAttribute('data-visible', 'true');
    await expect(row).toContainText('Your consent to share wellbeing data');
    row = await previewRow('pohjois-pohjanmaa:healthcare');
    await expect(row).toHaveAttribute('data-visible', 'false');
    await expect(row).toContainText('No consent to share wellbeing data with this sector.');
    await page.goto('/data-use/history');
    await expect(page.getByTestId('history').getByRole('row').nth(1)).toContainText('Consent to share wellbeing data with social welfare given');

    await page.goto('/data-use');
    await page.getByTestId('wellbeing-consent-social_welfare').getByRole('link', { name: 'Withdraw the consent for social welfare' }).click();
    await expect(page.getByTestId('consequences')).toContainText('not even in an emergency');
    await page.getByRole('button', { name: 'Withdraw the consent', exact: true }).click();
    await expect(page.getByTestId('wellbeing-consent-social_welfare').getByTestId('state')).toHaveText('No consent given.');
    row = await previewRow('pohjois-pohjanmaa:social_welfare');
    await expect(row).toHaveAttribute('data-visible', 'false');
  });
}

test('a guardian records for Eetu (8), not for Sofia (16)', async ({ page }) => {
  await loginAs(page, MORE_PEOPLE.oskari.code, 'en');
  await expect(page).toHaveURL(/\/whose$/);
  await page.getByRole('button', { name: 'Show the data of Eetu Laine' }).click();
  await expect(page.getByTestId('acting-for')).toContainText('Eetu Laine');
  await page.goto('/wellbeing');
  const form = page.getByTestId('wb-form-weight');
  await form.getByLabel('Date').fill(isoYesterday());
  await form.getByLabel('Time').fill('19:00');
  await form.getByLabel('Weight (kg)').fill('27,4');
  await form.getByRole('button', { name: 'Save the measurement' }).click();
  await expect(page.getByTestId('flash')).toHaveText('The measurement was saved.');
  await expect(page.getByTestId('wb-weight').getByRole('row').filter({ hasText: '27.4 kg' }).first()).toContainText('Recorded by a guardian');

  await page.goto('/whose');
  await page.getByRole('button', { name: 'Show the data of Sofia Laine' }).click();
  await expect(page.getByTestId('acting-for')).toContainText('Sofia Laine');
  await page.goto('/wellbeing');
  await expect(page.getByTestId('guardian-limit')).toContainText('before the child turned 10');
  await expect(page.getByTestId('wb-record')).toHaveCount(0);
});

test("Anna, acting for Helmi by an e-authorisation, is refused Helmi's wellbeing data", async ({ page }) => {
  await loginAs(page, '140282-9725', 'en');
  await page.getByRole('button', { name: 'Show the data of Helmi Koskinen' }).click();
  await expect(page.getByTestId('acting-for')).toContainText('Helmi Koskinen');
  const res = await page.goto('/wellbeing');
  expect(res?.status()).toBe(403);
  await expect(page.locator('main')).toContainText("you cannot handle another person's wellbeing data");
});

for (const lang of LANGS) {
  test(`the wellbeing page passes axe in ${lang}`, async ({ page }) => {
    await loginAs(page, MORE_PEOPLE.helmi.code, lang);
    await page.goto('/wellbeing');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE[lang]);
    await expect(page.getByTestId('wb-chart-systolic')).toBeVisible();
    await expectAccessible(page, `wellbeing (${lang})`);
    const first = page.getByTestId('wb-blood_pressure').getByRole('link', { name: new RegExp(`^${lang === 'fi' ? 'Korjaa' : lang === 'sv' ? 'Korrigera' : 'Correct'}`) }).first();
    await first.click();
    await expect(page).toHaveURL(/\/wellbeing\/correct\/\d+$/);
    await expectAccessible(page, `correcting a measurement (${lang})`);
  });
}

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('the wellbeing page passes axe and does not scroll sideways', async ({ page }) => {
    await loginAs(page, PEOPLE.matti.code, 'fi');
    await page.goto('/wellbeing');
    await expect(page.getByTestId('wb-blood_glucose')).toBeVisible();
    await expectAccessible(page, 'wellbeing at phone width');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
