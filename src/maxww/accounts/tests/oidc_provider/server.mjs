// A real OpenID Connect provider for maxww's login tests: oidc-provider (npm,
// OpenID Certified) on a loopback port, with a login page of its own.
//
//   node server.mjs config.json     prints "READY <issuer>" once it listens
//
// config.json: {"clients": [{"client_id", "client_secret", "redirect_uris",
// "post_logout_redirect_uris", "kind": "digid" | "staff"}]}. A "digid" client
// asks for a BSN and an assurance level (the acr claim); a "staff" client asks
// for an e-mail address and whether a second factor was used (the amr claim).
// POST /__test/clock {"skew": seconds} shifts the provider's clock, so that it
// issues tokens that are already expired (the only test-only hook).
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// DigiD's four levels as brokers pass them in acr (SAML AuthnContextClassRef).
const LEVELS = {
  basis: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
  midden: 'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract',
  substantieel: 'urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard',
  hoog: 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI',
};

let skewSeconds = 0;
const realNow = Date.now.bind(Date);
Date.now = () => realNow() + skewSeconds * 1000;

const accounts = new Map(); // accountId -> claims, filled by the login page

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8">
<title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>
${body}</main></body></html>`;
}

function loginForm(uid, client) {
  const fields = client.kind === 'digid'
    ? `<p><label for="bsn">BSN</label> <input id="bsn" name="bsn" inputmode="numeric"></p>
<p><label for="level">Betrouwbaarheidsniveau</label> <select id="level" name="level">
${Object.keys(LEVELS).map((l) => `<option value="${l}"${l === 'midden' ? ' selected' : ''}>${l}</option>`).join('')}
</select></p>`
    : `<p><label for="email">E-mailadres</label> <input id="email" name="email" type="email"></p>
<p><input id="mfa" name="mfa" type="checkbox" value="1"> <label for="mfa">Met tweede factor</label></p>`;
  return page(`Inloggen bij de testprovider (${client.client_id})`, `
<form method="post" action="/interaction/${uid}/login">${fields}
<p><button type="submit">Inloggen bij provider</button></p></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Annuleren</button></form>`);
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  if ((req.headers['content-type'] || '').includes('application/json')) return JSON.parse(body || '{}');
  return Object.fromEntries(new URLSearchParams(body));
}

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'maxww-test-rs256', use: 'sig', alg: 'RS256' };
const clientKinds = Object.fromEntries(config.clients.map((c) => [c.client_id, c.kind]));

const server = http.createServer();
await new Promise((resolve) => server.listen(config.port || 0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: config.clients.map(({ kind, ...c }) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: 'RS256',
    ...c,
  })),
  jwks: { keys: [signingKey] },
  cookies: { keys: ['maxww-test-provider-cookie-key'] },
  claims: { openid: ['sub', 'acr', 'amr'], email: ['email', 'email_verified'], bsn: ['bsn'] },
  scopes: ['openid', 'email', 'bsn'],
  acrValues: Object.values(LEVELS),
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page('Uitloggen bij de testprovider', `${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Uitloggen bij provider</button>`);
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = page('Uitgelogd bij de testprovider', '');
      },
    },
  },
  pkce: { required: () => true },
  ttl: { IdToken: 300, AccessToken: 300, AuthorizationCode: 60, Interaction: 3600, Session: 7200, Grant: 3600 },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const claims = accounts.get(id);
    if (!claims) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
  },
  // First-party test clients: grant the requested scopes without a consent page.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email bsn');
    await grant.save();
    return grant;
  },
});
provider.proxy = false;

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  const client = { client_id: details.params.client_id, kind: clientKinds[details.params.client_id] };
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(loginForm(uid, client));
    return;
  }
  const form = await readForm(req);
  if (action === 'abort') {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'Geannuleerd' }, { mergeWithLastSubmission: false });
    return;
  }
  let login;
  if (client.kind === 'digid') {
    const id = `digid-${form.bsn}`;
    accounts.set(id, { bsn: form.bsn });
    login = { accountId: id, acr: LEVELS[form.level] || LEVELS.basis, amr: ['pwd'] };
  } else {
    const id = `staff-${form.email}`;
    accounts.set(id, { email: form.email, email_verified: true });
    login = { accountId: id, amr: form.mfa ? ['pwd', 'mfa', 'otp'] : ['pwd'] };
  }
  await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
server.on('request', async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    if (url.pathname === '/__test/clock' && req.method === 'POST') {
      skewSeconds = Number((await readForm(req)).skew || 0);
      res.writeHead(204).end();
      return;
    }
    const match = url.pathname.match(/^\/interaction\/([^/]+)(?:\/(login|abort))?$/);
    if (match) {
      await interaction(req, res, match[1], match[2]);
      return;
    }
    callback(req, res);
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(err));
  }
});
process.stdout.write(`READY ${issuer}\n`);
