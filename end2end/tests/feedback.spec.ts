import { test, expect, Page } from '@playwright/test';
import { PASSWORD, T, expectAccessible, fillLogin, login } from './helpers';

// Every action ends with a status message that says what happened, once,
// with and without JavaScript, on a phone and on a desktop.
const ANNA = '140282-9725';

async function giveAndWithdraw(page: Page, js: boolean) {
  await page.goto('/data-use');
  const consent = page.getByTestId('consent-social_welfare');
  await consent.getByRole('button', { name: /^Anna luovutuslupa/ }).click();
  await expect(page).toHaveURL(/\/data-use#du-consents$/);
  const status = page.getByRole('status').filter({ hasText: 'Tallennettu.' });
  await expect(status).toHaveText(/^Tallennettu\. Luovutuslupa annettu: .+\.$/);
  // Said beside what changed: in the consents section, which the page scrolled to.
  const consents = page.locator('section[aria-labelledby="du-consents"]');
  await expect(consents.getByRole('status')).toHaveText(/^Tallennettu\./);
  await expect(consents.getByRole('status')).toBeInViewport();
  await expect(page.getByRole('status')).toHaveCount(1);
  if (js) await expectAccessible(page, 'the data use page with its status message');
  // Said once: the next view of the page has no message.
  await page.reload();
  await expect(page.getByTestId('flash')).toHaveCount(0);
  await consent.getByRole('link', { name: /^Peruuta luovutuslupa/ }).click();
  // The step before: what ends and what follows, in words.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vahvista luovutusluvan peruuttaminen');
  await expect(page.getByTestId('consequences')).toContainText('sosiaalihuollon asiakastietojasi');
  if (js) await expectAccessible(page, 'the step before withdrawing a consent');
  await page.getByRole('button', { name: 'Peruuta luovutuslupa' }).click();
  await expect(page).toHaveURL(/\/data-use#du-consents$/);
  await expect(page.getByRole('status').filter({ hasText: 'Tallennettu.' })).toHaveText(
    /^Tallennettu\. Luovutuslupa peruutettu: .+\.$/,
  );
}

for (const js of [false, true]) {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    test.describe(`${js ? 'with' : 'without'} JavaScript at ${viewport.width} × ${viewport.height}`, () => {
      test.use({ javaScriptEnabled: js, viewport });
      test('a consent given and withdrawn is confirmed in words, and logging out too', async ({ page }) => {
        await login(page, ANNA, { js });
        await expect(page).toHaveURL(/\/whose$/);
        await giveAndWithdraw(page, js);
        // On a phone the session's buttons are in the menu.
        if (viewport.width < 600) await page.locator('.header-menu > summary').click();
        await page.getByRole('button', { name: T.fi.logout }).filter({ visible: true }).click();
        await expect(page).toHaveURL(/\/login\?logged_out$/);
        await expect(page.getByRole('status')).toHaveText('Olet kirjautunut ulos.');
        if (js) await expectAccessible(page, 'the login page after logging out');
      });
    });
  }
}

for (const js of [false, true]) {
  test(`a page asked for before logging in is the page after it (${js ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    await page.goto('/vaccinations');
    await expect(page).toHaveURL(/\/login\?next=%2Fvaccinations$/);
    await fillLogin(page, ANNA, PASSWORD);
    await expect(page).toHaveURL(/\/vaccinations$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rokotukset');
    await context.close();
  });
}
