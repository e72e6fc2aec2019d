// Shared by the benchmarks: wait for a portal to answer, and log a demo
// person in (the session cookie, `kanta_session=…`).

/** Waits for the server (it migrates and seeds first). */
export async function waitForPortal(base) {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {}
    if (i > 300) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Logs `code` in with the demo password; answers the session cookie. */
export async function loginCookie(base, code) {
  const res = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ identity_code: code, password: 'kanta-demo' }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('kanta_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}
