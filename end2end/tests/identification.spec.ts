import { test, expect, Page } from '@playwright/test';
import { LANGS, Lang, PEOPLE, T, expectAccessible, expectNoScripts, useLanguage } from './helpers';

// Identification as Finns do it: the login page's first choice goes to the
// identification service (here the repository's test service, a real OpenID
// provider started beside the portal), which sends the person back logged in.
// Logging out ends the portal's session, then the service's. axe runs in the
// page, so it checks the pages with JavaScript on (the HTML is the same).

/** The test identification service's texts (end2end/oidc-provider/screens.mjs). */
const SERVICE = {
  fi: {
    identify: 'Tunnistaudu (Suomi.fi)', screen: 'Testitunnistus', as: (n: string) => `Tunnistaudu: ${n}`,
    logoutTitle: 'Kirjaudu ulos tunnistuspalvelusta', logoutYes: 'Kirjaudu ulos',
    cancel: 'Keskeytä ja palaa palveluun', cancelled: 'Tunnistautuminen keskeytettiin.', back: 'Palaa kirjautumiseen',
    loggedOut: 'Olet kirjautunut ulos.',
  },
  sv: {
    identify: 'Identifiera dig (Suomi.fi)', screen: 'Testidentifiering', as: (n: string) => `Identifiera dig: ${n}`,
    logoutTitle: 'Logga ut från identifieringstjänsten', logoutYes: 'Logga ut',
    cancel: 'Avbryt och återgå till tjänsten', cancelled: 'Identifieringen avbröts.', back: 'Tillbaka till inloggningen',
    loggedOut: 'Du har loggat ut.',
  },
  en: {
    identify: 'Identify (Suomi.fi)', screen: 'Test identification', as: (n: string) => `Identify as ${n}`,
    logoutTitle: 'Log out of the identification service', logoutYes: 'Log out',
    cancel: 'Cancel and return to the service', cancelled: 'The identification was cancelled.', back: 'Back to logging in',
    loggedOut: 'You have logged out.',
  },
} as const;

async function toTheService(page: Page, lang: Lang, js: boolean) {
  await useLanguage(page, lang);
  await page.goto('/login');
  if (js) await expectNoScripts(page);
  const identify = page.getByRole('link', { name: SERVICE[lang].identify, exact: true });
  // The first choice: before the demo's password form.
  const [link, password] = await Promise.all([
    identify.boundingBox(),
    page.getByLabel(T[lang].password, { exact: true }).boundingBox(),
  ]);
  expect(link!.y).toBeLessThan(password!.y);
  if (js) await expectAccessible(page, `the login page (${lang})`);
  await identify.click();
  await expect(page.getByRole('heading', { level: 1, name: SERVICE[lang].screen })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  if (js) await expectAccessible(page, `the test identification screen (${lang})`);
}

for (const js of [true, false]) {
  test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: js });

    for (const lang of LANGS) {
      test(`${lang}: identify at the service, land on the front page, log out of both`, async ({ page }) => {
        await toTheService(page, lang, js);
        await page.getByRole('button', { name: `${SERVICE[lang].as(PEOPLE.matti.name)} (${PEOPLE.matti.code})` }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(T[lang].greeting(PEOPLE.matti.name));
        await expect(page).toHaveURL(/\/$/);
        if (js) await expectAccessible(page, `the front page after identification (${lang})`);

        await page.getByRole('button', { name: T[lang].logout, exact: true }).click();
        await expect(page.getByRole('heading', { level: 1, name: SERVICE[lang].logoutTitle })).toBeVisible();
        if (js) await expectAccessible(page, `the service's logout page (${lang})`);
        await page.getByRole('button', { name: SERVICE[lang].logoutYes, exact: true }).click();
        await expect(page).toHaveURL(/\/login\?logged_out$/);
        await expect(page.getByTestId('flash')).toHaveText(SERVICE[lang].loggedOut);
        // The portal's session is gone: a page of data asks to log in again.
        await page.goto('/records');
        await expect(page).toHaveURL(/\/login/);
      });
    }

    test('cancelling at the service is a clear page with the way back', async ({ page }) => {
      await toTheService(page, 'fi', js);
      await page.getByRole('button', { name: SERVICE.fi.cancel, exact: true }).click();
      await expect(page.getByText(SERVICE.fi.cancelled)).toBeVisible();
      if (js) await expectAccessible(page, 'a cancelled identification');
      await page.getByRole('link', { name: SERVICE.fi.back, exact: true }).click();
      await expect(page).toHaveURL(/\/login$/);
    });

    test('a typed identity code of someone the portal does not know gets no account', async ({ page }) => {
      await toTheService(page, 'en', js);
      await page.getByLabel('Personal identity code', { exact: true }).fill('010280-952L');
      await page.getByRole('button', { name: 'Identify', exact: true }).click();
      await expect(page.getByText('The service does not create new users.')).toBeVisible();
      if (js) await expectAccessible(page, 'an unknown person');
    });
  });
}
