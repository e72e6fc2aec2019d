import { test, expect, Page, Browser } from '@playwright/test';
import { LANGS, PEOPLE, MORE_PEOPLE, T, login, useLanguage, expectAccessible, expectNoScripts } from './helpers';

// These tests change the demo people's declarations: they run in order,
// after every other spec (see playwright.config.ts).
test.describe.configure({ mode: 'serial' });

async function loginEn(page: Page, code: string, js = true) {
  await useLanguage(page, 'en');
  await login(page, code, { js, lang: 'en' });
  // Someone whose notice is due confirms it first (an earlier spec may have done it).
  // (Someone who may act for others is then asked whose matters to handle.)
  await expect(page).toHaveURL(/\/(notice|whose)?$/);
  if (page.url().endsWith('/notice')) {
    await page.getByRole('button', { name: T.en.confirm }).click();
    await expect(page).toHaveURL(/\/(whose)?$/);
  }
}

async function noJs(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return { context, page: await context.newPage() };
}

const row = (page: Page, text: string) => page.getByTestId('preview-row').filter({ hasText: text });

async function preview(page: Page, viewer: string, situation = 'treatment') {
  await page.goto(`/data-use/preview?viewer=${encodeURIComponent(viewer)}&situation=${situation}`);
  await expect(page.getByTestId('preview')).toBeVisible();
}

test('Liisa cancels her service-event denial and the preview for another county shows that event', async ({ page }) => {
  await loginEn(page, PEOPLE.liisa.code);
  await preview(page, 'varsinais-suomi:healthcare');
  const event = row(page, 'Mielenterveyskäynti');
  await expect(event).toHaveAttribute('data-visible', 'false');
  await expect(event).toContainText('Your denial of consent to data sharing of');

  await page.goto('/data-use');
  await expectNoScripts(page);
  const denial = page.getByTestId('denial').filter({ hasText: 'Mielenterveyskäynti' });
  await denial.getByRole('link', { name: 'Cancel this denial' }).click();
  // A step that says what follows, then the one button.
  await expect(page.getByTestId('ending-what')).toContainText('You are cancelling the denial:');
  await expect(page.getByTestId('consequences')).toContainText('shared as your consents to data sharing and the law allow');
  await page.getByRole('button', { name: 'Cancel the denial' }).click();
  await expect(page.getByTestId('denial')).toHaveCount(1); // the prescription denial stays

  await preview(page, 'varsinais-suomi:healthcare');
  await expect(row(page, 'Mielenterveyskäynti')).toHaveAttribute('data-visible', 'true');
  await expect(row(page, 'Mielenterveyskäynti')).toContainText('Your consent to data sharing of');
});

// Before her consent is updated below: the front page puts it first.
for (const js of [false, true]) {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    test.describe(`${js ? 'with' : 'without'} JavaScript at ${viewport.width} × ${viewport.height}`, () => {
      test.use({ javaScriptEnabled: js, viewport });
      test("Liisa's consent from before 2024 needs her first, and its one action leads to it", async ({ page }) => {
        await useLanguage(page, 'fi');
        await login(page, PEOPLE.liisa.code, { js });
        await expect(page).toHaveURL(/\/(notice)?$/);
        if (page.url().endsWith('/notice')) {
          await page.getByRole('button', { name: T.fi.confirm }).click();
          await expect(page).toHaveURL(/\/$/);
        }
        const needs = page.getByTestId('needs-attention');
        await expect(needs.getByRole('heading', { level: 2 })).toHaveText('Vaatii huomiota');
        const update = needs.getByTestId('needs-update');
        await expect(update).toHaveText(/^Terveydenhuollon luovutuslupa on annettu ennen vuotta 2024/);
        // The status says what is, in words that are not an error.
        await expect(page.getByTestId('glance-data-use')).toContainText('Sosiaalihuollon luovutuslupaa ei ole annettu.');
        if (js) await expectAccessible(page, "Liisa's front page");
        await update.getByRole('link').click();
        await expect(page).toHaveURL(/\/data-use#du-consents$/);
        await expect(page.getByTestId('consent-to-update')).toBeVisible();
      });
    });
  }
}

test('Liisa updates her consent given before 2024 without JavaScript, and a pharmacy in an emergency still sees no denied prescription', async ({ page, browser }) => {
  // Her page with the consent to update and the prescription permission passes axe in every language.
  await loginEn(page, PEOPLE.liisa.code);
  for (const lang of LANGS) {
    await useLanguage(page, lang);
    await page.goto('/data-use');
    await expect(page.getByTestId('consent-to-update')).toBeVisible();
    await expect(page.getByTestId('prescription-emergency')).toBeVisible();
    await expectAccessible(page, `Liisa's /data-use (${lang})`);
  }
  await useLanguage(page, 'en');

  const { context, page: plain } = await noJs(browser);
  await loginEn(plain, PEOPLE.liisa.code, false);
  await plain.goto('/data-use');
  const consent = plain.getByTestId('consent-healthcare');
  await expect(consent.getByTestId('consent-to-update')).toContainText('given before 1 January 2024');
  await consent.getByRole('button', { name: 'Update the consent: healthcare' }).click();
  await expect(plain).toHaveURL(/\/data-use#du-consents$/);
  await expect(plain.getByTestId('consent-healthcare').getByTestId('consent-to-update')).toHaveCount(0);
  await expect(plain.getByTestId('consent-healthcare').getByTestId('state')).toContainText('Consent given on');
  await context.close();
  await page.goto('/data-use/history');
  await expect(page.getByTestId('history').getByRole('row').nth(1)).toContainText('Consent to data sharing updated: healthcare');

  // Only healthcare has emergencies (DOMAIN.md §5 rules 2 and 6).
  const denied = (p: Page) => p.getByTestId('preview-row').filter({ hasText: 'Sertraliini' }).and(p.locator('[data-visible="false"]'));
  for (const viewer of ['apteekki-hervanta:pharmacy', 'hus:healthcare']) {
    await preview(page, viewer, 'emergency');
    await expect(denied(page), viewer).toHaveCount(1);
    await expect(denied(page), viewer).toContainText('You denied the sharing of this prescription');
  }
  // With the one emergency permission for denied prescriptions, healthcare sees it in an emergency; a pharmacy still does not.
  await page.goto('/data-use');
  await expectNoScripts(page);
  await page.getByTestId('prescription-emergency').getByRole('button', { name: 'Allow denied prescriptions in an emergency' }).click();
  await expect(page.getByTestId('prescription-emergency').getByTestId('state')).toContainText('Allowed since');
  await preview(page, 'hus:healthcare', 'emergency');
  await expect(denied(page)).toHaveCount(0);
  await expect(row(page, 'Sertraliini').filter({ hasText: 'you allowed healthcare to see denied prescriptions in an emergency' })).toHaveCount(1);
  await preview(page, 'apteekki-hervanta:pharmacy', 'emergency');
  await expect(denied(page)).toHaveCount(1);
});

test('Aino gives the healthcare consent and a private clinic can then see her Helsinki data', async ({ page }) => {
  await loginEn(page, PEOPLE.aino.code);
  await preview(page, 'lahiklinikka:healthcare');
  await expect(row(page, 'Verenpaineen seuranta')).toHaveAttribute('data-visible', 'false');
  await expect(row(page, 'Verenpaineen seuranta')).toContainText('No consent to data sharing.');

  await page.goto('/data-use');
  await expectNoScripts(page);
  const consent = page.getByTestId('consent-healthcare');
  await expect(consent.getByTestId('state')).toHaveText('No consent given.');
  await consent.getByRole('button', { name: 'Give consent: healthcare' }).click();
  await expect(page.getByTestId('consent-healthcare').getByTestId('state')).toContainText('Consent given on');

  await preview(page, 'lahiklinikka:healthcare');
  for (const title of ['Flunssa', 'Verenpaineen seuranta']) {
    await expect(row(page, title)).toHaveAttribute('data-visible', 'true');
  }
  // HUS is an Uusimaa party: it saw her Helsinki data already after the notice.
  await preview(page, 'hus:healthcare');
  await expect(row(page, 'Flunssa')).toContainText('Public healthcare in Uusimaa');
});

test('Juhani: his denial allowing emergencies hides his data from another county in treatment, not in an emergency', async ({ page }) => {
  await loginEn(page, PEOPLE.juhani.code);
  // DOMAIN.md §5 rules 5 and 6: a denial that allows emergencies does not
  // count in one, and an emergency needs no consent.
  await preview(page, 'varsinais-suomi:healthcare', 'treatment');
  for (const title of ['Päivystyskäynti', 'Astman kontrolli']) {
    await expect(row(page, title)).toHaveAttribute('data-visible', 'false');
    await expect(row(page, title)).toContainText('Your denial of consent to data sharing of');
  }
  await preview(page, 'varsinais-suomi:healthcare', 'emergency');
  for (const title of ['Päivystyskäynti', 'Astman kontrolli']) {
    await expect(row(page, title)).toHaveAttribute('data-visible', 'true');
    await expect(row(page, title)).toContainText('In an emergency, when you cannot express your will');
  }
  // Each county always sees its own register.
  await preview(page, 'pohjois-pohjanmaa:healthcare', 'treatment');
  await expect(row(page, 'Astma').first()).toContainText('Their own register holds it');
});

test("Elina's Uusimaa denial hides her Vantaa-Kerava data from HUS", async ({ page }) => {
  await loginEn(page, MORE_PEOPLE.elina.code);
  await page.goto('/data-use/preview');
  await expectNoScripts(page);
  await page.getByLabel('Who is looking').selectOption({ label: 'HUS Group (healthcare)' });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(row(page, 'Migreeni')).toHaveAttribute('data-visible', 'false');
  await expect(page.getByTestId('preview-counts')).toContainText('Vantaa and Kerava Wellbeing Services County: patient register');

  await page.goto('/data-use');
  await expectNoScripts(page);
  await page.getByTestId('denial').filter({ hasText: 'Uusimaa' }).getByRole('link', { name: 'Cancel this denial' }).click();
  await page.getByRole('button', { name: 'Cancel the denial' }).click();
  await expect(page.getByTestId('no-denials')).toBeVisible();
  await preview(page, 'hus:healthcare');
  await expect(row(page, 'Migreeni')).toHaveAttribute('data-visible', 'true');
});

test('withdrawing a consent hides the data again', async ({ page }) => {
  await loginEn(page, PEOPLE.matti.code);
  await preview(page, 'pirkanmaa:healthcare');
  await expect(row(page, 'Diabeteksen vuosikontrolli')).toHaveAttribute('data-visible', 'true');
  await page.goto('/data-use');
  await expectNoScripts(page);
  await page.getByTestId('consent-healthcare').getByRole('link', { name: 'Withdraw consent: healthcare' }).click();
  await expect(page.getByTestId('consequences')).toContainText('In an emergency, healthcare can still see your patient data.');
  // Going back changes nothing.
  await page.getByRole('link', { name: 'Go back without changing anything' }).click();
  await expect(page.getByTestId('consent-healthcare').getByTestId('state')).toContainText('Consent given on');
  await page.getByTestId('consent-healthcare').getByRole('link', { name: 'Withdraw consent: healthcare' }).click();
  await page.getByRole('button', { name: 'Withdraw the consent' }).click();
  await expect(page.getByTestId('consent-healthcare').getByTestId('state')).toHaveText('No consent given.');
  await preview(page, 'pirkanmaa:healthcare');
  await expect(row(page, 'Diabeteksen vuosikontrolli')).toHaveAttribute('data-visible', 'false');
  // Its own register still sees it.
  await expect(row(page, 'Selkäkipu')).toHaveAttribute('data-visible', 'true');
});

test("Helmi sees that Anna viewed her data with an e-authorisation", async ({ page }) => {
  await loginEn(page, MORE_PEOPLE.helmi.code);
  await page.goto('/data-use/viewings');
  const table = page.getByTestId('acting-viewings');
  await expect(table.getByRole('row').filter({ hasText: 'Anna Koskinen' }).first()).toContainText('e-authorisation');
  await expect(table).toContainText('Health data');
  await expectAccessible(page, "viewings with people acting for Helmi");
});

test('the printable summary lists exactly the valid declarations', async ({ page }) => {
  await loginEn(page, MORE_PEOPLE.helmi.code);
  await page.goto('/data-use/summary');
  await expect(page.getByTestId('summary-consents').getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('summary-consents')).toContainText('healthcare: Consent given on');
  await expect(page.getByTestId('summary')).not.toContainText('social welfare:');
  await expect(page.getByTestId('summary-denials')).toHaveCount(0);
  // Her renewal requests too, each with its state.
  await expect(page.getByTestId('summary-renewals').getByRole('listitem').filter({ hasText: / – Declined on / })).toHaveCount(1);
  await expect(page.getByTestId('summary-renewals').getByRole('listitem').filter({ hasText: / – Renewed on / })).toHaveCount(1);

  // A new denial, through its confirmation step, shows up; nothing else does.
  await page.goto('/data-use');
  await expectNoScripts(page);
  // Step by step: what to deny, which one (and emergencies), then the confirmation.
  await page.getByTestId('new-denial').getByLabel('All data of a sector').check();
  await page.getByTestId('new-denial').getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/data-use\/denials\/new\?kind=comprehensive$/);
  await expect(page.getByTestId('denial-steps').locator('[aria-current="step"]')).toHaveText('2. Which one, and emergencies');
  await expectAccessible(page, 'the second step of a new denial');
  const form = page.getByTestId('new-denial-comprehensive');
  await form.locator('select').selectOption('social_welfare');
  // Only a patient-data denial can allow emergencies: for social welfare data the box is not used.
  await form.getByLabel('Allow in an emergency').check();
  await form.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/data-use\/denials\/new\?/);
  await expect(page.getByTestId('denial-steps').locator('[aria-current="step"]')).toHaveText('3. Confirm');
  await expect(page.getByTestId('denial-what')).toHaveText('You are denying: all social welfare data.');
  await expect(page.getByTestId('consequences')).toContainText('a denial never restricts use within one register');
  await expect(page.getByTestId('consequences')).toContainText('The denial holds in an emergency too.');
  await page.getByRole('button', { name: 'Set the denial' }).click();
  await expect(page).toHaveURL(/\/data-use#du-denials$/);

  await page.goto('/data-use/summary');
  await expect(page.getByTestId('summary-denials').getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('summary-denials')).toContainText('all social welfare data');
  await expect(page.getByTestId('summary-denials')).not.toContainText('Allowed in an emergency.');
  await expect(page.getByTestId('summary-consents').getByRole('listitem')).toHaveCount(1);
});

test('Oskari acting for Eetu gives a consent recorded with Oskari as the actor, and sets no denial', async ({ page }) => {
  await loginEn(page, MORE_PEOPLE.oskari.code);
  await page.getByRole('button', { name: 'Show the data of Eetu Laine' }).click();
  await expect(page.getByTestId('acting-for')).toContainText('Eetu Laine');
  await page.goto('/data-use');
  await expectNoScripts(page);
  // Eetu has never been informed: his guardian confirms the notice for him.
  await page.getByRole('button', { name: 'Confirm receipt for Eetu Laine' }).click();
  await expect(page.getByTestId('confirmations')).toContainText('Online in MyKanta by guardian Oskari Laine');
  await page.getByTestId('consent-social_welfare').getByRole('button', { name: 'Give consent: social welfare' }).click();
  await expect(page).toHaveURL(/\/data-use#du-consents$/);
  // Denials are Eetu's own matter: no form, and the page says where to ask.
  await expect(page.locator('form[action="/data-use/denials/new"]')).toHaveCount(0);
  await expect(page.getByTestId('denials-own-matter')).toBeVisible();

  await page.goto('/data-use/history');
  const first = page.getByTestId('history').getByRole('row').nth(1);
  await expect(first).toContainText('Consent to data sharing given');
  await expect(first).toContainText('Guardian Oskari Laine');
  await expect(first).toContainText('Online in MyKanta');

  // His own history is untouched.
  await page.getByRole('button', { name: 'Back to my own data' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('acting-for')).toHaveCount(0);
  await page.goto('/data-use/history');
  await expect(page.getByTestId('history')).not.toContainText('Guardian Oskari Laine');
});

test('consents and denials work without JavaScript', async ({ browser }) => {
  const { context, page } = await noJs(browser);
  await loginEn(page, PEOPLE.matti.code, false);
  await page.goto('/data-use');
  // Give the consent Matti withdrew above.
  await page.getByTestId('consent-healthcare').getByRole('button', { name: 'Give consent: healthcare' }).click();
  await expect(page).toHaveURL(/\/data-use#du-consents$/);
  await expect(page.getByTestId('consent-healthcare').getByTestId('state')).toContainText('Consent given on');

  // A denial of one register, through the confirmation step. A private
  // clinic's ordinary register is restricted event by event only: not offered.
  await page.getByTestId('new-denial').getByLabel('A whole register').check();
  await page.getByTestId('new-denial').getByRole('button', { name: 'Continue' }).click();
  const form = page.getByTestId('new-denial-register');
  await expect(form.locator('option', { hasText: 'Lähiklinikka' })).toHaveCount(0);
  await form.locator('select').selectOption('pirkanmaa:social_welfare_client');
  await form.getByRole('button', { name: 'Continue' }).click();
  const register = 'the social welfare client register of Pirkanmaa Wellbeing Services County';
  await expect(page.getByTestId('denial-what')).toHaveText(`You are denying: ${register}.`);
  await expect(page.getByTestId('consequences')).toContainText('Only that register is covered');
  await page.getByRole('button', { name: 'Set the denial' }).click();
  await expect(page).toHaveURL(/\/data-use#du-denials$/);
  const denial = page.getByTestId('denial').filter({ hasText: register });
  await expect(denial).toHaveCount(1);

  // Resubmitting the same confirmation (Back, then submit again) records nothing new.
  await page.goBack();
  await page.getByRole('button', { name: 'Set the denial' }).click();
  await expect(page.getByRole('alert')).toContainText('An identical denial is already valid. Nothing was saved.');
  await page.goto('/data-use');
  await expect(page.getByTestId('denial').filter({ hasText: register })).toHaveCount(1);

  await page.getByTestId('denial').filter({ hasText: register }).getByRole('link', { name: 'Cancel this denial' }).click();
  await page.getByRole('button', { name: 'Cancel the denial' }).click();
  await expect(page).toHaveURL(/\/data-use#du-denials$/);
  await expect(page.getByTestId('denial').filter({ hasText: register })).toHaveCount(0);
  await page.goto('/data-use/history');
  await expect(page.getByTestId('history')).toContainText(`Denial cancelled: ${register}`);

  // The emergency permission of denied prescriptions, given and withdrawn.
  await page.goto('/data-use');
  const permission = page.getByTestId('prescription-emergency');
  await permission.getByRole('button', { name: 'Allow denied prescriptions in an emergency' }).click();
  await expect(page).toHaveURL(/\/data-use#du-denials$/);
  await expect(permission.getByTestId('state')).toContainText('Allowed since');
  await permission.getByRole('button', { name: 'Withdraw the emergency permission' }).click();
  await expect(page).toHaveURL(/\/data-use#du-denials$/);
  await expect(permission.getByTestId('state')).toHaveText('Not allowed.');
  await context.close();
});

test('a guardian confirms the notice for a child, and the preview and viewings forms work, without JavaScript', async ({ browser }) => {
  const { context, page } = await noJs(browser);
  await loginEn(page, MORE_PEOPLE.oskari.code, false);
  await page.getByRole('button', { name: 'Show the data of Sofia Laine' }).click();
  await expect(page.getByTestId('acting-for')).toContainText('Sofia Laine');
  await page.goto('/data-use');
  await page.getByRole('button', { name: 'Confirm receipt for Sofia Laine' }).click();
  await expect(page).toHaveURL(/\/data-use$/);
  await expect(page.getByTestId('confirmations')).toContainText('Online in MyKanta by guardian Oskari Laine');

  await page.goto('/data-use/preview');
  await page.getByLabel('Who is looking').selectOption({ label: 'HUS Group (healthcare)' });
  await page.getByLabel('Emergency').check();
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page).toHaveURL(/viewer=hus%3Ahealthcare&situation=emergency/);
  // Her Helsinki data from before she turned 10, shared in Uusimaa now that she is informed.
  await expect(row(page, 'Kouluterveydenhuollon laaja terveystarkastus')).toHaveAttribute('data-visible', 'true');
  await expect(page.getByTestId('preview')).not.toContainText('Urheiluvamma');

  // Who viewed her data is not her guardian's to see (DOMAIN.md §6).
  await page.goto('/data-use/viewings');
  await expect(page.getByRole('alert')).toContainText("A guardian does not see who has viewed the child's data.");
  await expect(page.getByTestId('no-acting-viewings')).toHaveCount(0);
  // His own viewings' filter works without JavaScript.
  await page.getByRole('button', { name: 'Back to my own data' }).click();
  await page.goto('/data-use/viewings');
  await page.getByLabel('Viewed on or after').fill('2020-01-01');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page).toHaveURL(/from=2020-01-01/);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await context.close();
});

test('cross-sector consents are explained and not offered before their opening date', async ({ page }) => {
  await loginEn(page, PEOPLE.matti.code);
  await page.goto('/data-use');
  await expect(page.getByTestId('cross-not-open')).toContainText('opens by 1 March 2027 at the latest; this portal offers these consents from 1 March 2027.');
  await expect(page.getByRole('button', { name: /Give consent: patient data to social welfare/ })).toHaveCount(0);
});

test('bad input on the data use pages gets a clear message and writes nothing', async ({ page }) => {
  await loginEn(page, PEOPLE.matti.code);
  for (const [path, message] of [
    ['/data-use/denials/new?kind=service_event&target=999999', 'That is not among the data you can manage.'],
    ['/data-use/denials/new?kind=everything', 'Choose what you want to deny.'],
    ['/data-use/preview?viewer=nonsense', 'Choose a service provider from the list.'],
    ['/data-use/viewings?from=2024-13-01', 'The start date is not a valid date.'],
    ['/data-use/notice/1999-01', 'There is no such version of the information about the Kanta Services.'],
  ]) {
    const res = await page.goto(path);
    expect(res!.status(), path).toBeLessThan(500);
    await expect(page.getByRole('alert'), path).toContainText(message);
  }
  // What does not exist, or is not hers, is a page not found.
  for (const path of ['/data-use/notice/1999-01', '/records/events/999999']) {
    expect((await page.goto(path))!.status(), path).toBe(404);
    await expect(page.getByRole('alert'), path).toBeVisible();
  }
});

test('Elina sees who viewed her data, filtered by provider', async ({ page }) => {
  await loginEn(page, MORE_PEOPLE.elina.code);
  await page.goto('/data-use/viewings');
  await expect(page.getByTestId('viewings').getByRole('row')).toHaveCount(5);
  await page.getByLabel('Service provider').selectOption({ label: 'HUS Group' });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  // The header and HUS's two: by the Uusimaa rule, then in an emergency after her denial.
  await expect(page.getByTestId('viewings').getByRole('row')).toHaveCount(3);
  await expect(page.getByTestId('viewings')).toContainText('Migreeni: diagnoosi');
  await expect(page.getByTestId('viewings')).toContainText('Emergency (Patient Act, section 13)');
  await expect(page.getByTestId('viewings')).toContainText('Data use in the Uusimaa joint area');
});

for (const lang of LANGS) {
  test(`the Management of Data Use pages pass axe (WCAG 2.1 A/AA) in ${lang}`, async ({ page }) => {
    await useLanguage(page, lang);
    await login(page, MORE_PEOPLE.elina.code, { lang });
    await expect(page).toHaveURL(/\/$/);
    for (const path of ['/data-use', '/data-use/history', '/data-use/summary', '/data-use/viewings', '/data-use/preview',
      '/data-use/preview?viewer=hus%3Ahealthcare&situation=emergency', '/data-use/denials/new?kind=register&target=hus%3Apatient',
      '/data-use/notice/2022-11', '/data-use/denials/new?kind=nonsense']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectAccessible(page, `${path} (${lang})`);
    }
  });
}

test('the new pages work at phone width without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await loginEn(page, PEOPLE.matti.code);
  for (const path of ['/records', '/prescriptions?state=all', '/social-welfare', '/data-use', '/data-use/history',
    '/data-use/preview?viewer=hus%3Ahealthcare', '/data-use/viewings']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test("views by someone acting for Helmi come first on her front page, and lead to the log", async ({ browser }) => {
  const anna = await (await browser.newContext()).newPage();
  await loginEn(anna, '140282-9725');
  await anna.getByRole('button', { name: 'Show the data of Helmi Koskinen' }).click();
  await expect(anna.getByTestId('acting-for')).toContainText('Helmi Koskinen');
  // Helmi logs in after it (this project runs one test at a time).
  const helmi = await (await browser.newContext()).newPage();
  await loginEn(helmi, MORE_PEOPLE.helmi.code);
  const line = helmi.getByTestId('needs-attention').getByTestId('needs-acting-views');
  await expect(line).toHaveText(/^Anna Koskinen viewed your data (once|\d+ times) while acting for you$/);
  await expectAccessible(helmi, 'the front page with views while acting');
  await line.getByRole('link').click();
  await expect(helmi).toHaveURL(/\/data-use\/viewings#acting-viewings-title$/);
  await expect(helmi.getByRole('heading', { name: 'Viewed by people acting for you' })).toBeInViewport();
});
