/**
 * Elementwise kernels: strided copies, unary and binary functions with broadcasting,
 * `where`, and the complex versions. Op codes are the positions in the op lists of
 * `src/backend/gpu/codes.ts`.
 *
 * Broadcasting: an operand is read at `floor(i / div) mod m` where `i` is the flat output
 * index. That covers every operand whose non-broadcast axes are one contiguous run of the
 * output's axes (same shape, trailing or leading broadcast, a scalar); the backend
 * materialises the rare other cases first.
 *
 * @module
 */
import { broadcastIndex, expm1F, log1pF, sinCosF } from './math.js';
import type { Flat, KernelThis } from './types.js';

/** Uploads (or copies) a flat array. */
export function copyFlat(this: KernelThis, x: Flat): number {
  return x[this.thread.x]!;
}

/** A constant. */
export function fill(this: KernelThis, value: number): number {
  return value;
}

/**
 * Gathers a strided view of up to 6 axes into dense row-major order: `geom` holds the
 * view's extents (6) then its strides (6), in elements of `x`, and `off` its offset.
 */
export function copyStrided(this: KernelThis, x: Flat, geom: Flat, off: number): number {
  let r = this.thread.x;
  let a = off;
  for (let dd = 0; dd < 6; dd++) {
    const ext = geom[5 - dd]!;
    const q = Math.floor((r + 0.5) / ext);
    a += (r - q * ext) * geom[11 - dd]!;
    r = q;
  }
  return x[a]!;
}

/** A function of one argument, chosen by `op` (see `UNARY_CODES`). */
export function unary(this: KernelThis, x: Flat, op: number): number {
  const v = x[this.thread.x]!;
  if (op < 0.5) return -v;
  if (op < 1.5) return Math.abs(v);
  if (op < 2.5) {
    if (v > 0) return 1;
    if (v < 0) return -1;
    return v;
  }
  if (op < 3.5) return v * v;
  if (op < 4.5) return 1 / v;
  if (op < 5.5) return Math.max(v, 0);
  if (op < 6.5) return Math.exp(v);
  if (op < 7.5) return expm1F(v);
  if (op < 8.5) return Math.log(v);
  if (op < 9.5) return log1pF(v);
  if (op < 10.5) return Math.log(v) * 1.4426950408889634;
  if (op < 11.5) return Math.log(v) * 0.4342944819032518;
  if (op < 12.5) return Math.sqrt(v);
  if (op < 13.5) return sinCosF(v, 0);
  if (op < 14.5) return sinCosF(v, 1);
  if (op < 15.5) return sinCosF(v, 0) / sinCosF(v, 1);
  if (op < 16.5) return Math.asin(v);
  if (op < 17.5) {
    // acos from asin without cancellation near |v| = 1.
    if (v > 0.5) return 2 * Math.asin(Math.sqrt((1 - v) / 2));
    if (v < -0.5) return 3.141592653589793 - 2 * Math.asin(Math.sqrt((1 + v) / 2));
    return 1.5707963267948966 - Math.asin(v);
  }
  if (op < 18.5) return Math.atan(v);
  if (op < 19.5) {
    const e = Math.exp(v);
    if (Math.abs(v) < 0.5) {
      // sinh near zero from its series, to keep relative accuracy.
      const v2 = v * v;
      return v * (1 + (v2 / 6) * (1 + (v2 / 20) * (1 + v2 / 42)));
    }
    return 0.5 * (e - 1 / e);
  }
  if (op < 20.5) {
    const e = Math.exp(v);
    return 0.5 * (e + 1 / e);
  }
  if (op < 21.5) {
    if (v > 10) return 1;
    if (v < -10) return -1;
    if (Math.abs(v) < 0.5) {
      const v2 = v * v;
      return v * (1 - (v2 / 3) * (1 - (2 * v2) / 5 * (1 - (17 * v2) / 42)));
    }
    const e2 = Math.exp(2 * v);
    return (e2 - 1) / (e2 + 1);
  }
  if (op < 22.5) {
    if (v >= 0) return 1 / (1 + Math.exp(-v));
    const e = Math.exp(v);
    return e / (1 + e);
  }
  if (op < 23.5) {
    // erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7), with the
    // Maclaurin series near zero for relative accuracy.
    const a = Math.abs(v);
    let r = 0;
    if (a < 0.5) {
      const v2 = v * v;
      r = 1.1283791670955126 * a * (1 - (v2 / 3) * (1 - (3 * v2) / 10 * (1 - (5 * v2) / 21 * (1 - (7 * v2) / 36))));
    } else {
      const t = 1 / (1 + 0.3275911 * a);
      const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
      r = 1 - poly * Math.exp(-a * a);
    }
    if (v < 0) return -r;
    return r;
  }
  if (op < 24.5) return Math.floor(v);
  if (op < 25.5) return Math.ceil(v);
  if (op < 26.5) {
    // Round half to even, as the CPU backend does.
    const f = Math.floor(v);
    const d = v - f;
    if (d > 0.5) return f + 1;
    if (d < 0.5) return f;
    if (f - 2 * Math.floor(f / 2) > 0.5) return f + 1;
    return f;
  }
  if (op < 27.5) {
    if (v === 0) return 1;
    return 0;
  }
  if (op < 28.5) return v;
  if (op < 29.5) {
    // Truncation toward zero (float to int).
    if (v < 0) return Math.ceil(v);
    return Math.floor(v);
  }
  if (v === 0) return 0;
  return 1;
}

/**
 * A function of two broadcast arguments, chosen by `op` (see `BINARY` in
 * `src/backend/gpu/codes.ts`). With `aIsScalar` (`bIsScalar`) set, the left (right)
 * operand is the number `aValue` (`bValue`) instead of an array read, so constants need no
 * upload.
 */
export function binary(
  this: KernelThis, a: Flat, b: Flat, op: number, aDiv: number, aMod: number, bDiv: number, bMod: number,
  aIsScalar: number, aValue: number, bIsScalar: number, bValue: number,
): number {
  const i = this.thread.x;
  const ia = broadcastIndex(i, aDiv, aMod);
  const ib = broadcastIndex(i, bDiv, bMod);
  let x = aValue;
  if (aIsScalar < 0.5) x = a[ia]!;
  let y = bValue;
  if (bIsScalar < 0.5) y = b[ib]!;
  if (op < 0.5) return x + y;
  if (op < 1.5) return x - y;
  if (op < 2.5) return x * y;
  if (op < 3.5) return x / y;
  if (op < 4.5) {
    if (y === 0) return 1;
    const p = Math.pow(Math.abs(x), y);
    if (x >= 0) return p;
    const half = y / 2;
    if (Math.floor(y) !== y) return (p - p) / (p - p);
    if (Math.floor(half) !== half) return -p;
    return p;
  }
  if (op < 5.5) return Math.max(x, y);
  if (op < 6.5) return Math.min(x, y);
  if (op < 7.5) return Math.atan2(x, y);
  if (op < 8.5) return x - Math.floor(x / y) * y;
  if (op < 9.5) {
    if (x === y) return 1;
    return 0;
  }
  if (op < 10.5) {
    if (x !== y) return 1;
    return 0;
  }
  if (op < 11.5) {
    if (x < y) return 1;
    return 0;
  }
  if (op < 12.5) {
    if (x <= y) return 1;
    return 0;
  }
  if (op < 13.5) {
    if (x > y) return 1;
    return 0;
  }
  if (op < 14.5) {
    if (x >= y) return 1;
    return 0;
  }
  if (op < 15.5) {
    if (x !== 0 && y !== 0) return 1;
    return 0;
  }
  if (op < 16.5) {
    if (x !== 0 || y !== 0) return 1;
    return 0;
  }
  let px = 0;
  if (x !== 0) px = 1;
  let py = 0;
  if (y !== 0) py = 1;
  if (px !== py) return 1;
  return 0;
}

/**
 * `c ? a : b` with broadcasting. With `pairs` = 1 the values are complex: output `i` is
 * part `i mod 2` of element `floor(i / 2)`, and the broadcast indices count elements.
 */
export function where(
  this: KernelThis, c: Flat, a: Flat, b: Flat, pairs: number,
  cDiv: number, cMod: number, aDiv: number, aMod: number, bDiv: number, bMod: number,
): number {
  let e = this.thread.x;
  let part = 0;
  if (pairs > 0.5) {
    e = Math.floor((this.thread.x + 0.5) / 2);
    part = this.thread.x - 2 * e;
  }
  const ic = broadcastIndex(e, cDiv, cMod);
  let ia = broadcastIndex(e, aDiv, aMod);
  let ib = broadcastIndex(e, bDiv, bMod);
  if (pairs > 0.5) {
    ia = 2 * ia + part;
    ib = 2 * ib + part;
  }
  if (c[ic] !== 0) return a[ia]!;
  return b[ib]!;
}

/** A complex value from a real one (imaginary part zero), as interleaved pairs. */
export function realToComplex(this: KernelThis, x: Flat): number {
  const e = Math.floor((this.thread.x + 0.5) / 2);
  if (this.thread.x - 2 * e > 0.5) return 0;
  return x[e]!;
}

/** A function of one complex argument, chosen by `op` (see `COMPLEX_UNARY_CODES`). */
export function complexUnary(this: KernelThis, x: Flat, op: number): number {
  const e = Math.floor((this.thread.x + 0.5) / 2);
  const part = this.thread.x - 2 * e;
  const re = x[2 * e]!;
  const im = x[2 * e + 1]!;
  if (op < 0.5) {
    if (part > 0.5) return -im;
    return -re;
  }
  if (op < 1.5) {
    if (part > 0.5) return -im;
    return re;
  }
  if (op < 2.5) {
    const m = Math.exp(re);
    if (part > 0.5) return m * sinCosF(im, 0);
    return m * sinCosF(im, 1);
  }
  if (op < 3.5) {
    if (part > 0.5) return 2 * re * im;
    return (re - im) * (re + im);
  }
  // reciprocal, scaled to avoid overflow (Smith's method)
  if (Math.abs(re) >= Math.abs(im)) {
    const r = im / re;
    const d = re + im * r;
    if (part > 0.5) return -r / d;
    return 1 / d;
  }
  const r = re / im;
  const d = re * r + im;
  if (part > 0.5) return -1 / d;
  return r / d;
}

/** The modulus of complex elements (a real result), without overflow in the squares. */
export function complexAbs(this: KernelThis, x: Flat): number {
  const re = Math.abs(x[2 * this.thread.x]!);
  const im = Math.abs(x[2 * this.thread.x + 1]!);
  const m = Math.max(re, im);
  if (m === 0) return 0;
  const a = re / m;
  const b = im / m;
  return m * Math.sqrt(a * a + b * b);
}

/** A function of two broadcast complex arguments, chosen by `op` (add, sub, mul, div). */
export function complexBinary(
  this: KernelThis, a: Flat, b: Flat, op: number, aDiv: number, aMod: number, bDiv: number, bMod: number,
): number {
  const e = Math.floor((this.thread.x + 0.5) / 2);
  const part = this.thread.x - 2 * e;
  const ia = broadcastIndex(e, aDiv, aMod);
  const ib = broadcastIndex(e, bDiv, bMod);
  const ar = a[2 * ia]!;
  const ai = a[2 * ia + 1]!;
  const br = b[2 * ib]!;
  const bi = b[2 * ib + 1]!;
  if (op < 0.5) {
    if (part > 0.5) return ai + bi;
    return ar + br;
  }
  if (op < 1.5) {
    if (part > 0.5) return ai - bi;
    return ar - br;
  }
  if (op < 2.5) {
    if (part > 0.5) return ar * bi + ai * br;
    return ar * br - ai * bi;
  }
  // division by Smith's method
  if (Math.abs(br) >= Math.abs(bi)) {
    const r = bi / br;
    const d = br + bi * r;
    if (part > 0.5) return (ai - ar * r) / d;
    return (ar + ai * r) / d;
  }
  const r = br / bi;
  const d = br * r + bi;
  if (part > 0.5) return (ai * r - ar) / d;
  return (ar * r + ai) / d;
}

/** Complex equality (`op` 0) or inequality (1) of broadcast arguments, as 0/1. */
export function complexCompare(
  this: KernelThis, a: Flat, b: Flat, op: number, aDiv: number, aMod: number, bDiv: number, bMod: number,
): number {
  const e = this.thread.x;
  const ia = broadcastIndex(e, aDiv, aMod);
  const ib = broadcastIndex(e, bDiv, bMod);
  let same = 0;
  if (a[2 * ia] === b[2 * ib] && a[2 * ia + 1] === b[2 * ib + 1]) same = 1;
  if (op < 0.5) return same;
  return 1 - same;
}

/**
 * Writes `x` into `base` at `start + k * step` (steps of either sign) along each of 6
 * axes; other outputs copy `base`. `geom` holds the output's extents (6), then the starts, the steps and the
 * extents of `x` (dense). Serves `padConstant`, `unslice` and `concat`.
 */
export function paste(this: KernelThis, base: Flat, x: Flat, geom: Flat): number {
  let r = this.thread.x;
  let inside = 1;
  let addr = 0;
  let scale = 1;
  for (let dd = 0; dd < 6; dd++) {
    const ext = geom[5 - dd]!;
    const q = Math.floor((r + 0.5) / ext);
    const u = r - q * ext - geom[11 - dd]!;
    r = q;
    // Steps may be negative (a reversed slice): k = u / step must be an integer in [0, n).
    const step = geom[17 - dd]!;
    const k = Math.floor(u / step + 0.5);
    const n = geom[23 - dd]!;
    if (k < 0 || k >= n || k * step !== u) inside = 0;
    addr += k * scale;
    scale *= n;
  }
  if (inside > 0.5) return x[addr]!;
  return base[this.thread.x]!;
}

/** `y + alpha * x`, with one `alpha` per block of `inner` consecutive elements. */
export function axpy(this: KernelThis, alpha: Flat, x: Flat, y: Flat, inner: number): number {
  const i = this.thread.x;
  return y[i]! + alpha[Math.floor((i + 0.5) / inner)]! * x[i]!;
}
