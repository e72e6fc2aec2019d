// Times pages of a running portal (Helmi's front page, her health data,
// first and last page, and her "who can see my data" preview) as a logged-in demo person: the server's
// answer to a full page request (SSR HTML) over loopback, as p50 and p99 of
// `KANTA_BENCH_RUNS` requests. Usage: node pages.mjs http://127.0.0.1:PORT
import { loginCookie, waitForPortal } from './portal.mjs';

const base = process.argv[2];
const runs = Number(process.env.KANTA_BENCH_RUNS ?? 50);
const code = process.env.KANTA_BENCH_PERSON ?? '271055-988J'; // Helmi

async function records(cookie, after) {
  const body = new URLSearchParams({ section: 'Health', locale: 'En' });
  if (after) body.set('filter[after]', after);
  const res = await fetch(`${base}/api/records_page`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  if (!res.ok) throw new Error(`records_page: ${res.status}`);
  return res.json();
}

async function time(cookie, path, marker) {
  const ms = [];
  for (let i = 0; i < runs + 20; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    const html = await res.text();
    const t1 = performance.now();
    if (res.status !== 200 || !html.includes(marker)) throw new Error(`${path}: ${res.status}`);
    if (i >= 20) ms.push(t1 - t0); // twenty warm-up requests
  }
  ms.sort((a, b) => a - b);
  const pick = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  return { p50: pick(0.5), p99: pick(0.99) };
}

await waitForPortal(base);
const cookie = await loginCookie(base, code);
// Walk to the last page with the page cursors, as a reader would.
let after = null;
let last = null;
let pages = 0;
for (;;) {
  const page = await records(cookie, after);
  pages++;
  if (!page.next) {
    last = after;
    console.log(`history: ${page.matching_entries} entries in ${page.matching_events} service events, ${pages} pages`);
    break;
  }
  after = page.next;
}
for (const [name, path, marker] of [
  ['front page', '/', 'data-testid="notice-status"'],
  ['health data, first page', '/records', 'data-testid="service-event"'],
  ['health data, last page', `/records?after=${encodeURIComponent(last)}`, 'data-testid="service-event"'],
  ['preview (HUS, treatment, every item)', '/data-use/preview?viewer=hus%3Ahealthcare&situation=treatment', 'data-testid="preview-row"'],
]) {
  const { p50, p99 } = await time(cookie, path, marker);
  console.log(`${name}: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (${runs} requests)`);
  // A line for scripts (bench-pages.sh compares data sets and databases).
  if (process.env.KANTA_BENCH_LABEL) console.log(`RESULT\t${process.env.KANTA_BENCH_LABEL}\t${name}\t${p50.toFixed(2)}\t${p99.toFixed(2)}`);
}
