import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { configuredTransport } from '../../src/modules/mail';

describe('mail configuration', () => {
  it('defaults to the log and a local sender', () => {
    expect(loadConfig({}).mail).toEqual({ smtpUrl: undefined, from: 'Mono <no-reply@localhost>' });
    expect(loadConfig({ SMTP_URL: '' }).mail.smtpUrl).toBeUndefined();
  });

  it('takes smtp:// and smtps:// URLs and a sender with or without a name', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://user:pass@mail.example:587', MAIL_FROM: 'Shop <shop@example.com>' }).mail).toEqual({
      smtpUrl: 'smtp://user:pass@mail.example:587',
      from: 'Shop <shop@example.com>',
    });
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example:465', MAIL_FROM: 'shop@example.com' }).mail.from).toBe('shop@example.com');
  });

  it('refuses anything else in one line naming the variable', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow(
      new ConfigError('configuration: SMTP_URL must be an smtp:// or smtps:// URL with a host'),
    );
    expect(() => loadConfig({ SMTP_URL: 'smtp://' })).toThrow(ConfigError);
    expect(() => loadConfig({ MAIL_FROM: 'nobody' })).toThrow(new ConfigError('configuration: MAIL_FROM must be an e-mail address or "Name <address>"'));
  });

  it('sends over SMTP with SMTP_URL and to the log without', () => {
    const log = { info: () => undefined };
    const smtp = configuredTransport(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).mail, log);
    expect(smtp.kind).toBe('smtp');
    smtp.close();
    expect(configuredTransport(loadConfig({}).mail, log).kind).toBe('log');
  });
});
