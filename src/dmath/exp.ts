/**
 * Exponentials: exp and expm1. Ports of fdlibm's e_exp.c and s_expm1.c: reduce
 * x = k ln2 + r with ln2 split in two so that k*LN2_HI is exact, approximate on
 * |r| <= ln2/2, scale by 2^k. Only + - * / and word access are used, so every engine
 * that implements IEEE 754 double arithmetic gives bit-identical results.
 * The hexadecimal words in the comments are the intended values of the decimal
 * literals (JS parses decimal literals with correct rounding, so they are exact).
 *
 * fdlibm notice: Copyright (C) 1993-2004 by Sun Microsystems, Inc. All rights reserved.
 * Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved.
 */

import { highWord, lowWord, twoTo } from './bits.js';
import { dd, twoProd, twoSum } from './double-double.js';

const O_THRESHOLD = 7.09782712893383973096e2; /* 0x40862E42, 0xFEFA39EF */
const U_THRESHOLD = -7.45133219101941108420e2; /* 0xc0874910, 0xD52D3051 */
// ln2 split so that k*LN2_HI is exact for |k| < 2000.
const LN2_HI = 6.93147180369123816490e-1; /* 0x3fe62e42, 0xfee00000 */
const LN2_LO = 1.90821492927058770002e-10; /* 0x3dea39ef, 0x35793c76 */
const INV_LN2 = 1.44269504088896338700e0; /* 0x3ff71547, 0x652b82fe */
const TWO_P1023 = twoTo(1023);
const TWO_M1000 = twoTo(-1000);

// exp: R(r^2) ~ r*(exp(r)+1)/(exp(r)-1) - 2 on [0, 0.34658], error < 2^-59.
const P1 = 1.66666666666666019037e-1; /* 0x3FC55555, 0x5555553E */
const P2 = -2.77777777770155933842e-3; /* 0xBF66C16C, 0x16BEBD93 */
const P3 = 6.61375632143793436117e-5; /* 0x3F11566A, 0xAF25DE2C */
const P4 = -1.65339022054652515390e-6; /* 0xBEBBBD41, 0xC5D26BF1 */
const P5 = 4.13813679705723846039e-8; /* 0x3E663769, 0x72BEA4D0 */

/** Output of {@link reduceLn2} (a module-level record, so the hot path allocates nothing). */
const ln2Parts = { hi: 0, lo: 0, k: 0 };

/**
 * Writes x = k ln2 + (hi - lo) into `ln2Parts`, for |x| > 0.5 ln2 (high word `hx` of
 * |x|, sign bit `xsb`); `k * LN2_HI` is exact, so `hi` carries no rounding error.
 */
function reduceLn2(x: number, hx: number, xsb: number): void {
  if (hx < 0x3ff0a2b2) {
    // |x| < 1.5 ln2: k is +-1, avoid the multiplication.
    const k = xsb === 0 ? 1 : -1;
    ln2Parts.hi = x - k * LN2_HI;
    ln2Parts.lo = k * LN2_LO;
    ln2Parts.k = k;
    return;
  }
  const k = (INV_LN2 * x + (xsb === 0 ? 0.5 : -0.5)) | 0;
  ln2Parts.hi = x - k * LN2_HI;
  ln2Parts.lo = k * LN2_LO;
  ln2Parts.k = k;
}

/**
 * e^x. Error < 1 ulp (fdlibm). exp(1) returns Math.E exactly; overflows to +Infinity
 * above 709.782712893384 and underflows to +0 below -745.1332191019411.
 */
export function exp(x: number): number {
  const hx0 = highWord(x);
  const xsb = hx0 >>> 31;
  const hx = hx0 & 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
      return xsb === 0 ? x : 0;
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  // The algorithm gives 2.7182818284590455; the correctly rounded value is preferred.
  if (x === 1) return 2.718281828459045;

  // Reduce x = k*ln2 + r, |r| <= 0.5*ln2, with r = hi - lo carried in two parts.
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    reduceLn2(x, hx, xsb);
    ({ hi, lo, k } = ln2Parts);
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x; // |x| < 2^-28
  }

  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2 * TWO_P1023;
    return y * twoTo(k);
  }
  // Subnormal result: scale in two steps so that only the last product rounds.
  return y * twoTo(k + 1000) * TWO_M1000;
}

/**
 * e^(x + tail) for a tail far below ulp(x) and a normal result (no special cases): the
 * tail joins the low part of the reduced argument, so it is not lost to rounding.
 */
export function expWithTail(x: number, tail: number): number {
  const k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO - tail;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  return y * twoTo(k);
}

// 1/n! for the Taylor tail of expSplit.
const F3 = 1 / 6;
const F4 = 1 / 24;
const F5 = 1 / 120;
const F6 = 1 / 720;
const F7 = 1 / 5040;
const F8 = 1 / 40320;
const F9 = 1 / 362880;
const F10 = 1 / 3628800;
const F11 = 1 / 39916800;
const F12 = 1 / 479001600;
const F13 = 1 / 6227020800;
const F14 = 1 / 87178291200;

/**
 * e^(x + tail) = (dd.hi + dd.lo) * 2^k, returning k, with relative error below 2^-60,
 * for |x| < 745 and |tail| <= ulp(x). The caller scales, so that a subnormal result is
 * rounded once. Same reduction as exp, keeping its rounding error in rc; then
 * 1 + r + r^2/2 summed exactly plus a degree-14 Taylor tail (|r| <= ln2/2, so the first
 * omitted term is below 2^-63).
 */
export function expSplit(x: number, tail: number): number {
  const k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const rc = hi - r - lo + tail; // x + tail - k ln2 = r + rc
  twoProd(r, r);
  const r2 = dd.hi;
  const h = 0.5 * r2;
  const hl = 0.5 * dd.lo;
  const p = F9 + r * (F10 + r * (F11 + r * (F12 + r * (F13 + r * F14))));
  const rest = r * r2 * (F3 + r * (F4 + r * (F5 + r * (F6 + r * (F7 + r * (F8 + r * p))))));
  twoSum(r, h);
  const s = dd.hi;
  const e1 = dd.lo;
  twoSum(1, s);
  const big = dd.hi;
  let small = dd.lo + (e1 + hl + rest);
  small += rc * (big + small); // e^(r + rc) = e^r (1 + rc) up to rc^2 < 2^-88
  const sum = big + small;
  dd.lo = small - (sum - big);
  dd.hi = sum;
  return k;
}

// expm1: scaled coefficients Qn * 2^n of R1(z) ~ 6/r*((exp(r)+1)/(exp(r)-1) - 2/r), error < 2^-61.
const Q1 = -3.33333333333331316428e-2; /* BFA11111 111110F4 */
const Q2 = 1.58730158725481460165e-3; /* 3F5A01A0 19FE5585 */
const Q3 = -7.93650757867487942473e-5; /* BF14CE19 9EAADBB7 */
const Q4 = 4.00821782732936239552e-6; /* 3ED0CFCA 86E65239 */
const Q5 = -2.01099218183624371326e-7; /* BE8AFDB7 6E09C32D */

/**
 * e^x - 1, accurate for small |x| where exp(x) - 1 would cancel. Error < 1 ulp (fdlibm).
 * expm1(-0) = -0; returns -1 for x < -56 ln2.
 */
export function expm1(x: number): number {
  const hx0 = highWord(x);
  const xsb = hx0 >>> 31;
  const hx = hx0 & 0x7fffffff;

  if (hx >= 0x4043687a) {
    // |x| >= 56 ln2
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
        return xsb === 0 ? x : -1;
      }
      if (x > O_THRESHOLD) return Infinity;
    }
    if (xsb !== 0) return -1;
  }

  let k = 0;
  let c = 0;
  if (hx > 0x3fd62e42) {
    reduceLn2(x, hx, xsb);
    const { hi, lo } = ln2Parts;
    k = ln2Parts.k;
    x = hi - lo;
    c = hi - x - lo; // rounding error of the reduced argument
  } else if (hx < 0x3c900000) {
    return x; // |x| < 2^-54
  }

  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);

  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) {
    if (x < -0.25) return -2 * (e - (x + 0.5));
    return 1 + 2 * (x - e);
  }
  if (k <= -2 || k > 56) {
    // 2^k dwarfs or is dwarfed by the -1: plain exp(x) - 1 is accurate enough.
    let y = 1 - (e - x);
    if (k === 1024) y = y * 2 * TWO_P1023;
    else y = y * twoTo(k);
    return y - 1;
  }
  const twopk = twoTo(k);
  if (k < 20) {
    t = 1 - twoTo(-k); // exact for k < 20
    return (t - (e - x)) * twopk;
  }
  t = twoTo(-k);
  return (x - (e + t) + 1) * twopk;
}
