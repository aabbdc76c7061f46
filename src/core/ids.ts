import { randomFillSync } from 'node:crypto';

/*
 * UUIDv7 as the uuid package (v14) makes them — 48-bit millisecond time, then a 31-bit
 * sequence that starts at random each millisecond and counts up within it (so ids made
 * by this process sort in the order they were made), then random bits — with the random
 * bytes drawn from a pool filled 4 KiB at a time instead of one crypto call per id, and
 * the text written from a table. Every request takes one (its request id): profiles of
 * the listing read put 2 % of the process's time in the package's generator.
 */
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let poolAt = POOL_BYTES;
const HEX = Array.from({ length: 256 }, (_, i) => (i + 0x100).toString(16).slice(1));
let lastMs = Number.NEGATIVE_INFINITY;
let seq = 0;

/** New time-ordered public id (UUIDv7), for rows the app creates with a known id. */
export function newId(): string {
  if (poolAt + 16 > POOL_BYTES) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const r = poolAt;
  poolAt += 16;
  const now = Date.now();
  if (now > lastMs) {
    seq = ((pool[r + 6]! & 0x7f) << 24) | (pool[r + 7]! << 16) | (pool[r + 8]! << 8) | pool[r + 9]!;
    lastMs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  const ms = lastMs;
  return (
    HEX[(ms / 0x10000000000) & 0xff]! +
    HEX[(ms / 0x100000000) & 0xff]! +
    HEX[(ms / 0x1000000) & 0xff]! +
    HEX[(ms / 0x10000) & 0xff]! +
    '-' +
    HEX[(ms / 0x100) & 0xff]! +
    HEX[ms & 0xff]! +
    '-' +
    HEX[0x70 | ((seq >>> 28) & 0x0f)]! +
    HEX[(seq >>> 20) & 0xff]! +
    '-' +
    HEX[0x80 | ((seq >>> 14) & 0x3f)]! +
    HEX[(seq >>> 6) & 0xff]! +
    '-' +
    HEX[((seq << 2) & 0xff) | (pool[r + 10]! & 0x03)]! +
    HEX[pool[r + 11]!]! +
    HEX[pool[r + 12]!]! +
    HEX[pool[r + 13]!]! +
    HEX[pool[r + 14]!]! +
    HEX[pool[r + 15]!]!
  );
}

/** What the uuid package's validate() accepts and version() ≥ 1 allows: a versioned RFC 9562 UUID, or the max UUID (not the nil one). */
const UUID_RE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|ffffffff-ffff-ffff-ffff-ffffffffffff)$/i;

/** True for any RFC 4122 UUID string (ids of rows created by SQL defaults are v7 too). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}
