// Takes the README's screenshot: Helmi's front page in English at a laptop's
// width, from a running demo. Usage: node shot.mjs http://127.0.0.1:3000 out.png
import { chromium } from '@playwright/test';

const [base, out] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
await page.goto(`${base}/lang/en?back=/login`);
await page.getByLabel('Personal identity code', { exact: true }).fill('271055-988J');
await page.getByLabel('Password', { exact: true }).fill('kanta-demo');
await page.getByRole('button', { name: 'Log in' }).click();
await page.waitForURL(`${base}/`);
await page.screenshot({ path: out });
await browser.close();
