// What a browser transfers (issue 14), measured in headless Chromium through
// the DevTools protocol: the bytes on the wire (compressed as the browser
// asks, headers included) of a first visit with an empty cache and of a
// second visit, for Helmi's pages, and which of them load JavaScript or WASM.
// Also writes her session cookie to COOKIE_FILE for Lighthouse and wrk.
// Usage: node web.mjs http://127.0.0.1:PORT COOKIE_FILE
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { loginCookie, waitForPortal } from './portal.mjs';

const [base, cookieFile] = process.argv.slice(2);
const code = process.env.KANTA_BENCH_PERSON ?? '271055-988J'; // Helmi

await waitForPortal(base);
const cookie = await loginCookie(base, code);
writeFileSync(cookieFile, cookie);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/** Visits `path` twice in one fresh context (empty cache), logged in unless `anonymous`. */
async function visits(path, anonymous = false) {
  const context = await browser.newContext();
  if (!anonymous) {
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: base }]);
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  let log = new Map();
  cdp.on('Network.responseReceived', (e) => {
    log.set(e.requestId, { url: e.response.url, bytes: 0, encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = log.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  const visit = async () => {
    log = new Map();
    const answer = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    if (answer.status() !== 200) throw new Error(`${path}: ${answer.status()}`);
    const files = [...log.values()].filter((r) => r.bytes > 0);
    return {
      bytes: files.reduce((sum, r) => sum + r.bytes, 0),
      files: files.map((r) => `${new URL(r.url).pathname.replace(/\.[0-9a-f]{16}\./, '.HASH.')} ${r.bytes} B${r.encoding ? ` ${r.encoding}` : ''}`),
      scripts: files.filter((r) => /\.(js|wasm)$/.test(new URL(r.url).pathname)).length,
    };
  };
  const first = await visit();
  const second = await visit();
  await context.close();
  return { path, first, second };
}

const pages = [
  ['/login', true], ['/notice'], ['/'], ['/records'], ['/data-use'], ['/data-use/preview'], ['/prescriptions'],
];
for (const [path, anonymous] of pages) {
  const v = await visits(path, anonymous);
  // RESULT path first-visit-bytes second-visit-bytes js/wasm-files files…
  console.log(['RESULT', v.path, v.first.bytes, v.second.bytes, v.first.scripts, v.first.files.join(', '), v.second.files.join(', ')].join('\t'));
}
await browser.close();
