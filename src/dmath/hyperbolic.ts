/**
 * sinh, cosh, tanh, asinh, acosh, atanh.
 *
 * fdlibm's versions (e_sinh.c, e_cosh.c, s_tanh.c, s_asinh.c, e_acosh.c, e_atanh.c)
 * combine two or three correctly rounded-ish results and so reach 2 ulp; here the same
 * formulas are evaluated with double-double intermediates (e^x from expSplit, the
 * arguments of log1p carried as hi + lo) so that only the last operation rounds and the
 * error stays below 1 ulp. Near overflow FreeBSD's k_exp.c scaling is used.
 *
 * fdlibm notice: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 * Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved.
 */

import { highWord, lowWord, twoTo, withHigh } from './bits.js';
import { dd, ddDiv, ddSqrt, twoProd, twoSum } from './double-double.js';
import { exp, expSplit, expWithTail } from './exp.js';
import { lnTwoX, log1pTail } from './log.js';

// exp(x) = exp(x - K ln2) * 2^K, with K chosen so that K ln2 is close to the double KLN2.
const K = 1799;
const KLN2 = 1246.97177782734161156;
// K ln2 - KLN2 (computed in 300-bit arithmetic). FreeBSD drops it, which biases the
// result by 0.39 ulp and makes 10% of cosh/sinh values near overflow 1 ulp too large.
const KLN2_TAIL = 8.628875765155982e-17;

/**
 * exp(x) * 2^expt for ln(DBL_MAX) <= x < 710.5 where exp(x) alone would overflow but the
 * scaled result does not (FreeBSD __ldexp_exp, plus the KLN2 tail).
 */
function ldexpExp(x: number, expt: number): number {
  const e = expWithTail(x - KLN2, -KLN2_TAIL); // x - KLN2 is exact
  const hx = highWord(e);
  const ex = (hx >> 20) - (0x3ff + 1023) + K;
  const m = withHigh(e, (hx & 0xfffff) | ((0x3ff + 1023) << 20)); // in [2^1023, 2^1024)
  return m * twoTo(expt + ex);
}

// Taylor coefficients 1/n! of sinh x - x (odd n) and cosh x - 1 (even n), for |x| < 0.5
// where the first omitted terms, x^19/19! and x^18/18!, are below 2^-70 of the sum.
const S3 = 1 / 6;
const S5 = 1 / 120;
const S7 = 1 / 5040;
const S9 = 1 / 362880;
const S11 = 1 / 39916800;
const S13 = 1 / 6227020800;
const S15 = 1 / 1307674368000;
const S17 = 1 / 355687428096000;
const C4 = 1 / 24;
const C6 = 1 / 720;
const C8 = 1 / 40320;
const C10 = 1 / 3628800;
const C12 = 1 / 479001600;
const C14 = 1 / 87178291200;
const C16 = 1 / 20922789888000;

/** sinh(x) - x for |x| < 0.5 (at most 4.2% of sinh x). */
function sinhTail(x: number): number {
  const z = x * x;
  return x * z * (S3 + z * (S5 + z * (S7 + z * (S9 + z * (S11 + z * (S13 + z * (S15 + z * S17)))))));
}

// 2 sinh(a) = sHi + sLo and 2 cosh(a) = cHi + cLo, set by twiceSinhCosh.
let sHi = 0;
let sLo = 0;
let cHi = 0;
let cLo = 0;

/** 2 sinh(a) and 2 cosh(a) as double-doubles, from e^a and its reciprocal (0 <= a < 22). */
function twiceSinhCosh(a: number): void {
  const scale = twoTo(expSplit(a, 0));
  const eh = dd.hi * scale;
  const el = dd.lo * scale;
  // 1/e = q (1 + rho) with rho = 1 - q e, the product taken exactly
  const q = 1 / eh;
  twoProd(q, eh);
  const ql = q * (1 - dd.hi - dd.lo - q * el);
  twoSum(eh, -q);
  sHi = dd.hi;
  sLo = dd.lo + (el - ql);
  twoSum(eh, q);
  cHi = dd.hi;
  cLo = dd.lo + (el + ql);
}

/** Hyperbolic sine. Error < 1 ulp. sinh(-0) = -0; overflows beyond |x| ~ 710.4758. */
export function sinh(x: number): number {
  const jx = highWord(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x + x;
  if (ix < 0x3fe00000) {
    // |x| < 0.5: the Taylor tail is small, so x + tail rounds once
    if (ix < 0x3e300000) return x; // |x| < 2^-28
    return x + sinhTail(x);
  }
  const ax = Math.abs(x);
  const h = jx < 0 ? -0.5 : 0.5;
  if (ix < 0x40360000) {
    // |x| < 22: (e^|x| - e^-|x|)/2 in double-double, no cancellation for |x| >= 0.5
    twiceSinhCosh(ax);
    return h * (sHi + sLo);
  }
  if (ix < 0x40862e42) return h * exp(ax); // |x| < ln(DBL_MAX): e^-|x| is negligible
  if (ix <= 0x408633ce) return h * 2 * ldexpExp(ax, -1);
  return x * Infinity;
}

/** Hyperbolic cosine. Error < 1 ulp. cosh(+-Infinity) = +Infinity, cosh(+-0) = 1. */
export function cosh(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix >= 0x7ff00000) return x * x;
  if (ix < 0x3e400000) return 1; // |x| < 2^-27: x^2/2 is below half an ulp of 1
  const ax = Math.abs(x);
  if (ix < 0x40360000) {
    // |x| < 22: (e^|x| + e^-|x|)/2 in double-double; the sum never cancels
    twiceSinhCosh(ax);
    return 0.5 * (cHi + cLo);
  }
  if (ix < 0x40862e42) return 0.5 * exp(ax);
  if (ix <= 0x408633ce) return ldexpExp(ax, -1);
  return Infinity;
}

/** Hyperbolic tangent. Error < 1 ulp. tanh(-0) = -0, tanh(+-Infinity) = +-1. */
export function tanh(x: number): number {
  const jx = highWord(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) {
    if (x !== x) return x + x;
    return jx >= 0 ? 1 : -1;
  }
  if (ix >= 0x40360000) return jx >= 0 ? 1 : -1; // |x| >= 22: 1 - tanh < 2^-62
  if (ix < 0x3e300000) return x; // |x| < 2^-28
  const ax = Math.abs(x);
  if (ix < 0x3fe00000) {
    // |x| < 0.5: sinh/cosh from their Taylor series, each as a double-double
    const z = ax * ax;
    const c = z * (0.5 + z * (C4 + z * (C6 + z * (C8 + z * (C10 + z * (C12 + z * (C14 + z * C16)))))));
    twoSum(ax, sinhTail(ax));
    const nh = dd.hi;
    const nl = dd.lo;
    twoSum(1, c);
    ddDiv(nh, nl, dd.hi, dd.lo);
  } else {
    twiceSinhCosh(ax);
    ddDiv(sHi, sLo, cHi, cLo);
  }
  const t = dd.hi + dd.lo;
  return jx >= 0 ? t : -t;
}

/** Inverse hyperbolic sine. Error < 1 ulp. asinh(-0) = -0. */
export function asinh(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x + x;
  if (ix < 0x3e300000) return x; // |x| < 2^-28
  const ax = Math.abs(x);
  let w: number;
  if (ix > 0x41b00000) {
    // |x| > 2^28: asinh = ln(2|x|) + 1/(4x^2) - ..., the rest is below 2^-58
    w = lnTwoX(ax);
  } else if (ix > 0x40000000) {
    // 2 < |x| <= 2^28: ln(v), v = 2|x| + 1/(sqrt(x^2+1) + |x|) >= 4, so v - 1 is exact
    twoSum(2 * ax, 1 / (Math.sqrt(ax * ax + 1) + ax));
    w = log1pTail(dd.hi - 1, dd.lo);
  } else {
    // |x| <= 2: log1p(|x| + x^2/(1 + sqrt(1 + x^2))), the argument as a double-double
    twoProd(ax, ax);
    const ph = dd.hi;
    const pl = dd.lo;
    twoSum(1, ph);
    ddSqrt(dd.hi, dd.lo + pl);
    const rl = dd.lo;
    twoSum(1, dd.hi);
    ddDiv(ph, pl, dd.hi, dd.lo + rl);
    const ql = dd.lo;
    twoSum(ax, dd.hi);
    w = log1pTail(dd.hi, dd.lo + ql);
  }
  return hx > 0 ? w : -w;
}

/** Inverse hyperbolic cosine, for x >= 1. Error < 1 ulp. NaN for x < 1; acosh(1) = +0. */
export function acosh(x: number): number {
  const hx = highWord(x);
  if (hx < 0x3ff00000) return NaN; // x < 1, including -0 and negatives
  if (hx >= 0x41b00000) {
    // x >= 2^28, Infinity or NaN: acosh = ln(2x) - 1/(4x^2) - ...
    if (hx >= 0x7ff00000) return x + x;
    return lnTwoX(x);
  }
  if (hx === 0x3ff00000 && lowWord(x) === 0) return 0;
  if (hx > 0x40000000) {
    // 2 < x < 2^28: ln(v), v = 2x - 1/(x + sqrt(x^2 - 1)) > 3.7, so v - 1 is exact
    twoSum(2 * x, -1 / (x + Math.sqrt(x * x - 1)));
    return log1pTail(dd.hi - 1, dd.lo);
  }
  // 1 < x <= 2: log1p(t + sqrt(2t + t^2)), t = x - 1 exact, the argument as a double-double
  const t = x - 1;
  twoProd(t, t);
  const pl = dd.lo;
  twoSum(2 * t, dd.hi);
  ddSqrt(dd.hi, dd.lo + pl);
  const rl = dd.lo;
  twoSum(t, dd.hi);
  return log1pTail(dd.hi, dd.lo + rl);
}

/** Inverse hyperbolic tangent. Error < 1 ulp. atanh(+-1) = +-Infinity, NaN for |x| > 1. */
export function atanh(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const ax = Math.abs(x);
  if (!(ax <= 1)) return NaN; // |x| > 1 or NaN
  if (ax === 1) return x / 0;
  if (ix < 0x3e300000) return x; // |x| < 2^-28
  if (ix < 0x3fe00000) {
    // |x| < 0.5: 0.5 log1p(2x + 2x^2/(1-x)), with 1 - x and the quotient as double-doubles
    twoProd(ax, ax);
    const ph = dd.hi;
    const pl = dd.lo;
    twoSum(1, -ax);
    ddDiv(2 * ph, 2 * pl, dd.hi, dd.lo);
    const ql = dd.lo;
    twoSum(2 * ax, dd.hi);
    const t = 0.5 * log1pTail(dd.hi, dd.lo + ql);
    return hx >= 0 ? t : -t;
  }
  // 0.5 <= |x| < 1: 0.5 log1p(2x/(1-x)), 1 - x exact
  ddDiv(2 * ax, 0, 1 - ax, 0);
  const t = 0.5 * log1pTail(dd.hi, dd.lo);
  return hx >= 0 ? t : -t;
}
