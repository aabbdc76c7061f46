/**
 * Measuring on a noisy machine: every figure is paired with a reference measured in the
 * same run, interleaved (A B B A …) so that drift in the machine's load hits both, and
 * repeated; we report medians and the spread of the paired ratios.
 */

export interface Summary {
  n: number;
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
}

/** The p-th percentile (0–100) of sorted values, interpolated. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentile(sorted, 50),
    p25: percentile(sorted, 25),
    p75: percentile(sorted, 75),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Seconds per operation of `ops` sequential calls. */
export async function timeOps(fn: (i: number) => unknown, ops: number): Promise<number> {
  const start = now();
  for (let i = 0; i < ops; i++) await fn(i);
  return (now() - start) / 1000 / ops;
}

export interface Paired {
  /** Operations per second of the reference, per round. */
  reference: Summary;
  /** Operations per second of the subject, per round. */
  subject: Summary;
  /** subject ops/s ÷ reference ops/s, per round (paired: the same moment's load). */
  ratio: Summary;
}

export interface PairOptions {
  rounds: number;
  /** Operations per batch (one batch of each side per round). */
  ops: number;
  /** Untimed calls of each side first (JIT, caches, plans). */
  warmup?: number;
  /** Runs, untimed, before each batch (e.g. switches a trigger off for the reference). */
  before?: (side: 'reference' | 'subject') => Promise<void>;
}

/**
 * Throughput of `subject` relative to `reference`: `rounds` rounds, each one batch of
 * both, the order alternating every round; the ratio of each round's pair, summarised.
 */
export async function pair(reference: (i: number) => unknown, subject: (i: number) => unknown, options: PairOptions): Promise<Paired> {
  const warm = options.warmup ?? Math.min(options.ops, 50);
  const batch = async (side: 'reference' | 'subject', fn: (i: number) => unknown, ops: number) => {
    await options.before?.(side);
    return timeOps(fn, ops);
  };
  await batch('reference', reference, warm);
  await batch('subject', subject, warm);
  const refRates: number[] = [];
  const subRates: number[] = [];
  const ratios: number[] = [];
  let offset = 0;
  for (let round = 0; round < options.rounds; round++) {
    let r: number;
    let s: number;
    const base = offset;
    offset += options.ops;
    if (round % 2 === 0) {
      r = await batch('reference', (i) => reference(base + i), options.ops);
      s = await batch('subject', (i) => subject(base + i), options.ops);
    } else {
      s = await batch('subject', (i) => subject(base + i), options.ops);
      r = await batch('reference', (i) => reference(base + i), options.ops);
    }
    refRates.push(1 / r);
    subRates.push(1 / s);
    ratios.push(r / s);
  }
  return { reference: summarize(refRates), subject: summarize(subRates), ratio: summarize(ratios) };
}

/**
 * Latencies (ms) of single calls, reference and subject alternating call by call, so
 * both distributions see the same moments of the machine.
 */
export async function latencies(
  reference: ((i: number) => unknown) | null,
  subject: (i: number) => unknown,
  samples: number,
  warmup = 20,
): Promise<{ reference: number[]; subject: number[] }> {
  for (let i = 0; i < warmup; i++) {
    if (reference) await reference(i);
    await subject(i);
  }
  const ref: number[] = [];
  const sub: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (reference) {
      const a = now();
      await reference(i);
      ref.push(now() - a);
    }
    const b = now();
    await subject(i);
    sub.push(now() - b);
  }
  return { reference: ref, subject: sub };
}

/** Latency percentiles (ms) of a sample. */
export function latencySummary(values: readonly number[]): { p50: number; p95: number; p99: number; mean: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
    n: sorted.length,
  };
}
