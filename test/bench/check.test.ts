import { describe, expect, it } from 'vitest';
import { regressionsOf } from '../../bench/lib/check';
import type { BenchResult } from '../../bench/lib/report';

const result = (value: number, details: Record<string, number> = {}, unit = 'ratio'): BenchResult => ({
  no: 2,
  id: 'http-read',
  title: 'HTTP read',
  value,
  unit,
  reference: '—',
  details,
});

describe('npm run bench -- --check', () => {
  it('reports a ratio more than 20 % below its record, headline or "÷" detail, and nothing within it', () => {
    const recorded = [result(0.8, { 'public ÷ bare': 0.9, 'req/s': 1000 })];
    expect(regressionsOf([result(0.6, { 'public ÷ bare': 0.9, 'req/s': 100 })], recorded)).toEqual([
      expect.stringMatching(/^2 HTTP read: 0\.600, recorded 0\.800/),
    ]);
    expect(regressionsOf([result(0.7, { 'public ÷ bare': 0.7 })], recorded)).toEqual([expect.stringMatching(/public ÷ bare: 0\.700, recorded 0\.900/)]);
    expect(regressionsOf([result(0.65, {}, 'ms')], [result(0.8, {}, 'ms')])).toEqual([]);
    expect(regressionsOf([result(0.1)], [])).toEqual([]);
  });
});
