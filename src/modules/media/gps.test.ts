import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { exifOf, latitudeBytes, makeImage, pixelsOf } from '../../../test/media/fixtures';
import { stripGpsLossless, zeroGpsIfd } from './gps';

const containsLatitude = (file: Buffer) => latitudeBytes().some((pattern) => file.includes(pattern));

describe('lossless GPS removal', () => {
  it.each(['jpeg', 'png', 'webp'] as const)('%s: removes the location bytes and keeps pixels, orientation and date', async (format) => {
    const original = await makeImage({ format, gps: true, orientation: 6, takenAt: '2021:07:04 12:34:56' });
    const before = await exifOf(original);
    expect(before.gps).toMatchObject({ GPSLatitudeRef: 'N' });
    expect(containsLatitude(original)).toBe(true);

    const stripped = stripGpsLossless(original, format)!;
    const after = await exifOf(stripped);
    expect(after.gps).toBeUndefined();
    expect(containsLatitude(stripped)).toBe(false);
    expect(after.orientation).toBe(before.orientation);
    expect(after.takenAt).toEqual(before.takenAt);
    expect((await pixelsOf(stripped)).equals(await pixelsOf(original))).toBe(true);
  });

  it('drops XMP that carries a location (JPEG and WebP)', async () => {
    for (const format of ['jpeg', 'webp'] as const) {
      const original = await makeImage({ format, xmpGps: true });
      expect((await exifOf(original)).xmp).toMatch(/GPSLatitude/);
      const stripped = stripGpsLossless(original, format)!;
      expect((await exifOf(stripped)).xmp ?? '').not.toMatch(/GPS/);
      expect((await pixelsOf(stripped)).equals(await pixelsOf(original))).toBe(true);
    }
  });

  it('keeps PNG chunk checksums valid', async () => {
    const stripped = stripGpsLossless(await makeImage({ format: 'png', gps: true }), 'png')!;
    for (let at = 8; at < stripped.length; ) {
      const length = stripped.readUInt32BE(at);
      expect(stripped.readUInt32BE(at + 8 + length)).toBe(crc32(stripped.subarray(at + 4, at + 8 + length)));
      at += 12 + length;
    }
  });

  it('leaves an image without location byte for byte unchanged', async () => {
    const original = await makeImage({ format: 'jpeg', orientation: 3 });
    expect(stripGpsLossless(original, 'jpeg')!.equals(original)).toBe(true);
  });

  it('answers null for containers it does not edit (the caller re-encodes)', async () => {
    expect(stripGpsLossless(await makeImage({ format: 'avif', gps: true }), 'heif')).toBeNull();
  });

  it('refuses a TIFF structure whose GPS directory points outside it', () => {
    const tiff = Buffer.alloc(64);
    tiff.write('II', 0, 'latin1');
    tiff.writeUInt16LE(42, 2);
    tiff.writeUInt32LE(8, 4);
    tiff.writeUInt16LE(1, 8); // one entry
    tiff.writeUInt16LE(0x8825, 10);
    tiff.writeUInt16LE(4, 12);
    tiff.writeUInt32LE(1, 14);
    tiff.writeUInt32LE(10_000, 18); // GPS IFD far beyond the end
    expect(() => zeroGpsIfd(tiff)).toThrow(/out of range/);
  });
});
