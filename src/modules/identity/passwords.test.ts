import { describe, expect, it } from 'vitest';
import { hashPassword, prehashPassword, verifyPassword } from './passwords';

describe('prehashPassword', () => {
  it('gives each later hashPassword call of that password one hash of its own, then hashes on demand', async () => {
    const password = 'Prehashed-Pass-2026';
    prehashPassword(password);
    prehashPassword(password);
    const hashes = [await hashPassword(password), await hashPassword(password), await hashPassword(password)];
    expect(new Set(hashes).size).toBe(3); // a salt each, as if hashed on demand
    for (const hashed of hashes) {
      expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verifyPassword(hashed, password)).toBe(true);
      expect(await verifyPassword(hashed, 'another password')).toBe(false);
    }
  });

  it('is only taken by the same password', async () => {
    prehashPassword('Started-Ahead-2026');
    const other = await hashPassword('Another-Pass-2026');
    expect(await verifyPassword(other, 'Another-Pass-2026')).toBe(true);
    expect(await verifyPassword(await hashPassword('Started-Ahead-2026'), 'Started-Ahead-2026')).toBe(true);
  });
});
