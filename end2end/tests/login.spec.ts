import { test, expect } from '@playwright/test';
import { PEOPLE, PASSWORD, T, fillLogin, login, expectNoScripts, switchLanguage, today } from './helpers';

for (const js of [true, false]) {
  test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: js });

    const open = async (page: import('@playwright/test').Page) => {
      await page.goto('/login');
      if (js) await expectNoScripts(page);
    };

    test('a wrong password shows the error and stays on the login page', async ({ page }) => {
      await open(page);
      await fillLogin(page, PEOPLE.matti.code, 'wrong-password');
      await expect(page.getByRole('alert')).toContainText(T.fi.badCredentials);
      await expect(page).toHaveURL(/\/login/);
      await expect(page.getByLabel(T.fi.code, { exact: true })).toHaveAttribute('aria-invalid', 'true');
      // Nothing typed is lost but the password, which is never echoed back
      // (the form posts and the page loads again, with JavaScript too).
      await expect(page.getByLabel(T.fi.code, { exact: true })).toHaveValue(PEOPLE.matti.code);
      await expect(page.getByLabel(T.fi.password, { exact: true })).toHaveValue('');
    });

    test('an unknown identity code gets the same answer as a wrong password', async ({ page }) => {
      await open(page);
      await fillLogin(page, '010101-999X', PASSWORD); // a valid code nobody has
      await expect(page.getByRole('alert')).toContainText(T.fi.badCredentials);
      await expect(page).toHaveURL(/\/login/);
    });

    test('a malformed identity code gets a clear message', async ({ page }) => {
      await open(page);
      await fillLogin(page, '120385-9016', PASSWORD);
      await expect(page.getByRole('alert')).toContainText('tarkistusmerkki');
      await fillLogin(page, '310285-9015', PASSWORD);
      await expect(page.getByRole('alert')).toContainText('syntymäaikaa ei ole olemassa');
      await fillLogin(page, '120385*9015', PASSWORD);
      await expect(page.getByRole('alert')).toContainText('välimerkki');
      await fillLogin(page, '12038', PASSWORD);
      await expect(page.getByRole('alert')).toContainText('11 merkkiä');
      await expect(page).toHaveURL(/\/login/);
    });

    test('an empty password gets a clear message', async ({ page }) => {
      await open(page);
      await fillLogin(page, PEOPLE.matti.code, '');
      await expect(page.getByRole('alert')).toContainText('Kirjoita salasanasi.');
    });
  });
}

test('the demo logins are listed on the login page in demo mode', async ({ page }) => {
  await page.goto('/login');
  const table = page.getByRole('table');
  for (const p of Object.values(PEOPLE)) {
    await expect(table.getByRole('row', { name: new RegExp(p.name) })).toContainText(p.code);
  }
});

test('every page but the login page needs a session', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  // Any other page is the page after logging in.
  for (const path of ['/notice', '/whatever']) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(path)}$`));
  }
});

test('Matti (confirmed 2023-11) goes straight to the front page, and Juhani sees his in-person confirmation', async ({ page, browser }) => {
  await login(page, PEOPLE.matti.code);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('notice-status')).toHaveText(T.fi.confirmedOnline('4.12.2023', '2023-11'));

  const other = await browser.newPage();
  await login(other, PEOPLE.juhani.code);
  await expect(other.getByTestId('notice-status')).toContainText('henkilökohtaisesti 20.2.2024 palvelunantajalta Pohjois-Pohjanmaan hyvinvointialue');
  await other.close();
});

test('logout returns to the login page, and Back shows no personal data', async ({ page }) => {
  await login(page, PEOPLE.matti.code);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.fi.greeting(PEOPLE.matti.name));
  await expectNoScripts(page);
  await page.getByRole('button', { name: T.fi.logout }).click();
  await expect(page).toHaveURL(/\/login\?logged_out$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.fi.loginTitle);
  // (The demo-login table names Matti; nothing else may.)
  await expect(page.getByText(/Kirjautunut|Hei, /)).toHaveCount(0);
  await expect(page.getByRole('button', { name: T.fi.logout })).toHaveCount(0);
});

test('the session id is cycled at login, and an old id no longer works', async ({ page, context, browser, baseURL }) => {
  await login(page, PEOPLE.matti.code);
  await expect(page).toHaveURL(/\/$/);
  const first = (await context.cookies()).find((c) => c.name === 'kanta_session')!;
  expect(first.httpOnly).toBe(true);
  expect(first.sameSite).toBe('Lax');

  // Logging in again within the same session gives it a new id.
  const res = await context.request.post('/api/login', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: `identity_code=${PEOPLE.matti.code}&password=${PASSWORD}`,
  });
  expect(res.status()).toBe(200);
  const second = (await context.cookies()).find((c) => c.name === 'kanta_session')!;
  expect(second.value).not.toBe(first.value);

  // Someone holding the old id has no session.
  const other = await browser.newContext();
  await other.addCookies([{ name: 'kanta_session', value: first.value, url: baseURL! }]);
  const stale = await other.newPage();
  await stale.goto('/');
  await expect(stale).toHaveURL(/\/login$/);
  await other.close();
});

test('dates follow the language on the front page', async ({ page }) => {
  await login(page, PEOPLE.matti.code);
  await expect(page).toHaveURL(/\/$/);
  await switchLanguage(page, 'en');
  await expect(page.getByTestId('notice-status')).toHaveText(T.en.confirmedOnline('4 December 2023', '2023-11'));
  await switchLanguage(page, 'sv');
  await expect(page.getByTestId('notice-status')).toHaveText(T.sv.confirmedOnline('4.12.2023', '2023-11'));
  expect(today('en')).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
});
