import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import exifReader from 'exif-reader';
import sharp from 'sharp';

/** Real image bytes for media tests, made by sharp. */
export async function readAll(stream: Readable | NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** A stream that delivers `data` in small chunks, like a network upload. */
export function streamOf(data: Buffer, chunkSize = 16 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunkSize) chunks.push(data.subarray(i, i + chunkSize));
  return Readable.from(chunks);
}

/** Vienna, as a camera writes it. */
export const GPS_EXIF = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '48/1 12/1 3000/100',
  GPSLongitudeRef: 'E',
  GPSLongitude: '16/1 22/1 1234/100',
};
export const XMP_WITH_GPS =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="48,12.5N" exif:GPSLongitude="16,22.2E"/></rdf:RDF></x:xmpmeta>';

export interface ImageOptions {
  width?: number;
  height?: number;
  format?: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';
  gps?: boolean;
  xmpGps?: boolean;
  orientation?: number;
  takenAt?: string;
  /** Different colours give different bytes (and hashes). */
  seed?: number;
}

export async function makeImage(options: ImageOptions = {}): Promise<Buffer> {
  const { width = 64, height = 48, format = 'jpeg', seed = 1 } = options;
  let image = sharp({
    create: { width, height, channels: 3, background: { r: (seed * 37) % 256, g: (seed * 91) % 256, b: (seed * 13) % 256 } },
  }).toFormat(format);
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  const ifd2 = options.takenAt ? { DateTimeOriginal: options.takenAt } : undefined;
  if (options.gps || ifd2) image = image.withExif({ IFD0: { Make: 'TestCam' }, ...(ifd2 ? { IFD2: ifd2 } : {}), ...(options.gps ? { IFD3: GPS_EXIF } : {}) });
  if (options.xmpGps) image = image.withXmp(XMP_WITH_GPS);
  return image.toBuffer();
}

/** A noisy image: compresses badly, so a few hundred pixels make a big file. */
export async function makeNoise(width: number, height: number, seed = 1): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    raw[i] = x >>> 24;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** What the EXIF of an image says about its location, orientation and date. */
export async function exifOf(image: Buffer) {
  const meta = await sharp(image).metadata();
  const exif = meta.exif ? exifReader(meta.exif) : undefined;
  return {
    gps: exif?.GPSInfo && Object.keys(exif.GPSInfo).length > 0 ? exif.GPSInfo : undefined,
    orientation: meta.orientation,
    takenAt: exif?.Photo?.DateTimeOriginal,
    xmp: meta.xmp?.toString('utf8'),
    format: meta.format,
  };
}

/** The GPS latitude as stored in a TIFF structure (three rationals), in both byte orders. */
export function latitudeBytes(): Buffer[] {
  const values = [48, 1, 12, 1, 3000, 100];
  const le = Buffer.alloc(24);
  const be = Buffer.alloc(24);
  values.forEach((v, i) => {
    le.writeUInt32LE(v, i * 4);
    be.writeUInt32BE(v, i * 4);
  });
  return [le, be];
}

/** Raw RGB pixels of an image, to prove an edit did not touch them. */
export async function pixelsOf(image: Buffer): Promise<Buffer> {
  return sharp(image).removeAlpha().raw().toBuffer();
}

/** A PDF (identified by its magic number) of exactly `size` bytes, different every time. */
export const makePdf = (size = 2000): Buffer => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(size - 9)]);

/** The error a promise rejects with (fails the test if it resolves). */
export async function errorOf<E = import('../../src/core/errors').AppError>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the promise to be rejected');
}
