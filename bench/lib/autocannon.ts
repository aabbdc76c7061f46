import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * autocannon in its own process (its CPU is not the server's event loop), JSON out.
 */
export interface CannonResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  mean: number;
  total: number;
  non2xx: number;
  errors: number;
}

const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('autocannon/package.json')), 'autocannon.js');

export function autocannon(url: string, options: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<CannonResult> {
  const args = [cli, '-j', '-c', String(options.connections), '-d', String(options.seconds)];
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) return reject(error);
      const r = JSON.parse(stdout) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number; mean: number };
        non2xx: number;
        errors: number;
        duration: number;
      };
      resolve({
        requestsPerSecond: r.requests.total / r.duration,
        p50: r.latency.p50,
        p99: r.latency.p99,
        mean: r.latency.mean,
        total: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
      });
    });
  });
}
