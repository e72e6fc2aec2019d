import { test, expect, type Page } from '@playwright/test';
import { LANGS, MORE_PEOPLE, login, useLanguage, expectAccessible, type Lang } from './helpers';

// Laboratory results over time: from the health data page and
// from a result entry to a test's chart and table, with and without
// JavaScript; axe at desktop and phone width in every language.

async function loginAsHelmi(page: Page, lang: Lang = 'en', js = true) {
  await useLanguage(page, lang);
  await login(page, MORE_PEOPLE.helmi.code, { lang, js });
  await expect(page).toHaveURL(/\/$/);
}

for (const js of [true, false]) {
  test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: js });

    test("Helmi follows her creatinine over ten years", async ({ page }) => {
      await loginAsHelmi(page, 'en', js);
      await page.goto('/records');
      await page.getByRole('link', { name: 'Laboratory results', exact: true }).click();
      await expect(page).toHaveURL(/\/laboratory$/);
      const tests = page.getByTestId('lab-tests');
      // Names people know first, then the code as the laboratory prints it.
      await expect(tests.getByRole('rowheader')).toHaveText([
        'Haemoglobin (B -Hb) over time', 'Glycated haemoglobin (B -HbA1c) over time',
        'Glucose, fasting (fP -Gluk) over time', 'LDL cholesterol (fP -Kol-LDL) over time',
        'Creatinine (P -Krea) over time', 'Thyroid-stimulating hormone (P -TSH) over time',
      ]);
      await tests.getByRole('link', { name: 'Creatinine (P -Krea) over time' }).click();
      await expect(page).toHaveURL(/\/laboratory\/P%20-Krea$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Creatinine (P -Krea) over time');
      // The chart is an image with a name and a description; the table holds every value.
      const chart = page.getByRole('img', { name: 'Creatinine (P -Krea) over time' });
      await expect(chart).toBeVisible();
      const rows = page.getByTestId('lab-results').locator('tbody tr');
      const count = await rows.count();
      expect(count).toBeGreaterThanOrEqual(20);
      await expect(page.getByTestId('lab-summary')).toContainText(`${count} results,`);
      await expect(page.getByTestId('lab-reference')).toHaveText('Reference range 50–90 µmol/l.');
      await expect(chart.locator('circle, path')).toHaveCount(count);
      const above = await rows.filter({ hasText: 'above the range' }).count();
      expect(above).toBeGreaterThan(0);
      await expect(chart.locator('.lab-chart__point--outside')).toHaveCount(above);
      await expect(page.getByTestId('lab-summary')).toContainText(`${above} outside the reference range`);
      // The trend in words, as the last three values in the table say (newest first).
      const last = (await rows.evaluateAll((trs) => trs.slice(0, 3).map((tr) => tr.children[1].textContent!)))
        .map((v) => parseFloat(v.replace(',', '.')));
      const change = (last[0] - last[last.length - 1]) / Math.abs(last[last.length - 1]);
      const went = change >= 0.05 ? 'risen' : change <= -0.05 ? 'fallen' : 'stayed steady';
      const where = (await rows.first().locator('td').nth(2).textContent())!.includes('above') ? 'above'
        : (await rows.first().locator('td').nth(2).textContent())!.includes('below') ? 'below' : 'within';
      await expect(page.getByTestId('lab-trend')).toHaveText(`The last values have ${went}; the latest is ${where} the reference range.`);
      // Newest first; a date opens the service event it was recorded in.
      await rows.first().getByRole('link').click();
      await expect(page).toHaveURL(/\/records\/events\/\d+$/);
    });

    test("a result entry links to its test's page", async ({ page }) => {
      await loginAsHelmi(page, 'fi', js);
      await page.getByTestId('glance-new-entries').getByRole('link', { name: /^Kreatiniini \(P -Krea\): \d+ µmol\/l$/ }).click();
      await page.getByRole('link', { name: 'Kreatiniini (P -Krea) ajan mittaan' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kreatiniini (P -Krea) ajan mittaan');
      await expect(page.getByTestId('lab-reference')).toHaveText('Viitealue 50–90 µmol/l.');
    });
  });
}

test('a bad test code is named and an unknown test is not found', async ({ page }) => {
  await loginAsHelmi(page);
  const bad = await page.goto('/laboratory/P%20Krea');
  expect(bad!.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText("That is not a laboratory test's code (such as P -Krea).");
  const unknown = await page.goto('/laboratory/S%20-Tyyppi');
  expect(unknown!.status()).toBe(404);
});

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('the chart fits the screen and the table scrolls with the page', async ({ page }) => {
    await loginAsHelmi(page);
    await page.goto('/laboratory/B%20-HbA1c');
    const box = await page.getByTestId('lab-chart').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});

for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
  test.describe(`axe at ${label} width`, () => {
    test.use({ viewport });
    for (const lang of LANGS) {
      test(`the laboratory pages pass axe in ${lang} (${label})`, async ({ page }) => {
        await loginAsHelmi(page, lang);
        await page.goto('/laboratory');
        await expectAccessible(page, `laboratory results (${lang}, ${label})`);
        await page.goto('/laboratory/fP%20-Kol-LDL');
        await expect(page.getByTestId('lab-chart')).toBeVisible();
        await expectAccessible(page, `LDL cholesterol over time (${lang}, ${label})`);
      });
    }
  });
}

test('the print layout keeps the chart and the table and drops the header', async ({ page }) => {
  await loginAsHelmi(page);
  await page.goto('/laboratory/P%20-Krea');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByTestId('lab-chart')).toBeVisible();
  await expect(page.getByTestId('lab-results')).toBeVisible();
});
