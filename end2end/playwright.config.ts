import { defineConfig } from '@playwright/test';

// scripts/test.sh builds the server, picks a free port and a temporary
// database, and passes them here. The server is started (and stopped) by
// Playwright with a fresh database seeded with the demo people.
const port = process.env.KANTA_E2E_PORT ?? '3100';
const serverCommand = process.env.KANTA_E2E_SERVER_CMD;
if (!serverCommand) {
  throw new Error('KANTA_E2E_SERVER_CMD is not set: run the tests with `bash scripts/test.sh`');
}
const baseURL = `http://127.0.0.1:${port}`;
// The test identification service (an OpenID provider), when the portal is
// started with one: Playwright starts it first, with the demo people listed.
const oidcPort = process.env.KANTA_E2E_OIDC_PORT;
const provider = oidcPort
  ? [{
    command: 'node oidc-provider/provider.mjs',
    url: `http://127.0.0.1:${oidcPort}/health`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: {
      PORT: oidcPort,
      PORTAL_URL: baseURL,
      CLIENT_JWKS_URI: `${baseURL}/.well-known/jwks.json`,
      TEST_PEOPLE: process.env.KANTA_E2E_PEOPLE ?? '',
    },
  }]
  : [];

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    baseURL,
    // A Finnish user's browser: Finnish is asked for first.
    locale: 'fi-FI',
    timezoneId: 'Europe/Helsinki',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: /data-use\.spec\.ts/ },
    // Declarations change the shared demo data: they run after the rest, in order.
    { name: 'data-use', use: { browserName: 'chromium' }, testMatch: /data-use\.spec\.ts/, dependencies: ['chromium'] },
  ],
  webServer: [
    ...provider,
    {
      command: serverCommand,
      url: `http://127.0.0.1:${port}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
