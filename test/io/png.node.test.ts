import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inflateSync } from 'node:zlib';
import { ArgumentError, ShapeError, colorAt, encodePng, imagePng, tensor } from '../../src/index.js';

/** Reads a PNG with Node's zlib (an independent inflater) and bitwise CRCs. */
function decode(png: Uint8Array): { width: number; height: number; rgb: Uint8Array } {
  assert.equal([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let o = 8;
  let width = 0;
  let height = 0;
  const idat: Uint8Array[] = [];
  for (;;) {
    const len = view.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    let crc = 0xffffffff;
    for (const b of png.subarray(o + 4, o + 8 + len)) {
      crc ^= b;
      for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
    }
    assert.is((crc ^ 0xffffffff) >>> 0, view.getUint32(o + 8 + len), `${type} CRC`);
    if (type === 'IHDR') [width, height] = [view.getUint32(o + 8), view.getUint32(o + 12)];
    if (type === 'IDAT') idat.push(png.subarray(o + 8, o + 8 + len));
    o += 12 + len;
    if (type === 'IEND') break;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    assert.is(raw[y * (1 + 3 * width)], 0, 'filter type 0');
    rgb.set(raw.subarray(y * (1 + 3 * width) + 1, (y + 1) * (1 + 3 * width)), y * 3 * width);
  }
  return { width, height, rgb };
}

test('encodePng writes a valid PNG that round-trips through zlib', () => {
  const rgb = new Uint8Array(5 * 3 * 3).map((_, i) => (i * 37) % 256);
  const img = decode(encodePng(5, 3, rgb));
  assert.equal([img.width, img.height], [5, 3]);
  assert.equal([...img.rgb], [...rgb]);
  // Larger than one stored deflate block (65535 bytes).
  const big = new Uint8Array(200 * 120 * 3).map((_, i) => i % 251);
  assert.equal([...decode(encodePng(200, 120, big)).rgb], [...big]);
});

test('imagePng colours a space-time array on a diverging map, symmetric around zero', () => {
  const x = tensor([[-1, 0, 1], [0.5, -0.5, 0]]);
  const img = decode(imagePng(x, { scale: 2 }));
  assert.equal([img.width, img.height], [6, 4]);
  const px = (r: number, c: number) => [...img.rgb.subarray(3 * (r * 6 + c), 3 * (r * 6 + c) + 3)];
  assert.equal(px(0, 0), colorAt('RdBu', 0));
  assert.equal(px(0, 2), colorAt('RdBu', 0.5));
  assert.equal(px(1, 5), colorAt('RdBu', 1));
  assert.equal(px(3, 0), colorAt('RdBu', 0.75));
  assert.equal(colorAt('viridis', 0), [68, 1, 84]);
  assert.equal(colorAt('viridis', 2), [253, 231, 37], 'clamped');
});

test('bad input', () => {
  assert.throws(() => encodePng(2, 2, new Uint8Array(3)), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => encodePng(0, 2, new Uint8Array(0)), (e: unknown) => e instanceof ArgumentError);
  assert.throws(() => imagePng(tensor([1, 2])), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => colorAt('jet' as never, 0.5), (e: unknown) => e instanceof ArgumentError);
});

test.run();
