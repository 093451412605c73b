/**
 * Slow, high-precision reference values for the dmath tests, in BigInt fixed point.
 *
 * A fixed-point number v with P fraction bits is the BigInt round(v * 2^P). Inputs are
 * doubles, which are dyadic rationals and so enter exactly; pi and ln2 come from Machin
 * and atanh series; results are rounded to the nearest double once, at the end. With
 * 200+ working bits the results are correctly rounded for all practical purposes.
 * Uses no platform Math transcendental, so it can judge both dmath and Math.
 */

const dv = new DataView(new ArrayBuffer(8));

/** 2^n as a double, for -1074 <= n <= 1023, from its bits. */
export function pow2(n: number): number {
  if (n >= -1022) {
    dv.setUint32(0, (n + 1023) << 20);
    dv.setUint32(4, 0);
  } else {
    const b = n + 1074; // subnormal: a single mantissa bit
    dv.setUint32(0, b >= 32 ? 1 << (b - 32) : 0);
    dv.setUint32(4, b < 32 ? 2 ** b : 0);
  }
  return dv.getFloat64(0);
}

/** x = mant * 2^exp exactly, mant a non-negative integer below 2^53 (x finite). */
function decompose(x: number): { mant: bigint; exp: number } {
  dv.setFloat64(0, Math.abs(x));
  const hi = dv.getUint32(0);
  const lo = dv.getUint32(4);
  const be = hi >>> 20;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (be === 0) return { mant: frac, exp: -1074 };
  return { mant: frac | (1n << 52n), exp: be - 1075 };
}

/** Exact fixed point of |x| with P fraction bits (truncated if x has more bits). */
function toFixed(x: number, P: number): bigint {
  const { mant, exp } = decompose(x);
  const s = exp + P;
  return s >= 0 ? mant << BigInt(s) : mant >> BigInt(-s);
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

let direction = 0;

/**
 * Sign of (true value - returned double) for the last reference computed: with it, the
 * two doubles that bracket the true value are known, i.e. whether a result is faithful.
 */
export function lastDirection(): number {
  return direction;
}

/** A result that needs no rounding (special values, certain overflow): no direction. */
function settled(v: number): number {
  direction = 0;
  return v;
}

/** The double nearest to sign * M * 2^(k - P) (round half to even), M >= 0. */
export function fixedToDouble(M: bigint, k: number, P: number, negative = false): number {
  direction = 0;
  if (M === 0n) return negative ? -0 : 0;
  const L = bitLength(M);
  const E = L - 1 + k - P; // exponent of the leading bit
  if (E > 1023) return negative ? -Infinity : Infinity;
  const quantum = Math.max(E - 52, -1074);
  const shift = quantum - (k - P);
  let q: bigint;
  if (shift > 0) {
    const sh = BigInt(shift);
    q = M >> sh;
    const rem = M - (q << sh);
    const half = 1n << (sh - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) {
      q += 1n;
      direction = -1;
    } else if (rem !== 0n) {
      direction = 1;
    }
    if (negative) direction = -direction;
  } else {
    q = M << BigInt(-shift);
  }
  let v = Number(q);
  // q <= 2^53, so both scalings are exact while the result is representable.
  if (quantum < -1022) v = v * pow2(quantum + 600) * pow2(-600);
  else if (quantum > 1000) v = v * pow2(quantum - 100) * pow2(100);
  else v *= pow2(quantum);
  return negative ? -v : v;
}

/** atan(1/n) (atanh(1/n) when hyperbolic) with P fraction bits. */
function arctanInv(n: bigint, P: number, hyperbolic: boolean): bigint {
  let power = (1n << BigInt(P)) / n;
  const n2 = n * n;
  let sum = power;
  for (let k = 1n; power !== 0n; k++) {
    power /= n2;
    const t = power / (2n * k + 1n);
    sum += hyperbolic || (k & 1n) === 0n ? t : -t;
  }
  return sum;
}

const constCache = new Map<string, bigint>();
function cached(key: string, P: number, make: (G: number) => bigint): bigint {
  const k = `${key}:${P}`;
  let v = constCache.get(k);
  if (v === undefined) {
    const G = P + 64;
    v = make(G) >> 64n;
    constCache.set(k, v);
  }
  return v;
}

/** pi with P fraction bits (Machin's formula). */
export function piFixed(P: number): bigint {
  return cached('pi', P, (G) => 16n * arctanInv(5n, G, false) - 4n * arctanInv(239n, G, false));
}

function ln2Fixed(P: number): bigint {
  return cached('ln2', P, (G) => 2n * arctanInv(3n, G, true));
}

/** exp(Z / 2^P) as M * 2^k with M in fixed point (P bits), Z signed. */
function expFixed(Z: bigint, P: number): { M: bigint; k: number } {
  const G = P + 40;
  const z = Z << 40n;
  const ln2 = ln2Fixed(G);
  // k = round(z / ln2); BigInt division truncates, so correct the remainder's range.
  let k = z / ln2;
  let r = z - k * ln2;
  if (r > ln2 / 2n) {
    r -= ln2;
    k += 1n;
  } else if (r < -ln2 / 2n) {
    r += ln2;
    k -= 1n;
  }
  // exp(r) = exp(r / 2^8)^(2^8)
  const one = 1n << BigInt(G);
  r >>= 8n;
  let sum = one;
  let term = one;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * r) / (one * n);
    sum += term;
  }
  for (let i = 0; i < 8; i++) sum = (sum * sum) >> BigInt(G);
  return { M: sum >> 40n, k: Number(k) };
}

/** ln(mant * 2^exp) for mant > 0, P fraction bits, signed. */
function logMantExp(mant: bigint, exp: number, P: number): bigint {
  const L = bitLength(mant);
  const E = exp + L - 1; // value = m * 2^E, m in [1, 2)
  const G = P + 16;
  const one = 1n << BigInt(G);
  const shift = G - (L - 1);
  const m = shift >= 0 ? mant << BigInt(shift) : mant >> BigInt(-shift);
  // ln m = 2 atanh(s), s = (m - 1)/(m + 1) <= 1/3
  const s = ((m - one) << BigInt(G)) / (m + one);
  const s2 = (s * s) >> BigInt(G);
  let power = s;
  let sum = s;
  for (let k = 3n; power !== 0n; k += 2n) {
    power = (power * s2) >> BigInt(G);
    sum += power / k;
  }
  return (2n * sum + BigInt(E) * ln2Fixed(G)) >> 16n;
}

/** ln(x) for finite x > 0, P fraction bits, signed. */
function logFixed(x: number, P: number): bigint {
  const { mant, exp } = decompose(x);
  return logMantExp(mant, exp, P);
}

/** Bits to add to P so that a result near |x| (for tiny x) keeps P significant bits. */
function tinyBits(x: number): number {
  return Math.max(0, -(decompose(x).exp + 53));
}

const P_DEFAULT = 256;

/** Correctly rounded e^x * 2^scale, negated if asked (for sinh/cosh near overflow). */
export function refExp(x: number, scale = 0, negative = false): number {
  if (x !== x) return settled(NaN);
  if (x > 800) return settled(negative ? -Infinity : Infinity);
  if (x < -800) return settled(negative ? -0 : 0);
  // Tiny x truncates to 0 here, which still rounds to the right answer, 1.
  const Z = toFixed(x, P_DEFAULT);
  const { M, k } = expFixed(x < 0 ? -Z : Z, P_DEFAULT);
  return fixedToDouble(M, k + scale, P_DEFAULT, negative);
}

/** Correctly rounded ln(x) for x > 0. */
export function refLog(x: number): number {
  const v = logFixed(x, P_DEFAULT);
  return fixedToDouble(v < 0n ? -v : v, 0, P_DEFAULT, v < 0n);
}

/** Correctly rounded log_b(x) for x > 0, b = 2 or 10. */
export function refLogBase(x: number, base: 2 | 10): number {
  const P = P_DEFAULT;
  const num = logFixed(x, P);
  const den = base === 2 ? ln2Fixed(P) : logFixed(10, P);
  const v = (num << BigInt(P)) / den;
  return fixedToDouble(v < 0n ? -v : v, 0, P, v < 0n);
}

/** Correctly rounded x^y (negated if asked) for x > 0 finite, y finite. */
export function refPow(x: number, y: number, negative = false): number {
  const yd = decompose(y);
  const P = P_DEFAULT + Math.max(0, -(yd.exp + 53));
  const lnx = logFixed(x, P);
  // z = y * ln x, exact product then back to P bits
  let z = yd.mant * lnx;
  z = yd.exp >= 0 ? z << BigInt(yd.exp) : z >> BigInt(-yd.exp);
  if (y < 0) z = -z;
  const bound = 800n << BigInt(P);
  if (z > bound) return settled(negative ? -Infinity : Infinity);
  if (z < -bound) return settled(negative ? -0 : 0);
  const { M, k } = expFixed(z, P);
  return fixedToDouble(M, k, P, negative);
}

/** e^|x| and e^-|x| in fixed point with W bits, for |x| <= 40. */
function expPair(x: number, W: number): [bigint, bigint] {
  const Z = toFixed(x, W);
  const scaled = ({ M, k }: { M: bigint; k: number }) => (k >= 0 ? M << BigInt(k) : M >> BigInt(-k));
  return [scaled(expFixed(Z, W)), scaled(expFixed(-Z, W))];
}

/** Correctly rounded sinh, cosh or tanh, any x. */
export function refHyperbolic(x: number, which: 'sinh' | 'cosh' | 'tanh'): number {
  const ax = Math.abs(x);
  const negative = x < 0 && which !== 'cosh';
  if (ax > 40) {
    // e^-|x| is below 2^-115 of e^|x|: sinh, cosh = +-e^|x|/2 and tanh = +-1
    if (which === 'tanh') return settled(negative ? -1 : 1);
    return refExp(ax, -1, negative);
  }
  // e^x - e^-x cancels about -log2|x| bits for small x: carry that many more
  const { exp } = decompose(x);
  const W = P_DEFAULT + Math.max(0, -(exp + 53)) + 64;
  const [ep, em] = expPair(ax, W);
  if (which === 'cosh') return fixedToDouble(ep + em, -1, W);
  if (which === 'sinh') return fixedToDouble(ep - em, -1, W, negative);
  return fixedToDouble(((ep - em) << BigInt(W)) / (ep + em), 0, W, negative);
}

/** Correctly rounded sin, cos or tan of any finite x (exact reduction by 1400-bit pi). */
export function refTrig(x: number, which: 'sin' | 'cos' | 'tan'): number {
  const P = P_DEFAULT;
  const { exp } = decompose(x);
  const W = P + Math.max(0, -exp); // exact fixed point for tiny x
  const Q = W + Math.max(0, exp + 53) + 64; // enough bits of pi for the reduction
  const X = toFixed(x, Q);
  const halfPi = piFixed(Q) >> 1n;
  let n = (X + halfPi / 2n) / halfPi;
  let r = X - n * halfPi;
  if (r < -halfPi / 2n) {
    r += halfPi;
    n -= 1n;
  }
  r >>= BigInt(Q - W);
  // series of sin(r) and cos(r), |r| <= pi/4
  const one = 1n << BigInt(W);
  const r2 = (r * r) >> BigInt(W);
  let sinSum = r;
  let cosSum = one;
  let term = r;
  for (let k = 2n; term !== 0n; k += 2n) {
    term = -(term * r2) / (one * k * (k + 1n));
    sinSum += term;
  }
  term = one;
  for (let k = 1n; term !== 0n; k += 2n) {
    term = -(term * r2) / (one * k * (k + 1n));
    cosSum += term;
  }
  const quadrant = Number(n % 4n);
  let v: bigint;
  if (which === 'sin') v = quadrant === 0 ? sinSum : quadrant === 1 ? cosSum : quadrant === 2 ? -sinSum : -cosSum;
  else if (which === 'cos') v = quadrant === 0 ? cosSum : quadrant === 1 ? -sinSum : quadrant === 2 ? -cosSum : sinSum;
  else v = quadrant % 2 === 0 ? (sinSum << BigInt(W)) / cosSum : -(cosSum << BigInt(W)) / sinSum;
  let negative = v < 0n;
  if (x < 0 && which !== 'cos') negative = !negative;
  return fixedToDouble(v < 0n ? -v : v, 0, W, negative);
}

/** Correctly rounded sin(x) or cos(x). */
export function refSinCos(x: number, which: 'sin' | 'cos'): number {
  return refTrig(x, which);
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** erf(|x|) in fixed point with W bits, by the Taylor series (W must cover the cancellation). */
function erfFixed(x: number, W: number): bigint {
  const { mant, exp } = decompose(x);
  const X = toFixed(x, W);
  // x^2 = mant^2 * 2^(2 exp): multiply by mant^2 and shift instead of a full product
  const m2 = mant * mant;
  const shift = -2 * exp;
  const times = (v: bigint): bigint => (shift >= 0 ? (v * m2) >> BigInt(shift) : (v * m2) << BigInt(-shift));
  let power = X; // x^(2n+1)/n!
  let sum = X;
  for (let n = 1n; power !== 0n; n++) {
    power = times(power) / n;
    const t = power / (2n * n + 1n);
    sum += (n & 1n) === 1n ? -t : t;
  }
  const sqrtPi = isqrt(piFixed(W) << BigInt(W));
  return ((2n * sum) << BigInt(W)) / sqrtPi;
}

function erfPrecision(x: number): number {
  const ax = Math.abs(x);
  const { exp } = decompose(x);
  // the series' largest term is about e^(x^2): that many bits cancel, twice for erfc
  return P_DEFAULT + 2 * Math.ceil(ax * ax * 1.4427) + Math.max(0, -(exp + 53)) + 16;
}

/** Correctly rounded erf(x). */
export function refErf(x: number): number {
  if (x === 0) return settled(x);
  if (Math.abs(x) >= 6) return settled(x > 0 ? 1 : -1); // erf(6) = 1 - 2e-17 rounds to 1
  const W = erfPrecision(x);
  return fixedToDouble(erfFixed(x, W), 0, W, x < 0);
}

/** Correctly rounded erfc(x), for x < 27.3 (beyond that erfc underflows to 0). */
export function refErfc(x: number): number {
  if (x >= 27.3) return settled(0);
  if (x <= -6) return settled(2);
  const W = erfPrecision(x);
  const e = erfFixed(x, W);
  const one = 1n << BigInt(W);
  return fixedToDouble(x < 0 ? one + e : one - e, 0, W);
}

/** atan(T / 2^W) in fixed point with W bits, T signed and of any size. */
function atanFixed(T: bigint, W: number): bigint {
  if (T < 0n) return -atanFixed(-T, W);
  const one = 1n << BigInt(W);
  if (T > one) return (piFixed(W) >> 1n) - atanFixed((one << BigInt(W)) / T, W);
  // atan t = 2 atan(t / (1 + sqrt(1 + t^2))), four times, then the Taylor series
  let t = T;
  for (let i = 0; i < 4; i++) t = (t << BigInt(W)) / (one + isqrt(one * one + t * t));
  const t2 = (t * t) >> BigInt(W);
  let power = t;
  let sum = t;
  for (let k = 1n; power !== 0n; k++) {
    power = (power * t2) >> BigInt(W);
    const term = power / (2n * k + 1n);
    sum += (k & 1n) === 1n ? -term : term;
  }
  return sum << 4n;
}

/** Correctly rounded atan(x). */
export function refAtan(x: number): number {
  if (!Number.isFinite(x)) return settled(x !== x ? NaN : x > 0 ? Math.PI / 2 : -Math.PI / 2);
  const W = P_DEFAULT + tinyBits(x);
  const v = atanFixed(toFixed(x, W), W);
  return fixedToDouble(v, 0, W, x < 0);
}

/** Correctly rounded asin(x) or acos(x) for |x| <= 1. */
export function refAsinAcos(x: number, which: 'asin' | 'acos'): number {
  const W = P_DEFAULT + tinyBits(x) + 64;
  const one = 1n << BigInt(W);
  const X = toFixed(x, W) * (x < 0 ? -1n : 1n);
  if (which === 'acos') {
    // acos x = 2 atan(sqrt((1 - x)/(1 + x))): no cancellation near x = 1
    if (X === -one) return fixedToDouble(piFixed(W), 0, W);
    const ratio = ((one - X) << BigInt(W)) / (one + X);
    return fixedToDouble(2n * atanFixed(isqrt(ratio << BigInt(W)), W), 0, W);
  }
  const ax = X < 0n ? -X : X;
  const v = ax === one ? piFixed(W) >> 1n : atanFixed((ax << BigInt(W)) / isqrt((one * one - ax * ax)), W);
  return fixedToDouble(v, 0, W, x < 0);
}

/** Correctly rounded atan2(y, x) for finite, nonzero x and y. */
export function refAtan2(y: number, x: number): number {
  const W = P_DEFAULT + 1100; // the quotient y/x may be tiny
  const Y = toFixed(y, W + 1100);
  const X = toFixed(x, W + 1100);
  const a = atanFixed((Y << BigInt(W)) / X, W); // atan(|y/x|) in [0, pi/2]
  const v = x > 0 ? a : piFixed(W) - a;
  return fixedToDouble(v, 0, W, y < 0);
}

/** Correctly rounded e^x - 1 for finite x. */
export function refExpm1(x: number): number {
  if (x > 710) return settled(Infinity);
  if (x < -60) return settled(-1); // -1 + e^-60 rounds to -1
  const W = P_DEFAULT + tinyBits(x);
  const Z = toFixed(x, W);
  const { M, k } = expFixed(x < 0 ? -Z : Z, W);
  const e = k >= 0 ? M << BigInt(k) : M >> BigInt(-k);
  const v = e - (1n << BigInt(W));
  return fixedToDouble(v < 0n ? -v : v, 0, W, v < 0n);
}

/** Correctly rounded log(1 + x) for x > -1. */
export function refLog1p(x: number): number {
  const { mant, exp } = decompose(x);
  // 1 + x exactly, as mant' * 2^e'
  const e = Math.min(exp, 0);
  const one = 1n << BigInt(-e);
  const ax = exp >= e ? mant << BigInt(exp - e) : mant;
  const sum = x < 0 ? one - ax : one + ax;
  const P = P_DEFAULT + tinyBits(x);
  const v = logMantExp(sum, e, P);
  return fixedToDouble(v < 0n ? -v : v, 0, P, v < 0n);
}

/** Correctly rounded asinh, acosh (x >= 1) or atanh (|x| < 1), finite x. */
export function refInverseHyperbolic(x: number, which: 'asinh' | 'acosh' | 'atanh'): number {
  const W = P_DEFAULT + tinyBits(x) + 64;
  const one = 1n << BigInt(W);
  const X = toFixed(x, W); // |x|
  let arg: bigint; // argument of the log, W fraction bits
  if (which === 'asinh') arg = X + isqrt(X * X + one * one);
  else if (which === 'acosh') arg = X + isqrt(X * X - one * one);
  else arg = ((one + X) << BigInt(W)) / (one - X);
  let v = logMantExp(arg, -W, W);
  if (which === 'atanh') v >>= 1n;
  return fixedToDouble(v < 0n ? -v : v, 0, W, x < 0 && which !== 'acosh');
}

function icbrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 3) + 1);
  for (;;) {
    const y = (2n * x + n / (x * x)) / 3n;
    if (y >= x) return x;
    x = y;
  }
}

/** Correctly rounded cube root of finite x. */
export function refCbrt(x: number): number {
  if (x === 0) return settled(x);
  const { mant, exp } = decompose(x);
  // mant * 2^exp = N * 2^(3q) with N carrying 3 * 200 bits, so cbrt(N) has 200
  let s = 600 - bitLength(mant);
  while ((exp - s) % 3 !== 0) s++;
  const N = mant << BigInt(s);
  const c = icbrt(N);
  // c = floor(cbrt(N)): one extra sticky bit tells an exact cube from a near miss
  const sticky = c * c * c === N ? 0n : 1n;
  return fixedToDouble(2n * c + sticky, (exp - s) / 3 - 1, 0, x < 0);
}

