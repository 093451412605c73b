/**
 * sin, cos, tan: fdlibm's kernels on [-pi/4, pi/4] (k_sin.c, k_cos.c, k_tan.c) after an
 * exact reduction modulo pi/2 (FreeBSD e_rem_pio2.c: Cody-Waite with pi/2 in three
 * 33-bit parts up to 2^20*pi/2, Payne-Hanek beyond, so sin(1e300) is exact too).
 *
 * fdlibm notice: Copyright (C) 1993-2004 by Sun Microsystems, Inc. All rights reserved.
 * Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved.
 */

import { highWord, withLow } from './bits.js';
import { remPio2Large } from './rem-pio2-large.js';

// sin(x)/x - 1 ~ S1 x^2 + ... + S6 x^12 on [0, pi/4], error < 2^-58.
const S1 = -1.66666666666666324348e-1; /* 0xBFC55555, 0x55555549 */
const S2 = 8.33333333332248946124e-3; /* 0x3F811111, 0x1110F8A6 */
const S3 = -1.98412698298579493134e-4; /* 0xBF2A01A0, 0x19C161D5 */
const S4 = 2.75573137070700676789e-6; /* 0x3EC71DE3, 0x57B1FE7D */
const S5 = -2.50507602534068634195e-8; /* 0xBE5AE5E6, 0x8A2B9CEB */
const S6 = 1.58969099521155010221e-10; /* 0x3DE5D93A, 0x5ACFD57C */

/** sin(x + y) for |x| <= pi/4, y the tail of x; iy = 0 when x is exact (no tail). */
function kSin(x: number, y: number, iy: number): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  if (iy === 0) return x + v * (S1 + z * r);
  // sin(x+y) ~ sin(x) + (1 - x^2/2)*y
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

// cos(x) - 1 + x^2/2 ~ C1 x^4 + ... + C6 x^14 on [0, pi/4], error < 2^-58.
const C1 = 4.16666666666666019037e-2; /* 0x3FA55555, 0x5555554C */
const C2 = -1.38888888888741095749e-3; /* 0xBF56C16C, 0x16C15177 */
const C3 = 2.48015872894767294178e-5; /* 0x3EFA01A0, 0x19CB1590 */
const C4 = -2.75573143513906633035e-7; /* 0xBE927E4F, 0x809C52AD */
const C5 = 2.08757232129817482790e-9; /* 0x3E21EE9E, 0xBDB4B1C4 */
const C6 = -1.13596475577881948265e-11; /* 0xBDA8FAE9, 0xBE8838D4 */

/** cos(x + y) for |x| <= pi/4, y the tail of x. */
function kCos(x: number, y: number): number {
  const z = x * x;
  let w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  w = 1 - hz;
  // (1 - w) - hz recovers the rounding error of w = 1 - x^2/2 exactly.
  return w + (1 - w - hz + (z * r - x * y));
}

// tan(x)/x - 1 ~ T0 x^2 + ... + T12 x^26 on [0, 0.67434], error < 2^-59.2.
const T0 = 3.33333333333334091986e-1; /* 3FD55555, 55555563 */
const T1 = 1.33333333333201242699e-1; /* 3FC11111, 1110FE7A */
const T2 = 5.39682539762260521377e-2; /* 3FABA1BA, 1BB341FE */
const T3 = 2.18694882948595424599e-2; /* 3F9664F4, 8406D637 */
const T4 = 8.86323982359930005737e-3; /* 3F8226E3, E96E8493 */
const T5 = 3.59207910759131235356e-3; /* 3F6D6D22, C9560328 */
const T6 = 1.45620945432529025516e-3; /* 3F57DBC8, FEE08315 */
const T7 = 5.88041240820264096874e-4; /* 3F4344D8, F2F26501 */
const T8 = 2.46463134818469906812e-4; /* 3F3026F7, 1A8D1068 */
const T9 = 7.81794442939557092300e-5; /* 3F147E88, A03792A6 */
const T10 = 7.14072491382608190305e-5; /* 3F12B80F, 32F0A7E9 */
const T11 = -1.85586374855275456654e-5; /* BEF375CB, DB605373 */
const T12 = 2.59073051863633712884e-5; /* 3EFB2A70, 74BF7AD4 */
const PIO4 = 7.85398163397448278999e-1; /* 3FE921FB, 54442D18 */
const PIO4_LO = 3.06161699786838301793e-17; /* 3C81A626, 33145C07 */

/** tan(x + y) (iy = 1) or -1/tan(x + y) (iy = -1) for |x| <= pi/4. */
function kTan(x: number, y: number, iy: number): number {
  const hx = highWord(x);
  const big = (hx & 0x7fffffff) >= 0x3fe59428; // |x| >= 0.6744
  if (big) {
    // tan(pi/4 - y') = (1 - tan y')/(1 + tan y'), with a smaller y'
    if (hx < 0) {
      x = -x;
      y = -y;
    }
    x = PIO4 - x + (PIO4_LO - y);
    y = 0;
  }
  const z = x * x;
  let w = z * z;
  // Odd and even halves of the polynomial, evaluated in parallel.
  let r = T1 + w * (T3 + w * (T5 + w * (T7 + w * (T9 + w * T11))));
  let v = z * (T2 + w * (T4 + w * (T6 + w * (T8 + w * (T10 + w * T12)))));
  let s = z * x;
  r = y + z * (s * (r + v) + y);
  r += T0 * s;
  w = x + r;
  if (big) {
    v = iy;
    return (1 - ((hx >> 30) & 2)) * (v - 2 * (x - ((w * w) / (w + v) - r)));
  }
  if (iy === 1) return w;
  // -1/(x + r) to nearly full precision: split w and the quotient into 21-bit heads.
  const zh = withLow(w, 0);
  v = r - (zh - x);
  const a = -1 / w;
  const t = withLow(a, 0);
  s = 1 + t * zh;
  return t + a * (s + t * v);
}

const INV_PIO2 = 6.36619772367581382433e-1; /* 0x3FE45F30, 0x6DC9C883 */
const PIO2_1 = 1.57079632673412561417e0; /* 0x3FF921FB, 0x54400000 */
const PIO2_1T = 6.07710050650619224932e-11; /* 0x3DD0B461, 0x1A626331 */
const PIO2_2 = 6.07710050630396597660e-11; /* 0x3DD0B461, 0x1A600000 */
const PIO2_2T = 2.02226624879595063154e-21; /* 0x3BA3198A, 0x2E037073 */
const PIO2_3 = 2.02226624871116645580e-21; /* 0x3BA3198A, 0x2E000000 */
const PIO2_3T = 8.47842766036889956997e-32; /* 0x397B839A, 0x252049C1 */
const TOINT = 6755399441055744; // 1.5 * 2^52: adding it rounds to an integer
const yLarge = new Float64Array(2);

// Result of remPio2: x - n*pi/2 = ry0 + ry1.
let ry0 = 0;
let ry1 = 0;

/** Reduce |x| > pi/4 modulo pi/2; returns n and sets ry0 + ry1 = x - n*pi/2. */
function remPio2(x: number, hx: number): number {
  const ix = hx & 0x7fffffff;
  // Small multiples (|x| <= 9pi/4): one subtraction of k*pio2_1 is exact and good to 85
  // bits, except right next to a multiple of pi/2 where the medium path is needed.
  if (ix <= 0x400f6a7a) {
    if ((ix & 0xfffff) !== 0x921fb) return remSmall(x, hx, ix <= 0x4002d97c ? 1 : 2);
  } else if (ix <= 0x401c463b) {
    if (ix <= 0x4015fdbc) {
      if (ix !== 0x4012d97c) return remSmall(x, hx, 3);
    } else if (ix !== 0x401921fb) {
      return remSmall(x, hx, 4);
    }
  }
  if (ix < 0x413921fb) {
    // |x| < 2^20*pi/2: Cody-Waite, with extra terms of pi/2 only when cancellation needs them.
    const fn = x * INV_PIO2 + TOINT - TOINT;
    const n = fn | 0;
    let r = x - fn * PIO2_1;
    let w = fn * PIO2_1T;
    const j = ix >> 20;
    ry0 = r - w;
    let i = j - ((highWord(ry0) >> 20) & 0x7ff);
    if (i > 16) {
      let t = r;
      w = fn * PIO2_2;
      r = t - w;
      w = fn * PIO2_2T - (t - r - w);
      ry0 = r - w;
      i = j - ((highWord(ry0) >> 20) & 0x7ff);
      if (i > 49) {
        t = r;
        w = fn * PIO2_3;
        r = t - w;
        w = fn * PIO2_3T - (t - r - w);
        ry0 = r - w;
      }
    }
    ry1 = r - ry0 - w;
    return n;
  }
  if (ix >= 0x7ff00000) {
    ry0 = ry1 = x - x; // NaN
    return 0;
  }
  const n = remPio2Large(x, yLarge);
  ry0 = yLarge[0];
  ry1 = yLarge[1];
  return n;
}

function remSmall(x: number, hx: number, k: number): number {
  if (hx > 0) {
    const z = x - k * PIO2_1;
    ry0 = z - k * PIO2_1T;
    ry1 = z - ry0 - k * PIO2_1T;
    return k;
  }
  const z = x + k * PIO2_1;
  ry0 = z + k * PIO2_1T;
  ry1 = z - ry0 + k * PIO2_1T;
  return -k;
}

/** Sine, x in radians. Error < 1 ulp (fdlibm) for every finite x, including huge ones. sin(-0) = -0. */
export function sin(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e500000) return x; // |x| < 2^-26, also keeps -0
    return kSin(x, 0, 0);
  }
  if (ix >= 0x7ff00000) return x - x;
  switch (remPio2(x, hx) & 3) {
    case 0:
      return kSin(ry0, ry1, 1);
    case 1:
      return kCos(ry0, ry1);
    case 2:
      return -kSin(ry0, ry1, 1);
    default:
      return -kCos(ry0, ry1);
  }
}

/** Cosine, x in radians. Error < 1 ulp (fdlibm) for every finite x. cos(+-Infinity) = NaN. */
export function cos(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e46a09e) return 1; // |x| < 2^-27 * sqrt(2)
    return kCos(x, 0);
  }
  if (ix >= 0x7ff00000) return x - x;
  switch (remPio2(x, hx) & 3) {
    case 0:
      return kCos(ry0, ry1);
    case 1:
      return -kSin(ry0, ry1, 1);
    case 2:
      return -kCos(ry0, ry1);
    default:
      return kSin(ry0, ry1, 1);
  }
}

/** Tangent, x in radians. Error < 1 ulp (fdlibm) for every finite x. tan(-0) = -0. */
export function tan(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e400000) return x; // |x| < 2^-27
    return kTan(x, 0, 1);
  }
  if (ix >= 0x7ff00000) return x - x;
  const n = remPio2(x, hx);
  return kTan(ry0, ry1, 1 - ((n & 1) << 1));
}
