/**
 * Images: a PNG encoder and colour maps, in plain TypeScript (no zlib, no canvas), so
 * that plots can be written from Node and from a browser alike.
 *
 * @module
 */
import { ArgumentError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zlib stream of stored (uncompressed) deflate blocks: valid everywhere, needs no compressor. */
function zlibStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(2 + data.length + 5 * blocks + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535;
    const len = Math.min(65535, data.length - start);
    out[o++] = b === blocks - 1 ? 1 : 0;
    out[o++] = len & 0xff;
    out[o++] = len >>> 8;
    out[o++] = ~len & 0xff;
    out[o++] = (~len >>> 8) & 0xff;
    out.set(data.subarray(start, start + len), o);
    o += len;
  }
  let a = 1;
  let s = 0;
  for (let i = 0; i < data.length; i++) {
    a = (a + data[i]!) % 65521;
    s = (s + a) % 65521;
  }
  const adler = ((s << 16) | a) >>> 0;
  out[o++] = adler >>> 24;
  out[o++] = (adler >>> 16) & 0xff;
  out[o++] = (adler >>> 8) & 0xff;
  out[o++] = adler & 0xff;
  return out;
}

/**
 * Encodes an RGB image (`rgb` holds `width * height * 3` bytes, rows top to bottom) as
 * a PNG file (8-bit truecolour, uncompressed deflate).
 */
export function encodePng(width: number, height: number, rgb: Uint8Array): Uint8Array {
  for (const [v, arg] of [[width, 'width'], [height, 'height']] as const) {
    if (!Number.isInteger(v) || v < 1) throw new ArgumentError({ fn: 'encodePng', arg, expected: 'a positive integer', actual: fmtValue(v) });
  }
  if (!(rgb instanceof Uint8Array) || rgb.length !== width * height * 3) {
    throw new ShapeError({ fn: 'encodePng', arg: 'rgb', expected: `${width * height * 3} bytes`, actual: rgb instanceof Uint8Array ? `${rgb.length}` : fmtValue(rgb) });
  }
  const raw = new Uint8Array(height * (1 + 3 * width));
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(3 * width * y, 3 * width * (y + 1)), y * (1 + 3 * width) + 1);
  const idat = zlibStored(raw);
  const chunks: [string, Uint8Array][] = [
    ['IHDR', new Uint8Array([...be32(width), ...be32(height), 8, 2, 0, 0, 0])],
    ['IDAT', idat],
    ['IEND', new Uint8Array(0)],
  ];
  const size = 8 + chunks.reduce((n, [, d]) => n + 12 + d.length, 0);
  const out = new Uint8Array(size);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let o = 8;
  for (const [type, data] of chunks) {
    out.set(be32(data.length), o);
    for (let i = 0; i < 4; i++) out[o + 4 + i] = type.charCodeAt(i);
    out.set(data, o + 8);
    out.set(be32(crc32(out, o + 4, o + 8 + data.length)), o + 8 + data.length);
    o += 12 + data.length;
  }
  return out;
}

function be32(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

/** Colour maps: `'RdBu'` (diverging, blue negative, red positive) and `'viridis'`. */
export type ColorMap = 'RdBu' | 'viridis';

const MAPS: Record<ColorMap, readonly (readonly [number, number, number])[]> = {
  // Anchors sampled from the usual matplotlib maps (evenly spaced, linearly interpolated).
  RdBu: [[5, 48, 97], [33, 102, 172], [67, 147, 195], [146, 197, 222], [209, 229, 240], [247, 247, 247], [253, 219, 199], [244, 165, 130], [214, 96, 77], [178, 24, 43], [103, 0, 31]],
  viridis: [[68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142], [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37]],
};

/** The colour of `t` in [0, 1] (clamped) on a colour map, as [r, g, b] bytes. */
export function colorAt(map: ColorMap, t: number): [number, number, number] {
  const anchors = MAPS[map];
  if (anchors === undefined) throw new ArgumentError({ fn: 'colorAt', arg: 'map', expected: "'RdBu' or 'viridis'", actual: fmtValue(map) });
  const x = Math.min(1, Math.max(0, Number.isNaN(t) ? 0.5 : t)) * (anchors.length - 1);
  const i = Math.min(anchors.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [anchors[i]!, anchors[i + 1]!];
  return [0, 1, 2].map((c) => Math.round(a[c]! + f * (b[c]! - a[c]!))) as [number, number, number];
}

/**
 * A PNG of a 2-D tensor (rows top to bottom), each value coloured on `map` between `vmin`
 * and `vmax` (default: symmetric around 0 for RdBu, the data range for viridis), each cell
 * drawn as `scale x scale` pixels. For a trajectory `(T, N)` this is a space-time plot with
 * time running down.
 */
export function imagePng(x: Tensor, options: { map?: ColorMap; vmin?: number; vmax?: number; scale?: number } = {}): Uint8Array {
  if (x.ndim !== 2) throw new ShapeError({ fn: 'imagePng', arg: 'x', expected: 'a 2-D tensor (rows, columns)', actual: fmtShape(x.shape) });
  const [rows, cols] = x.shape as [number, number];
  const values = x.toTypedArray();
  const map = options.map ?? 'RdBu';
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const amp = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  const vmin = options.vmin ?? (map === 'RdBu' ? -amp : lo);
  const vmax = options.vmax ?? (map === 'RdBu' ? amp : hi);
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new ArgumentError({ fn: 'imagePng', arg: 'scale', expected: 'a positive integer', actual: fmtValue(scale) });
  const width = cols * scale;
  const height = rows * scale;
  const rgb = new Uint8Array(width * height * 3);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const color = colorAt(map, (values[r * cols + c]! - vmin) / (vmax - vmin || 1));
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) rgb.set(color, 3 * ((r * scale + dy) * width + c * scale + dx));
      }
    }
  }
  return encodePng(width, height, rgb);
}
