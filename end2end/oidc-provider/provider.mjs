// The demo's and the tests' identification service: panva's oidc-provider
// (an OpenID Certified implementation) configured as the Finnish Trust
// Network's OpenID Connect profile asks of a relying party, with a "test
// identification" screen like Suomi.fi's test environment. Not a mock: the
// portal talks to it exactly as to Suomi.fi.
//
//   PORT             where it listens (default 4010); the issuer is http://127.0.0.1:PORT
//   PORTAL_URL       the portal's address: its redirect and post-logout URIs
//   CLIENT_JWKS_URI  where the portal publishes its public keys, or
//   CLIENT_JWKS_FILE the same keys in a file (kanta-server keys writes both)
//   TEST_PEOPLE      a JSON file of [{"full_name", "identity_code"}] listed on the screen
//   CLIENT_ID        the portal's client id (default kanta-portal)
//   EXIT_WITH_PARENT set: stops when the process that started it is gone (the Rust tests)
//
// POST /test/rotate-keys starts signing with a new key (the old one stays
// published), as a provider rotating its keys does: the portal must fetch
// the new key when it first sees its kid. Identifications under way go on.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
// The package's own in-memory adapter, made once: every Provider instance of
// this process (a key rotation makes a new one) shares its sessions, codes and
// grants. (Its default makes a new store per instance.)
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';

import { screen, logoutScreen, errorScreen, texts } from './screens.mjs';

const PORT = Number(process.env.PORT ?? 4010);
const ISSUER = process.env.ISSUER ?? `http://127.0.0.1:${PORT}`;
const PORTAL_URL = (process.env.PORTAL_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const CLIENT_ID = process.env.CLIENT_ID ?? 'kanta-portal';
const people = process.env.TEST_PEOPLE ? JSON.parse(readFileSync(process.env.TEST_PEOPLE, 'utf8')) : [];

// The levels of assurance of the Finnish Trust Network (substantial, high).
export const LOA_SUBSTANTIAL = 'http://ftn.ficora.fi/2017/loa2';
export const LOA_HIGH = 'http://ftn.ficora.fi/2017/loa3';
const IDENTITY_CLAIM = 'personal_identity_code';

const adapter = createMemoryAdapter();
const signingKeys = [newSigningKey()];
const cookieKeys = [randomBytes(32).toString('hex')];

function newSigningKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };
}

function clientKeys() {
  if (process.env.CLIENT_JWKS_URI) return { jwks_uri: process.env.CLIENT_JWKS_URI };
  if (process.env.CLIENT_JWKS_FILE) return { jwks: JSON.parse(readFileSync(process.env.CLIENT_JWKS_FILE, 'utf8')) };
  throw new Error('set CLIENT_JWKS_URI or CLIENT_JWKS_FILE: the portal’s public keys');
}

const person = (code) => people.find((p) => p.identity_code === code);
// The subject (`sub`) is a pseudonym, never the identity code itself; the
// code travels in its own claim.
const codes = new Map();
function subjectOf(code) {
  const sub = createHash('sha256').update(`kanta-test:${code}`).digest('hex').slice(0, 32);
  codes.set(sub, code);
  return sub;
}

function configuration() {
  return {
    adapter,
    clients: [{
      client_id: CLIENT_ID,
      client_name: 'OmaKanta',
      redirect_uris: [`${PORTAL_URL}/identify/callback`],
      post_logout_redirect_uris: [`${PORTAL_URL}/login?logged_out`],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      // The profile: the client authenticates with a JWT signed by its own key,
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS256',
      // sends its authorisation request as a signed request object (JAR),
      require_signed_request_object: true,
      request_object_signing_alg: 'RS256',
      // and gets the ID token signed, then encrypted to its own key.
      id_token_signed_response_alg: 'RS256',
      id_token_encrypted_response_alg: 'RSA-OAEP',
      id_token_encrypted_response_enc: 'A256GCM',
      ...clientKeys(),
    }],
    jwks: { keys: signingKeys },
    cookies: { keys: cookieKeys },
    acrValues: [LOA_SUBSTANTIAL, LOA_HIGH],
    // Only what the profile allows: the code flow, clients authenticated by their keys.
    responseTypes: ['code'],
    clientAuthMethods: ['private_key_jwt'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name'],
      [IDENTITY_CLAIM]: [IDENTITY_CLAIM],
      acr: null,
      auth_time: null,
    },
    scopes: ['openid', 'profile', IDENTITY_CLAIM],
    // The claims asked for by scope go in the ID token (the portal reads no userinfo).
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      encryption: { enabled: true },
      requestObjects: { enabled: true, requireSignedRequestObject: true },
      rpInitiatedLogout: { enabled: true, logoutSource: logoutScreen },
      userinfo: { enabled: false },
    },
    enabledJWA: {
      idTokenEncryptionAlgValues: ['RSA-OAEP', 'RSA-OAEP-256', 'ECDH-ES'],
      idTokenEncryptionEncValues: ['A256GCM', 'A128CBC-HS256'],
    },
    // PKCE with S256 for every authorisation request.
    pkce: { required: () => true },
    ttl: { AuthorizationCode: 60, IdToken: 300, Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 300 },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    // The portal is the service the citizen came to use: no consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(`openid profile ${IDENTITY_CLAIM}`);
      await grant.save();
      return grant;
    },
    async findAccount(ctx, sub) {
      const code = codes.get(sub);
      if (!code) return undefined;
      return {
        accountId: sub,
        async claims() {
          const p = person(code);
          const [given, ...family] = (p?.full_name ?? '').split(' ');
          return {
            sub,
            [IDENTITY_CLAIM]: code,
            ...(p ? { name: p.full_name, given_name: given, family_name: family.join(' ') } : {}),
          };
        },
      };
    },
    // The provider refuses to fetch from loopback addresses (against SSRF);
    // the demo's portal, whose keys it fetches, is on one. Only its address
    // is let through.
    fetch(url, options) {
      if (String(url).startsWith(`${PORTAL_URL}/`)) {
        const { dispatcher, ...rest } = options;
        return globalThis.fetch(url, rest);
      }
      return globalThis.fetch(url, options);
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorScreen(out);
    },
  };
}

let provider = new Provider(ISSUER, configuration());
let handler = provider.callback();

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 16 * 1024) reject(new Error('too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function html(res, status, body) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

const IDENTITY_CODE = /^\d{6}[-+ABCDEFUVWXY]\d{3}[0-9A-Y]$/;

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  const locale = (details.params.ui_locales ?? 'fi').split(' ').find((l) => texts[l]) ?? 'fi';
  if (req.method === 'GET' && !action) {
    return html(res, 200, screen({ uid, locale, people, client: details.params.client_id }));
  }
  if (req.method === 'POST' && action === 'login') {
    const form = await readForm(req);
    const code = (form.get('identity_code') ?? '').trim().toUpperCase();
    const level = form.get('method') === 'substantial' ? LOA_SUBSTANTIAL : LOA_HIGH;
    if (!IDENTITY_CODE.test(code)) {
      return html(res, 400, screen({ uid, locale, people, typed: code, error: texts[locale].badCode }));
    }
    return provider.interactionFinished(req, res, {
      login: { accountId: subjectOf(code), acr: level, amr: [level === LOA_HIGH ? 'mobile_certificate' : 'bank_id'], remember: false },
    }, { mergeWithLastSubmission: false });
  }
  if (req.method === 'POST' && action === 'cancel') {
    return provider.interactionFinished(req, res, {
      error: 'access_denied', error_description: 'the person cancelled the identification',
    }, { mergeWithLastSubmission: false });
  }
  return html(res, 404, errorScreen({ error: 'not_found' }));
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, ISSUER);
    const match = url.pathname.match(/^\/interaction\/([\w-]+)(?:\/(login|cancel))?$/);
    if (match) return await interaction(req, res, match[1], match[2]);
    if (url.pathname === '/test/rotate-keys' && req.method === 'POST') {
      signingKeys.unshift(newSigningKey());
      provider = new Provider(ISSUER, configuration());
      handler = provider.callback();
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ kid: signingKeys[0].kid }));
    }
    if (url.pathname === '/health') return html(res, 200, 'ok');
    return handler(req, res);
  } catch (e) {
    console.error(e);
    if (!res.headersSent) html(res, 400, errorScreen({ error: 'invalid_request', error_description: String(e.message) }));
  }
});

server.listen(PORT, '127.0.0.1', () => {
  console.log(`test identification (OpenID provider) listening on ${ISSUER}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
if (process.env.EXIT_WITH_PARENT) {
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(0);
    }
  }, 500).unref();
}
