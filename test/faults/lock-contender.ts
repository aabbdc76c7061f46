// A process that tries to lock a data directory when told to (argv: dir): it prints
// "ready" once loaded, spins until the file <dir>/go exists, then prints "won" or
// "lost: <reason>"; a winner holds the lock until <dir>/done exists. The test starts the
// race only when every contender is ready, however slow the machine is.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lockDataDir } from '../../src/db/data-dir-lock';

const [dir] = process.argv.slice(2);
process.stdout.write('ready\n');
while (!existsSync(join(dir!, 'go'))) {
  // spin: every contender tries within the same millisecond or so
}
try {
  const release = lockDataDir(dir!);
  process.stdout.write('won\n');
  const wait = setInterval(() => {
    if (!existsSync(join(dir!, 'done'))) return;
    clearInterval(wait);
    release();
    process.exit(0);
  }, 10);
} catch (error) {
  process.stdout.write(`lost: ${(error as Error).message}\n`);
  process.exit(0);
}
