import { readFileSync } from 'fs';
import { test, expect, type Page } from '@playwright/test';
import { LANGS, PEOPLE, MORE_PEOPLE, login, useLanguage, expectAccessible, type Lang } from './helpers';

// The patient summary: the essentials first (allergies first of all), each
// line leading to its entry, linked from the front page and the health data
// page; and the copies in FHIR R4 downloaded as files, with and without
// JavaScript.

const TITLE = { fi: 'Potilasyhteenveto', sv: 'Patientöversikt', en: 'Patient summary' };

async function loginAs(page: Page, code: string, lang: Lang = 'en', js = true) {
  await useLanguage(page, lang);
  await login(page, code, { lang, js });
  await expect(page).toHaveURL(/\/$/);
}

for (const js of [true, false]) {
  const how = js ? 'with' : 'without';
  test(`Helmi opens her patient summary from the front page: her penicillin allergy first, each line to its entry (${how} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await loginAs(page, MORE_PEOPLE.helmi.code, 'en', js);
    await page.getByRole('link', { name: 'Patient summary', exact: true }).click();
    await expect(page).toHaveURL(/\/patient-summary$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Patient summary');
    const risks = page.getByTestId('risks').locator('tbody tr');
    await expect(risks.first()).toHaveAttribute('data-kind', 'medicine-allergy');
    await expect(risks.first()).toContainText('penisilliini');
    const diagnoses = page.getByTestId('diagnoses');
    for (const code of ['I10', 'E11.9', 'E03.9']) await expect(diagnoses.getByRole('cell', { name: code, exact: true })).toBeVisible();
    await expect(page.getByTestId('medicines').locator('tbody tr').first()).toBeVisible();
    await expect(page.getByTestId('results').locator('tbody tr').first()).toBeVisible();
    // A line leads to the service event it was recorded in.
    await risks.first().getByRole('link').click();
    await expect(page).toHaveURL(/\/records\/events\/\d+$/);
    await expect(page.locator('[data-kind="critical_risk"]').first()).toContainText('penisilliini');
  });

  test(`Matti downloads both copies as FHIR files (${how} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: js, acceptDownloads: true })).newPage();
    await loginAs(page, PEOPLE.matti.code, 'fi', js);
    await page.goto('/records');
    await page.getByRole('link', { name: 'Potilasyhteenveto', exact: true }).click();
    await expect(page.getByTestId('risks')).toContainText('Antikoagulanttihoito');
    await expect(page.getByTestId('medicines')).toContainText('B01AF02');
    for (const [id, type] of [['download-ips', 'document'], ['download-record', 'collection']]) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
      expect(download.suggestedFilename()).toMatch(/^korhonen-(ips|record)-\d{4}-\d{2}-\d{2}\.json$/);
      const path = await download.path();
      const bundle = JSON.parse(readFileSync(path, 'utf8'));
      expect(bundle.resourceType).toBe('Bundle');
      expect(bundle.type).toBe(type);
      const patient = bundle.entry.find((e: any) => e.resource.resourceType === 'Patient').resource;
      expect(patient.identifier[0].value).toBe(PEOPLE.matti.code);
    }
  });
}

test('a guardian sees the summary of a child under ten, vaccinations included', async ({ page }) => {
  await useLanguage(page, 'en');
  await login(page, MORE_PEOPLE.oskari.code, { lang: 'en' });
  await expect(page).toHaveURL(/\/whose$/);
  await page.getByRole('button', { name: 'Show the data of Eetu Laine' }).click();
  await expect(page.getByTestId('acting-for')).toContainText('Eetu Laine');
  await page.goto('/patient-summary');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Patient summary');
  await expect(page.getByTestId('vaccinations').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('summary-download').getByRole('link')).toHaveCount(2);
});

for (const lang of LANGS) {
  test(`the patient summary passes axe in ${lang}`, async ({ page }) => {
    await loginAs(page, MORE_PEOPLE.helmi.code, lang);
    await page.goto('/patient-summary');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE[lang]);
    await expect(page.getByTestId('results')).toBeVisible();
    await expectAccessible(page, `patient summary (${lang})`);
  });
}

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('the patient summary passes axe and does not scroll sideways', async ({ page }) => {
    await loginAs(page, MORE_PEOPLE.helmi.code, 'fi');
    await page.goto('/patient-summary');
    await expect(page.getByTestId('risks')).toBeVisible();
    await expectAccessible(page, 'patient summary at phone width');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

test('a wrong download is a clear page in the chosen language', async ({ page }) => {
  await loginAs(page, MORE_PEOPLE.helmi.code, 'sv');
  const res = await page.goto('/patient-summary/download?format=pdf');
  expect(res?.status()).toBe(400);
  await expect(page.locator('main')).toContainText('Okänt nedladdningsformat');
  await page.getByRole('link', { name: 'Patientöversikt' }).click();
  await expect(page).toHaveURL(/\/patient-summary$/);
});

// The consent to disclose the patient summary abroad, beside the
// prescriptions' one: given, shown to the preview's "healthcare in Latvia",
// in the history, and withdrawn (Anna's own, so the state is hers alone).
for (const js of [false, true]) {
  test(`Anna consents to her patient summary going abroad, then withdraws it (${js ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await useLanguage(page, 'en');
    await login(page, '140282-9725', { lang: 'en', js });
    await expect(page).toHaveURL(/\/whose$/);
    await page.goto('/prescriptions/abroad');
    const status = page.getByTestId('summary-abroad-consent');
    await expect(status).toHaveText('You have not consented to disclosing your patient summary abroad (countries: Latvia, Norway).');
    await page.getByRole('button', { name: 'Give the consent for the patient summary' }).click();
    await expect(status).toContainText('your patient summary may be disclosed to healthcare in: Latvia, Norway.');
    if (js) await expectAccessible(page, 'the abroad page with the summary consent');

    await page.goto('/data-use/preview?viewer=summary-abroad%3ALV&situation=treatment');
    const rows = page.getByTestId('preview-row');
    await expect(rows.first()).toBeVisible();
    await expect(page.locator('[data-testid=preview-row][data-visible=false]')).toHaveCount(0);
    await expect(rows.first()).toContainText('covers disclosing the patient summary abroad');
    await page.goto('/data-use/history');
    await expect(page.getByTestId('history').getByRole('row').nth(1)).toContainText('Consent to disclose the patient summary abroad: Latvia, Norway');

    await page.goto('/prescriptions/abroad');
    await page.getByRole('button', { name: 'Withdraw the consent for the patient summary' }).click();
    await expect(status).toHaveText('You have not consented to disclosing your patient summary abroad (countries: Latvia, Norway).');
    await page.goto('/data-use/preview?viewer=summary-abroad%3ALV&situation=treatment');
    await expect(page.locator('[data-testid=preview-row][data-visible=true]')).toHaveCount(0);
  });
}
