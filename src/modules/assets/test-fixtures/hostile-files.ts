import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Test images made at test time, so no binary fixture is committed. */
export function photo(width = 1600, height = 1200, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 240, g: 170, b: 40 } } }).composite([
    { input: Buffer.from(`<svg width="${width}" height="${height}"><circle cx="${width * 0.7}" cy="${height * 0.3}" r="${Math.min(width, height) / 5}" fill="#0b6e4f"/></svg>`), top: 0, left: 0 },
  ]);
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 90 }).toBuffer();
}

export async function truncated(): Promise<Buffer> {
  const whole = await photo(800, 600);
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/** A valid PNG whose header claims 50,000 × 50,000 pixels: decoding it would need 7.5 GB. */
export function decompressionBomb(): Buffer {
  return pngWithHeader(50_000, 50_000);
}

/** 10,000 × 10,000 RGBA at 16 bits per channel: within the pixel limit, but 800 MB decoded. */
export function sixteenBitBomb(): Buffer {
  return pngWithHeader(10_000, 10_000, { bitDepth: 16, colorType: 6 });
}

/** 25,000,000 × 4 pixels: a strip no photo is. */
export function thinStrip(): Buffer {
  return pngWithHeader(25_000_000, 4);
}

/** A PNG whose header says what a test needs; the pixel data is a stub, since it is refused from its header. */
function pngWithHeader(width: number, height: number, { bitDepth = 8, colorType = 2 } = {}): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([bitDepth, colorType, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + Math.min(width, 50_000) * 3);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat([row, row]))), chunk('IEND', Buffer.alloc(0))]);
}

export const SVG_WITH_SCRIPT = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script><rect width="100" height="100"/></svg>');
export const NOT_AN_IMAGE = Buffer.from('This is a text file pretending to be a JPEG.\n'.repeat(20));

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
