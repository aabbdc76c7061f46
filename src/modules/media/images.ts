import { readFile, writeFile } from 'node:fs/promises';
import type exifReaderFn from 'exif-reader';
import type sharpFn from 'sharp';
import type { FormatEnum, Metadata } from 'sharp';
import { AppError } from '../../core/errors';
import { stripGpsLossless, xmpHasGps } from './gps';
import { tempPath } from './staging';

/**
 * Images: metadata, location privacy and a thumbnail, via sharp.
 *
 * The location (GPS) of a photo is removed from the stored original itself unless the
 * tenant keeps it — losslessly where the container allows (see gps.ts), otherwise by
 * re-encoding — and the result is read back to prove it is gone. Decoding is bounded
 * (`limitInputPixels`) so a small file that expands to billions of pixels is refused.
 */
export const THUMBNAIL_SIZE = 400;
/** The card variant (listing cards, search results): cropped to fill exactly this box. */
export const CARD_WIDTH = 640;
export const CARD_HEIGHT = 480;
const LIMIT_INPUT_PIXELS = 100_000_000;
const sharpOptions = { limitInputPixels: LIMIT_INPUT_PIXELS, failOn: 'error' } as const;

type ExifReader = typeof exifReaderFn;
let libraries: Promise<{ sharp: typeof sharpFn; exifReader: ExifReader }> | undefined;

/**
 * sharp (libvips, a native module) and exif-reader, loaded with the first image: ~150 ms
 * and the native library's memory that a start, or a `mono` command, does not need.
 */
const imaging = () =>
  (libraries ??= Promise.all([import('sharp'), import('exif-reader')]).then(([sharp, exif]) => ({ sharp: sharp.default, exifReader: exif.default })));

export interface ImageMetadata {
  [key: string]: unknown;
  /** As displayed, i.e. with the EXIF orientation applied. */
  width: number;
  height: number;
  /** EXIF orientation 1–8 of the stored file (1 when absent). */
  orientation: number;
  /** Capture time from EXIF: local time, with its offset when the camera recorded one. */
  takenAt: string | null;
  /** Only when the tenant keeps locations. */
  gps?: { latitude: number; longitude: number; altitude?: number };
  /** The upload carried a location that was removed. */
  gpsRemoved: boolean;
  frames: number;
  thumbnail: { width: number; height: number; size: number; mimetype: 'image/webp' } | null;
}

export interface ProcessedImage {
  /** The file to store: the staged upload itself, or a copy without location. */
  path: string;
  metadata: ImageMetadata;
  thumbnailPath: string;
}

const unreadable = (cause: unknown) => new AppError('MEDIA_UNREADABLE', 'The image could not be read; it may be damaged or truncated', { cause });

type Exif = ReturnType<ExifReader>;

function readExif(metadata: Metadata, exifReader: ExifReader): Exif | undefined {
  if (!metadata.exif) return undefined;
  try {
    return exifReader(metadata.exif);
  } catch {
    return undefined;
  }
}

/** Any location-bearing GPS tag (a lone GPSVersionID says nothing about where). */
function hasGps(metadata: Metadata, exifReader: ExifReader): boolean {
  const gps = readExif(metadata, exifReader)?.GPSInfo;
  const exifGps = gps !== undefined && Object.keys(gps).some((k) => k !== 'GPSVersionID');
  return exifGps || (metadata.xmp !== undefined && xmpHasGps(metadata.xmp));
}

function takenAt(exif: Exif | undefined): string | null {
  const date = exif?.Photo?.DateTimeOriginal ?? exif?.Photo?.DateTimeDigitized ?? exif?.Image?.DateTime;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return null;
  // exif-reader reads the camera's local wall-clock time as if it were UTC
  const local = date.toISOString().slice(0, 19);
  const offset = exif?.Photo?.OffsetTimeOriginal;
  return typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? `${local}${offset}` : local;
}

function coordinates(exif: Exif | undefined): ImageMetadata['gps'] {
  const gps = exif?.GPSInfo;
  const toDecimal = (dms: unknown, ref: unknown, negative: string) => {
    if (!Array.isArray(dms) || dms.length !== 3 || !dms.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
    const value = dms[0] + dms[1] / 60 + dms[2] / 3600;
    return Math.round((ref === negative ? -value : value) * 1e7) / 1e7;
  };
  const latitude = toDecimal(gps?.GPSLatitude, gps?.GPSLatitudeRef, 'S');
  const longitude = toDecimal(gps?.GPSLongitude, gps?.GPSLongitudeRef, 'W');
  if (latitude === undefined || longitude === undefined) return undefined;
  const altitude = typeof gps?.GPSAltitude === 'number' ? (gps.GPSAltitudeRef === 1 ? -gps.GPSAltitude : gps.GPSAltitude) : undefined;
  return altitude === undefined ? { latitude, longitude } : { latitude, longitude, altitude };
}

/** The bytes without location: lossless surgery, else a re-encode (orientation applied to the pixels). */
async function withoutGps(input: Buffer, format: string, mimetype: string): Promise<Buffer> {
  const { sharp, exifReader } = await imaging();
  let output: Buffer | null = null;
  try {
    output = stripGpsLossless(input, format);
  } catch {
    output = null;
  }
  if (output === null) {
    output = await sharp(input, { ...sharpOptions, animated: true })
      .autoOrient()
      .keepIccProfile()
      .toFormat(mimetype.slice('image/'.length) as keyof FormatEnum)
      .toBuffer();
  }
  const check = await sharp(output, sharpOptions).metadata();
  if (hasGps(check, exifReader)) {
    throw new AppError('MEDIA_LOCATION_NOT_REMOVABLE', 'The location data of this image could not be removed, so it was not stored');
  }
  return output;
}

/**
 * Reads, cleans and thumbnails a staged image. Every temp file it creates is pushed to
 * `options.temps` before it is written, so the caller can remove them whatever happens.
 */
export async function processImage(path: string, mimetype: string, options: { keepGps: boolean; tempDir: string; temps: string[] }): Promise<ProcessedImage> {
  const { sharp, exifReader } = await imaging();
  let metadata: Metadata;
  try {
    metadata = await sharp(path, sharpOptions).metadata();
  } catch (error) {
    throw unreadable(error);
  }
  const exif = readExif(metadata, exifReader);
  const gpsFound = hasGps(metadata, exifReader);
  let storedPath = path;
  let stored = metadata;
  if (gpsFound && !options.keepGps) {
    const clean = await withoutGps(await readFile(path), metadata.format, mimetype);
    storedPath = tempPath(options.tempDir, '.clean');
    options.temps.push(storedPath);
    await writeFile(storedPath, clean, { mode: 0o600 });
    stored = await sharp(clean, sharpOptions).metadata();
  }

  const thumbnailPath = tempPath(options.tempDir, '.thumb.webp');
  options.temps.push(thumbnailPath);
  let thumbnail: { width: number; height: number; size: number };
  try {
    thumbnail = await sharp(storedPath, sharpOptions)
      .autoOrient()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toFile(thumbnailPath);
  } catch (error) {
    throw unreadable(error);
  }

  const gps = options.keepGps ? coordinates(exif) : undefined;
  return {
    path: storedPath,
    thumbnailPath,
    metadata: {
      width: stored.autoOrient?.width ?? stored.width,
      height: stored.autoOrient?.height ?? stored.height,
      orientation: stored.orientation ?? 1,
      takenAt: takenAt(exif),
      ...(gps ? { gps } : {}),
      gpsRemoved: gpsFound && !options.keepGps,
      frames: stored.pages ?? 1,
      thumbnail: { width: thumbnail.width, height: thumbnail.height, size: thumbnail.size, mimetype: 'image/webp' },
    },
  };
}

/** The card variant of a stored image: oriented, cropped to fill CARD_WIDTH×CARD_HEIGHT, WebP. */
export async function renderCard(original: Buffer): Promise<Buffer> {
  const { sharp } = await imaging();
  try {
    return await sharp(original, sharpOptions)
      .autoOrient()
      .resize(CARD_WIDTH, CARD_HEIGHT, { fit: 'cover', position: 'attention' })
      .webp({ quality: 80 })
      .toBuffer();
  } catch (error) {
    throw unreadable(error);
  }
}
