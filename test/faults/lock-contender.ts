// A process that tries to lock a data directory at an agreed moment (argv: dir, start
// time in ms since the epoch), prints "won" or "lost: <reason>", and holds the lock briefly.
import { lockDataDir } from '../../src/db/data-dir-lock';

const [dir, startAt] = process.argv.slice(2);
while (Date.now() < Number(startAt)) {
  // spin: every contender starts within the same millisecond or so
}
try {
  const release = lockDataDir(dir!);
  process.stdout.write('won\n');
  setTimeout(() => {
    release();
    process.exit(0);
  }, 1500);
} catch (error) {
  process.stdout.write(`lost: ${(error as Error).message}\n`);
  process.exit(0);
}
