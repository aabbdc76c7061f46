import type { EngineName, ResultsFile } from './report';

/** One `npm run load` run, as stored in docs/benchmarks.json under `load.<engine>`. */
export interface LoadRun {
  engine: EngineName;
  url: string;
  tenant: string;
  startedAt: string;
  seconds: number;
  connections: number;
  /** 1-minute load average at start and end. */
  load: [number, number];
  totals: { requests: number; perSecond: number; unexpected: number; expected409: number; p50: number; p95: number; p99: number };
  ops: Record<string, { count: number; perSecond: number; p50: number; p95: number; p99: number; statuses: Record<string, number> }>;
  /** Unexpected responses: status and problem code, counted. */
  errors: Record<string, number>;
}

const ms = (n: number) => `${n.toFixed(n >= 100 ? 0 : 1)} ms`;

/** The load section of docs/benchmarks.md, from the stored runs. */
export function loadSection(file: ResultsFile): string | undefined {
  const runs = Object.values(file.load ?? {}) as LoadRun[];
  if (runs.length === 0) return undefined;
  const lines = ['**Load (`npm run load`)** — mixed workload against a running server on loopback; the load generator shares the machine.', ''];
  for (const run of runs) {
    lines.push(
      `*${run.engine === 'postgres' ? 'PostgreSQL server' : 'PGlite (embedded)'}*: ${run.url}, tenant ${run.tenant}, ${run.connections} connections for ${run.seconds} s, ${run.startedAt.slice(0, 16).replace('T', ' ')} UTC, load average ${run.load[0]} → ${run.load[1]}: ` +
        `**${run.totals.perSecond.toFixed(0)} req/s**, p50 ${ms(run.totals.p50)}, p95 ${ms(run.totals.p95)}, p99 ${ms(run.totals.p99)}; ` +
        `${run.totals.requests.toLocaleString('en')} requests, **${run.totals.unexpected} unexpected** responses, ${run.totals.expected409} expected 409s.`,
      '',
      '| operation | requests | req/s | p50 | p95 | p99 | statuses |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...Object.entries(run.ops).map(
        ([name, op]) =>
          `| ${name} | ${op.count.toLocaleString('en')} | ${op.perSecond.toFixed(1)} | ${ms(op.p50)} | ${ms(op.p95)} | ${ms(op.p99)} | ${Object.entries(
            op.statuses,
          )
            .map(([s, n]) => `${s}×${n}`)
            .join(' ')} |`,
      ),
      '',
    );
    if (Object.keys(run.errors).length)
      lines.push(
        `Unexpected: ${Object.entries(run.errors)
          .map(([k, n]) => `${k} ×${n}`)
          .join(', ')}`,
        '',
      );
  }
  return lines.join('\n').trimEnd();
}
