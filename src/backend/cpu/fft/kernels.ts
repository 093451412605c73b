/**
 * Stockham autosort butterflies (radix 2, 3, 4, 5, 8) over interleaved complex float64.
 *
 * One stage of a decimation-in-frequency Stockham FFT of radix `p` on a sequence whose
 * remaining length is `p m`, at stride `s` (in complex elements), reads `x` and writes `y`:
 *
 *     a_r = x[q + s (j + r m)]                                       r = 0..p-1
 *     y[q + s (p j + k)] = w^{j k} sum_r a_r e^{-+2 pi i r k/p}      w = e^{-+2 pi i/(p m)}
 *
 * for `j = 0..m-1` and `q = 0..s-1`; the next stage runs with `s p` and `m/p`, and after
 * the last stage (`m = 1`) the output is in natural order (no bit reversal). `q` runs over
 * contiguous elements, which is what lets independent transforms share a stage: `L`
 * transforms stored as lanes (element `e` of lane `l` at `l + L e`) are transformed by
 * starting at `s = L`, the inner loop then running over all lanes with each twiddle loaded
 * once per `j`.
 *
 * Each radix has three kernels: the general one, `First` for `s = 1` (no inner loop) and
 * `Last` for `m = 1` (no twiddles). Every kernel processes `count` consecutive blocks of
 * `s p m` complex values (one call per stage for a whole batch of short rows, instead of
 * one per row). Offsets `xo`, `yo` are in doubles (slots); `x` and `y` must not overlap.
 * Twiddle tables hold `w^{jk}` for `k = 1..p-1` per `j`, interleaved; the inverse
 * direction uses the conjugate table and the opposite sign `sg` inside the butterfly
 * (`sg = 1` forward, `-1` inverse; radix 3 takes its sine constant already signed).
 *
 * The loops are written out per radix and variant, without closures or allocation, so
 * that V8 compiles each to straight-line code over monomorphic Float64Array accesses.
 *
 * @module
 */
import { cis } from './twiddle.js';

/** Radix-5 constants: cos(2 pi/5), cos(4 pi/5), sin(2 pi/5), sin(4 pi/5). */
const [C51, S51] = cis(1, 5);
const [C52, S52] = cis(2, 5);
/** sin(2 pi/3). */
const S31 = cis(1, 3)[1];

/** `-sin(2 pi/3)` (forward) or `+sin(2 pi/3)` (inverse), for the radix-3 kernels. */
export function radix3Sine(inverse: boolean): number {
  return inverse ? S31 : -S31;
}

// ---------------------------------------------------------------------------------------
// Radix 2

/** Radix-2 stage, any stride `s` and remaining length `2 m`. */
export function r2(x: Float64Array, xo: number, y: Float64Array, yo: number, s: number, m: number, tw: Float64Array, count: number): void {
  const s2 = 2 * s;
  const d = m * s2;
  const bs = 2 * m * s2;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let j = 0; j < m; j++) {
      const wr = tw[2 * j];
      const wi = tw[2 * j + 1];
      const ib = xb + j * s2;
      const ob = yb + 2 * j * s2;
      for (let q = 0; q < s2; q += 2) {
        const i0 = ib + q;
        const i1 = i0 + d;
        const ar = x[i0];
        const ai = x[i0 + 1];
        const br = x[i1];
        const bi = x[i1 + 1];
        const o0 = ob + q;
        const o1 = o0 + s2;
        y[o0] = ar + br;
        y[o0 + 1] = ai + bi;
        const tr = ar - br;
        const ti = ai - bi;
        y[o1] = tr * wr - ti * wi;
        y[o1 + 1] = tr * wi + ti * wr;
      }
    }
  }
}

/** Radix-2 stage at stride `s = 1` (the first stage of a single sequence). */
export function r2First(x: Float64Array, xo: number, y: Float64Array, yo: number, m: number, tw: Float64Array, count: number): void {
  const d = 2 * m;
  const bs = 4 * m;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let j = 0; j < m; j++) {
      const wr = tw[2 * j];
      const wi = tw[2 * j + 1];
      const i0 = xb + 2 * j;
      const i1 = i0 + d;
      const ar = x[i0];
      const ai = x[i0 + 1];
      const br = x[i1];
      const bi = x[i1 + 1];
      const o0 = yb + 4 * j;
      y[o0] = ar + br;
      y[o0 + 1] = ai + bi;
      const tr = ar - br;
      const ti = ai - bi;
      y[o0 + 2] = tr * wr - ti * wi;
      y[o0 + 3] = tr * wi + ti * wr;
    }
  }
}

/** Radix-2 stage with `m = 1` (the last stage: no twiddles). */
export function r2Last(x: Float64Array, xo: number, y: Float64Array, yo: number, s: number, count: number): void {
  const s2 = 2 * s;
  const bs = 2 * s2;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let q = 0; q < s2; q += 2) {
      const i0 = xb + q;
      const i1 = i0 + s2;
      const o0 = yb + q;
      const o1 = o0 + s2;
      const ar = x[i0];
      const ai = x[i0 + 1];
      const br = x[i1];
      const bi = x[i1 + 1];
      y[o0] = ar + br;
      y[o0 + 1] = ai + bi;
      y[o1] = ar - br;
      y[o1 + 1] = ai - bi;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Radix 3

/** Radix-3 stage, any stride `s` and remaining length `3 m`. */
export function r3(
  x: Float64Array, xo: number, y: Float64Array, yo: number, s: number, m: number, tw: Float64Array, s3: number, count: number,
): void {
  const s2 = 2 * s;
  const d = m * s2;
  const bs = 3 * m * s2;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let j = 0; j < m; j++) {
      const t = 4 * j;
      const w1r = tw[t];
      const w1i = tw[t + 1];
      const w2r = tw[t + 2];
      const w2i = tw[t + 3];
      const ib = xb + j * s2;
      const ob = yb + 3 * j * s2;
      for (let q = 0; q < s2; q += 2) {
        const i0 = ib + q;
        const i1 = i0 + d;
        const i2 = i1 + d;
        const ar = x[i0];
        const ai = x[i0 + 1];
        const br = x[i1];
        const bi = x[i1 + 1];
        const cr = x[i2];
        const ci = x[i2 + 1];
        const tr = br + cr;
        const ti = bi + ci;
        const mr = ar - 0.5 * tr;
        const mi = ai - 0.5 * ti;
        const ur = s3 * (ci - bi);
        const ui = s3 * (br - cr);
        const o0 = ob + q;
        const o1 = o0 + s2;
        const o2 = o1 + s2;
        y[o0] = ar + tr;
        y[o0 + 1] = ai + ti;
        const x1r = mr + ur;
        const x1i = mi + ui;
        const x2r = mr - ur;
        const x2i = mi - ui;
        y[o1] = x1r * w1r - x1i * w1i;
        y[o1 + 1] = x1r * w1i + x1i * w1r;
        y[o2] = x2r * w2r - x2i * w2i;
        y[o2 + 1] = x2r * w2i + x2i * w2r;
      }
    }
  }
}

/** Radix-3 stage at stride `s = 1` (the first stage of a single sequence). */
export function r3First(x: Float64Array, xo: number, y: Float64Array, yo: number, m: number, tw: Float64Array, s3: number, count: number): void {
  const d = 2 * m;
  const bs = 6 * m;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let j = 0; j < m; j++) {
      const t = 4 * j;
      const w1r = tw[t];
      const w1i = tw[t + 1];
      const w2r = tw[t + 2];
      const w2i = tw[t + 3];
      const i0 = xb + 2 * j;
      const i1 = i0 + d;
      const i2 = i1 + d;
      const ar = x[i0];
      const ai = x[i0 + 1];
      const br = x[i1];
      const bi = x[i1 + 1];
      const cr = x[i2];
      const ci = x[i2 + 1];
      const tr = br + cr;
      const ti = bi + ci;
      const mr = ar - 0.5 * tr;
      const mi = ai - 0.5 * ti;
      const ur = s3 * (ci - bi);
      const ui = s3 * (br - cr);
      const o0 = yb + 6 * j;
      y[o0] = ar + tr;
      y[o0 + 1] = ai + ti;
      const x1r = mr + ur;
      const x1i = mi + ui;
      const x2r = mr - ur;
      const x2i = mi - ui;
      y[o0 + 2] = x1r * w1r - x1i * w1i;
      y[o0 + 3] = x1r * w1i + x1i * w1r;
      y[o0 + 4] = x2r * w2r - x2i * w2i;
      y[o0 + 5] = x2r * w2i + x2i * w2r;
    }
  }
}

/** Radix-3 stage with `m = 1` (the last stage: no twiddles). */
export function r3Last(x: Float64Array, xo: number, y: Float64Array, yo: number, s: number, s3: number, count: number): void {
  const s2 = 2 * s;
  const bs = 3 * s2;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let q = 0; q < s2; q += 2) {
      const i0 = xb + q;
      const i1 = i0 + s2;
      const i2 = i1 + s2;
      const ar = x[i0];
      const ai = x[i0 + 1];
      const br = x[i1];
      const bi = x[i1 + 1];
      const cr = x[i2];
      const ci = x[i2 + 1];
      const tr = br + cr;
      const ti = bi + ci;
      const mr = ar - 0.5 * tr;
      const mi = ai - 0.5 * ti;
      const ur = s3 * (ci - bi);
      const ui = s3 * (br - cr);
      const o0 = yb + q;
      const o1 = o0 + s2;
      const o2 = o1 + s2;
      y[o0] = ar + tr;
      y[o0 + 1] = ai + ti;
      y[o1] = mr + ur;
      y[o1 + 1] = mi + ui;
      y[o2] = mr - ur;
      y[o2 + 1] = mi - ui;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Radix 4

/** Radix-4 stage, any stride `s` and remaining length `4 m`. */
export function r4(
  x: Float64Array, xo: number, y: Float64Array, yo: number, s: number, m: number, tw: Float64Array, sg: number, count: number,
): void {
  const s2 = 2 * s;
  const d = m * s2;
  const bs = 4 * m * s2;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let j = 0; j < m; j++) {
      const t = 6 * j;
      const w1r = tw[t];
      const w1i = tw[t + 1];
      const w2r = tw[t + 2];
      const w2i = tw[t + 3];
      const w3r = tw[t + 4];
      const w3i = tw[t + 5];
      const ib = xb + j * s2;
      const ob = yb + 4 * j * s2;
      for (let q = 0; q < s2; q += 2) {
        const i0 = ib + q;
        const i1 = i0 + d;
        const i2 = i1 + d;
        const i3 = i2 + d;
        const ar = x[i0];
        const ai = x[i0 + 1];
        const br = x[i1];
        const bi = x[i1 + 1];
        const cr = x[i2];
        const ci = x[i2 + 1];
        const dr = x[i3];
        const di = x[i3 + 1];
        const pr = ar + cr;
        const pi = ai + ci;
        const mr = ar - cr;
        const mi = ai - ci;
        const qr = br + dr;
        const qi = bi + di;
        // (b - d) times -i (forward) or +i (inverse).
        const ur = sg * (bi - di);
        const ui = sg * (dr - br);
        const o0 = ob + q;
        const o1 = o0 + s2;
        const o2 = o1 + s2;
        const o3 = o2 + s2;
        y[o0] = pr + qr;
        y[o0 + 1] = pi + qi;
        const x1r = mr + ur;
        const x1i = mi + ui;
        const x2r = pr - qr;
        const x2i = pi - qi;
        const x3r = mr - ur;
        const x3i = mi - ui;
        y[o1] = x1r * w1r - x1i * w1i;
        y[o1 + 1] = x1r * w1i + x1i * w1r;
        y[o2] = x2r * w2r - x2i * w2i;
        y[o2 + 1] = x2r * w2i + x2i * w2r;
        y[o3] = x3r * w3r - x3i * w3i;
        y[o3 + 1] = x3r * w3i + x3i * w3r;
      }
    }
  }
}

/** Radix-4 stage at stride `s = 1` (the first stage of a single sequence). */
export function r4First(x: Float64Array, xo: number, y: Float64Array, yo: number, m: number, tw: Float64Array, sg: number, count: number): void {
  const d = 2 * m;
  const bs = 8 * m;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let j = 0; j < m; j++) {
      const t = 6 * j;
      const w1r = tw[t];
      const w1i = tw[t + 1];
      const w2r = tw[t + 2];
      const w2i = tw[t + 3];
      const w3r = tw[t + 4];
      const w3i = tw[t + 5];
      const i0 = xb + 2 * j;
      const i1 = i0 + d;
      const i2 = i1 + d;
      const i3 = i2 + d;
      const ar = x[i0];
      const ai = x[i0 + 1];
      const br = x[i1];
      const bi = x[i1 + 1];
      const cr = x[i2];
      const ci = x[i2 + 1];
      const dr = x[i3];
      const di = x[i3 + 1];
      const pr = ar + cr;
      const pi = ai + ci;
      const mr = ar - cr;
      const mi = ai - ci;
      const qr = br + dr;
      const qi = bi + di;
      const ur = sg * (bi - di);
      const ui = sg * (dr - br);
      const o0 = yb + 8 * j;
      y[o0] = pr + qr;
      y[o0 + 1] = pi + qi;
      const x1r = mr + ur;
      const x1i = mi + ui;
      const x2r = pr - qr;
      const x2i = pi - qi;
      const x3r = mr - ur;
      const x3i = mi - ui;
      y[o0 + 2] = x1r * w1r - x1i * w1i;
      y[o0 + 3] = x1r * w1i + x1i * w1r;
      y[o0 + 4] = x2r * w2r - x2i * w2i;
      y[o0 + 5] = x2r * w2i + x2i * w2r;
      y[o0 + 6] = x3r * w3r - x3i * w3i;
      y[o0 + 7] = x3r * w3i + x3i * w3r;
    }
  }
}

/** Radix-4 stage with `m = 1` (the last stage: no twiddles). */
export function r4Last(x: Float64Array, xo: number, y: Float64Array, yo: number, s: number, sg: number, count: number): void {
  const s2 = 2 * s;
  const bs = 4 * s2;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let q = 0; q < s2; q += 2) {
      const i0 = xb + q;
      const i1 = i0 + s2;
      const i2 = i1 + s2;
      const i3 = i2 + s2;
      const ar = x[i0];
      const ai = x[i0 + 1];
      const br = x[i1];
      const bi = x[i1 + 1];
      const cr = x[i2];
      const ci = x[i2 + 1];
      const dr = x[i3];
      const di = x[i3 + 1];
      const pr = ar + cr;
      const pi = ai + ci;
      const mr = ar - cr;
      const mi = ai - ci;
      const qr = br + dr;
      const qi = bi + di;
      const ur = sg * (bi - di);
      const ui = sg * (dr - br);
      const o0 = yb + q;
      const o1 = o0 + s2;
      const o2 = o1 + s2;
      const o3 = o2 + s2;
      y[o0] = pr + qr;
      y[o0 + 1] = pi + qi;
      y[o1] = mr + ur;
      y[o1 + 1] = mi + ui;
      y[o2] = pr - qr;
      y[o2 + 1] = pi - qi;
      y[o3] = mr - ur;
      y[o3 + 1] = mi - ui;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Radix 5
//
//   t1 = b + e, t2 = c + d, t3 = b - e, t4 = c - d
//   X0 = a + t1 + t2
//   X1, X4 = a + C1 t1 + C2 t2 +- i (S1 t3 + S2 t4)
//   X2, X3 = a + C2 t1 + C1 t2 +- i (S2 t3 - S1 t4)
// with C1 = cos(2 pi/5), C2 = cos(4 pi/5) and S1 = -+sin(2 pi/5), S2 = -+sin(4 pi/5).

/** Radix-5 stage, any stride `s` and remaining length `5 m`. */
export function r5(
  x: Float64Array, xo: number, y: Float64Array, yo: number, s: number, m: number, tw: Float64Array, sg: number, count: number,
): void {
  const s1 = -sg * S51;
  const s2c = -sg * S52;
  const s2 = 2 * s;
  const d = m * s2;
  const bs = 5 * m * s2;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let j = 0; j < m; j++) {
      const t = 8 * j;
      const w1r = tw[t];
      const w1i = tw[t + 1];
      const w2r = tw[t + 2];
      const w2i = tw[t + 3];
      const w3r = tw[t + 4];
      const w3i = tw[t + 5];
      const w4r = tw[t + 6];
      const w4i = tw[t + 7];
      const ib = xb + j * s2;
      const ob = yb + 5 * j * s2;
      for (let q = 0; q < s2; q += 2) {
        const i0 = ib + q;
        const i1 = i0 + d;
        const i2 = i1 + d;
        const i3 = i2 + d;
        const i4 = i3 + d;
        const ar = x[i0];
        const ai = x[i0 + 1];
        const br = x[i1];
        const bi = x[i1 + 1];
        const cr = x[i2];
        const ci = x[i2 + 1];
        const dr = x[i3];
        const di = x[i3 + 1];
        const er = x[i4];
        const ei = x[i4 + 1];
        const t1r = br + er;
        const t1i = bi + ei;
        const t2r = cr + dr;
        const t2i = ci + di;
        const t3r = br - er;
        const t3i = bi - ei;
        const t4r = cr - dr;
        const t4i = ci - di;
        const m1r = ar + C51 * t1r + C52 * t2r;
        const m1i = ai + C51 * t1i + C52 * t2i;
        const m2r = ar + C52 * t1r + C51 * t2r;
        const m2i = ai + C52 * t1i + C51 * t2i;
        const n1r = s1 * t3r + s2c * t4r;
        const n1i = s1 * t3i + s2c * t4i;
        const n2r = s2c * t3r - s1 * t4r;
        const n2i = s2c * t3i - s1 * t4i;
        const o0 = ob + q;
        const o1 = o0 + s2;
        const o2 = o1 + s2;
        const o3 = o2 + s2;
        const o4 = o3 + s2;
        y[o0] = ar + t1r + t2r;
        y[o0 + 1] = ai + t1i + t2i;
        // X1 = m1 + i n1, X4 = m1 - i n1, X2 = m2 + i n2, X3 = m2 - i n2.
        const x1r = m1r - n1i;
        const x1i = m1i + n1r;
        const x4r = m1r + n1i;
        const x4i = m1i - n1r;
        const x2r = m2r - n2i;
        const x2i = m2i + n2r;
        const x3r = m2r + n2i;
        const x3i = m2i - n2r;
        y[o1] = x1r * w1r - x1i * w1i;
        y[o1 + 1] = x1r * w1i + x1i * w1r;
        y[o2] = x2r * w2r - x2i * w2i;
        y[o2 + 1] = x2r * w2i + x2i * w2r;
        y[o3] = x3r * w3r - x3i * w3i;
        y[o3 + 1] = x3r * w3i + x3i * w3r;
        y[o4] = x4r * w4r - x4i * w4i;
        y[o4 + 1] = x4r * w4i + x4i * w4r;
      }
    }
  }
}

/** Radix-5 stage at stride `s = 1` (the first stage of a single sequence). */
export function r5First(x: Float64Array, xo: number, y: Float64Array, yo: number, m: number, tw: Float64Array, sg: number, count: number): void {
  const s1 = -sg * S51;
  const s2c = -sg * S52;
  const d = 2 * m;
  const bs = 10 * m;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let j = 0; j < m; j++) {
      const t = 8 * j;
      const w1r = tw[t];
      const w1i = tw[t + 1];
      const w2r = tw[t + 2];
      const w2i = tw[t + 3];
      const w3r = tw[t + 4];
      const w3i = tw[t + 5];
      const w4r = tw[t + 6];
      const w4i = tw[t + 7];
      const i0 = xb + 2 * j;
      const i1 = i0 + d;
      const i2 = i1 + d;
      const i3 = i2 + d;
      const i4 = i3 + d;
      const ar = x[i0];
      const ai = x[i0 + 1];
      const br = x[i1];
      const bi = x[i1 + 1];
      const cr = x[i2];
      const ci = x[i2 + 1];
      const dr = x[i3];
      const di = x[i3 + 1];
      const er = x[i4];
      const ei = x[i4 + 1];
      const t1r = br + er;
      const t1i = bi + ei;
      const t2r = cr + dr;
      const t2i = ci + di;
      const t3r = br - er;
      const t3i = bi - ei;
      const t4r = cr - dr;
      const t4i = ci - di;
      const m1r = ar + C51 * t1r + C52 * t2r;
      const m1i = ai + C51 * t1i + C52 * t2i;
      const m2r = ar + C52 * t1r + C51 * t2r;
      const m2i = ai + C52 * t1i + C51 * t2i;
      const n1r = s1 * t3r + s2c * t4r;
      const n1i = s1 * t3i + s2c * t4i;
      const n2r = s2c * t3r - s1 * t4r;
      const n2i = s2c * t3i - s1 * t4i;
      const o0 = yb + 10 * j;
      y[o0] = ar + t1r + t2r;
      y[o0 + 1] = ai + t1i + t2i;
      const x1r = m1r - n1i;
      const x1i = m1i + n1r;
      const x4r = m1r + n1i;
      const x4i = m1i - n1r;
      const x2r = m2r - n2i;
      const x2i = m2i + n2r;
      const x3r = m2r + n2i;
      const x3i = m2i - n2r;
      y[o0 + 2] = x1r * w1r - x1i * w1i;
      y[o0 + 3] = x1r * w1i + x1i * w1r;
      y[o0 + 4] = x2r * w2r - x2i * w2i;
      y[o0 + 5] = x2r * w2i + x2i * w2r;
      y[o0 + 6] = x3r * w3r - x3i * w3i;
      y[o0 + 7] = x3r * w3i + x3i * w3r;
      y[o0 + 8] = x4r * w4r - x4i * w4i;
      y[o0 + 9] = x4r * w4i + x4i * w4r;
    }
  }
}

/** Radix-5 stage with `m = 1` (the last stage: no twiddles). */
export function r5Last(x: Float64Array, xo: number, y: Float64Array, yo: number, s: number, sg: number, count: number): void {
  const s1 = -sg * S51;
  const s2c = -sg * S52;
  const s2 = 2 * s;
  const bs = 5 * s2;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let q = 0; q < s2; q += 2) {
      const i0 = xb + q;
      const i1 = i0 + s2;
      const i2 = i1 + s2;
      const i3 = i2 + s2;
      const i4 = i3 + s2;
      const ar = x[i0];
      const ai = x[i0 + 1];
      const br = x[i1];
      const bi = x[i1 + 1];
      const cr = x[i2];
      const ci = x[i2 + 1];
      const dr = x[i3];
      const di = x[i3 + 1];
      const er = x[i4];
      const ei = x[i4 + 1];
      const t1r = br + er;
      const t1i = bi + ei;
      const t2r = cr + dr;
      const t2i = ci + di;
      const t3r = br - er;
      const t3i = bi - ei;
      const t4r = cr - dr;
      const t4i = ci - di;
      const m1r = ar + C51 * t1r + C52 * t2r;
      const m1i = ai + C51 * t1i + C52 * t2i;
      const m2r = ar + C52 * t1r + C51 * t2r;
      const m2i = ai + C52 * t1i + C51 * t2i;
      const n1r = s1 * t3r + s2c * t4r;
      const n1i = s1 * t3i + s2c * t4i;
      const n2r = s2c * t3r - s1 * t4r;
      const n2i = s2c * t3i - s1 * t4i;
      const o0 = yb + q;
      const o1 = o0 + s2;
      const o2 = o1 + s2;
      const o3 = o2 + s2;
      const o4 = o3 + s2;
      y[o0] = ar + t1r + t2r;
      y[o0 + 1] = ai + t1i + t2i;
      y[o1] = m1r - n1i;
      y[o1 + 1] = m1i + n1r;
      y[o4] = m1r + n1i;
      y[o4 + 1] = m1i - n1r;
      y[o2] = m2r - n2i;
      y[o2 + 1] = m2i + n2r;
      y[o3] = m2r + n2i;
      y[o3 + 1] = m2i - n2r;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Radix 8: radix-2 butterflies on the pairs (r, r+4), then a radix-4 butterfly on the sums
// (the even outputs) and one on the differences rotated by W8^r, W8 = e^{-+i pi/4} (the
// odd outputs). Used once per odd power of two, in place of a radix-2 stage.

const H = Math.SQRT1_2;

/** Radix-8 stage, any stride `s` and remaining length `8 m`. */
export function r8(
  x: Float64Array, xo: number, y: Float64Array, yo: number, s: number, m: number, tw: Float64Array, sg: number, count: number,
): void {
  const s2 = 2 * s;
  const d = m * s2;
  const bs = 8 * m * s2;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let j = 0; j < m; j++) {
      const t = 14 * j;
      const ib = xb + j * s2;
      const ob = yb + 8 * j * s2;
      for (let q = 0; q < s2; q += 2) {
        const i0 = ib + q;
        const i1 = i0 + d;
        const i2 = i1 + d;
        const i3 = i2 + d;
        const i4 = i3 + d;
        const i5 = i4 + d;
        const i6 = i5 + d;
        const i7 = i6 + d;
        const a0r = x[i0], a0i = x[i0 + 1], a4r = x[i4], a4i = x[i4 + 1];
        const a1r = x[i1], a1i = x[i1 + 1], a5r = x[i5], a5i = x[i5 + 1];
        const a2r = x[i2], a2i = x[i2 + 1], a6r = x[i6], a6i = x[i6 + 1];
        const a3r = x[i3], a3i = x[i3 + 1], a7r = x[i7], a7i = x[i7 + 1];
        const b0r = a0r + a4r, b0i = a0i + a4i, b4r = a0r - a4r, b4i = a0i - a4i;
        const b1r = a1r + a5r, b1i = a1i + a5i, c5r = a1r - a5r, c5i = a1i - a5i;
        const b2r = a2r + a6r, b2i = a2i + a6i, c6r = a2r - a6r, c6i = a2i - a6i;
        const b3r = a3r + a7r, b3i = a3i + a7i, c7r = a3r - a7r, c7i = a3i - a7i;
        const b5r = H * (c5r + sg * c5i), b5i = H * (c5i - sg * c5r);
        const b6r = sg * c6i, b6i = -sg * c6r;
        const b7r = H * (sg * c7i - c7r), b7i = -H * (sg * c7r + c7i);
        const p0r = b0r + b2r, p0i = b0i + b2i, m0r = b0r - b2r, m0i = b0i - b2i;
        const p1r = b1r + b3r, p1i = b1i + b3i, u1r = sg * (b1i - b3i), u1i = sg * (b3r - b1r);
        const p2r = b4r + b6r, p2i = b4i + b6i, m2r = b4r - b6r, m2i = b4i - b6i;
        const p3r = b5r + b7r, p3i = b5i + b7i, u3r = sg * (b5i - b7i), u3i = sg * (b7r - b5r);
        let o = ob + q;
        y[o] = p0r + p1r;
        y[o + 1] = p0i + p1i;
        let zr = p2r + p3r, zi = p2i + p3i, wr = tw[t], wi = tw[t + 1];
        o += s2;
        y[o] = zr * wr - zi * wi;
        y[o + 1] = zr * wi + zi * wr;
        zr = m0r + u1r; zi = m0i + u1i; wr = tw[t + 2]; wi = tw[t + 3]; o += s2;
        y[o] = zr * wr - zi * wi;
        y[o + 1] = zr * wi + zi * wr;
        zr = m2r + u3r; zi = m2i + u3i; wr = tw[t + 4]; wi = tw[t + 5]; o += s2;
        y[o] = zr * wr - zi * wi;
        y[o + 1] = zr * wi + zi * wr;
        zr = p0r - p1r; zi = p0i - p1i; wr = tw[t + 6]; wi = tw[t + 7]; o += s2;
        y[o] = zr * wr - zi * wi;
        y[o + 1] = zr * wi + zi * wr;
        zr = p2r - p3r; zi = p2i - p3i; wr = tw[t + 8]; wi = tw[t + 9]; o += s2;
        y[o] = zr * wr - zi * wi;
        y[o + 1] = zr * wi + zi * wr;
        zr = m0r - u1r; zi = m0i - u1i; wr = tw[t + 10]; wi = tw[t + 11]; o += s2;
        y[o] = zr * wr - zi * wi;
        y[o + 1] = zr * wi + zi * wr;
        zr = m2r - u3r; zi = m2i - u3i; wr = tw[t + 12]; wi = tw[t + 13]; o += s2;
        y[o] = zr * wr - zi * wi;
        y[o + 1] = zr * wi + zi * wr;
      }
    }
  }
}

/** Radix-8 stage at stride `s = 1` (the first stage of a single sequence). */
export function r8First(x: Float64Array, xo: number, y: Float64Array, yo: number, m: number, tw: Float64Array, sg: number, count: number): void {
  const d = 2 * m;
  const bs = 16 * m;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let j = 0; j < m; j++) {
      const t = 14 * j;
      const i0 = xb + 2 * j;
      const i1 = i0 + d;
      const i2 = i1 + d;
      const i3 = i2 + d;
      const i4 = i3 + d;
      const i5 = i4 + d;
      const i6 = i5 + d;
      const i7 = i6 + d;
      const a0r = x[i0], a0i = x[i0 + 1], a4r = x[i4], a4i = x[i4 + 1];
      const a1r = x[i1], a1i = x[i1 + 1], a5r = x[i5], a5i = x[i5 + 1];
      const a2r = x[i2], a2i = x[i2 + 1], a6r = x[i6], a6i = x[i6 + 1];
      const a3r = x[i3], a3i = x[i3 + 1], a7r = x[i7], a7i = x[i7 + 1];
      const b0r = a0r + a4r, b0i = a0i + a4i, b4r = a0r - a4r, b4i = a0i - a4i;
      const b1r = a1r + a5r, b1i = a1i + a5i, c5r = a1r - a5r, c5i = a1i - a5i;
      const b2r = a2r + a6r, b2i = a2i + a6i, c6r = a2r - a6r, c6i = a2i - a6i;
      const b3r = a3r + a7r, b3i = a3i + a7i, c7r = a3r - a7r, c7i = a3i - a7i;
      const b5r = H * (c5r + sg * c5i), b5i = H * (c5i - sg * c5r);
      const b6r = sg * c6i, b6i = -sg * c6r;
      const b7r = H * (sg * c7i - c7r), b7i = -H * (sg * c7r + c7i);
      const p0r = b0r + b2r, p0i = b0i + b2i, m0r = b0r - b2r, m0i = b0i - b2i;
      const p1r = b1r + b3r, p1i = b1i + b3i, u1r = sg * (b1i - b3i), u1i = sg * (b3r - b1r);
      const p2r = b4r + b6r, p2i = b4i + b6i, m2r = b4r - b6r, m2i = b4i - b6i;
      const p3r = b5r + b7r, p3i = b5i + b7i, u3r = sg * (b5i - b7i), u3i = sg * (b7r - b5r);
      const o = yb + 16 * j;
      y[o] = p0r + p1r;
      y[o + 1] = p0i + p1i;
      let zr = p2r + p3r, zi = p2i + p3i, wr = tw[t], wi = tw[t + 1];
      y[o + 2] = zr * wr - zi * wi;
      y[o + 3] = zr * wi + zi * wr;
      zr = m0r + u1r; zi = m0i + u1i; wr = tw[t + 2]; wi = tw[t + 3];
      y[o + 4] = zr * wr - zi * wi;
      y[o + 5] = zr * wi + zi * wr;
      zr = m2r + u3r; zi = m2i + u3i; wr = tw[t + 4]; wi = tw[t + 5];
      y[o + 6] = zr * wr - zi * wi;
      y[o + 7] = zr * wi + zi * wr;
      zr = p0r - p1r; zi = p0i - p1i; wr = tw[t + 6]; wi = tw[t + 7];
      y[o + 8] = zr * wr - zi * wi;
      y[o + 9] = zr * wi + zi * wr;
      zr = p2r - p3r; zi = p2i - p3i; wr = tw[t + 8]; wi = tw[t + 9];
      y[o + 10] = zr * wr - zi * wi;
      y[o + 11] = zr * wi + zi * wr;
      zr = m0r - u1r; zi = m0i - u1i; wr = tw[t + 10]; wi = tw[t + 11];
      y[o + 12] = zr * wr - zi * wi;
      y[o + 13] = zr * wi + zi * wr;
      zr = m2r - u3r; zi = m2i - u3i; wr = tw[t + 12]; wi = tw[t + 13];
      y[o + 14] = zr * wr - zi * wi;
      y[o + 15] = zr * wi + zi * wr;
    }
  }
}

/** Radix-8 stage with `m = 1` (the last stage: no twiddles). */
export function r8Last(x: Float64Array, xo: number, y: Float64Array, yo: number, s: number, sg: number, count: number): void {
  const s2 = 2 * s;
  const bs = 8 * s2;
  for (let b = 0; b < count; b++) {
    const xb = xo + b * bs;
    const yb = yo + b * bs;
    for (let q = 0; q < s2; q += 2) {
      const i0 = xb + q;
      const i1 = i0 + s2;
      const i2 = i1 + s2;
      const i3 = i2 + s2;
      const i4 = i3 + s2;
      const i5 = i4 + s2;
      const i6 = i5 + s2;
      const i7 = i6 + s2;
      const a0r = x[i0], a0i = x[i0 + 1], a4r = x[i4], a4i = x[i4 + 1];
      const a1r = x[i1], a1i = x[i1 + 1], a5r = x[i5], a5i = x[i5 + 1];
      const a2r = x[i2], a2i = x[i2 + 1], a6r = x[i6], a6i = x[i6 + 1];
      const a3r = x[i3], a3i = x[i3 + 1], a7r = x[i7], a7i = x[i7 + 1];
      const b0r = a0r + a4r, b0i = a0i + a4i, b4r = a0r - a4r, b4i = a0i - a4i;
      const b1r = a1r + a5r, b1i = a1i + a5i, c5r = a1r - a5r, c5i = a1i - a5i;
      const b2r = a2r + a6r, b2i = a2i + a6i, c6r = a2r - a6r, c6i = a2i - a6i;
      const b3r = a3r + a7r, b3i = a3i + a7i, c7r = a3r - a7r, c7i = a3i - a7i;
      const b5r = H * (c5r + sg * c5i), b5i = H * (c5i - sg * c5r);
      const b6r = sg * c6i, b6i = -sg * c6r;
      const b7r = H * (sg * c7i - c7r), b7i = -H * (sg * c7r + c7i);
      const p0r = b0r + b2r, p0i = b0i + b2i, m0r = b0r - b2r, m0i = b0i - b2i;
      const p1r = b1r + b3r, p1i = b1i + b3i, u1r = sg * (b1i - b3i), u1i = sg * (b3r - b1r);
      const p2r = b4r + b6r, p2i = b4i + b6i, m2r = b4r - b6r, m2i = b4i - b6i;
      const p3r = b5r + b7r, p3i = b5i + b7i, u3r = sg * (b5i - b7i), u3i = sg * (b7r - b5r);
      const o0 = yb + q;
      const o1 = o0 + s2;
      const o2 = o1 + s2;
      const o3 = o2 + s2;
      const o4 = o3 + s2;
      const o5 = o4 + s2;
      const o6 = o5 + s2;
      const o7 = o6 + s2;
      y[o0] = p0r + p1r;
      y[o0 + 1] = p0i + p1i;
      y[o1] = p2r + p3r;
      y[o1 + 1] = p2i + p3i;
      y[o2] = m0r + u1r;
      y[o2 + 1] = m0i + u1i;
      y[o3] = m2r + u3r;
      y[o3 + 1] = m2i + u3i;
      y[o4] = p0r - p1r;
      y[o4 + 1] = p0i - p1i;
      y[o5] = p2r - p3r;
      y[o5 + 1] = p2i - p3i;
      y[o6] = m0r - u1r;
      y[o6 + 1] = m0i - u1i;
      y[o7] = m2r - u3r;
      y[o7 + 1] = m2i - u3i;
    }
  }
}
