import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL server of the test's own (initdb into a temporary directory, on a free
 * port), to be restarted, shut down and killed at will — never the shared test server.
 */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  const version = versions.find((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')));
  return version ? join(root, version, 'bin') : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class PrivatePostgres {
  readonly dir: string;
  readonly dataDir: string;
  private constructor(
    readonly bin: string,
    readonly port: number,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'mono-pg-'));
    this.dataDir = join(this.dir, 'data');
  }

  static async create(bin: string): Promise<PrivatePostgres> {
    const pg = new PrivatePostgres(bin, await freePort());
    // initdb refuses to run as root: the cluster then belongs to the postgres user.
    if (process.getuid?.() === 0) {
      chmodSync(pg.dir, 0o755);
      const { uid, gid } = postgresUser();
      chownSync(pg.dir, uid, gid);
    }
    pg.run('initdb', ['-D', pg.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    pg.start();
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private run(tool: string, args: string[], options: { check?: boolean } = {}): { status: number | null; output: string } {
    const command = join(this.bin, tool);
    const asRoot = process.getuid?.() === 0;
    const result = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
      : spawnSync(command, args, { encoding: 'utf8' });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    if (options.check !== false && result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${result.status}): ${output}`);
    return { status: result.status, output };
  }

  private ctl(args: string[], check = true) {
    return this.run(
      'pg_ctl',
      [
        '-D',
        this.dataDir,
        '-l',
        join(this.dir, 'server.log'),
        '-o',
        `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c max_connections=60`,
        '-w',
        '-t',
        '30',
        ...args,
      ],
      { check },
    );
  }

  start(): void {
    // After kill -9 of the postmaster its orphaned backends may still hold the shared
    // memory for a moment: retry until they are gone.
    for (let attempt = 1; ; attempt++) {
      const result = this.ctl(['start'], false);
      if (result.status === 0) return;
      if (attempt >= 20) throw new Error(`pg_ctl start failed: ${result.output}\n${this.serverLog()}`);
      execFileSync('sleep', ['0.25']);
    }
  }

  /** pg_ctl stop/restart with a shutdown mode: fast or immediate. */
  stop(mode: 'fast' | 'immediate'): void {
    this.ctl(['stop', '-m', mode]);
  }

  restart(mode: 'fast' | 'immediate'): void {
    this.ctl(['restart', '-m', mode]);
  }

  /** kill -9 of the postmaster (its backends notice and exit on their own). */
  killPostmaster(): void {
    const pid = Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    // The pid file stays behind (as after a crash); pg_ctl start copes with a stale one.
  }

  serverLog(): string {
    try {
      return readFileSync(join(this.dir, 'server.log'), 'utf8').slice(-2000);
    } catch {
      return '';
    }
  }

  destroy(): void {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) this.ctl(['stop', '-m', 'immediate'], false);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('no postgres user to run initdb as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
