// Takes the README's screenshots: Helmi's front page from a running demo.
// Usage: node shot.mjs http://127.0.0.1:3000 out.png [width height lang]
// (a laptop in English by default; `390 844 fi` is a phone in Finnish).
import { chromium } from '@playwright/test';

const [base, out, width = '1100', height = '760', lang = 'en'] = process.argv.slice(2);
const labels = {
  en: { code: 'Personal identity code', password: 'Password', login: 'Log in' },
  fi: { code: 'Henkilötunnus', password: 'Salasana', login: 'Kirjaudu' },
  sv: { code: 'Personbeteckning', password: 'Lösenord', login: 'Logga in' },
}[lang];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
await page.goto(`${base}/lang/${lang}?back=/login`);
await page.getByLabel(labels.code, { exact: true }).fill('271055-988J');
await page.getByLabel(labels.password, { exact: true }).fill('kanta-demo');
await page.getByRole('button', { name: labels.login, exact: true }).click();
await page.waitForURL(`${base}/`);
await page.screenshot({ path: out });
await browser.close();
