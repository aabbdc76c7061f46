import { describe, expect, it } from 'vitest';
import { describeThrown, fileSystemProblem } from './thrown';

describe('describeThrown', () => {
  it('names the file-system failure behind PGlite’s Emscripten errors', () => {
    expect(describeThrown({ name: 'ErrnoError', errno: 51 })).toBe('no space left on device (ENOSPC)');
    expect(describeThrown({ name: 'ErrnoError', errno: 69 })).toBe('read-only file system (EROFS)');
    expect(fileSystemProblem(Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' }))).toBe('read-only file system (EROFS)');
  });

  it('never prints [object Object]', () => {
    expect(describeThrown({ message: 'plain object with a message' })).toBe('plain object with a message');
    expect(describeThrown({ status: 1 })).toBe('error {"status":1}');
    expect(describeThrown({})).not.toContain('[object Object]');
    expect(describeThrown(new Error('boom'))).toBe('boom');
    expect(describeThrown('text')).toBe('text');
  });
});
