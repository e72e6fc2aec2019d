import { test, expect, Page } from '@playwright/test';
import { LANGS, PEOPLE, MORE_PEOPLE, login, useLanguage, expectAccessible, isoDaysAgo, expectNoScripts } from './helpers';

const EN = {
  health: 'Health data',
  count: (entries: number, events: number) => `Entries found: ${entries}, in ${events} service event${events === 1 ? '' : 's'}.`,
  pirkanmaa: 'Pirkanmaa Wellbeing Services County: patient register',
  varsinais: 'Varsinais-Suomi Wellbeing Services County: patient register',
  clinic: 'Lähiklinikka Ltd: patient register',
  noMatch: 'No entries match these filters. Remove a filter or widen the dates to see more.',
  next: 'Next page (older)',
  show: 'Show',
};

async function loginEn(page: Page, code: string, js = true) {
  await useLanguage(page, 'en');
  await login(page, code, { js, lang: 'en' });
  // Someone who may act for others is first asked whose matters to handle.
  await expect(page).toHaveURL(/\/(whose)?$/);
}

const count = (page: Page) => page.getByTestId('result-count');
const events = (page: Page) => page.getByTestId('service-event');

test('Matti sees his records from Pirkanmaa, Varsinais-Suomi and the private clinic', async ({ page }) => {
  await loginEn(page, PEOPLE.matti.code);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: EN.health }).click();
  await expect(page).toHaveURL(/\/records$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN.health);
  await expect(count(page)).toHaveText(EN.count(21, 6));
  await expect(events(page)).toHaveCount(6);
  const registers = await page.getByTestId('event-register').allTextContents();
  expect(new Set(registers)).toEqual(new Set([EN.pirkanmaa, EN.varsinais, EN.clinic]));
  // Newest first: his knee operation at Turku University Hospital (45 days ago) opens the list.
  await expect(events(page).first()).toContainText('Polven tähystysleikkaus');
  await expect(events(page).last()).toContainText('Selkäkipu');
});

for (const js of [true, false]) {
  test(`each filter narrows the list and the count (${js ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    await loginEn(page, PEOPLE.matti.code, js);
    await page.goto('/records');
    if (js) await expectNoScripts(page);
    await expect(count(page)).toHaveText(EN.count(21, 6));

    // By register.
    await page.getByLabel('Register').selectOption({ label: EN.varsinais });
    await page.getByRole('button', { name: EN.show, exact: true }).click();
    await expect(page).toHaveURL(/register=varsinais-suomi%2Fpatient/);
    await expect(count(page)).toHaveText(EN.count(13, 3));
    await expect(events(page)).toHaveCount(3);

    // And by kind: two laboratory results in two of those events.
    await page.getByLabel('Kind of entry').selectOption({ label: 'Laboratory result' });
    await page.getByRole('button', { name: EN.show, exact: true }).click();
    await expect(count(page)).toHaveText(EN.count(2, 2));
    await expect(page.locator('.entry')).toHaveCount(2);

    // The filtered page is a URL: open it again and it is the same.
    const url = page.url();
    await page.goto(url);
    await expect(count(page)).toHaveText(EN.count(2, 2));
    await expect(page.getByLabel('Kind of entry')).toHaveValue('laboratory_result');

    // By provider, from a fresh list.
    await page.goto('/records');
    await page.getByLabel('Service provider').selectOption({ label: 'Lähiklinikka Ltd' });
    await page.getByRole('button', { name: EN.show, exact: true }).click();
    await expect(count(page)).toHaveText(EN.count(3, 1));

    // By dates: only the last 500 days (the three Varsinais-Suomi events).
    await page.goto(`/records?from=${isoDaysAgo(500)}`);
    await expect(count(page)).toHaveText(EN.count(13, 3));
    await page.goto(`/records?to=${isoDaysAgo(1200)}`);
    await expect(page.getByTestId('empty-state')).toHaveText(EN.noMatch);
    await expect(count(page)).toHaveText(EN.count(0, 0));
    await context.close();
  });
}

test('Helmi walks her whole history page by page without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await loginEn(page, MORE_PEOPLE.helmi.code, false);
  await page.goto('/records');
  const text = (await count(page).textContent())!;
  const [entries, total] = text.match(/\d+/g)!.map(Number);
  expect(entries).toBeGreaterThan(500);
  const seen = new Set<string>();
  let entriesSeen = 0;
  let before: string[] = [];
  let titles: string[] = [];
  for (let pages = 1; ; pages++) {
    expect(pages).toBeLessThan(100);
    before = titles;
    titles = await events(page).evaluateAll((els) => els.map((e) => e.querySelector('h2 a')!.getAttribute('href')!));
    titles.forEach((t) => seen.add(t));
    entriesSeen += await page.locator('.entry').count();
    const next = page.getByTestId('next-page');
    if ((await next.count()) === 0) break;
    await next.click();
    await expect(page.getByRole('link', { name: 'First page (newest)' })).toBeVisible();
  }
  expect(seen.size).toBe(total);
  expect(entriesSeen).toBe(entries);
  // One page back shows the page before the last again.
  await page.getByTestId('previous-page').click();
  const again = await events(page).evaluateAll((els) => els.map((e) => e.querySelector('h2 a')!.getAttribute('href')!));
  expect(again).toEqual(before);
  await context.close();
});

test('a service event shows every entry and the register it is stored in', async ({ page }) => {
  await loginEn(page, PEOPLE.matti.code);
  await page.goto('/records');
  await events(page).filter({ hasText: 'Diabeteksen vuosikontrolli' }).getByRole('heading').getByRole('link').click();
  await expect(page).toHaveURL(/\/records\/events\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Diabeteksen vuosikontrolli');
  await expect(page.getByTestId('stored-in')).toHaveText(`This service event is stored in the register: ${EN.varsinais}.`);
  await expect(page.locator('.entry')).toHaveCount(5);
});

test('prescription states: valid, expired and all, with amount left and dispensings', async ({ page }) => {
  await loginEn(page, PEOPLE.matti.code);
  await page.goto('/prescriptions');
  const list = page.getByTestId('prescription');
  await expect(page.getByRole('link', { name: 'Valid (4)' })).toHaveAttribute('aria-current', 'page');
  await expect(list).toHaveCount(4);
  await expect(page.locator('[data-testid=prescription][data-valid=false]')).toHaveCount(0);
  const metformin = list.filter({ hasText: 'Metformiini 500 mg' });
  await expect(metformin.getByTestId('amount-left')).toHaveText('0 / 200 tabl');
  await expect(metformin.getByRole('row')).toHaveCount(3); // header + two dispensings
  await expect(metformin).toContainText('Turku Star Pharmacy');
  await expect(list.filter({ hasText: 'Ramipriili 5 mg' }).getByTestId('amount-left')).toHaveText('70 / 100 tabl');

  await page.getByRole('link', { name: 'Expired (2)' }).click();
  await expect(list).toHaveCount(2);
  await expect(page.locator('[data-testid=prescription][data-valid=true]')).toHaveCount(0);
  await expect(list.filter({ hasText: 'Parasetamoli' })).toContainText('Not dispensed yet.');

  await page.getByRole('link', { name: 'All (6)' }).click();
  await expect(list).toHaveCount(6);
  await expect(list.filter({ hasText: 'Ibuprofeeni 400 mg' })).toContainText('Pirkanmaa Wellbeing Services County, Hervannan terveysasema');
});

test('Oskari acts for Eetu and for Sofia, the header says whose data it is, and back is one click', async ({ page }) => {
  await loginEn(page, MORE_PEOPLE.oskari.code);
  await page.getByRole('button', { name: 'Show the data of Eetu Laine' }).click();
  await expect(page).toHaveURL(/\/records$/);
  await expect(page.getByTestId('acting-for')).toContainText('You are viewing the data of Eetu Laine as their guardian.');
  await expect(events(page)).toHaveCount(9);
  await expect(page.locator('main')).toContainText('Neuvolakäynti');
  await expect(page.locator('main')).toContainText('Korvatulehdus');
  await expect(page.locator('main')).not.toContainText('Hammassärky');
  // Every page says whose data it is, and speaks of Eetu, not of "you".
  await expect(page.locator('p.lead')).toHaveText(
    'Entries from every healthcare register that holds data about Eetu Laine. You see what your right to act for them covers.');
  await page.goto('/prescriptions');
  await expect(page.getByTestId('acting-for')).toContainText('Eetu Laine');
  await expect(page.locator('p.lead')).toHaveText(/^Eetu Laine's prescriptions are stored in the national Prescription Centre\./);
  await page.goto('/data-use');
  await expect(page.locator('p.lead')).toHaveText(/^Here you see who else may see Eetu Laine's data:/);
  await page.goto('/');
  await expect(page.locator('#your-data-title')).toHaveText("Eetu Laine's data");

  await page.getByRole('button', { name: 'Back to my own data' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('acting-for')).toHaveCount(0);
  await page.goto('/records');
  await expect(events(page)).toHaveCount(1);
  await expect(page.locator('main')).toContainText('Hammassärky');
  await expect(page.locator('p.lead')).toHaveText(/^Entries from every healthcare register that holds your data/);

  // Sofia is 16: only what was recorded before she turned 10.
  await page.goto('/');
  await page.getByRole('button', { name: 'Show the data of Sofia Laine' }).click();
  await expect(page.getByTestId('acting-for')).toContainText('Sofia Laine');
  await expect(events(page)).toHaveCount(9);
  await expect(page.locator('main')).toContainText('Kouluterveydenhuollon laaja terveystarkastus');
  await expect(page.locator('main')).not.toContainText('HPV');
  await expect(page.locator('main')).not.toContainText('Urheiluvamma');
});

test('acting for a child works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await loginEn(page, MORE_PEOPLE.oskari.code, false);
  await page.getByRole('button', { name: 'Show the data of Eetu Laine' }).click();
  await expect(page).toHaveURL(/\/records$/);
  await expect(page.getByTestId('acting-for')).toContainText('Eetu Laine');
  await expect(events(page)).toHaveCount(9);
  await page.getByRole('button', { name: 'Back to my own data' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('acting-for')).toHaveCount(0);
  await context.close();
});

test('bad filters, tampered page links and other people\'s ids get a clear message, never a 500', async ({ page }) => {
  await loginEn(page, PEOPLE.matti.code);
  for (const [query, message] of [
    ['from=2024-02-30', 'The start date is not a valid date.'],
    ['kind=x-ray', 'The kind of entry in the filter is not valid.'],
    ['after=2024-01-01.1%27--', 'The page link is not valid.'],
    ['from=2025-01-01&to=2024-01-01', 'The start date is after the end date.'],
  ]) {
    const res = await page.goto(`/records?${query}`);
    expect(res!.status(), query).toBeLessThan(500);
    await expect(page.getByRole('alert'), query).toContainText(message);
  }
  // What was typed is kept in the form.
  await page.goto('/records?from=2025-01-01&to=2024-01-01');
  await expect(page.getByLabel('Recorded on or after')).toHaveValue('2025-01-01');

  const res = await page.goto('/records/events/999999');
  expect(res!.status()).toBeLessThan(500);
  await expect(page.getByRole('alert')).toContainText('This item is not among the data you can see.');
  await page.goto('/prescriptions?state=sometimes');
  await expect(page.getByRole('alert')).toContainText('Prescriptions can be listed as valid, expired or all.');
});

test('the sections need a session', async ({ page }) => {
  for (const path of ['/records', '/records/events/1', '/social-welfare', '/prescriptions']) {
    await page.goto(path);
    await expect(page, path).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(path)}$`));
  }
});

for (const lang of LANGS) {
  test(`the records pages pass axe (WCAG 2.1 A/AA) in ${lang}`, async ({ page }) => {
    await useLanguage(page, lang);
    await login(page, PEOPLE.matti.code, { lang });
    await expect(page).toHaveURL(/\/$/);
    for (const path of ['/records', '/records?register=varsinais-suomi%2Fpatient&kind=laboratory_result', '/social-welfare',
      '/prescriptions', '/prescriptions?state=expired', '/records?from=2024-02-30']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectAccessible(page, `${path} (${lang})`);
    }
    await page.goto('/records');
    await events(page).first().getByRole('heading').getByRole('link').click();
    await expect(page).toHaveURL(/\/records\/events\/\d+$/);
    await expectAccessible(page, `a service event (${lang})`);
  });

  test(`empty states and acting for a child pass axe in ${lang}`, async ({ page }) => {
    await useLanguage(page, lang);
    await login(page, MORE_PEOPLE.elina.code, { lang });
    await expect(page).toHaveURL(/\/$/);
    for (const path of ['/social-welfare', '/prescriptions']) {
      await page.goto(path);
      await expect(page.getByTestId('empty-state')).toBeVisible();
      await expectAccessible(page, `empty ${path} (${lang})`);
    }
    await page.context().clearCookies();
    await useLanguage(page, lang);
    await login(page, MORE_PEOPLE.oskari.code, { lang });
    await expect(page).toHaveURL(/\/whose$/);
    await expectAccessible(page, `whose matters to handle (${lang})`);
    await page.getByRole('button', { name: /Eetu Laine/ }).click();
    await expect(page.getByTestId('acting-for')).toBeVisible();
    await expectAccessible(page, `acting for a child (${lang})`);
  });
}

test('switching the language keeps the filtered list', async ({ page }) => {
  await loginEn(page, PEOPLE.matti.code);
  await page.goto('/records?kind=laboratory_result');
  await expect(count(page)).toHaveText(EN.count(2, 2));
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Svenska', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page).toHaveURL(/\/records\?kind=laboratory_result$/);
  await expect(count(page)).toHaveText('Anteckningar som hittades: 2, i 2 servicehändelser.');
});
