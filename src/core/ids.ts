import { v7 as uuidv7, validate, version } from 'uuid';

/** New time-ordered public id (UUIDv7), for rows the app creates with a known id. */
export const newId = (): string => uuidv7();

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for any RFC 4122 UUID string (ids of rows created by SQL defaults are v7 too). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value) && validate(value) && version(value) >= 1;
}
