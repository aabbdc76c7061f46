import { describe, expect, it } from 'vitest';
import { loggableError, redactUrl } from './problem';

describe('what reaches the logs', () => {
  it('drops the query parameters of a database error', () => {
    const drizzle = Object.assign(new Error('Failed query: update users set hashed_password = $1 where id = $2\nparams: $argon2id$v=19$SECRET,01a2…'), {
      name: 'DrizzleQueryError',
      cause: Object.assign(new Error('value too long'), { code: '22001' }),
    });
    const logged = JSON.stringify(loggableError(drizzle));
    expect(logged).not.toContain('SECRET');
    expect(logged).toContain('Failed query: update users');
    expect(logged).toContain('22001');
  });

  it('hides calendar secrets and tokens in URLs', () => {
    expect(redactUrl('/api/v1/public/calendar/mcal_abcDEF123.ics')).toBe('/api/v1/public/calendar/[secret]');
    expect(redactUrl('/verify?token=mver_x&y=1')).toBe('/verify?token=[secret]&y=1');
    expect(redactUrl('/api/v1/public/listings?q=a')).toBe('/api/v1/public/listings?q=a');
  });
});
