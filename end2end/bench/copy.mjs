// Times the copies of Helmi's record in FHIR R4 (the whole record, and the
// patient summary as an IPS document) as she downloads them, and reads the
// server's memory before and after: its resident set (VmRSS) and its peak
// (VmHWM) from /proc. The whole record is streamed as it is written, so the
// peak should not grow by anything like the copy's size.
// Usage: KANTA_BENCH_PID=<server pid> node copy.mjs http://127.0.0.1:PORT
import { readFileSync, writeFileSync } from 'node:fs';
import { loginCookie, waitForPortal } from './portal.mjs';

const base = process.argv[2];
const runs = Number(process.env.KANTA_BENCH_RUNS ?? 20);
const pid = process.env.KANTA_BENCH_PID;
const code = process.env.KANTA_BENCH_PERSON ?? '271055-988J'; // Helmi

function memory() {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name) => Number(status.match(new RegExp(`${name}:\\s+(\\d+) kB`))[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

async function download(cookie, format) {
  const t0 = performance.now();
  const res = await fetch(`${base}/patient-summary/download?format=${format}`, { headers: { cookie } });
  const body = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${format}: ${res.status}`);
  return { ms, bytes: body.length, resources: JSON.parse(body).entry.length };
}

await waitForPortal(base);
const cookie = await loginCookie(base, code);
await download(cookie, 'ips'); // warm-up: the first statements
const fresh = memory();
await download(cookie, 'record');
console.log(`MEMORY\tbefore any whole record: resident ${fresh.rss.toFixed(1)} MiB; after the first: ${memory().rss.toFixed(1)} MiB`);
// The peak so far is the start's (migrating, seeding): reset it to what is
// resident now, so that the peak below is the downloads' own.
writeFileSync(`/proc/${pid}/clear_refs`, '5');
const before = memory();
for (const format of ['record', 'ips']) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = await download(cookie, format);
    times.push(last.ms);
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length / 2)];
  const worst = times[times.length - 1];
  console.log(
    `RESULT\t${format}\t${last.resources} resources\t${(last.bytes / 1024 / 1024).toFixed(2)} MiB\tp50 ${p50.toFixed(0)} ms\tmax ${worst.toFixed(0)} ms`,
  );
}
// Eight at once, as eight citizens downloading together.
const t0 = performance.now();
await Promise.all(Array.from({ length: 8 }, () => download(cookie, 'record')));
console.log(`RESULT\trecord, 8 at once\t${(performance.now() - t0).toFixed(0)} ms for all eight`);
const after = memory();
console.log(
  `MEMORY\tbefore: resident ${before.rss.toFixed(1)} MiB, peak ${before.peak.toFixed(1)} MiB\t` +
    `after ${2 * runs + 8} copies: resident ${after.rss.toFixed(1)} MiB, peak ${after.peak.toFixed(1)} MiB\t` +
    `peak grew by ${(after.peak - before.peak).toFixed(1)} MiB`,
);
