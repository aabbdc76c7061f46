import type { CliIO } from './io';

/**
 * Progress for long CLI work: a redrawn bar with rate and ETA on a terminal, one plain
 * line every few seconds otherwise (CI logs stay readable).
 */
export interface Progress {
  tick(done: number): void;
  finish(message?: string): void;
}

export function progress(io: CliIO, label: string, total: number | null, unit = 'rows'): Progress {
  const started = Date.now();
  let lastPlain = 0;
  let done = 0;
  const line = () => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const pct = total ? Math.min(100, (done / total) * 100) : null;
    const eta = total && rate > 0 ? Math.max(0, (total - done) / rate) : null;
    const bar = pct === null ? '' : `[${'#'.repeat(Math.round(pct / 5)).padEnd(20, '.')}] ${pct.toFixed(1)}% `;
    return `${label} ${bar}${done.toLocaleString('en')}${total ? `/${total.toLocaleString('en')}` : ''} ${unit}, ${Math.round(rate).toLocaleString('en')}/s${eta !== null ? `, ETA ${formatDuration(eta)}` : ''}`;
  };
  return {
    tick(value) {
      done = value;
      if (io.isTTY) {
        process.stderr.write(`\r${line()}\x1b[K`);
      } else if (Date.now() - lastPlain > 5000) {
        lastPlain = Date.now();
        io.err(line());
      }
    },
    finish(message) {
      if (io.isTTY) process.stderr.write('\r\x1b[K');
      io.err(message ?? `${line()} — done in ${formatDuration((Date.now() - started) / 1000)}`);
    },
  };
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m < 60 ? `${m}m${String(s).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
