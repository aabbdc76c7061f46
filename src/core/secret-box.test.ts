import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataDirSecretKey, parseSecretKeys, SecretBox } from './secret-box';

const key = (id: string, fill: number) => ({ id, key: Buffer.alloc(32, fill) });

describe('secret box', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mono-secrets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seals with the first key, opens with any configured one, and reads values stored before encryption', () => {
    const before = new SecretBox([key('old', 1)]);
    const sealedOld = before.seal('JBSWY3DPEHPK3PXP');
    expect(sealedOld).toMatch(/^enc:v1:old:/);
    expect(sealedOld).not.toContain('JBSWY3DPEHPK3PXP');
    expect(before.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealedOld); // a fresh IV each time

    const rotated = new SecretBox([key('new', 2), key('old', 1)]);
    expect(rotated.open(sealedOld)).toBe('JBSWY3DPEHPK3PXP');
    expect(rotated.isCurrent(sealedOld)).toBe(false);
    expect(rotated.isCurrent(rotated.seal('x'))).toBe(true);
    expect(rotated.open('JBSWY3DPEHPK3PXP')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a tampered value and one sealed with a key it does not have', () => {
    const box = new SecretBox([key('a', 1)]);
    const sealed = box.seal('secret');
    const body = Buffer.from(sealed.split(':')[3]!, 'base64url');
    body[14]! ^= 1;
    expect(() => box.open(`enc:v1:a:${body.toString('base64url')}`)).toThrow();
    expect(() => box.open(sealed.replace('enc:v1:a:', 'enc:v1:b:'))).toThrow(/key "b", which is not configured/);
    // the key id is authenticated: relabelling a value for another key with the same bytes fails
    expect(() => new SecretBox([key('b', 1)]).open(sealed.replace('enc:v1:a:', 'enc:v1:b:'))).toThrow();
  });

  it('parses SECRETS_KEYS and explains a malformed entry in one line', () => {
    expect(parseSecretKeys(`k1:${Buffer.alloc(32, 1).toString('base64')}, k2:${Buffer.alloc(32, 2).toString('base64')}`).map((k) => k.id)).toEqual([
      'k1',
      'k2',
    ]);
    expect(() => parseSecretKeys('k1:short')).toThrow('SECRETS_KEYS: "k1" must be "<id>:<base64 of 32 random bytes>"');
  });

  it('keeps one key in the data directory, private to its owner, the same for every caller', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, async () => dataDirSecretKey(dir)));
    expect(new Set(keys.map((k) => k.key.toString('hex'))).size).toBe(1);
    expect(statSync(join(dir, 'secrets.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'secrets.key'), 'utf8')).toMatch(/^local:/);
  });
});
