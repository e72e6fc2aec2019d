import { test, expect, type Page } from '@playwright/test';
import { MORE_PEOPLE, login, useLanguage, expectNoScripts, waitForHydration } from './helpers';

// Every page renders on the server; only the print button is an island.
// A page without an island loads no JavaScript and no WASM; a page with one
// loads them under content-hashed names that the browser keeps for a year.

async function loginHelmi(page: Page, js = true) {
  await useLanguage(page, 'en');
  await login(page, MORE_PEOPLE.helmi.code, { js, lang: 'en' });
  await expect(page).toHaveURL(/\/$/);
}

test('pages without an island load no JavaScript and no WASM', async ({ page }) => {
  await loginHelmi(page); // the login page is checked on the way in
  for (const path of ['/', '/records', '/social-welfare', '/data-use', '/data-use/preview', '/data-use/history']) {
    await page.goto(path);
    await expectNoScripts(page);
  }
});

for (const path of ['/prescriptions', '/data-use/summary']) {
  test(`the print button on ${path} is an island: it wakes with JavaScript and prints`, async ({ page }) => {
    const assets: { url: string; cache: string }[] = [];
    page.on('response', (r) => {
      if (/\.(js|wasm)$/.test(new URL(r.url()).pathname)) assets.push({ url: r.url(), cache: r.headers()['cache-control'] ?? '' });
    });
    await loginHelmi(page);
    await page.goto(path);
    await waitForHydration(page);
    const button = page.getByRole('button', { name: 'Print', exact: true });
    await expect(button).toBeVisible();
    await page.evaluate(() => {
      (window as any).printed = 0;
      window.print = () => { (window as any).printed += 1; };
    });
    await button.click();
    expect(await page.evaluate(() => (window as any).printed)).toBe(1);
    // The glue and the WASM, each by the hash of its content, kept for good.
    expect(assets.map((a) => new URL(a.url).pathname.replace(/[0-9a-f]{16}/, 'HASH')).sort())
      .toEqual(['/pkg/kanta.HASH.js', '/pkg/kanta.HASH.wasm']);
    for (const a of assets) expect(a.cache, a.url).toBe('public, max-age=31536000, immutable');
  });
}

test('without JavaScript the print button stays hidden and the page is whole', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await loginHelmi(page, false);
  await page.goto('/prescriptions');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeHidden();
  await context.close();
});
