/**
 * SQL expression builders for set-based generation. Every random choice is a hash of
 * the row number and a salt (hashint8extended), so a row is a pure function of
 * (seed, tenant, table, n): foreign keys are computed, not looked up, and the same
 * seed gives the same data on both engines.
 */

/** A SQL string literal. */
export const lit = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Salts stay below 2^53 so JavaScript computes them exactly. */
export function saltOf(seed: number, tenant: number, purpose: number): number {
  return (seed % 2_000_000_000) * 1_000_003 + tenant * 10_007 + purpose * 101;
}

export class Hashes {
  constructor(
    private readonly seed: number,
    private readonly tenant: number,
  ) {}

  /** A 64-bit hash of `n` under `purpose`. */
  h(n: string, purpose: number): string {
    return `hashint8extended((${n})::int8, ${saltOf(this.seed, this.tenant, purpose)}::int8)`;
  }

  /** Uniform in [0, 1). */
  u(n: string, purpose: number): string {
    return `((${this.h(n, purpose)} >> 11)::float8 / 9007199254740992.0 + 0.5)`;
  }

  /** Integer in [0, m). */
  i(n: string, purpose: number, m: number | string): string {
    return `floor(${this.u(n, purpose)} * (${m}))::int`;
  }

  /** Integer in [0, m) skewed towards 0 (u^power): a few popular choices, a long tail. */
  skewed(n: string, purpose: number, m: number | string, power = 1.6): string {
    return `floor(power(${this.u(n, purpose)}, ${power}) * (${m}))::int`;
  }

  /** One of `values` (SQL literals), uniformly. */
  pick(n: string, purpose: number, values: readonly string[]): string {
    return `(array[${values.join(', ')}])[1 + ${this.i(n, purpose, values.length)}]`;
  }

  /**
   * A UUIDv7 for the instant `ts` (so ids sort like production ids, by creation time)
   * whose 74 random bits are hashes of `n`.
   */
  uuid7(ts: string, n: string, purpose: number): string {
    const a = `lpad(to_hex(${this.h(n, purpose)}), 16, '0')`;
    const b = this.h(n, purpose + 1);
    return `(lpad(to_hex((extract(epoch from ${ts}) * 1000)::int8), 12, '0') || '7' || substr(${a}, 1, 3)
      || substr('89ab', 1 + (${b} & 3)::int, 1) || substr(lpad(to_hex(${b}), 16, '0'), 2, 15))::uuid`;
  }
}

/** `anchor` minus a fraction of `days`: row n of `count` spread evenly, oldest first. */
export function spread(anchor: string, days: number, n: string, count: number): string {
  return `(${anchor} - make_interval(secs => ${days * 86400}::float8 * (1 - ((${n}) + 0.5) / ${count}.0)))`;
}
