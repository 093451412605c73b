/**
 * Error-free transformations for carrying a value as an unevaluated sum hi + lo of two
 * doubles (about 106 bits). The composite functions (sinh, cosh, tanh and their
 * inverses) use them to keep intermediate results exact enough that only the final
 * addition rounds, which keeps their error below 1 ulp where fdlibm's reaches 2.
 *
 * Results go to the shared `dd` record instead of a new object, so nothing allocates.
 */

/** Output of the last operation below: the result is dd.hi + dd.lo. */
export const dd = { hi: 0, lo: 0 };

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitting constant

/** dd = a + b exactly (Knuth's TwoSum, no condition on the magnitudes). */
export function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  dd.hi = s;
  dd.lo = a - (s - bb) + (b - bb);
}

/** dd = a * b exactly (Dekker's product; JS has no fused multiply-add). |a|, |b| < 2^995. */
export function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  dd.hi = p;
  dd.lo = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** dd = (ah + al) / (bh + bl) to about 2^-100 relative. */
export function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q = ah / bh;
  twoProd(q, bh);
  const r = ah - dd.hi - dd.lo + al - q * bl; // a - q*b, nearly exactly
  dd.hi = q;
  dd.lo = r / bh;
}

/** dd = sqrt(ah + al) to about 2^-100 relative, for ah > 0. */
export function ddSqrt(ah: number, al: number): void {
  const s = Math.sqrt(ah);
  twoProd(s, s);
  const e = (ah - dd.hi - dd.lo + al) / (2 * s);
  dd.hi = s;
  dd.lo = e;
}
