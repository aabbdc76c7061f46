import { crc32 } from 'node:zlib';

/**
 * Lossless removal of GPS location from image files, without re-encoding pixels.
 *
 * Phones write the location into the EXIF GPS directory (a TIFF IFD) and sometimes
 * into XMP. Re-encoding a JPEG to drop it would cost quality on every upload, so we
 * edit the container instead:
 *
 * - EXIF: every entry of the GPS IFD and every out-of-line value it points to is
 *   overwritten with zeros and the directory is left empty — the coordinates are gone
 *   from the bytes, not merely unlinked. Other EXIF (orientation, capture date) stays.
 * - XMP packets that mention GPS are dropped whole.
 *
 * Supported containers: JPEG (APP1 segments), PNG (eXIf chunk, XMP iTXt, legacy raw
 * profile text chunks; CRCs recomputed), WebP (EXIF and XMP chunks; RIFF size and
 * VP8X flags fixed). Anything else answers `null`, and the caller falls back to a
 * re-encode. The caller verifies the result either way.
 */
export function stripGpsLossless(file: Buffer, format: string): Buffer | null {
  switch (format) {
    case 'jpeg':
      return stripJpeg(file);
    case 'png':
      return stripPng(file);
    case 'webp':
      return stripWebp(file);
    default:
      return null;
  }
}

/** XMP that carries a location: exif:GPSLatitude, GPSLongitude, … as attributes or elements. */
export const xmpHasGps = (xmp: Buffer | string): boolean =>
  /GPS(?:Latitude|Longitude|Altitude|Coordinates|Position|DestLatitude|DestLongitude)/i.test(typeof xmp === 'string' ? xmp : xmp.toString('latin1'));

class MalformedImage extends Error {}

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
const XMP_NAMESPACES = ['http://ns.adobe.com/xap/1.0/\0', 'http://ns.adobe.com/xmp/extension/\0'].map((s) => Buffer.from(s, 'latin1'));

/** Sizes of TIFF field types 1..13 (BYTE, ASCII, SHORT, LONG, RATIONAL, SBYTE, UNDEFINED, SSHORT, SLONG, SRATIONAL, FLOAT, DOUBLE, IFD). */
const TYPE_SIZES = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4];
const GPS_IFD_TAG = 0x8825;

/**
 * Empties the GPS IFD of a TIFF structure (an EXIF block) in place. Returns whether
 * there was one. Throws on structures it cannot read safely.
 */
export function zeroGpsIfd(tiff: Buffer): boolean {
  const order = tiff.toString('latin1', 0, 2);
  if (tiff.length < 8 || (order !== 'II' && order !== 'MM')) throw new MalformedImage('not a TIFF structure');
  const little = order === 'II';
  const u16 = (at: number) => {
    if (at < 0 || at + 2 > tiff.length) throw new MalformedImage('EXIF offset out of range');
    return little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at);
  };
  const u32 = (at: number) => {
    if (at < 0 || at + 4 > tiff.length) throw new MalformedImage('EXIF offset out of range');
    return little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at);
  };
  if (u16(2) !== 42) throw new MalformedImage('not a TIFF structure');
  const ifd0 = u32(4);
  const entries0 = u16(ifd0);
  let gpsIfd: number | undefined;
  for (let i = 0; i < entries0; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (u16(entry) === GPS_IFD_TAG) gpsIfd = u32(entry + 8);
  }
  if (gpsIfd === undefined || gpsIfd === 0) return false;
  const count = u16(gpsIfd);
  const end = gpsIfd + 2 + count * 12 + 4;
  if (end > tiff.length) throw new MalformedImage('GPS directory out of range');
  for (let i = 0; i < count; i++) {
    const entry = gpsIfd + 2 + i * 12;
    const type = u16(entry + 2);
    const length = (TYPE_SIZES[type] ?? 1) * u32(entry + 4);
    if (length > 4) {
      const at = u32(entry + 8);
      if (at + length > tiff.length) throw new MalformedImage('GPS value out of range');
      tiff.fill(0, at, at + length);
    }
  }
  // no entries, no next directory; the entries themselves are wiped too
  tiff.fill(0, gpsIfd, end);
  return true;
}

const startsWith = (buf: Buffer, at: number, prefix: Buffer) => buf.length >= at + prefix.length && buf.subarray(at, at + prefix.length).equals(prefix);

function stripJpeg(file: Buffer): Buffer {
  if (file[0] !== 0xff || file[1] !== 0xd8) throw new MalformedImage('not a JPEG');
  const out = Buffer.from(file);
  const xmpSegments: [number, number][] = [];
  let xmpGps = false;
  let at = 2;
  while (at + 4 <= out.length) {
    if (out[at] !== 0xff) throw new MalformedImage('JPEG segment marker expected');
    const marker = out[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // start of scan / end of image: no metadata after this
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = out.readUInt16BE(at + 2);
    const body = at + 4;
    const next = at + 2 + length;
    if (length < 2 || next > out.length) throw new MalformedImage('JPEG segment out of range');
    if (marker === 0xe1 && startsWith(out, body, EXIF_HEADER)) {
      zeroGpsIfd(out.subarray(body + EXIF_HEADER.length, next));
    } else if (marker === 0xe1 && XMP_NAMESPACES.some((ns) => startsWith(out, body, ns))) {
      xmpSegments.push([at, next]);
      if (xmpHasGps(out.subarray(body, next))) xmpGps = true;
    }
    at = next;
  }
  if (!xmpGps) return out;
  const parts: Buffer[] = [];
  let from = 0;
  for (const [start, end] of xmpSegments) {
    parts.push(out.subarray(from, start));
    from = end;
  }
  parts.push(out.subarray(from));
  return Buffer.concat(parts);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function stripPng(file: Buffer): Buffer {
  if (!startsWith(file, 0, PNG_SIGNATURE)) throw new MalformedImage('not a PNG');
  const parts: Buffer[] = [file.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= file.length) {
    const length = file.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > file.length) throw new MalformedImage('PNG chunk out of range');
    const type = file.toString('latin1', at + 4, at + 8);
    const data = file.subarray(at + 8, at + 8 + length);
    const keyword = ['tEXt', 'zTXt', 'iTXt'].includes(type) ? data.toString('latin1', 0, Math.max(0, data.indexOf(0))) : '';
    if (type === 'eXIf') {
      const chunk = Buffer.from(file.subarray(at, end));
      const tiff = chunk.subarray(8, 8 + length);
      zeroGpsIfd(startsWith(tiff, 0, EXIF_HEADER) ? tiff.subarray(EXIF_HEADER.length) : tiff);
      chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + length)), 8 + length);
      parts.push(chunk);
    } else if (/^Raw profile type (exif|app1)$/i.test(keyword) || (keyword === 'XML:com.adobe.xmp' && xmpHasGps(data))) {
      // dropped: a legacy hex copy of EXIF, or XMP with a location
    } else {
      parts.push(file.subarray(at, end));
    }
    at = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(parts);
}

function stripWebp(file: Buffer): Buffer {
  if (file.toString('latin1', 0, 4) !== 'RIFF' || file.toString('latin1', 8, 12) !== 'WEBP') throw new MalformedImage('not a WebP');
  const parts: Buffer[] = [Buffer.from(file.subarray(0, 12))];
  let droppedXmp = false;
  let at = 12;
  while (at + 8 <= file.length) {
    const type = file.toString('latin1', at, at + 4);
    const length = file.readUInt32LE(at + 4);
    const end = at + 8 + length + (length % 2);
    if (at + 8 + length > file.length) throw new MalformedImage('WebP chunk out of range');
    const chunk = Buffer.from(file.subarray(at, Math.min(end, file.length)));
    if (type === 'EXIF') {
      const tiff = chunk.subarray(8, 8 + length);
      zeroGpsIfd(startsWith(tiff, 0, EXIF_HEADER) ? tiff.subarray(EXIF_HEADER.length) : tiff);
      parts.push(chunk);
    } else if (type === 'XMP ' && xmpHasGps(chunk.subarray(8, 8 + length))) {
      droppedXmp = true;
    } else {
      parts.push(chunk);
    }
    at = end;
  }
  const out = Buffer.concat(parts);
  out.writeUInt32LE(out.length - 8, 4);
  if (droppedXmp && out.toString('latin1', 12, 16) === 'VP8X') out[20] = out[20]! & ~0x04; // XMP flag
  return out;
}

export const isMalformedImage = (error: unknown): boolean => error instanceof MalformedImage;
