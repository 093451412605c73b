/**
 * pow and cbrt: ports of fdlibm's e_pow.c (log2(x) in about 80 bits as t1 + t2, the
 * product y*log2(x) split into exact high part plus low part, then 2^z by the exp
 * kernel) and FreeBSD's s_cbrt.c (polynomial seed, one Newton step in double).
 *
 * fdlibm notice: Copyright (C) 1993-2004 by Sun Microsystems, Inc. All rights reserved.
 * Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved.
 */

import { fromWords, highWord, lowWord, scalbn, withHigh, withLow } from './bits.js';

const DP_H1 = 5.84962487220764160156e-1; /* 0x3FE2B803, 0x40000000: log2(1.5) head */
const DP_L1 = 1.35003920212974897128e-8; /* 0x3E4CFDEB, 0x43CFD006: log2(1.5) tail */
const TWO53 = 9007199254740992; /* 0x43400000, 0x00000000 */
// (3/2)(log(x) - 2s - (2/3)s^3) ~ s^4 (L1 + L2 s^2 + ...), s = (x-1)/(x+1)
const L1 = 5.99999999999994648725e-1; /* 0x3FE33333, 0x33333303 */
const L2 = 4.28571428578550184252e-1; /* 0x3FDB6DB6, 0xDB6FABFF */
const L3 = 3.33333329818377432918e-1; /* 0x3FD55555, 0x518F264D */
const L4 = 2.72728123808534006489e-1; /* 0x3FD17460, 0xA91D4101 */
const L5 = 2.30660745775561754067e-1; /* 0x3FCD864A, 0x93C9DB65 */
const L6 = 2.06975017800338417784e-1; /* 0x3FCA7E28, 0x4A454EEF */
// The exp kernel's coefficients (see exp.ts).
const P1 = 1.66666666666666019037e-1; /* 0x3FC55555, 0x5555553E */
const P2 = -2.77777777770155933842e-3; /* 0xBF66C16C, 0x16BEBD93 */
const P3 = 6.61375632143793436117e-5; /* 0x3F11566A, 0xAF25DE2C */
const P4 = -1.65339022054652515390e-6; /* 0xBEBBBD41, 0xC5D26BF1 */
const P5 = 4.13813679705723846039e-8; /* 0x3E663769, 0x72BEA4D0 */
const LG2 = 6.93147180559945286227e-1; /* 0x3FE62E42, 0xFEFA39EF */
const LG2_H = 6.93147182464599609375e-1; /* 0x3FE62E43, 0x00000000 */
const LG2_L = -1.90465429995776804525e-9; /* 0xBE205C61, 0x0CA86C39 */
const OVT = 8.0085662595372944372e-17; /* -(1024 - log2(DBL_MAX + 0.5 ulp)) */
const CP = 9.61796693925975554329e-1; /* 0x3FEEC709, 0xDC3A03FD: 2/(3 ln2) */
const CP_H = 9.61796700954437255859e-1; /* 0x3FEEC709, 0xE0000000: (float)CP */
const CP_L = -7.02846165095275826516e-9; /* 0xBE3E2FE0, 0x145B01F5: tail of CP_H */
const IVLN2 = 1.44269504088896338700e0; /* 0x3FF71547, 0x652B82FE: 1/ln2 */
const IVLN2_H = 1.44269502162933349609e0; /* 0x3FF71547, 0x60000000: 24-bit head */
const IVLN2_L = 1.92596299112661746887e-8; /* 0x3E54AE0B, 0xF85DDF44: tail */

/**
 * x^y. Error < 1 ulp (fdlibm's, fixed for x near 1 with |y| > 2^31); exact when the result
 * is an integer below 2^53. Special cases follow IEEE 754 / C99 pow, which differs from
 * Math.pow only in pow(1, NaN) = 1 and pow(+-1, +-Infinity) = 1 (Math.pow: NaN);
 * pow(NaN, +-0) = 1 and the signs of zero and infinite results match Math.pow.
 */
export function pow(x: number, y: number): number {
  const hx = highWord(x);
  const lx = lowWord(x);
  const hy = highWord(y);
  const ly = lowWord(y);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) return 1; // y = +-0
  if (hx === 0x3ff00000 && lx === 0) return 1; // x = 1
  if (x !== x || y !== y) return x + y;

  // yisint: 0 = y not an integer, 1 = odd integer, 2 = even integer (only needed for x < 0).
  let yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) {
      yisint = 2; // |y| >= 2^53: even
    } else if (iy >= 0x3ff00000) {
      const k = (iy >> 20) - 0x3ff;
      if (k > 20) {
        const j = ly >>> (52 - k);
        if ((j << (52 - k)) >>> 0 === ly) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        const j = iy >> (20 - k);
        if (j << (20 - k) === iy) yisint = 2 - (j & 1);
      }
    }
  }

  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y = +-Infinity
      if (((ix - 0x3ff00000) | lx) === 0) return 1; // (-1)^+-Infinity
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0; // |x| > 1
      return hy < 0 ? -y : 0; // |x| < 1
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x; // y = +-1
    if (hy === 0x40000000) return x * x; // y = 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y = 0.5, x >= +0
  }

  let ax = Math.abs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    // x is +-0, +-Infinity or +-1
    let z = ax;
    if (hy < 0) z = 1 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) return NaN; // (-1)^non-integer
      if (yisint === 1) z = -z;
    }
    return z;
  }

  if (hx < 0 && yisint === 0) return NaN; // (x < 0)^non-integer
  const s = hx < 0 && yisint === 1 ? -1 : 1; // sign of the result

  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31
    if (iy > 0x43f00000) {
      // |y| > 2^64: must overflow or underflow unless x = 1
      if (ix <= 0x3fefffff) return hy < 0 ? Infinity : 0;
      return hy > 0 ? Infinity : 0;
    }
    if (ix < 0x3fefffff) return hy < 0 ? s * Infinity : s * 0;
    if (ix > 0x3ff00000) return hy > 0 ? s * Infinity : s * 0;
    // |1 - x| <= 2^-20: log2(x) from a short series in t = x - 1.
    const t = ax - 1;
    const w = t * t * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    // fdlibm takes u = IVLN2_H * t as exact, but t can have 32 bits and IVLN2_H has 24:
    // the lost bit, times |y| > 2^31, cost up to 356 ulp (pow(0.99999985571295, 4.42e9)).
    // Splitting t into 21 + 32 bits keeps the product exact.
    const tH = withLow(t, 0);
    const u = IVLN2_H * tH;
    const v = (t - tH) * IVLN2_H + t * IVLN2_L - w * IVLN2;
    t1 = withLow(u + v, 0);
    t2 = v - (t1 - u);
  } else {
    let n = 0;
    if (ix < 0x00100000) {
      // subnormal x
      ax *= TWO53;
      n -= 53;
      ix = highWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    // Normalise to [1, 2) and pick the expansion point bp = 1 or 1.5.
    ix = j | 0x3ff00000;
    let k: number;
    if (j <= 0x3988e) {
      k = 0; // |x| < sqrt(3/2)
    } else if (j < 0xbb67a) {
      k = 1; // |x| < sqrt(3)
    } else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = withHigh(ax, ix);
    const bp = k === 0 ? 1 : 1.5;

    // ss = s_h + s_l = (x - bp)/(x + bp), with s_h exact to 21 bits.
    let u = ax - bp;
    let v = 1 / (ax + bp);
    const ss = u * v;
    const sH = withLow(ss, 0);
    // t_h: x + bp rounded to its top bits, built from the exponent/mantissa directly.
    let tH = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0);
    let tL = ax - (tH - bp);
    const sL = v * (u - sH * tH - sH * tL);
    // log(ax) = 2s + (2/3)s^3 + s^4 R(s^2), carried in pieces.
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = withLow(3 + s2 + r, 0);
    tL = r - (tH - 3 - s2);
    u = sH * tH;
    v = sL * tH + tL * ss;
    // 2/(3 ln2) * (ss + ...) as p_h + p_l
    const pH = withLow(u + v, 0);
    const pL = v - (pH - u);
    const zH = CP_H * pH;
    const zL = CP_L * pH + pL * CP + (k === 0 ? 0 : DP_L1);
    // log2(ax) = n + dp_h + z_h + z_l = t1 + t2
    const dpH = k === 0 ? 0 : DP_H1;
    const t = n;
    t1 = withLow(zH + zL + dpH + t, 0);
    t2 = zL - (t1 - t - dpH - zH);
  }

  // y * log2(x) = p_h + p_l, with y1 = y's top 21 bits so y1*t1 is exact.
  const y1 = withLow(y, 0);
  let pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  let j = highWord(z);
  const i = lowWord(z);
  if (j >= 0x40900000) {
    // z >= 1024
    if (((j - 0x40900000) | i) !== 0) return s * Infinity;
    if (pL + OVT > z - pH) return s * Infinity;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z <= -1075
    if (((j - 0xc090cc00) | i) !== 0) return s * 0;
    if (pL <= z - pH) return s * 0;
  }

  // 2^(p_h + p_l): split off the integer n nearest to z.
  const iz = j & 0x7fffffff;
  let k = (iz >> 20) - 0x3ff;
  let n = 0;
  if (iz > 0x3fe00000) {
    // |z| > 0.5
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = withLow(pL + pH, 0);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2 + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const tt = z * z;
  t1 = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const r = (z * t1) / (t1 - 2) - (w + z * w);
  z = 1 - (r - z);
  j = highWord(z) + (n << 20);
  if (j >> 20 <= 0) z = scalbn(z, n); // subnormal result
  else z = withHigh(z, j);
  return s * z;
}

// cbrt seed: bias constants so that integer division of the bits by 3 lands near cbrt.
const B1 = 715094163; /* (1023 - 1023/3 - 0.03306235651) * 2^20 */
const B2 = 696219795; /* (1023 - 1023/3 - 54/3 - 0.03306235651) * 2^20 */
// |1/cbrt(r) - P(r)| < 2^-23.5 for |r - 1| < 1/10
const CP0 = 1.87595182427177009643; /* 0x3ffe03e6, 0x0f61e692 */
const CP1 = -1.88497979543377169875; /* 0xbffe28e0, 0x92f02420 */
const CP2 = 1.621429720105354466140; /* 0x3ff9f160, 0x4a49d6c2 */
const CP3 = -0.758397934778766047437; /* 0xbfe844cb, 0xbee751d9 */
const CP4 = 0.145996192886612446982; /* 0x3fc2b000, 0xd4e4edd7 */
const TWO54 = 1.80143985094819840000e16; /* 0x43500000, 0x00000000 */

/** Cube root, defined for negative x too. Error < 0.667 ulp (FreeBSD). cbrt(-0) = -0. */
export function cbrt(x: number): number {
  const hx0 = highWord(x);
  const sign = hx0 & 0x80000000;
  const hx = hx0 & 0x7fffffff;
  if (hx >= 0x7ff00000) return x + x;

  // Rough cbrt to 5 bits by dividing the exponent-and-mantissa bits by 3.
  let t: number;
  if (hx < 0x00100000) {
    if ((hx | lowWord(x)) === 0) return x; // +-0
    const high = highWord(TWO54 * x) & 0x7fffffff; // subnormal: scale up first
    t = fromWords(sign | (((high / 3) | 0) + B2), 0);
  } else {
    t = fromWords(sign | (((hx / 3) | 0) + B1), 0);
  }

  // Polynomial step to 23 bits: cbrt(x) = t * cbrt(x/t^3) ~ t * P(t^3/x).
  let r = t * t * (t / x);
  t = t * (CP0 + r * (CP1 + r * CP2) + r * r * r * (CP3 + r * CP4));

  // Round t away from zero to 23 bits so that t*t below is exact and t >= |cbrt(x)|.
  const lo = lowWord(t) + 0x80000000;
  const carry = lo >= 0x100000000 ? 1 : 0;
  t = fromWords(highWord(t) + carry, lo & 0xc0000000);

  // One Newton step to 53 bits: error < 0.667 ulp.
  const s = t * t;
  r = x / s;
  const w = t + t;
  r = (r - t) / (w + r);
  return t + t * r;
}
