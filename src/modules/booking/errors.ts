import { AppError } from '../../core/errors';

/** The booking module's 400s for input that is well-formed but makes no sense in time. */
export function invalidTimezone(path: string, value: string): AppError {
  return new AppError('INVALID_TIMEZONE', `"${value}" is not a known IANA time zone (e.g. Europe/Vienna)`, {
    errors: [{ path, message: 'unknown time zone' }],
  });
}

export function invalidRange(path: string, message: string): AppError {
  return new AppError('INVALID_TIME_RANGE', message, { errors: [{ path, message }] });
}

export function rangeTooLong(path: string, maxDays: number): AppError {
  const message = `The range may span at most ${maxDays} days`;
  return new AppError('RANGE_TOO_LONG', message, { errors: [{ path, message }] });
}
