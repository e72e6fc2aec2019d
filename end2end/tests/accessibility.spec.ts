import { test, expect } from '@playwright/test';
import { LANGS, PEOPLE, T, login, switchLanguage, useLanguage, expectAccessible } from './helpers';

// The unconfirmed notice (with its form) is checked in notice-flow.spec.ts.
for (const lang of LANGS) {
  test(`login, notice and front page pass axe (WCAG 2.1 A/AA) in ${lang}`, async ({ page }) => {
    await page.goto('/login');
    if (lang !== 'fi') await switchLanguage(page, lang);
    await expectAccessible(page, `login (${lang})`);

    // The error state of the login form.
    await page.getByLabel(T[lang].code, { exact: true }).fill('nonsense');
    await page.getByRole('button', { name: T[lang].login, exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, `login with an error (${lang})`);

    await login(page, PEOPLE.matti.code, { lang });
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(T[lang].greeting(PEOPLE.matti.name));
    await expectAccessible(page, `front page (${lang})`);

    await page.goto('/notice');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(T[lang].noticeTitle);
    await expectAccessible(page, `notice (${lang})`);

    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page, `not found (${lang})`);
  });
}

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/login');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Siirry sisältöön' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('the layout works at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/login');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page, 'login at phone width');
});

// The steps before ending a declaration and before a new denial. Juhani's
// denial is never cancelled by the suite: opening the step changes nothing.
for (const lang of LANGS) {
  test(`the steps of ending a denial and of a new denial pass axe in ${lang}`, async ({ page }) => {
    await useLanguage(page, lang);
    await login(page, PEOPLE.juhani.code, { lang });
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/data-use');
    await page.getByTestId('denial').first().locator('a[href^="/data-use/end?"]').click();
    await expect(page).toHaveURL(/\/data-use\/end\?what=denial&target=\d+$/);
    await expect(page.getByTestId('ending-what')).toBeVisible();
    await expectAccessible(page, `ending a denial (${lang})`);
    await page.goto('/data-use/denials/new?kind=service_event');
    await expect(page.getByTestId('denial-steps')).toBeVisible();
    await expectAccessible(page, `the second step of a new denial (${lang})`);
  });
}
