/**
 * Draws the add-in's icons (a green ledger page with a tick) as real PNG files in the sizes
 * Office asks for: 16, 32, 64 and 80 px. Run: `npx tsx addin/tools/make-icons.ts`.
 * A tiny PNG encoder (RGBA, deflate from node:zlib) keeps this free of image packages.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer): number => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes RGBA pixels (row after row) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

type Rgb = [number, number, number];
const GREEN: Rgb = [16, 124, 65]; // Excel's green
const WHITE: Rgb = [255, 255, 255];
const LIGHT: Rgb = [200, 232, 212];

/** The colour at a point of the unit square, or null outside the icon. */
function paint(x: number, y: number): Rgb | null {
  const r = 0.18; // corner radius
  const cx = Math.min(Math.max(x, r), 1 - r), cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  // a tick in the lower right
  const onSegment = (ax: number, ay: number, bx: number, by: number, w: number) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 < w * w;
  };
  if (onSegment(0.5, 0.68, 0.62, 0.8, 0.06) || onSegment(0.62, 0.8, 0.84, 0.52, 0.06)) return WHITE;
  // ledger lines
  for (const ly of [0.26, 0.42, 0.58]) {
    const right = ly > 0.5 ? 0.46 : 0.8;
    if (y > ly - 0.045 && y < ly + 0.045 && x > 0.2 && x < right) return ly === 0.26 ? WHITE : LIGHT;
  }
  return GREEN;
}

/** Draws one size, 4×4 supersampled so small icons stay smooth. */
export function drawIcon(size: number): Buffer {
  const px = new Uint8Array(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = paint((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a++;
        }
      }
      const i = (y * size + x) * 4;
      if (a) { px[i] = r / a; px[i + 1] = g / a; px[i + 2] = b / a; }
      px[i + 3] = Math.round((a / (S * S)) * 255);
    }
  }
  return encodePng(size, size, px);
}

export const ICON_SIZES = [16, 32, 64, 80] as const;

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.resolve(import.meta.dirname, '../../assets');
  for (const s of ICON_SIZES) writeFileSync(path.join(dir, `icon-${s}.png`), drawIcon(s));
  console.log(`icons written to ${dir}`);
}
