import { test, expect } from '@playwright/test';
import { PEOPLE, T, today, login, switchLanguage, expectAccessible, expectNoScripts } from './helpers';

// These tests change who has confirmed the notice, so they run in order,
// each person once per (fresh) database.
test.describe.configure({ mode: 'serial' });

test.describe('with JavaScript', () => {
  test('Aino: the notice opens first, holds for a typed-in URL, and confirming leads to the front page with the date', async ({ page }) => {
    await login(page, PEOPLE.aino.code);
    await expect(page).toHaveURL(/\/notice$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.fi.noticeTitle);
    await expect(page.getByText('Versio 2023-11', { exact: false })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Terveystiedot Uudellamaalla', exact: true })).toBeVisible();

    // Every other page waits for the notice, also when typed in.
    await page.goto('/');
    await expect(page).toHaveURL(/\/notice$/);
    await page.goto('/no-such-page');
    await expect(page).toHaveURL(/\/notice$/);
    await expect(page.getByText(PEOPLE.aino.name).filter({ visible: true })).toBeVisible();

    // The unconfirmed notice, with its form, passes axe in every language.
    for (const lang of ['fi', 'sv', 'en'] as const) {
      if (lang !== 'fi') await switchLanguage(page, lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(T[lang].noticeTitle);
      await expect(page.getByRole('button', { name: T[lang].confirm })).toBeVisible();
      await expectAccessible(page, `the unconfirmed notice (${lang})`);
    }
    await switchLanguage(page, 'fi');
    await expectNoScripts(page);

    await page.getByRole('button', { name: T.fi.confirm }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.fi.greeting(PEOPLE.aino.name));
    await expect(page.getByTestId('notice-status')).toHaveText(T.fi.confirmedOnline(today('fi'), '2023-11'));

    // Confirmed: the notice can be read again and says when it was confirmed.
    await page.goto('/notice');
    await expect(page.getByText(`Kuittasit tämän version vastaanotetuksi ${today('fi')}`)).toBeVisible();
    await expect(page.getByRole('button', { name: T.fi.confirm })).toHaveCount(0);
  });

  test('Aino: logging in again goes straight to the front page', async ({ page }) => {
    await login(page, PEOPLE.aino.code);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.fi.greeting(PEOPLE.aino.name));
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('Liisa, who confirmed only 2022-11, gets 2023-11 first; login and confirmation work without JavaScript', async ({ page }) => {
    await login(page, PEOPLE.liisa.code, { js: false });
    await expect(page).toHaveURL(/\/notice$/);
    await expect(page.getByText('Versio 2023-11', { exact: false })).toBeVisible();
    await page.goto('/');
    await expect(page).toHaveURL(/\/notice$/);

    await page.getByRole('button', { name: T.fi.confirm }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.fi.greeting(PEOPLE.liisa.name));
    await expect(page.getByTestId('notice-status')).toHaveText(T.fi.confirmedOnline(today('fi'), '2023-11'));

    // Logging out without JavaScript deletes the session too.
    await page.getByRole('button', { name: T.fi.logout }).click();
    await expect(page).toHaveURL(/\/login\?logged_out$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
  });
});
