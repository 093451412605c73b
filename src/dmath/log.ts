/**
 * Logarithms: log, log1p, log2, log10. Ports of fdlibm's e_log.c, s_log1p.c and
 * FreeBSD's e_log2.c, e_log10.c / k_log.h: x = 2^k (1+f) with 1+f in [sqrt(2)/2, sqrt(2)),
 * then log(1+f) = 2s + s R(s^2) with s = f/(2+f). log2 and log10 carry f - f^2/2 in two
 * pieces so that the change of base does not add a rounding error.
 *
 * fdlibm notice: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 * Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved.
 */

import { highWord, lowWord, withHigh, withLow } from './bits.js';

// ln2 split so that k*LN2_HI is exact for |k| < 2000.
const LN2_HI = 6.93147180369123816490e-1; /* 0x3fe62e42, 0xfee00000 */
const LN2_LO = 1.90821492927058770002e-10; /* 0x3dea39ef, 0x35793c76 */
const TWO54 = 1.80143985094819840000e16; /* 0x43500000, 0x00000000 */

// log: R(z) ~ (log(1+f) - 2s)/s on s = f/(2+f) in [0, 0.1716], error < 2^-58.45.
const LG1 = 6.666666666666735130e-1; /* 3FE55555 55555593 */
const LG2 = 3.999999999940941908e-1; /* 3FD99999 9997FA04 */
const LG3 = 2.857142874366239149e-1; /* 3FD24924 94229359 */
const LG4 = 2.222219843214978396e-1; /* 3FCC71C5 1D8E78AF */
const LG5 = 1.818357216161805012e-1; /* 3FC74664 96CB03DE */
const LG6 = 1.531383769920937332e-1; /* 3FC39A09 D078C69F */
const LG7 = 1.479819860511658591e-1; /* 3FC2F112 DF3E5244 */

/**
 * Natural logarithm. Error < 1 ulp (fdlibm). log(+-0) = -Infinity, log(x < 0) = NaN,
 * log(1) = +0; subnormal inputs are handled exactly.
 */
export function log(x: number): number {
  return logScaled(x, 0);
}

/** ln(2x) for x >= 2^28 without overflow: asinh and acosh of large arguments. */
export function lnTwoX(x: number): number {
  return logScaled(x, 1);
}

/** ln(x * 2^extra): the power of two joins k, so it adds no rounding. */
function logScaled(x: number, extra: number): number {
  let hx = highWord(x);
  let k = extra;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative or subnormal
    if (((hx & 0x7fffffff) | lowWord(x)) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // Normalise x into [sqrt(2)/2, sqrt(2)): i is 0x100000 when the mantissa exceeds sqrt(2).
  const i = (hx + 0x95f64) & 0x100000;
  x = withHigh(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const f = x - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 <= f < 2^-20: a short series suffices
    if (f === 0) {
      if (k === 0) return 0;
      return dk * LN2_HI + dk * LN2_LO;
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - R;
    return dk * LN2_HI - (R - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    // f far from 0: keep hfsq separate for accuracy
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

/**
 * log(1 + x), accurate for small |x|. Error < 1 ulp (fdlibm). log1p(-0) = -0,
 * log1p(-1) = -Infinity, NaN below -1.
 */
export function log1p(x: number): number {
  return log1pTail(x, 0);
}

/**
 * log(1 + x + tail) for a tail below ulp(x): the tail joins fdlibm's correction term c
 * (the rounding error of 1 + x), so arguments carried as double-doubles lose nothing.
 */
export function log1pTail(x: number, tail: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;

  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 0;
  if (hx < 0x3fda827a) {
    // 1+x < sqrt(2)+
    if (ax >= 0x3ff00000) {
      if (x === -1) return -Infinity;
      return NaN; // x < -1, or -Infinity
    }
    if (ax < 0x3e200000) {
      // |x| < 2^-29
      if (ax < 0x3c900000) return tail === 0 ? x : x + tail; // keeps log1p(-0) = -0
      return x - (x * x * 0.5 - tail);
    }
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
      // sqrt(2)/2- <= 1+x < sqrt(2)+: f = x exactly, no reduction
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x;
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1); // rounding error of 1+x
      c = (c + tail) / u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = tail / u;
    }
    hu &= 0x000fffff;
    // The threshold must be looser than the ones above so that k == 0 is never reached here.
    if (hu < 0x6a09e) {
      u = withHigh(u, hu | 0x3ff00000);
    } else {
      k += 1;
      u = withHigh(u, hu | 0x3fe00000);
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const R = hfsq * (1 - 0.66666666666666666 * f);
    if (k === 0) return f - R;
    return k * LN2_HI - (R - (k * LN2_LO + c) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  if (k === 0) {
    // log1p(f + tail) = log1p(f) + tail/(1 + f)
    const ct = tail === 0 ? 0 : tail / (1 + f);
    return f - (hfsq - s * (hfsq + R) - ct);
  }
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + (k * LN2_LO + c)) - f);
}

/** log(1+f) - f + f*f/2 for 1+f in [sqrt(2)/2, sqrt(2)] (FreeBSD k_log1p). */
function kLog1p(f: number): number {
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const hfsq = 0.5 * f * f;
  return s * (hfsq + t2 + t1);
}

const IVLN2_HI = 1.44269504072144627571e0; /* 0x3ff71547, 0x65200000 */
const IVLN2_LO = 1.67517131648865118353e-10; /* 0x3de705fc, 0x2eefa200 */
const IVLN10_HI = 4.34294481878168880939e-1; /* 0x3fdbcb7b, 0x15200000 */
const IVLN10_LO = 2.50829467116452752298e-11; /* 0x3dbb9438, 0xca9aadd5 */
const LOG10_2HI = 3.01029995663611771306e-1; /* 0x3FD34413, 0x509F6000 */
const LOG10_2LO = 3.69423907715893078616e-13; /* 0x3D59FEF3, 0x11F12B36 */

/**
 * Shared reduction of log2/log10: returns NaN/Infinity/0 for special inputs, otherwise
 * writes k and log(1+f) = hi + lo (x = 2^k (1+f), 1+f in [sqrt(2)/2, sqrt(2))) to `red`
 * and returns undefined.
 */
const red = { k: 0, hi: 0, lo: 0 };
function reduceLog(x: number): number | undefined {
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lowWord(x)) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  if (hx === 0x3ff00000 && lowWord(x) === 0) return 0;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  const f = withHigh(x, hx | (i ^ 0x3ff00000)) - 1;
  red.k = k + (i >> 20);
  // log(1 + f) = hi + lo in extra precision: hi keeps 21 bits, so hi times the high half
  // of a constant is exact.
  const hfsq = 0.5 * f * f;
  const r = kLog1p(f);
  red.hi = withLow(f - hfsq, 0);
  red.lo = f - red.hi - hfsq + r;
  return undefined;
}

/**
 * Base-2 logarithm. Error < 1 ulp (FreeBSD e_log2.c); exact for powers of two.
 * log2(+-0) = -Infinity, log2(x < 0) = NaN.
 */
export function log2(x: number): number {
  const special = reduceLog(x);
  if (special !== undefined) return special;
  const { k: y, hi, lo } = red;
  let valHi = hi * IVLN2_HI;
  let valLo = (lo + hi) * IVLN2_LO + lo * IVLN2_HI;
  // Add k in extra precision: near sqrt(2)/2 the sum cancels heavily.
  const w = y + valHi;
  valLo += y - w + valHi;
  valHi = w;
  return valLo + valHi;
}

/**
 * Base-10 logarithm. Error < 1 ulp (FreeBSD e_log10.c). log10(+-0) = -Infinity,
 * log10(x < 0) = NaN.
 */
export function log10(x: number): number {
  const special = reduceLog(x);
  if (special !== undefined) return special;
  const { k: y, hi, lo } = red;
  let valHi = hi * IVLN10_HI;
  const y2 = y * LOG10_2HI;
  let valLo = y * LOG10_2LO + (lo + hi) * IVLN10_LO + lo * IVLN10_HI;
  const w = y2 + valHi;
  valLo += y2 - w + valHi;
  valHi = w;
  return valLo + valHi;
}
