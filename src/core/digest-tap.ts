import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

/** SHA-256 and size of what passes through a stream, e.g. the bytes as they are written to disk. */
export function digestTap() {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), bytes }) };
}
