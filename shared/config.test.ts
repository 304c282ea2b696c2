import { ConfigError, loadConfig } from './config.js';

const SECRETS = { JWT_SECRET: 'j'.repeat(40), SUBGRAPH_SECRET: 's'.repeat(40) };
const REACHABLE = { HOST: '0.0.0.0', ...SECRETS, SMTP_URL: 'smtp://relay.smithjones.example:587' };

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig beyond loopback', () => {
  it('starts on loopback with the development defaults and the demo logins', () => {
    for (const HOST of ['127.0.0.1', '::1', 'localhost', undefined]) {
      expect(loadConfig({ HOST }).demoAccounts).toBe(true);
    }
  });

  it('refuses the development secrets and the local mailbox whatever NODE_ENV says, naming what to set', () => {
    for (const NODE_ENV of ['development', 'test', undefined]) {
      const message = refusal({ NODE_ENV, HOST: '0.0.0.0' });
      expect(message).toMatch(/^HOST=0\.0\.0\.0 lets other machines reach this process \(set HOST=127\.0\.0\.1/);
      expect(message).toMatch(/JWT_SECRET: set it to a random secret of your own, 32\+ characters/);
      expect(message).toMatch(/SUBGRAPH_SECRET: set it to a random secret of your own/);
      expect(message).toMatch(/SMTP_URL: set SMTP_URL=smtp:\/\/.*\/dev\/mailbox/);
    }
    expect(refusal({ ...REACHABLE, JWT_SECRET: undefined })).not.toMatch(/SUBGRAPH_SECRET|SMTP_URL/);
    expect(refusal({ ...REACHABLE, SUBGRAPH_SECRET: undefined })).toMatch(/SUBGRAPH_SECRET/);
    expect(refusal({ ...REACHABLE, SMTP_URL: '' })).toMatch(/SMTP_URL/);
    expect(refusal({ HOST: '10.0.0.5', ...SECRETS })).toMatch(/^HOST=10\.0\.0\.5 .*\n  SMTP_URL/);
  });

  it('does not turn the demo logins on for the simulators, and refuses them when asked for', () => {
    const reachable = loadConfig(REACHABLE);
    expect(reachable.demoAccounts).toBe(false);
    expect(reachable.legacy.cms.url).toBeUndefined(); // the simulators still run
    expect(refusal({ ...REACHABLE, DEMO_ACCOUNTS: 'true' })).toMatch(/DEMO_ACCOUNTS: set DEMO_ACCOUNTS=false/);
    expect(refusal({ ...REACHABLE, HOST: '::', DEMO_ACCOUNTS: 'true' })).toMatch(/^HOST=:: lets other machines/);
  });

  it('refuses the development secrets and demo logins in production even on loopback, where the mailbox is not served', () => {
    expect(refusal({ NODE_ENV: 'production' })).toMatch(/^NODE_ENV=production refuses development settings:\n {2}JWT_SECRET/);
    expect(refusal({ NODE_ENV: 'production', ...SECRETS, DEMO_ACCOUNTS: 'true' })).toMatch(/DEMO_ACCOUNTS/);
    const production = loadConfig({ NODE_ENV: 'production', ...SECRETS });
    expect(production.demoAccounts).toBe(false);
    expect(production.mail.smtpUrl).toBeUndefined();
  });

  it('starts beyond loopback with secrets of its own, SMTP and no demo logins', () => {
    for (const HOST of ['0.0.0.0', '::', '192.168.1.20', 'casebridge.internal']) {
      const config = loadConfig({ ...REACHABLE, HOST, NODE_ENV: 'production' });
      expect(config.host).toBe(HOST);
      expect(config.demoAccounts).toBe(false);
    }
  });
});

describe('the Clio connection settings', () => {
  const CLIO = { CLIO_CLIENT_ID: 'id', CLIO_CLIENT_SECRET: 'secret', SECRETS_KEY: Buffer.alloc(32, 7).toString('base64') };

  it('are off without CLIO_CLIENT_ID (the static tokens), and need the secret and a 32-byte SECRETS_KEY with it', () => {
    expect(loadConfig({}).clio).toBeUndefined();
    expect(refusal({ CLIO_CLIENT_ID: 'id', SECRETS_KEY: CLIO.SECRETS_KEY })).toMatch(/CLIO_CLIENT_SECRET must be set/);
    expect(refusal({ CLIO_CLIENT_ID: 'id', CLIO_CLIENT_SECRET: 'x' })).toMatch(/SECRETS_KEY must be set.*openssl rand -base64 32/);
    expect(refusal({ ...CLIO, SECRETS_KEY: 'too-short' })).toMatch(/SECRETS_KEY must be 32 random bytes as base64.*or hex/);
    expect(refusal({ ...CLIO, CLIO_REGION: 'MARS' })).toMatch(/CLIO_REGION must be US, EU, CA or AU/);
  });

  it('take the region\'s host unless CLIO_BASE_URL says otherwise, and the redirect URI from PUBLIC_URL', () => {
    expect(loadConfig({ ...CLIO }).clio).toMatchObject({ baseUrl: 'https://app.clio.com', redirectUri: 'http://localhost:4000/connect/clio/callback' });
    expect(loadConfig({ ...CLIO, CLIO_REGION: 'EU', PUBLIC_URL: 'https://cb.smithjones.example/' }).clio).toMatchObject({ baseUrl: 'https://eu.app.clio.com', redirectUri: 'https://cb.smithjones.example/connect/clio/callback' });
    expect(loadConfig({ ...CLIO, CLIO_REGION: 'AU', CLIO_BASE_URL: 'http://127.0.0.1:4101/' }).clio?.baseUrl).toBe('http://127.0.0.1:4101');
    expect(loadConfig({ ...CLIO, SECRETS_KEY: 'ab'.repeat(32) }).clio?.secretsKey).toEqual(Buffer.alloc(32, 0xab));
  });
});
