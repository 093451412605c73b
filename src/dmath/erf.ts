/**
 * erf and erfc: port of fdlibm's s_erf.c. Rational approximations on [0, 0.84375],
 * [0.84375, 1.25], [1.25, 1/0.35] and [1/0.35, 28]; the last two use
 * erfc(x) = exp(-x^2 - 0.5625 + R/S)/x with -x^2 evaluated exactly as
 * -z^2 + (z - x)(z + x), z being x with its low word cleared; fdlibm then multiplies two
 * rounded exps and divides (2 ulp), here one double-double exp and division round once.
 *
 * fdlibm notice: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 * Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved.
 */

import { highWord, scalbn, twoTo, withLow } from './bits.js';
import { dd, ddDiv, twoSum } from './double-double.js';
import { expSplit } from './exp.js';

const ERX = 8.45062911510467529297e-1; /* 0x3FEB0AC1, 0x60000000: (float)erf(1) */
const EFX = 1.28379167095512586316e-1; /* 0x3FC06EBA, 0x8214DB69: 2/sqrt(pi) - 1 */
const EFX8 = 1.02703333676410069053e0; /* 0x3FF06EBA, 0x8214DB69 */
// erf(x) ~ x + x*pp(x^2)/qq(x^2) on [0, 0.84375]
const PP0 = 1.28379167095512558561e-1; /* 0x3FC06EBA, 0x8214DB68 */
const PP1 = -3.25042107247001499370e-1; /* 0xBFD4CD7D, 0x691CB913 */
const PP2 = -2.84817495755985104766e-2; /* 0xBF9D2A51, 0xDBD7194F */
const PP3 = -5.77027029648944159157e-3; /* 0xBF77A291, 0x236668E4 */
const PP4 = -2.37630166566501626084e-5; /* 0xBEF8EAD6, 0x120016AC */
const QQ1 = 3.97917223959155352819e-1; /* 0x3FD97779, 0xCDDADC09 */
const QQ2 = 6.50222499887672944485e-2; /* 0x3FB0A54C, 0x5536CEBA */
const QQ3 = 5.08130628187576562776e-3; /* 0x3F74D022, 0xC4D36B0F */
const QQ4 = 1.32494738004321644526e-4; /* 0x3F215DC9, 0x221C1A10 */
const QQ5 = -3.96022827877536812320e-6; /* 0xBED09C43, 0x42A26120 */
// erf(1 + s) - ERX ~ pa(s)/qa(s) on [0.84375, 1.25]
const PA0 = -2.36211856075265944077e-3; /* 0xBF6359B8, 0xBEF77538 */
const PA1 = 4.14856118683748331666e-1; /* 0x3FDA8D00, 0xAD92B34D */
const PA2 = -3.72207876035701323847e-1; /* 0xBFD7D240, 0xFBB8C3F1 */
const PA3 = 3.18346619901161753674e-1; /* 0x3FD45FCA, 0x805120E4 */
const PA4 = -1.10894694282396677476e-1; /* 0xBFBC6398, 0x3D3E28EC */
const PA5 = 3.54783043256182359371e-2; /* 0x3FA22A36, 0x599795EB */
const PA6 = -2.16637559486879084300e-3; /* 0xBF61BF38, 0x0A96073F */
const QA1 = 1.06420880400844228286e-1; /* 0x3FBB3E66, 0x18EEE323 */
const QA2 = 5.40397917702171048937e-1; /* 0x3FE14AF0, 0x92EB6F33 */
const QA3 = 7.18286544141962662868e-2; /* 0x3FB2635C, 0xD99FE9A7 */
const QA4 = 1.26171219808761642112e-1; /* 0x3FC02660, 0xE763351F */
const QA5 = 1.36370839120290507362e-2; /* 0x3F8BEDC2, 0x6B51DD1C */
const QA6 = 1.19844998467991074170e-2; /* 0x3F888B54, 0x5735151D */
// log(x erfc(x)) + x^2 + 0.5625 ~ ra(1/x^2)/sa(1/x^2) on [1.25, 1/0.35]
const RA0 = -9.86494403484714822705e-3; /* 0xBF843412, 0x600D6435 */
const RA1 = -6.93858572707181764372e-1; /* 0xBFE63416, 0xE4BA7360 */
const RA2 = -1.05586262253232909814e1; /* 0xC0251E04, 0x41B0E726 */
const RA3 = -6.23753324503260060396e1; /* 0xC04F300A, 0xE4CBA38D */
const RA4 = -1.62396669462573470355e2; /* 0xC0644CB1, 0x84282266 */
const RA5 = -1.84605092906711035994e2; /* 0xC067135C, 0xEBCCABB2 */
const RA6 = -8.12874355063065934246e1; /* 0xC0545265, 0x57E4D2F2 */
const RA7 = -9.81432934416914548592e0; /* 0xC023A0EF, 0xC69AC25C */
const SA1 = 1.96512716674392571292e1; /* 0x4033A6B9, 0xBD707687 */
const SA2 = 1.37657754143519042600e2; /* 0x4061350C, 0x526AE721 */
const SA3 = 4.34565877475229228821e2; /* 0x407B290D, 0xD58A1A71 */
const SA4 = 6.45387271733267880336e2; /* 0x40842B19, 0x21EC2868 */
const SA5 = 4.29008140027567833386e2; /* 0x407AD021, 0x57700314 */
const SA6 = 1.08635005541779435134e2; /* 0x405B28A3, 0xEE48AE2C */
const SA7 = 6.57024977031928170135e0; /* 0x401A47EF, 0x8E484A93 */
const SA8 = -6.04244152148580987438e-2; /* 0xBFAEEFF2, 0xEE749A62 */
// the same on [1/0.35, 28]
const RB0 = -9.86494292470009928597e-3; /* 0xBF843412, 0x39E86F4A */
const RB1 = -7.99283237680523006574e-1; /* 0xBFE993BA, 0x70C285DE */
const RB2 = -1.77579549177547519889e1; /* 0xC031C209, 0x555F995A */
const RB3 = -1.60636384855821916062e2; /* 0xC064145D, 0x43C5ED98 */
const RB4 = -6.37566443368389627722e2; /* 0xC083EC88, 0x1375F228 */
const RB5 = -1.02509513161107724954e3; /* 0xC0900461, 0x6A2E5992 */
const RB6 = -4.83519191608651397019e2; /* 0xC07E384E, 0x9BDC383F */
const SB1 = 3.03380607434824582924e1; /* 0x403E568B, 0x261D5190 */
const SB2 = 3.25792512996573918826e2; /* 0x40745CAE, 0x221B9F0A */
const SB3 = 1.53672958608443695994e3; /* 0x409802EB, 0x189D5118 */
const SB4 = 3.19985821950859553908e3; /* 0x40A8FFB7, 0x688C246A */
const SB5 = 2.55305040643316442583e3; /* 0x40A3F219, 0xCEDF3BE6 */
const SB6 = 4.74528541206955367215e2; /* 0x407DA874, 0xE79FE763 */
const SB7 = -2.24409524465858183362e1; /* 0xC03670E2, 0x42712D62 */

/** (erf(x) - x)/x on |x| < 0.84375. */
function smallRatio(x: number): number {
  const z = x * x;
  const r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
  const s = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
  return r / s;
}

/** erf(1 + s) - ERX, s = |x| - 1 in [-0.15625, 0.25). */
function nearOne(s: number): number {
  const p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
  const q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
  return p / q;
}

/**
 * erfc(x) = (dd.hi + dd.lo) * 2^k for x in [1.25, 28), returning k; `ix` is x's high
 * word, picking the interval. fdlibm multiplies two rounded exps and divides; here the
 * exponent -z^2 - 0.5625 (exact) + (z - x)(z + x) + R/S is summed as a double-double,
 * exponentiated once by expSplit and divided in double-double, so erf/erfc round once.
 */
function tail(x: number, ix: number): number {
  const s = 1 / (x * x);
  let R: number;
  let S: number;
  if (ix < 0x4006db6e) {
    R = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
    S = 1 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
  } else {
    R = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
    S = 1 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
  }
  const z = withLow(x, 0); // 21 bits, so z*z and -z*z - 0.5625 are exact
  twoSum(-z * z - 0.5625, (z - x) * (z + x) + R / S);
  const k = expSplit(dd.hi, dd.lo);
  ddDiv(dd.hi, dd.lo, x, 0);
  return k;
}

/**
 * Error function 2/sqrt(pi) * integral_0^x exp(-t^2) dt. Error < 1 ulp (fdlibm, with a
 * double-double tail for |x| >= 1.25); erf(-x) = -erf(x) exactly, erf(+-Infinity) = +-1.
 */
export function erf(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) {
    if (x !== x) return x + x;
    return hx >= 0 ? 1 : -1;
  }
  if (ix < 0x3feb0000) {
    // |x| < 0.84375
    if (ix < 0x3e300000) {
      // |x| < 2^-28: erf(x) ~ 2x/sqrt(pi); scale to keep subnormal x from losing bits
      if (ix < 0x00800000) return 0.125 * (8 * x + EFX8 * x);
      return x + EFX * x;
    }
    return x + x * smallRatio(x);
  }
  if (ix < 0x3ff40000) {
    // 0.84375 <= |x| < 1.25
    const d = nearOne(Math.abs(x) - 1);
    return hx >= 0 ? ERX + d : -ERX - d;
  }
  if (ix >= 0x40180000) return hx >= 0 ? 1 : -1; // |x| >= 6: erf rounds to +-1
  const scale = twoTo(tail(Math.abs(x), ix)); // erfc > 1e-17 here: no underflow
  const r = 1 - dd.hi * scale - dd.lo * scale;
  return hx >= 0 ? r : -r;
}

/**
 * Complementary error function 1 - erf(x), accurate where erf(x) is near 1. Error below
 * 1 ulp for |x| >= 1.25 (down to the subnormal range) and under 2 ulp on (0.25, 1.25),
 * where fdlibm's rational approximations are summed in plain double. erfc(+Infinity) = +0,
 * erfc(-Infinity) = 2; underflows to +0 beyond x ~ 27.2.
 */
export function erfc(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) {
    if (x !== x) return x + x;
    return hx >= 0 ? 0 : 2;
  }
  if (ix < 0x3feb0000) {
    // |x| < 0.84375
    if (ix < 0x3c700000) return 1 - x; // |x| < 2^-56
    const y = smallRatio(x);
    if (hx < 0x3fd00000) return 1 - (x + x * y); // x < 1/4
    return 0.5 - (x * y + (x - 0.5));
  }
  if (ix < 0x3ff40000) {
    // 0.84375 <= |x| < 1.25
    const d = nearOne(Math.abs(x) - 1);
    if (hx >= 0) return 1 - ERX - d;
    return 1 + (ERX + d);
  }
  if (ix < 0x403c0000) {
    // |x| < 28
    if (hx < 0 && ix >= 0x40180000) return 2; // x <= -6
    const k = tail(Math.abs(x), ix);
    // The sum rounds to 53 bits, then possibly to the subnormal grid: far finer than that
    // grid, the first rounding cannot push the result past a neighbouring grid point.
    if (hx > 0) return scalbn(dd.hi + dd.lo, k);
    const scale = twoTo(k);
    return 2 - dd.hi * scale - dd.lo * scale;
  }
  return hx > 0 ? 0 : 2;
}
