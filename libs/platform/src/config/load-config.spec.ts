import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config.js';

const secret = () => Buffer.alloc(32, 7).toString('base64url');

describe('loadConfig', () => {
  const base = () => ({
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/haven_test_config',
    HAVEN_DATA_DIR: mkdtempSync(join(tmpdir(), 'haven-config-')),
  });

  it('generates development secrets once, mode 0600, and reads the same ones back', () => {
    const env = base();
    const first = loadConfig(env);
    const second = loadConfig(env);
    expect(first.secrets.source).toBe('generated');
    expect(Buffer.from(second.secrets.pepper)).toEqual(Buffer.from(first.secrets.pepper));
    expect(first.secrets.pepper).toHaveLength(32);
    expect(statSync(join(env.HAVEN_DATA_DIR, 'secrets', 'pepper-v1.key')).mode & 0o777).toBe(0o600);
  });

  it('refuses to start in production with generated development secrets, naming what is missing', () => {
    expect(() => loadConfig({ ...base(), NODE_ENV: 'production' })).toThrow(
      /production.*HAVEN_JWT_SECRET, HAVEN_PEPPER, HAVEN_SEAL_SEED, HAVEN_OUTBOX_KEY, DATABASE_APP_URL/,
    );
  });

  it('starts in production when every secret is given, and generates none', () => {
    const env = {
      ...base(),
      NODE_ENV: 'production',
      HAVEN_JWT_SECRET: secret(),
      HAVEN_PEPPER: secret(),
      HAVEN_SEAL_SEED: secret(),
      HAVEN_OUTBOX_KEY: secret(),
      HAVEN_DB_APP_PASSWORD: 'a-long-database-password',
      DATABASE_APP_URL: 'postgres://haven_app:pw@db:5432/haven',
    };
    const config = loadConfig(env);
    expect(config.secrets.source).toBe('environment');
    expect(config.database.appUrl).toBe(env.DATABASE_APP_URL);
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({ ...base(), PORT: 'eighty', HAVEN_BCRYPT_COST: '4', HAVEN_PEPPER: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/PORT/);
    expect((error as Error).message).toMatch(/HAVEN_BCRYPT_COST must be at least 12/);
    expect((error as Error).message).toMatch(/HAVEN_PEPPER must be at least 32 random bytes/);
    expect((error as Error).message).not.toContain('short');
  });

  it('says DATABASE_URL is required when it is missing', () => {
    expect(() => loadConfig({ HAVEN_DATA_DIR: base().HAVEN_DATA_DIR })).toThrow(/DATABASE_URL is required/);
  });

  it('limits unknown signing-link tokens to 30 per IP per 15 minutes by default (a test run raises it)', () => {
    expect(loadConfig(base()).releases).toMatchObject({ signingFailuresPerIp: 30, signingWindowSeconds: 900 });
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ ...base(), SMTP_URL: '', PORT: '' });
    expect(config.mail.smtpUrl).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it('trusts no proxy by default, and the listed addresses, ranges and names when HAVEN_TRUSTED_PROXIES says so', () => {
    expect(loadConfig(base()).trustedProxies).toEqual([]);
    const listed = '10.0.0.5, 10.1.0.0/16,::1, fd00::/8 ,loopback';
    expect(loadConfig({ ...base(), HAVEN_TRUSTED_PROXIES: listed }).trustedProxies).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it.each(['*', 'true', '10.0.0.0/33', 'proxy.example.com', '10.0.0.1/8/8'])(
    'refuses HAVEN_TRUSTED_PROXIES=%s, naming the variable',
    (value) => {
      expect(() => loadConfig({ ...base(), HAVEN_TRUSTED_PROXIES: value })).toThrow(
        /HAVEN_TRUSTED_PROXIES must be a comma-separated list of IP addresses/,
      );
    },
  );

  it('sends mail from Haven <no-reply@haven.invalid> unless MAIL_FROM names one address, bare or with a name', () => {
    expect(loadConfig(base()).mail.from).toBe('Haven <no-reply@haven.invalid>');
    for (const from of ['alerts@haven.example', 'Haven Alerts <alerts@haven.example>']) {
      expect(loadConfig({ ...base(), MAIL_FROM: from }).mail.from).toBe(from);
    }
  });

  it.each(['haven', 'a@x.example, b@x.example', 'Name <a@x.example', 'x\r\nBcc: b@x.example <a@x.example>'])(
    'refuses MAIL_FROM=%j, naming the variable',
    (from) => {
      expect(() => loadConfig({ ...base(), MAIL_FROM: from })).toThrow(/MAIL_FROM must be one address/);
    },
  );
});
