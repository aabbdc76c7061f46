import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';

/**
 * Results: docs/benchmarks.json keeps the latest run per engine; docs/benchmarks.md
 * shows them between two markers (the rest of that page is written by hand and kept).
 */
export type EngineName = 'postgres' | 'pglite';

export interface Target {
  op: '>=' | '<=';
  value: number;
  unit: string;
}

export interface BenchResult {
  /** Benchmark number from the issue (1–8) and a short id. */
  no: number;
  id: string;
  title: string;
  /** The headline figure that is compared with the target. */
  value: number;
  unit: string;
  target?: Target;
  /** The reference measured in the same run, in words with its value. */
  reference: string;
  /** Spread of the headline figure (e.g. the paired ratios' min–max). */
  spread?: string;
  /** Supporting figures. */
  details: Record<string, string | number>;
  notes?: string[];
  /** When it was measured and the 1-minute load average around it (a partial run keeps older results). */
  at?: string;
  load?: [number, number];
}

export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  database: string;
}

export interface EngineRun {
  engine: EngineName;
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  /** 1-minute load average at start and end: how busy the machine was. */
  load: [number, number];
  options: Record<string, unknown>;
  results: BenchResult[];
}

export interface ResultsFile {
  runs: Partial<Record<EngineName, EngineRun>>;
  load?: Partial<Record<EngineName, unknown>>;
}

export function machine(database: string): Machine {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    ramGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    database,
  };
}

export function pgliteVersion(): string {
  const path = resolve(import.meta.dirname, '../../node_modules/@electric-sql/pglite/package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

export const load1 = () => Math.round(loadavg()[0]! * 100) / 100;

export function passes(result: BenchResult): boolean | undefined {
  if (!result.target || !Number.isFinite(result.value)) return undefined;
  return result.target.op === '>=' ? result.value >= result.target.value : result.value <= result.target.value;
}

export function readResults(path: string): ResultsFile {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ResultsFile) : { runs: {} };
}

export function writeResults(path: string, file: ResultsFile): void {
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}

const fmt = (n: number, unit: string) => {
  if (!Number.isFinite(n)) return 'n/a';
  if (unit === '' && Number.isInteger(n)) return n.toLocaleString('en');
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : Math.abs(n) >= 1 ? 2 : 3;
  const suffix = unit === '' || unit === 'ratio' ? '' : unit === '×' ? '×' : ` ${unit}`;
  return `${n.toFixed(digits)}${suffix}`;
};

function runTable(run: EngineRun): string {
  const times = run.results.map((r) => r.at ?? run.startedAt).sort();
  const loads = run.results.flatMap((r) => r.load ?? run.load);
  const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  const lines = [
    `**${run.engine === 'postgres' ? 'PostgreSQL server' : 'PGlite (embedded)'}** — ${run.machine.database}; ${run.machine.cpu}, ${run.machine.cores} cores, ${run.machine.ramGb} GB RAM; Node ${run.machine.node}; measured ${when(times[0]!)}–${when(times[times.length - 1]!).slice(11)} UTC; load average ${Math.min(...loads)}–${Math.max(...loads)} (other developers' work shares the machine).`,
    '',
    '| # | benchmark | result | target | | reference (same run) | spread | details |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of run.results) {
    const ok = passes(r);
    const details = Object.entries(r.details)
      .map(([k, v]) => `${k}: ${typeof v === 'number' ? fmt(v, '') : v}`)
      .join('; ');
    lines.push(
      `| ${r.no} | ${r.title} | **${fmt(r.value, r.unit)}** | ${r.target ? `${r.target.op === '>=' ? '≥' : '≤'} ${fmt(r.target.value, r.target.unit)}` : '—'} | ${ok === undefined ? '' : ok ? 'met' : '**missed**'} | ${r.reference} | ${r.spread ?? ''} | ${details} |`,
    );
  }
  const notes = run.results.flatMap((r) => (r.notes ?? []).map((n) => `- ${r.no} ${r.title}: ${n}`));
  if (notes.length) lines.push('', ...notes);
  return lines.join('\n');
}

export const MARKERS = { start: '<!-- bench:results:start -->', end: '<!-- bench:results:end -->' };

/** Replaces the generated results section of docs/benchmarks.md (between the markers). */
export function renderResults(file: ResultsFile, loadSection: string | undefined): string {
  const parts = (['postgres', 'pglite'] as const).flatMap((engine) => (file.runs[engine] ? [runTable(file.runs[engine]!)] : []));
  if (loadSection) parts.push(loadSection);
  return `${MARKERS.start}\n<!-- generated by npm run bench / npm run load from docs/benchmarks.json; edit the text around it, not this -->\n\n${parts.join('\n\n')}\n\n${MARKERS.end}`;
}

export function updateMarkdown(path: string, section: string): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : `# Benchmarks\n\n${MARKERS.start}\n${MARKERS.end}\n`;
  const start = text.indexOf(MARKERS.start);
  const end = text.indexOf(MARKERS.end);
  const next = start >= 0 && end > start ? text.slice(0, start) + section + text.slice(end + MARKERS.end.length) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
}
