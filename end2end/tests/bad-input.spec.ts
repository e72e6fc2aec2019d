import { test, expect } from '@playwright/test';
import { PEOPLE, PASSWORD, T, login } from './helpers';

test('a tampered session cookie is just no session: the login page, never an error', async ({ page, context, baseURL }) => {
  for (const value of ['not-a-session-id', 'AAAAAAAAAAAAAAAAAAAAAA', '%00%ff<script>', 'x'.repeat(4000)]) {
    await context.clearCookies();
    await context.addCookies([{ name: 'kanta_session', value, url: baseURL! }]);
    const response = await page.goto('/');
    expect(response!.status()).toBeLessThan(500);
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.fi.loginTitle);
  }
});

test('server functions without a session answer 401 with a typed error, not 500', async ({ request }) => {
  for (const [fn, body] of [
    ['confirm_notice', 'version=2023-11'],
    ['current_notice', 'locale=Fi'],
    ['front_page', 'locale=Fi'],
  ]) {
    const res = await request.post(`/api/${fn}`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: body,
    });
    expect(res.status(), fn).toBe(401);
    expect(await res.json(), fn).toBe('NotAuthenticated');
  }
});

test('confirming a notice version that does not exist is refused and records nothing', async ({ request }) => {
  const form = { headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  const login = await request.post('/api/login', { ...form, data: `identity_code=${PEOPLE.matti.code}&password=${PASSWORD}` });
  expect(login.status()).toBe(200);
  expect(await login.json()).toBe('/');

  for (const version of ['1999-01', 'nonsense', '2023-13', '']) {
    const res = await request.post('/api/confirm_notice', { ...form, data: `version=${version}` });
    expect(res.status(), version).toBe(400);
    expect(await res.json(), version).toBe('UnknownNoticeVersion');
  }
  // An old version is not the one to confirm.
  const old = await request.post('/api/confirm_notice', { ...form, data: 'version=2022-11' });
  expect(old.status()).toBe(409);
  expect(await old.json()).toBe('NoticeVersionOutdated');

  // Arguments that do not deserialise are a bad request, not a crash.
  const broken = await request.post('/api/confirm_notice', { ...form, data: 'nothing=here' });
  expect(broken.status()).toBe(400);
  const badLocale = await request.post('/api/front_page', { ...form, data: 'locale=Klingon' });
  expect(badLocale.status()).toBe(400);
});

test('the login server function answers malformed input with typed errors', async ({ request }) => {
  const form = { headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  const cases: [string, number, unknown][] = [
    ['identity_code=12345&password=x', 400, { InvalidIdentityCode: 'WrongLength' }],
    ['identity_code=120385-9016&password=x', 400, { InvalidIdentityCode: 'WrongCheckCharacter' }],
    [`identity_code=${PEOPLE.matti.code}&password=`, 400, 'PasswordMissing'],
    [`identity_code=${PEOPLE.matti.code}&password=nope`, 401, 'BadCredentials'],
  ];
  for (const [data, status, body] of cases) {
    const res = await request.post('/api/login', { ...form, data });
    expect(res.status(), data).toBe(status);
    expect(await res.json(), data).toEqual(body);
  }
});

test('responses carry security headers; pages are not stored', async ({ request }) => {
  const res = await request.get('/login');
  const h = res.headers();
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['cache-control']).toBe('no-store');
  expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
});

test('the WASM of the print island is served precompressed, by its content hash, kept for good', async ({ page }) => {
  await login(page, PEOPLE.matti.code);
  await page.goto('/prescriptions');
  const href = await page.locator('link[rel="preload"][as="fetch"]').getAttribute('href');
  expect(href).toMatch(/^\/pkg\/kanta\.[0-9a-f]{16}\.wasm$/);
  const res = await page.request.get(href!, { headers: { 'accept-encoding': 'br, gzip' } });
  expect(res.status()).toBe(200);
  expect(res.headers()['content-encoding']).toBe('br');
  expect(res.headers()['content-type']).toBe('application/wasm');
  expect(res.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  // Only the hashed names are published.
  const plain = await page.request.get('/pkg/kanta.css');
  expect(plain.status()).toBe(404);
});

test('a form on another site cannot log in or declare here: refused with a translated page', async ({ page, baseURL }) => {
  // A page of another origin (served by the test itself) whose forms post here.
  await page.route('http://other-site.test/**', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!DOCTYPE html><html lang="en"><title>x</title><main>
      <form method="post" action="${baseURL}/api/login">
        <input name="identity_code" value="${PEOPLE.matti.code}"><input name="password" value="${PASSWORD}">
        <button>go</button></form></main></html>`,
  }));
  await page.goto('http://other-site.test/');
  await page.getByRole('button', { name: 'go' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(page.url()).toBe(`${baseURL}/api/login`);
  await expect(page.locator('main')).toContainText('Pyyntö tuli toiselta verkkosivustolta');
  // No session was made: the portal still asks for a login.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});
