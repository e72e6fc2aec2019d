import { test, expect } from '@playwright/test';
import { T, switchLanguage, expectNoScripts } from './helpers';

test('switching to Swedish and English changes the texts and <html lang>, and the choice is remembered', async ({ page }) => {
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.fi.loginTitle);

  await switchLanguage(page, 'sv');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.sv.loginTitle);
  await expect(page.getByLabel(T.sv.code, { exact: true })).toBeVisible();

  await switchLanguage(page, 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.en.loginTitle);
  await expect(page).toHaveTitle(/MyKanta/);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.en.loginTitle);
  await expectNoScripts(page);
  // Still English, with no script that could change it.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.en.loginTitle);
});

test.describe('Accept-Language is the first guess', () => {
  test.use({ locale: 'sv-FI' });
  test('a Swedish browser gets Swedish', async ({ page }) => {
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.sv.loginTitle);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the language switch works', async ({ page }) => {
    await page.goto('/login');
    await switchLanguage(page, 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.en.loginTitle);
  });
});

test('the language switch only sends people back to this site', async ({ page }) => {
  await page.goto('/lang/en?back=//evil.example/');
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/login$/);
});
