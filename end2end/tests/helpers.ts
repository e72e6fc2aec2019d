import { expect, Page, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const PASSWORD = 'kanta-demo';

export const PEOPLE = {
  aino: { code: '120385-9026', name: 'Aino Virtanen' },
  matti: { code: '040762-913N', name: 'Matti Korhonen' },
  liisa: { code: '231190-924R', name: 'Liisa Nieminen' },
  juhani: { code: '300178-935E', name: 'Juhani Mäkinen' },
};

/** The texts the tests look for, per language (as in app/src/i18n). */
export const T = {
  fi: {
    loginTitle: 'Kirjaudu OmaKantaan', code: 'Henkilötunnus', password: 'Salasana', login: 'Kirjaudu',
    logout: 'Kirjaudu ulos', noticeTitle: 'Kanta-informointi',
    confirm: 'Olen lukenut informoinnin ja kuittaan sen vastaanotetuksi',
    badCredentials: 'Henkilötunnus tai salasana on väärin.',
    confirmedOnline: (date: string, v: string) => `Kuittasit Kanta-informoinnin vastaanotetuksi ${date} (versio ${v}).`,
    greeting: (name: string) => `Hei, ${name}`,
    dateLocale: 'fi-FI',
  },
  sv: {
    loginTitle: 'Logga in i MittKanta', code: 'Personbeteckning', password: 'Lösenord', login: 'Logga in',
    logout: 'Logga ut', noticeTitle: 'Information om Kanta-tjänsterna',
    confirm: 'Jag har läst informationen och bekräftar att jag har fått den',
    badCredentials: 'Personbeteckningen eller lösenordet är fel.',
    confirmedOnline: (date: string, v: string) => `Du bekräftade informationen om Kanta-tjänsterna ${date} (version ${v}).`,
    greeting: (name: string) => `Hej, ${name}`,
    dateLocale: 'sv-FI',
  },
  en: {
    loginTitle: 'Log in to MyKanta', code: 'Personal identity code', password: 'Password', login: 'Log in',
    logout: 'Log out', noticeTitle: 'Information about the Kanta Services',
    confirm: 'I have read the information and confirm its receipt',
    badCredentials: 'The personal identity code or the password is wrong.',
    confirmedOnline: (date: string, v: string) => `You confirmed the information about the Kanta Services on ${date} (version ${v}).`,
    greeting: (name: string) => `Hello, ${name}`,
    dateLocale: 'en-GB',
  },
} as const;

export type Lang = keyof typeof T;
export const LANGS: Lang[] = ['fi', 'sv', 'en'];
const ENDONYM: Record<Lang, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

/** Today in Helsinki, written as the portal writes dates in `lang`. */
export function today(lang: Lang): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Helsinki', day: 'numeric', month: 'numeric', year: 'numeric',
  }).formatToParts(new Date());
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const [d, m, y] = [get('day'), get('month'), get('year')];
  if (lang === 'en') {
    const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
    return `${d} ${month} ${y}`;
  }
  return `${d}.${m}.${y}`;
}

/** A page with an island (the print button): its WASM has loaded and the island woke. */
export async function waitForHydration(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

/** The page is the server's HTML alone: no script in it, and no JavaScript
 * or WASM loaded (only a page with an island loads them). JavaScript must be on. */
export async function expectNoScripts(page: Page) {
  await expect(page.locator('script')).toHaveCount(0);
  const loaded = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\.(js|wasm)([?#]|$)/.test(n)));
  expect(loaded).toEqual([]);
}

export async function fillLogin(page: Page, code: string, password: string, lang: Lang = 'fi') {
  await page.getByLabel(T[lang].code, { exact: true }).fill(code);
  await page.getByLabel(T[lang].password, { exact: true }).fill(password);
  await page.getByRole('button', { name: T[lang].login, exact: true }).click();
}

export async function login(page: Page, code: string, opts: { js?: boolean; lang?: Lang } = {}) {
  const lang = opts.lang ?? 'fi';
  await page.goto('/login');
  if (opts.js !== false) await expectNoScripts(page);
  await fillLogin(page, code, PASSWORD, lang);
}

export async function switchLanguage(page: Page, lang: Lang) {
  await page.getByRole('navigation').getByRole('link', { name: ENDONYM[lang], exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** axe-core with the WCAG 2.1 A and AA rules: no violations allowed. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

export const MORE_PEOPLE = {
  elina: { code: '150571-946J', name: 'Elina Hämäläinen' },
  oskari: { code: '080988-9570', name: 'Oskari Laine' },
  helmi: { code: '271055-988J', name: 'Helmi Koskinen' },
};

/** Chooses the language by its cookie, as the switch does, before a page is opened. */
export async function useLanguage(page: Page, lang: Lang) {
  const url = test.info().project.use.baseURL!;
  await page.context().addCookies([{ name: 'lang', value: lang, url }]);
}

/** A date `days` before today (UTC), as `<input type="date">` writes it. */
export function isoDaysAgo(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  return d.toISOString().slice(0, 10);
}
