import { v7 as uuidv7, validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { isUuid, newId } from './ids';

describe('ids', () => {
  it('newId makes UUIDv7s in the order they were made, with the current time', () => {
    const before = Date.now();
    const ids = Array.from({ length: 5000 }, () => newId());
    const after = Date.now();
    for (const id of ids) {
      expect(validate(id) && version(id)).toBe(7);
      const ms = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
      expect(ms).toBeGreaterThanOrEqual(before);
      expect(ms).toBeLessThanOrEqual(after + 1);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // Random bits differ from one millisecond to the next, as the uuid package's do.
    expect(new Set(ids.map((id) => id.slice(24))).size).toBe(ids.length);
  });

  it('isUuid accepts exactly what the uuid package validates with a version of 1 or more', () => {
    const samples = [
      newId(),
      uuidv7(),
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
      '01a252cc-39f3-7e6e-b8f9-691762674841',
      '01A252CC-39F3-7E6E-B8F9-691762674841',
      '01a252cc-39f3-0e6e-b8f9-691762674841',
      '01a252cc-39f3-9e6e-b8f9-691762674841',
      '01a252cc-39f3-7e6e-c8f9-691762674841',
      '01a252cc-39f3-7e6e-b8f9-69176267484',
      '01a252cc-39f3-7e6e-b8f9-6917626748411',
      '01a252cc39f37e6eb8f9691762674841',
      ' 01a252cc-39f3-7e6e-b8f9-691762674841',
      '01a252cc-39f3-7e6e-b8f9-691762674841\n',
      '',
    ];
    for (const s of samples) expect(isUuid(s), s).toBe(validate(s) && version(s) >= 1);
    expect(isUuid(42)).toBe(false);
    expect(isUuid(undefined)).toBe(false);
  });
});
