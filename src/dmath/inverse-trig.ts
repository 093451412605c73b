/**
 * asin, acos, atan, atan2: ports of fdlibm's e_asin.c, e_acos.c, s_atan.c, e_atan2.c.
 *
 * fdlibm notice: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 * Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved.
 */

import { highWord, lowWord, twoTo, withLow } from './bits.js';
import { dd, twoProd, twoSum } from './double-double.js';

const PI = 3.14159265358979311600e0; /* 0x400921FB, 0x54442D18 */
const PIO2_HI = 1.57079632679489655800e0; /* 0x3FF921FB, 0x54442D18 */
const PIO2_LO = 6.12323399573676603587e-17; /* 0x3C91A626, 0x33145C07 */
const PIO4_HI = 7.85398163397448278999e-1; /* 0x3FE921FB, 0x54442D18 */

// (asin(x) - x)/x^3 ~ p(t)/q(t), t = x^2, on [0, 0.5]; error < 2^-58.75.
const PS0 = 1.66666666666666657415e-1; /* 0x3FC55555, 0x55555555 */
const PS1 = -3.25565818622400915405e-1; /* 0xBFD4D612, 0x03EB6F7D */
const PS2 = 2.01212532134862925881e-1; /* 0x3FC9C155, 0x0E884455 */
const PS3 = -4.00555345006794114027e-2; /* 0xBFA48228, 0xB5688F3B */
const PS4 = 7.91534994289814532176e-4; /* 0x3F49EFE0, 0x7501B288 */
const PS5 = 3.47933107596021167570e-5; /* 0x3F023DE1, 0x0DFDF709 */
const QS1 = -2.40339491173441421878e0; /* 0xC0033A27, 0x1C8A2D4B */
const QS2 = 2.02094576023350569471e0; /* 0x40002AE5, 0x9C598AC8 */
const QS3 = -6.88283971605453293030e-1; /* 0xBFE6066C, 0x1B8D0159 */
const QS4 = 7.70381505559019352791e-2; /* 0x3FB3B8C5, 0xB12E9282 */

/** R(t) = p(t)/q(t) for t in [0, 0.25]. */
function rAsin(t: number): number {
  const p = t * (PS0 + t * (PS1 + t * (PS2 + t * (PS3 + t * (PS4 + t * PS5)))));
  const q = 1 + t * (QS1 + t * (QS2 + t * (QS3 + t * QS4)));
  return p / q;
}

/** Arcsine, in [-pi/2, pi/2]. Error < 1 ulp (fdlibm). NaN for |x| > 1; asin(-0) = -0. */
export function asin(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    if (((ix - 0x3ff00000) | lowWord(x)) === 0) return x * PIO2_HI + x * PIO2_LO; // +-1
    return NaN; // |x| > 1 or NaN
  }
  if (ix < 0x3fe00000) {
    // |x| < 0.5
    if (ix < 0x3e500000) return x; // |x| < 2^-26
    return x + x * rAsin(x * x);
  }
  // asin(x) = pi/2 - 2 asin(sqrt((1-|x|)/2))
  const t = (1 - Math.abs(x)) * 0.5;
  const r = rAsin(t);
  const s = Math.sqrt(t);
  let res: number;
  if (ix >= 0x3fef3333) {
    // |x| > 0.975
    res = PIO2_HI - (2 * (s + s * r) - PIO2_LO);
  } else {
    // Split s = w + c with w exact to 21 bits so that pio4 - 2w does not round.
    const w = withLow(s, 0);
    const c = (t - w * w) / (s + w);
    const p = 2 * s * r - (PIO2_LO - 2 * c);
    const q = PIO4_HI - 2 * w;
    res = PIO4_HI - (p - q);
  }
  return hx > 0 ? res : -res;
}

/** Arccosine, in [0, pi]. Error < 1 ulp (fdlibm). NaN for |x| > 1; acos(1) = +0. */
export function acos(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    if (((ix - 0x3ff00000) | lowWord(x)) === 0) return hx > 0 ? 0 : PI + 2 * PIO2_LO;
    return NaN;
  }
  if (ix < 0x3fe00000) {
    if (ix <= 0x3c600000) return PIO2_HI + PIO2_LO; // |x| < 2^-57
    return PIO2_HI - (x - (PIO2_LO - x * rAsin(x * x)));
  }
  if (hx < 0) {
    // acos(x) = pi - 2 asin(sqrt((1+x)/2))
    const z = (1 + x) * 0.5;
    const s = Math.sqrt(z);
    const w = rAsin(z) * s - PIO2_LO;
    return PI - 2 * (s + w);
  }
  // acos(x) = 2 asin(sqrt((1-x)/2)), with sqrt split into a 21-bit head and a tail.
  const z = (1 - x) * 0.5;
  const s = Math.sqrt(z);
  const df = withLow(s, 0);
  const c = (z - df * df) / (s + df);
  const w = rAsin(z) * s + c;
  return 2 * (df + w);
}

// atan of the breakpoints 0.5, 1, 1.5, Infinity, each as hi + lo.
const ATAN_HI_05 = 4.63647609000806093515e-1; /* 0x3FDDAC67, 0x0561BB4F */
const ATAN_HI_1 = 7.85398163397448278999e-1; /* 0x3FE921FB, 0x54442D18 */
const ATAN_HI_15 = 9.82793723247329054082e-1; /* 0x3FEF730B, 0xD281F69B */
const ATAN_HI_INF = 1.57079632679489655800e0; /* 0x3FF921FB, 0x54442D18 */
const ATAN_LO_05 = 2.26987774529616870924e-17; /* 0x3C7A2B7F, 0x222F65E2 */
const ATAN_LO_1 = 3.06161699786838301793e-17; /* 0x3C81A626, 0x33145C07 */
const ATAN_LO_15 = 1.39033110312309984516e-17; /* 0x3C700788, 0x7AF0CBBD */
const ATAN_LO_INF = 6.12323399573676603587e-17; /* 0x3C91A626, 0x33145C07 */

// atan(x) ~ x - x^3 (AT0 + AT1 x^2 + ... + AT10 x^20) on [0, 7/16].
const AT0 = 3.33333333333329318027e-1; /* 0x3FD55555, 0x5555550D */
const AT1 = -1.99999999998764832476e-1; /* 0xBFC99999, 0x9998EBC4 */
const AT2 = 1.42857142725034663711e-1; /* 0x3FC24924, 0x920083FF */
const AT3 = -1.11111104054623557880e-1; /* 0xBFBC71C6, 0xFE231671 */
const AT4 = 9.09088713343650656196e-2; /* 0x3FB745CD, 0xC54C206E */
const AT5 = -7.69187620504482999495e-2; /* 0xBFB3B0F2, 0xAF749A6D */
const AT6 = 6.66107313738753120669e-2; /* 0x3FB10D66, 0xA0D03D51 */
const AT7 = -5.83357013379057348645e-2; /* 0xBFADDE2D, 0x52DEFD9A */
const AT8 = 4.97687799461593236017e-2; /* 0x3FA97B4B, 0x24760DEB */
const AT9 = -3.65315727442169155270e-2; /* 0xBFA2B444, 0x2C6A6C2F */
const AT10 = 1.62858201153657823623e-2; /* 0x3F90AD3A, 0xE322DA11 */

/** Arctangent, in [-pi/2, pi/2]. Error < 1 ulp (fdlibm). atan(-0) = -0, atan(+-Infinity) = +-pi/2. */
export function atan(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x44100000) {
    // |x| >= 2^66: atan is pi/2 to double precision
    if (x !== x) return x + x;
    return hx > 0 ? ATAN_HI_INF + ATAN_LO_INF : -ATAN_HI_INF - ATAN_LO_INF;
  }
  // atan is odd, and every step of the reduction below is symmetric in the sign.
  atanParts(Math.abs(x), 0);
  const r = dd.hi + dd.lo;
  return hx < 0 ? -r : r;
}

/**
 * atan(x + tail) for 0 <= x < 2^66 as dd.hi + dd.lo, before atan's final rounding, so
 * that atan2 can add pi to it and round once.
 */
function atanParts(x: number, tail: number): void {
  const ix = highWord(x);
  const dt = tail / (1 + x * x); // atan(x + tail) = atan(x) + tail/(1 + x^2)
  if (ix < 0x3e400000) {
    dd.hi = x;
    dd.lo = dt;
    return;
  }
  let hi = 0;
  let lo = 0;
  let id = -1;
  if (ix >= 0x3fdc0000) {
    if (ix < 0x3fe60000) {
      id = 0;
      hi = ATAN_HI_05;
      lo = ATAN_LO_05;
      x = (2 * x - 1) / (2 + x);
    } else if (ix < 0x3ff30000) {
      id = 1;
      hi = ATAN_HI_1;
      lo = ATAN_LO_1;
      x = (x - 1) / (x + 1);
    } else if (ix < 0x40038000) {
      id = 2;
      hi = ATAN_HI_15;
      lo = ATAN_LO_15;
      x = (x - 1.5) / (1 + 1.5 * x);
    } else {
      id = 3;
      hi = ATAN_HI_INF;
      lo = ATAN_LO_INF;
      x = -1 / x;
    }
  }
  const z = x * x;
  const w = z * z;
  const s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
  const s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  if (id < 0) {
    dd.hi = x;
    dd.lo = dt - x * (s1 + s2);
  } else {
    dd.hi = hi;
    dd.lo = dt - (x * (s1 + s2) - lo - x);
  }
}

const PI_O_4 = 7.8539816339744827900e-1; /* 0x3FE921FB, 0x54442D18 */
const PI_LO = 1.2246467991473531772e-16; /* 0x3CA1A626, 0x33145C07 */

/**
 * Angle of the point (x, y), in [-pi, pi]. Error < 1 ulp (fdlibm's, with y/x and the
 * final pi - atan carried as double-doubles). Signs of zeros and infinities as Math.atan2.
 */
export function atan2(y: number, x: number): number {
  if (x !== x || y !== y) return x + y;
  if (x === 1) return atan(y);
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const hy = highWord(y);
  const iy = hy & 0x7fffffff;
  const m = ((hy >>> 31) & 1) | ((hx >>> 30) & 2); // 2*sign(x) + sign(y)

  if (y === 0) {
    if (m <= 1) return y; // atan2(+-0, +anything) = +-0
    return m === 2 ? PI : -PI; // atan2(+-0, -anything) = +-pi
  }
  if (x === 0) return hy < 0 ? -PIO2_HI : PIO2_HI;

  if (ix === 0x7ff00000) {
    if (iy === 0x7ff00000) {
      if (m === 0) return PI_O_4;
      if (m === 1) return -PI_O_4;
      if (m === 2) return 3 * PI_O_4;
      return -3 * PI_O_4;
    }
    if (m === 0) return 0;
    if (m === 1) return -0;
    return m === 2 ? PI : -PI;
  }
  if (iy === 0x7ff00000) return hy < 0 ? -PIO2_HI : PIO2_HI;

  // |y/x| beyond 2^60 or below 2^-60 (for x < 0): the quotient's atan is a constant.
  const k = (iy - ix) >> 20;
  if (k > 60) return m & 1 ? -(PIO2_HI + 0.5 * PI_LO) : PIO2_HI + 0.5 * PI_LO;
  if (hx < 0 && k < -60) return m === 2 ? PI - (0 - PI_LO) : 0 - PI_LO - PI;

  // y/x = q + tail. When |y/x| < 2^-60 the tail cannot matter (atan2 = y/x, rounded once);
  // otherwise |x| and |y| are within 2^61 of each other and are scaled together into a
  // range where the exact product q*|x| neither overflows nor underflows.
  let ay = Math.abs(y);
  let ax = Math.abs(x);
  let tail = 0;
  if (k >= -60) {
    const big = ix > iy ? ix : iy;
    if (big > 0x5f300000) {
      ay *= twoTo(-600);
      ax *= twoTo(-600);
    } else if (big < 0x26f00000) {
      ay *= twoTo(600);
      ax *= twoTo(600);
    }
  }
  const q = ay / ax;
  if (k >= -60) {
    twoProd(q, ax);
    tail = (ay - dd.hi - dd.lo) / ax;
  }
  atanParts(q, tail);
  const zh = dd.hi;
  const zl = dd.lo;
  if (m === 0) return zh + zl;
  if (m === 1) return -(zh + zl);
  // pi - atan(|y/x|), rounded once
  twoSum(PI, -zh);
  const r = dd.hi + (dd.lo + (PI_LO - zl));
  return m === 2 ? r : -r;
}
