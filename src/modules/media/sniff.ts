import { open } from 'node:fs/promises';

/**
 * What a file really is, from its bytes — never from the client's Content-Type or
 * file name. Only types whose magic numbers identify them reliably can be accepted;
 * text formats (SVG, HTML, CSV) cannot be told apart from each other safely and are
 * refused. SVG in particular can carry scripts, and sanitising it robustly needs a full
 * XML/DOM sanitiser we do not want in the upload path, so SVG is never accepted.
 */
export const SUPPORTED_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'application/pdf',
  'video/mp4',
  'video/webm',
  'video/quicktime',
  'audio/mpeg',
] as const;
export type SupportedType = (typeof SUPPORTED_TYPES)[number];

/** What a tenant accepts when its settings say nothing: pictures and PDFs. */
export const DEFAULT_ALLOWED_TYPES: readonly SupportedType[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'application/pdf'];

/** Types sharp reads (its prebuilt binaries): these get metadata and a thumbnail. */
export const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif']);

export const isSupportedType = (mime: string): mime is SupportedType => (SUPPORTED_TYPES as readonly string[]).includes(mime);

export interface Sniffed {
  /** The detected type, if it is one we can accept at all. */
  mimetype: SupportedType | null;
  /** What was detected (for the error message), e.g. 'application/xml' or 'svg'. */
  detected: string | null;
}

export async function sniffFile(path: string): Promise<Sniffed> {
  // Loaded with the first upload rather than at start (~50 ms of every start and command).
  const { fileTypeFromFile } = await import('file-type');
  const type = await fileTypeFromFile(path);
  if (type && isSupportedType(type.mime)) return { mimetype: type.mime, detected: type.mime };
  if (await looksLikeSvg(path)) return { mimetype: null, detected: 'image/svg+xml' };
  return { mimetype: null, detected: type?.mime ?? null };
}

async function looksLikeSvg(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return /<svg[\s>]/i.test(buffer.toString('utf8', 0, bytesRead));
  } finally {
    await handle.close();
  }
}
