// A real OpenID Connect provider (the certified npm package oidc-provider) on 127.0.0.1 for RbacKit's external
// sign-in tests. Started and stopped by scripts/services.sh (start-oidc / stop-oidc).
//
//   node server.mjs PORT
//
// Environment:
//   RBACKIT_TEST_OIDC_CLIENT_ID / RBACKIT_TEST_OIDC_CLIENT_SECRET   the one test client (defaults below)
//   RBACKIT_TEST_OIDC_REDIRECT_URIS   space-separated redirect URIs of the host under test
//                                    (default: http://127.0.0.1/auth/external/{oidc,second}/callback)
//
// The client is a "native" one (RFC 8252, section 7.3): a loopback redirect URI matches on any port, so hosts under
// test on random ports need no registration of their own.
//
// Accounts: any login name is an account (the dev interactions' login form takes any name and password).
//   email          the login name (less an "unverified:" prefix) when it contains '@', else NAME@example.test
//   email_verified false when the name starts with "unverified", else true
//   sub            the login name
//
// The login and consent pages are oidc-provider's development interactions: plain HTML forms that a test submits
// over HTTP (POST prompt=login&login=NAME&password=x, then POST prompt=consent).
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? process.env.RBACKIT_TEST_OIDC_PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node server.mjs PORT');
  process.exit(2);
}

const issuer = `http://127.0.0.1:${port}`;
const redirectUris = (process.env.RBACKIT_TEST_OIDC_REDIRECT_URIS
  ?? 'http://127.0.0.1/auth/external/oidc/callback http://127.0.0.1/auth/external/second/callback')
  .split(/\s+/).filter(Boolean);

const configuration = {
  clients: [{
    client_id: process.env.RBACKIT_TEST_OIDC_CLIENT_ID ?? 'rbackit-test',
    client_secret: process.env.RBACKIT_TEST_OIDC_CLIENT_SECRET ?? 'rbackit-test-secret',
    application_type: 'native',
    redirect_uris: redirectUris,
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['rbackit-test-oidc-cookie-key'] },
  async findAccount(ctx, id) {
    const name = id.startsWith('unverified:') ? id.slice('unverified:'.length) : id;
    const email = name.includes('@') ? name : `${name}@example.test`;
    const local = email.split('@')[0];
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email,
          email_verified: !id.startsWith('unverified'),
          name: local,
          given_name: local,
          family_name: 'Test',
        };
      },
    };
  },
};

const provider = new Provider(issuer, configuration);
const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
