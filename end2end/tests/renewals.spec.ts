import { test, expect, type Page } from '@playwright/test';
import { LANGS, login, useLanguage, expectAccessible, today, type Lang } from './helpers';

// Prescription renewal requests (DOMAIN.md §8): Helmi's requests
// in every state, a new one that stays "Sent" with its message shown exactly
// as typed, Matti's narcotic that is never renewed by request, and Anna
// sending one for Helmi with her e-authorisation.

const HELMI = '271055-988J';
const MATTI = '040762-913N';
const ANNA = '140282-9725';

async function loginAs(page: Page, code: string, lang: Lang = 'en', js = true) {
  await useLanguage(page, lang);
  await login(page, code, { lang, js });
  // Someone who may act for others is first asked whose matters to handle.
  await expect(page).toHaveURL(/\/(whose)?$/);
}

/** Requests the renewal of `medicine` from the prescriptions page; the list opens. */
async function requestRenewal(page: Page, medicine: string, message: string, mobile = '') {
  await page.goto('/prescriptions');
  await page.getByRole('link', { name: `Request renewal of ${medicine}` }).click();
  await expect(page).toHaveURL(/\/prescriptions\/\d+\/renewal$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Request renewal: ${medicine}`);
  const unit = page.getByLabel('Send the request to (units that take renewal requests)');
  await expect(unit.locator('option:checked')).toHaveText(
    'Hämeenlinnan terveysasema – Kanta-Häme Wellbeing Services County (prescribed it)',
  );
  // Only units that take renewal requests: no pharmacy, hospital clinic or social service.
  for (const not of ['Apteekki', 'sairaala', 'poliklinikka', 'kotihoito', 'Työterveys']) {
    await expect(unit.locator('option', { hasText: not })).toHaveCount(0);
  }
  await page.getByLabel(/Message to the provider/).fill(message);
  await page.getByLabel(/Mobile number for a text message/).fill(mobile);
  await page.getByRole('button', { name: 'Send the renewal request' }).click();
  await expect(page).toHaveURL(/\/prescriptions\/renewals$/);
}

for (const [js, medicine] of [[true, 'Amlodipiini 5 mg'], [false, 'Atorvastatiini 20 mg']] as const) {
  test(`Helmi sends a renewal request; it is listed as sent, her message as typed (${js ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await loginAs(page, HELMI, 'en', js);
    const message = `<b>Please</b> & thanks <script>window.injected = 1</script> (${js ? 'js' : 'no js'})`;
    await requestRenewal(page, medicine, message, '040 123 4567');
    const first = page.getByTestId('renewals').locator('tbody tr').first();
    await expect(first.getByTestId('mobile')).toHaveText('Text message about the result to +358401234567');
    await expect(first.locator('td').first()).toHaveText(medicine);
    await expect(first.locator('td').nth(2)).toHaveText('Hämeenlinnan terveysasemaKanta-Häme Wellbeing Services County');
    await expect(first.getByTestId('state')).toHaveText(`Sent on ${today('en')}`);
    await expect(first.getByTestId('message')).toHaveText(message);
    expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    // The same prescription offers no second request while this one is open.
    await page.goto('/prescriptions');
    await expect(page.getByRole('link', { name: `Request renewal of ${medicine}` })).toHaveCount(0);
    // Its card says where the request stands.
    const states = page.getByRole('article', { name: medicine }).getByTestId('renewal-state');
    await expect(states.filter({ hasText: 'Sent on' })).toHaveText([`Latest renewal request: Sent on ${today('en')}`]);
  });
}

test("Helmi's seeded requests show every state, newest first", async ({ page }) => {
  await loginAs(page, HELMI);
  await page.goto('/prescriptions');
  await page.getByRole('link', { name: 'Renewal requests' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Renewal requests');
  // The seeded six are the oldest (other tests may have sent newer ones).
  const rows = page.getByTestId('renewals').locator('tbody tr');
  const states = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-state')));
  expect(states.slice(-6)).toEqual(['sent', 'in_progress', 'expired', 'returned', 'renewed', 'declined']);
  await expect(rows.last()).toContainText('Levotyroksiini');
  await expect(rows.getByTestId('state').filter({ hasText: /^Declined on / })).toHaveCount(1);
  await expect(rows.getByTestId('state').filter({ hasText: /^Renewed on / })).toHaveCount(1);
  await expect(rows.getByTestId('state').filter({ hasText: /^Returned on / })).toHaveCount(1);
  // Not handled within 8 days: expired, derived from the time alone.
  await expect(rows.getByTestId('state').filter({ hasText: /^Expired on .*: not handled within 8 days$/ })).toHaveCount(1);
});

test("Matti's narcotic prescription is never renewed by request", async ({ page }) => {
  await loginAs(page, MATTI);
  await page.goto('/prescriptions');
  const card = page.getByTestId('prescription').filter({ hasText: 'Oksikodoni' });
  await expect(card.getByTestId('narcotic')).toHaveText('A narcotic prescription is renewed only at an appointment.');
  await expect(card.getByRole('link', { name: /Request renewal/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Request renewal of Ramipriili 5 mg' })).toBeVisible();
  // Each card says what the medicine is for, as the prescriber wrote it.
  await expect(card.getByTestId('purpose')).toHaveText('Kovaan kipuun leikkauksen jälkeen');
  const ramipril = page.getByRole('article', { name: 'Ramipriili 5 mg' });
  await expect(ramipril.getByText('Purpose of use')).toBeVisible();
  await expect(ramipril.getByTestId('purpose')).toHaveText('Verenpaineen hoitoon');
});

for (const [js, medicine] of [[true, 'Losartaani 50 mg'], [false, 'Kalsium + D3 500 mg/20 µg']] as const) {
  test(`Anna sends a renewal request for Helmi with her e-authorisation (${js ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await loginAs(page, ANNA, 'en', js);
    await page.getByRole('button', { name: 'Show the data of Helmi Koskinen' }).click();
    await expect(page.getByTestId('acting-for')).toContainText('Helmi Koskinen');
    await requestRenewal(page, medicine, '');
    const first = page.getByTestId('renewals').locator('tbody tr').first();
    await expect(first.locator('td').first()).toHaveText(medicine);
    await expect(first).toContainText('Sent by Anna Koskinen');
    await expect(first.getByTestId('message')).toHaveText('');
  });
}

for (const lang of LANGS) {
  test(`the renewal pages pass axe in ${lang}`, async ({ page }) => {
    await loginAs(page, HELMI, lang);
    await page.goto('/prescriptions/renewals');
    await expect(page.getByTestId('renewals')).toBeVisible();
    await expectAccessible(page, `renewal requests (${lang})`);
    // The form, on one of Matti's (Helmi's may all have open requests by now).
    await page.context().clearCookies();
    await loginAs(page, MATTI, lang);
    await page.goto('/prescriptions');
    await page.locator('a[href$="/renewal"]').first().click();
    await expect(page.locator('textarea[name="message"]')).toBeVisible();
    await expectAccessible(page, `renewal form (${lang})`);
  });
}

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('the renewal pages pass axe and do not scroll sideways', async ({ page }) => {
    await loginAs(page, HELMI, 'fi');
    await page.goto('/prescriptions/renewals');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uusimispyynnöt');
    await expectAccessible(page, 'renewal requests at phone width');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.context().clearCookies();
    await loginAs(page, MATTI, 'fi');
    await page.goto('/prescriptions');
    await page.locator('a[href$="/renewal"]').first().click();
    await expect(page.locator('textarea[name="message"]')).toBeVisible();
    await expectAccessible(page, 'renewal form at phone width');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
