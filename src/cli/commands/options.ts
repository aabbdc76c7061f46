import type { Database } from '../../db/client';
import { CliError } from '../kit/io';

/** A whole number ≥ 1 from an option, or a one-line error naming the option. */
export function positiveInt(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${option} must be a whole number ≥ 1, got "${value}"`);
  return n;
}

/** A number > 0 (may have decimals), or a one-line error naming the option. */
export function positiveNumber(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`${option} must be a number > 0, got "${value}"`);
  return n;
}

/** The tenant a `--tenant <identifier|id>` option names (live tenants first), or a one-line error. */
export async function findTenant(db: Database, value: string): Promise<{ id: string; identifier: string }> {
  const [tenant] = await db.query<{ id: string; identifier: string }>(
    'select id, identifier from tenants where identifier = lower($1) or id::text = lower($1) order by deleted_at nulls first limit 1',
    [value],
  );
  if (!tenant) throw new CliError(`no tenant "${value}"`);
  return tenant;
}
