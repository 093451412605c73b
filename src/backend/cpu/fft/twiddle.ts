/**
 * Accurate roots of unity for the FFT engine, from `dmath`'s `cos`/`sin` only (so twiddle
 * tables are bit-identical in every JS engine).
 *
 * `e^{2 pi i t/n}` is evaluated without ever forming a large angle: `t mod n` is reduced
 * with integer arithmetic, the octant `o = floor(8t/n)` is split off exactly (`8t - o n` is
 * an exact integer), and what remains is an angle in `[0, pi/4]`, formed in double-double
 * (`pi/4` as a two-double constant, `t/n` with its exact remainder) so that the argument
 * handed to `sin`/`cos` is the correctly rounded angle and its rounding error is applied
 * as a first-order correction. The octant symmetries of sine and cosine then give the
 * result. Every twiddle is therefore within about one ulp of the true value, and
 * `cis(t, n)` and `cis(n - t, n)` are exact conjugates.
 *
 * @module
 */
import { cos, sin } from '../../../dmath/index.js';

/** `pi/4` rounded to a double (exact: `Math.PI / 4` only changes the exponent). */
const PI4_HI = Math.PI / 4;
/** `pi/4 - PI4_HI`, the tail of `pi/4` (`pi - Math.PI = 1.2246467991473532e-16`). */
const PI4_LO = 1.2246467991473532e-16 / 4;
/** Veltkamp's splitter `2^27 + 1`. */
const SPLIT = 134217729;

/** The rounding error of `p = fl(a * b)`: `a * b - p`, exactly (Dekker's two-product). */
function productError(a: number, b: number, p: number): number {
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** Written by {@link cisInto}'s helper: the cosine and sine of the reduced angle. */
let cRed = 0;
let sRed = 0;

/** cos and sin of `(pi/4) * num/n` for integers `0 <= num <= n`, into cRed/sRed. */
function reducedCis(num: number, n: number): void {
  if (num === 0) {
    cRed = 1;
    sRed = 0;
    return;
  }
  if (num === n) {
    // The diagonal: both octants meeting there must give the same, correctly rounded value.
    cRed = Math.SQRT1_2;
    sRed = Math.SQRT1_2;
    return;
  }
  // q + qLo = num/n to double-double accuracy.
  const q = num / n;
  const p = q * n;
  const qLo = (num - p - productError(q, n, p)) / n;
  // phi + phiLo = (PI4_HI + PI4_LO) * (q + qLo).
  const a = PI4_HI * q;
  const lo = productError(PI4_HI, q, a) + PI4_HI * qLo + PI4_LO * q;
  const phi = a + lo;
  const phiLo = lo - (phi - a);
  const s = sin(phi);
  const c = cos(phi);
  sRed = s + phiLo * c;
  cRed = c - phiLo * s;
}

/**
 * Writes `cos(2 pi t/n)` to `out[at]` and `sign * sin(2 pi t/n)` to `out[at + 1]`, for any
 * integer `t` (reduced mod `n` exactly) and integer `n >= 1`. `sign = -1` gives the
 * forward-transform root `e^{-2 pi i t/n}`.
 */
export function cisInto(t: number, n: number, sign: number, out: Float64Array, at: number): void {
  let r = t % n;
  if (r < 0) r += n;
  const e = 8 * r; // exact for n < 2^50
  let o = Math.floor(e / n);
  let rem = e - o * n;
  if (rem < 0) {
    o -= 1;
    rem += n;
  } else if (rem >= n) {
    o += 1;
    rem -= n;
  }
  // angle = (pi/4) (o + rem/n). Even octant: base angle (pi/4) rem/n measured forward from
  // o pi/4; odd octant: (pi/4)(n - rem)/n measured backward from (o + 1) pi/4.
  let bc: number;
  let bs: number;
  if ((o & 1) === 0) {
    reducedCis(rem, n);
    bc = cRed;
    bs = sRed;
  } else {
    reducedCis(n - rem, n);
    bc = cRed;
    bs = -sRed;
  }
  let c: number;
  let s: number;
  switch (((o + 1) >> 1) & 3) {
    case 0:
      c = bc;
      s = bs;
      break;
    case 1:
      c = -bs;
      s = bc;
      break;
    case 2:
      c = -bc;
      s = -bs;
      break;
    default:
      c = bs;
      s = -bc;
  }
  // `+ 0` turns a -0 (from negating an exact zero) into +0.
  out[at] = c + 0;
  out[at + 1] = sign * s + 0;
}

/** `[cos(2 pi t/n), sin(2 pi t/n)]`, accurate as {@link cisInto}. */
export function cis(t: number, n: number): [number, number] {
  const o = new Float64Array(2);
  cisInto(t, n, 1, o, 0);
  return [o[0]!, o[1]!];
}
