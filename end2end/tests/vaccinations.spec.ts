import { test, expect, type Page } from '@playwright/test';
import { LANGS, MORE_PEOPLE, login, useLanguage, expectAccessible, type Lang } from './helpers';

// Vaccinations: one list of every vaccination with the vaccine,
// the dose and the date, newest first, linked from the front page.

async function loginAsHelmi(page: Page, lang: Lang = 'en', js = true) {
  await useLanguage(page, lang);
  await login(page, MORE_PEOPLE.helmi.code, { lang, js });
  await expect(page).toHaveURL(/\/$/);
}

/** A date as the English pages write it, for sorting. */
const parse = (s: string) => new Date(`${s} UTC`).getTime();

for (const js of [true, false]) {
  test(`Helmi opens her vaccinations from the front page, newest first (${js ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await loginAsHelmi(page, 'en', js);
    await page.getByRole('link', { name: 'Vaccinations', exact: true }).click();
    await expect(page).toHaveURL(/\/vaccinations$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vaccinations');
    const rows = page.getByTestId('vaccinations').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(10);
    const dates = await rows.locator('td:nth-child(1)').allTextContents();
    const times = dates.map(parse);
    expect(times.every((t, i) => i === 0 || times[i - 1] >= t), dates.join(', ')).toBe(true);
    for (const dose of await rows.locator('td:nth-child(3)').allTextContents()) expect(dose).toMatch(/^Dose \d+$/);
    await expect(rows.locator('td:nth-child(2)').filter({ hasText: 'Influenssarokote (Vaxigrip Tetra)' }).first()).toBeVisible();
    // First, one line per vaccine (whatever the product), its latest dose.
    const latest = page.getByTestId('vaccinations-latest').locator('tbody tr');
    const kinds = (await latest.locator('td:nth-child(2)').allTextContents()).map((v) => v.split(' (')[0]);
    expect(new Set(kinds).size, kinds.join(', ')).toBe(kinds.length);
    const allKinds = new Set((await rows.locator('td:nth-child(2)').allTextContents()).map((v) => v.split(' (')[0]));
    expect(kinds.length).toBe(allKinds.size);
    await expect(latest.first()).toHaveText(await rows.first().textContent() ?? '');
    // A date opens the service event the vaccination was recorded in.
    await rows.first().getByRole('link').click();
    await expect(page).toHaveURL(/\/records\/events\/\d+$/);
    await expect(page.locator('[data-kind="vaccination"]').first()).toBeVisible();
  });
}

for (const lang of LANGS) {
  test(`the vaccinations page passes axe in ${lang}`, async ({ page }) => {
    await loginAsHelmi(page, lang);
    await page.goto('/vaccinations');
    await expect(page.getByTestId('vaccinations')).toBeVisible();
    await expectAccessible(page, `vaccinations (${lang})`);
  });
}

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('the vaccinations page passes axe and does not scroll sideways', async ({ page }) => {
    await loginAsHelmi(page, 'fi');
    await page.goto('/vaccinations');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rokotukset');
    await expectAccessible(page, 'vaccinations at phone width');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
