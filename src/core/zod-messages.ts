import { z } from 'zod';

/**
 * Zod's default messages ("Invalid input: expected string, received undefined") read as
 * fragments a person can finish a sentence with: the problem document says
 * "The field “description” is required". Only issues without a message of their own are
 * rephrased; a schema's own message always wins. Installed once, on import.
 */
type Issue = z.core.$ZodRawIssue;

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);
const typeNames: Record<string, string> = {
  int: 'whole number',
  number: 'number',
  string: 'string',
  boolean: 'boolean (true or false)',
  object: 'JSON object',
  array: 'list',
};
const formatNames: Record<string, string> = {
  email: 'must be an e-mail address',
  uuid: 'must be a UUID',
  url: 'must be a URL',
  datetime: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-03-14T09:30:00Z',
  date: 'must be a date (YYYY-MM-DD)',
};
const units: Record<string, [string, string]> = {
  string: ['character', 'characters'],
  array: ['item', 'items'],
  set: ['item', 'items'],
  file: ['byte', 'bytes'],
};

function bound(issue: { origin?: string; inclusive?: boolean }, value: number | bigint | Date, side: 'least' | 'most'): string {
  const count = Number(value);
  const unit = units[issue.origin ?? ''];
  if (unit) return `must have at ${side} ${count} ${count === 1 ? unit[0] : unit[1]}`;
  if (issue.origin === 'date') return `must be ${side === 'least' ? 'on or after' : 'on or before'} ${new Date(count).toISOString()}`;
  if (issue.inclusive === false) return `must be ${side === 'least' ? 'greater' : 'less'} than ${count}`;
  return `must be at ${side} ${count}`;
}

export function describeIssue(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${article(typeNames[issue.expected] ?? issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      return bound(issue, issue.minimum, 'least');
    case 'too_big':
      return bound(issue, issue.maximum, 'most');
    case 'invalid_format':
      return formatNames[issue.format] ?? (issue.format === 'regex' ? 'is not in the expected form' : `must be ${article(issue.format)}`);
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v: unknown) => String(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'a field it does not know' : 'fields it does not know'}: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return undefined;
  }
}

z.config({ customError: describeIssue });
