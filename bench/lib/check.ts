import type { BenchResult } from './report';

/** How far a ratio may fall below its record before `npm run bench -- --check` fails. */
export const CHECK_TOLERANCE = 0.2;

/**
 * `--check`: the ratios (higher is better) of this run that fell more than 20 % below the
 * engine's recorded run in docs/benchmarks.json, matched by benchmark and title — the
 * headline ratios and the supporting ones (details named "… ÷ …"). Absolute figures are
 * left out: they move with the machine's load, while a same-run ratio does not.
 */
export function regressionsOf(results: readonly BenchResult[], recorded: readonly BenchResult[]): string[] {
  const found: string[] = [];
  const compare = (what: string, now: unknown, before: unknown, at?: string) => {
    if (typeof now !== 'number' || typeof before !== 'number' || !Number.isFinite(now) || !Number.isFinite(before)) return;
    if (now < before * (1 - CHECK_TOLERANCE)) found.push(`${what}: ${now.toFixed(3)}, recorded ${before.toFixed(3)}${at ? ` (${at})` : ''}`);
  };
  for (const r of results) {
    const before = recorded.find((p) => p.no === r.no && p.title === r.title);
    if (!before) continue;
    if (r.unit === 'ratio') compare(`${r.no} ${r.title}`, r.value, before.value, before.at);
    for (const [key, value] of Object.entries(r.details)) {
      if (key.includes('÷')) compare(`${r.no} ${r.title} — ${key}`, value, before.details[key], before.at);
    }
  }
  return found;
}
