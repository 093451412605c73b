import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cos, log, sin } from '../../src/dmath/index.js';
import {
  foldIn,
  key,
  keyFromWords,
  normalFloat64,
  permutation,
  randint,
  randomBits,
  split,
  threefry2x32,
  uniformFloat32,
  uniformFloat64,
} from '../../src/random/index.js';
import type { PRNGKey } from '../../src/random/index.js';

const N = 100_000;

// ---------------------------------------------------------------------------
// Helpers (statistics)
// ---------------------------------------------------------------------------

function words(k: PRNGKey): [number, number] {
  return [k.k0, k.k1];
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}

/** Central moments 2, 3, 4 about the sample mean. */
function moments(xs: ArrayLike<number>): { m: number; m2: number; m3: number; m4: number } {
  const m = mean(xs);
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i]! - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const n = xs.length;
  return { m, m2: m2 / n, m3: m3 / n, m4: m4 / n };
}

/** Kolmogorov-Smirnov statistic of the sample against the CDF `F`. */
function ksStatistic(xs: ArrayLike<number>, F: (x: number) => number): number {
  const s = Float64Array.from(xs as ArrayLike<number>).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = F(s[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** Asymptotic 1% critical value of the KS statistic: K(0.99) / sqrt(n). */
function ksCritical1(n: number): number {
  return 1.6276 / Math.sqrt(n);
}

function chiSquare(counts: ArrayLike<number>, expected: number): number {
  let c = 0;
  for (let i = 0; i < counts.length; i++) {
    const d = counts[i]! - expected;
    c += (d * d) / expected;
  }
  return c;
}

/** 0.1% upper critical values of chi-square by degrees of freedom. */
const CHI2_999: Record<number, number> = { 1: 10.828, 2: 13.816, 5: 20.515, 9: 27.877, 12: 32.909 };

/** erf(x): Maclaurin series for |x| < 2.5, continued fraction for erfc beyond. */
function erf(x: number): number {
  const ax = Math.abs(x);
  let r: number;
  if (ax < 2.5) {
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 200; n++) {
      term *= (-ax * ax) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    r = (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))
    let t = ax;
    for (let k = 80; k >= 1; k--) t = ax + k / 2 / t;
    r = 1 - Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * t);
  }
  return x < 0 ? -r : r;
}

function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

test('helper erf matches reference values', () => {
  const ref: Array<[number, number]> = [
    [0, 0],
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [2, 0.9953222650189527],
    [2.5, 0.9995930479825550],
    [3, 0.9999779095030014],
    [-1.5, -0.9661051464753108],
  ];
  for (const [x, e] of ref) assert.ok(Math.abs(erf(x) - e) < 1e-13, `erf(${x}) = ${erf(x)}`);
});

// ---------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------

test('key(seed): JAX layout (high word, low word), two\'s complement for negatives', () => {
  assert.equal(words(key(0)), [0, 0]);
  assert.equal(words(key(3)), [0, 3]);
  assert.equal(words(key(0xffffffff)), [0, 0xffffffff]);
  assert.equal(words(key(2 ** 32 + 5)), [1, 5]);
  assert.equal(words(key(Number.MAX_SAFE_INTEGER)), [0x1fffff, 0xffffffff]);
  assert.equal(words(key(-1)), [0xffffffff, 0xffffffff]);
  assert.equal(words(key(-2)), [0xffffffff, 0xfffffffe]);
  assert.equal(words(key(-(2 ** 32))), [0xffffffff, 0]);
  assert.equal(words(key(-(2 ** 32) - 1)), [0xfffffffe, 0xffffffff]);
  assert.equal(words(key(-Number.MAX_SAFE_INTEGER)), [0xffe00000, 1]);
  assert.equal(words(key(-0)), [0, 0]);
});

test('keys are frozen plain objects with k0, k1', () => {
  const k = key(42);
  assert.ok(Object.isFrozen(k));
  assert.equal(Object.keys(k).sort(), ['k0', 'k1']);
  for (const c of split(k, 3)) assert.ok(Object.isFrozen(c));
  assert.ok(Object.isFrozen(foldIn(k, 1)));
  assert.ok(Object.isFrozen(keyFromWords(1, 2)));
  assert.equal(words(keyFromWords(0xffffffff, 7)), [0xffffffff, 7]);
});

test('split and foldIn reproduce jax.random (partitionable threefry)', () => {
  assert.equal(split(key(0), 3).map(words), [
    [1797259609, 2579123966],
    [928981903, 3453687069],
    [4146024105, 2718843009],
  ]);
  assert.equal(words(foldIn(key(0), 3)), [2467461003, 3840466878]);
});

test('split: child i hashes counter (0, i); children do not depend on n', () => {
  const k = key(987654321);
  const five = split(k, 5);
  const three = split(k, 3);
  assert.is(five.length, 5);
  assert.is(split(k).length, 2);
  assert.is(split(k, 1).length, 1);
  for (let i = 0; i < 3; i++) assert.equal(five[i], three[i]);
  for (let i = 0; i < 5; i++) {
    assert.equal(words(five[i]!), threefry2x32(k.k0, k.k1, 0, i));
    assert.equal(five[i], foldIn(k, i));
  }
  const distinct = new Set(split(k, 1000).map((c) => `${c.k0},${c.k1}`));
  assert.is(distinct.size, 1000);
});

test('foldIn: data in [-2^31, 2^32), negative data wraps to 32 bits', () => {
  const k = key(5);
  assert.equal(foldIn(k, -1), foldIn(k, 0xffffffff));
  assert.equal(foldIn(k, -(2 ** 31)), foldIn(k, 2 ** 31));
  assert.not.equal(foldIn(k, 1), foldIn(k, 2));
  assert.not.equal(foldIn(k, 1), foldIn(key(6), 1));
  assert.equal(foldIn(k, 17), foldIn(k, 17));
  // Folding in 0..9 gives 10 different uniform streams.
  const firsts = new Set<number>();
  for (let d = 0; d < 10; d++) firsts.add(uniformFloat64(foldIn(k, d), 1)[0]!);
  assert.is(firsts.size, 10);
});

// ---------------------------------------------------------------------------
// Stream construction and determinism
// ---------------------------------------------------------------------------

test('randomBits: words 2j, 2j+1 are threefry(key, (0, j)); prefix-stable', () => {
  const k = key(0);
  assert.equal([...randomBits(k, 4)], [0x6b200159, 0x99ba4efe, 928981903, 3453687069]);
  const k2 = key(31337);
  const long = randomBits(k2, 101);
  for (let j = 0; j < 50; j++) {
    const [x0, x1] = threefry2x32(k2.k0, k2.k1, 0, j);
    assert.is(long[2 * j], x0);
    assert.is(long[2 * j + 1], x1);
  }
  assert.is(long[100], threefry2x32(k2.k0, k2.k1, 0, 50)[0]);
  for (const n of [0, 1, 2, 7, 100]) {
    assert.equal([...randomBits(k2, n)], [...long.subarray(0, n)], `count ${n}`);
  }
});

test('determinism: same key, same stream; different keys, different streams', () => {
  const a = uniformFloat64(key(7), 1000);
  const b = uniformFloat64(key(7), 1000);
  assert.equal([...a], [...b]);
  const [c, d] = split(key(7));
  const sc = uniformFloat64(c!, 1000);
  const sd = uniformFloat64(d!, 1000);
  let same = 0;
  for (let i = 0; i < 1000; i++) if (sc[i] === sd[i] || sc[i] === a[i]) same++;
  assert.is(same, 0);
  assert.equal([...normalFloat64(key(3), 64)], [...normalFloat64(key(3), 64)]);
  assert.equal([...randint(key(3), 64, -5, 5)], [...randint(key(3), 64, -5, 5)]);
  assert.equal([...permutation(key(3), 64)], [...permutation(key(3), 64)]);
});

test('uniformFloat64: exact (hi >>> 11) * 2^-21 + lo * 2^-53 from block i', () => {
  const k = key(0);
  const u = uniformFloat64(k, 3);
  const expected0 = Number((BigInt(0x6b200159 >>> 11) << 32n) | BigInt(0x99ba4efe)) / 2 ** 53;
  assert.is(u[0], expected0);
  for (let i = 0; i < 3; i++) {
    const [hi, lo] = threefry2x32(k.k0, k.k1, 0, i);
    const m = (BigInt(hi >>> 11) << 32n) | BigInt(lo);
    assert.is(u[i], Number(m) / 2 ** 53);
  }
  const many = uniformFloat64(key(11), 10_000);
  for (const x of many) {
    assert.ok(x >= 0 && x < 1);
    assert.ok(Number.isInteger(x * 2 ** 53));
  }
  assert.equal([...uniformFloat64(key(11), 17)], [...many.subarray(0, 17)]);
});

test('uniformFloat32: (w >>> 8) * 2^-24 from word i', () => {
  const k = key(123);
  const w = randomBits(k, 9);
  const u = uniformFloat32(k, 9);
  for (let i = 0; i < 9; i++) assert.is(u[i], (w[i]! >>> 8) / 2 ** 24);
  for (const x of uniformFloat32(key(12), 10_000)) {
    assert.ok(x >= 0 && x < 1 && Number.isInteger(x * 2 ** 24));
  }
});

test('out parameter: fills [0, count), leaves the rest, returns the same array', () => {
  const buf = new Float64Array(5).fill(-9);
  const r = uniformFloat64(key(1), 3, buf);
  assert.is(r, buf);
  assert.equal([...buf.subarray(0, 3)], [...uniformFloat64(key(1), 3)]);
  assert.equal([...buf.subarray(3)], [-9, -9]);
  const f32 = new Float32Array(4);
  assert.is(uniformFloat32(key(1), 4, f32), f32);
  assert.equal([...f32], [...uniformFloat32(key(1), 4)]);
  const nb = new Float64Array(3).fill(-9);
  assert.is(normalFloat64(key(1), 3, nb), nb);
  assert.equal([...nb], [...normalFloat64(key(1), 3)]);
});

test('normalFloat64: Box-Muller on uniform pairs with dmath log/cos/sin', () => {
  const k = key(2718);
  const u = uniformFloat64(k, 8);
  const z = normalFloat64(k, 7);
  const TWO_PI = 6.283185307179586;
  assert.is(TWO_PI, 2 * Math.PI);
  for (let p = 0; p < 4; p++) {
    const r = Math.sqrt(-2 * log(1 - u[2 * p]!));
    const t = TWO_PI * u[2 * p + 1]!;
    assert.is(z[2 * p], r * cos(t));
    if (2 * p + 1 < 7) assert.is(z[2 * p + 1], r * sin(t));
    // And close to what the engine's own Math gives.
    const rm = Math.sqrt(-2 * Math.log(1 - u[2 * p]!));
    assert.ok(Math.abs(z[2 * p]! - rm * Math.cos(t)) < 1e-12);
  }
  const long = normalFloat64(k, 10);
  assert.equal([...z], [...long.subarray(0, 7)]);
});

test('count 0 gives empty results', () => {
  const k = key(1);
  assert.is(randomBits(k, 0).length, 0);
  assert.is(uniformFloat64(k, 0).length, 0);
  assert.is(uniformFloat32(k, 0).length, 0);
  assert.is(normalFloat64(k, 0).length, 0);
  assert.is(randint(k, 0, 0, 3).length, 0);
  assert.is(permutation(k, 0).length, 0);
  assert.equal([...permutation(k, 1)], [0]);
});

// ---------------------------------------------------------------------------
// Statistics (fixed seeds; z bounds of 5 standard errors, 1% KS, 0.1% chi-square)
// ---------------------------------------------------------------------------

function checkUniform(xs: ArrayLike<number>, label: string): void {
  const n = xs.length;
  const { m, m2 } = moments(xs);
  const zMean = (m - 0.5) / Math.sqrt(1 / 12 / n);
  // Var of (U - 1/2)^2 is 1/80 - 1/144 = 1/180.
  const zVar = (m2 - 1 / 12) / Math.sqrt(1 / 180 / n);
  assert.ok(Math.abs(zMean) < 5, `${label} mean ${m} (z = ${zMean})`);
  assert.ok(Math.abs(zVar) < 5, `${label} variance ${m2} (z = ${zVar})`);
  const d = ksStatistic(xs, (x) => Math.min(1, Math.max(0, x)));
  assert.ok(d < ksCritical1(n), `${label} KS D = ${d} >= ${ksCritical1(n)}`);
}

test('uniformFloat64 statistics: mean, variance, KS', () => {
  checkUniform(uniformFloat64(key(20240601), N), 'float64');
  checkUniform(uniformFloat64(foldIn(key(1), 99), N), 'float64 (folded key)');
});

test('uniformFloat32 statistics: mean, variance, KS', () => {
  checkUniform(uniformFloat32(key(4242), N), 'float32');
});

test('randomBits: every bit position is set half of the time', () => {
  const w = randomBits(key(77), N);
  const sd = Math.sqrt(0.25 / N);
  for (let b = 0; b < 32; b++) {
    let ones = 0;
    for (let i = 0; i < N; i++) ones += (w[i]! >>> b) & 1;
    const z = (ones / N - 0.5) / sd;
    assert.ok(Math.abs(z) < 5, `bit ${b}: z = ${z}`);
  }
});

test('normalFloat64 statistics: mean 0, variance 1, skewness 0, kurtosis 3, KS', () => {
  const z = normalFloat64(key(8675309), N);
  const { m, m2, m3, m4 } = moments(z);
  const skew = m3 / m2 ** 1.5;
  const kurt = m4 / (m2 * m2);
  assert.ok(Math.abs(m) / Math.sqrt(1 / N) < 5, `mean ${m}`);
  assert.ok(Math.abs(m2 - 1) / Math.sqrt(2 / N) < 5, `variance ${m2}`);
  assert.ok(Math.abs(skew) / Math.sqrt(6 / N) < 5, `skewness ${skew}`);
  assert.ok(Math.abs(kurt - 3) / Math.sqrt(24 / N) < 5, `kurtosis ${kurt}`);
  const d = ksStatistic(z, normalCdf);
  assert.ok(d < ksCritical1(N), `KS D = ${d} >= ${ksCritical1(N)}`);
  for (const x of z) assert.ok(Number.isFinite(x));
});

test('normalFloat64: odd-indexed (sin) and even-indexed (cos) halves are each normal', () => {
  const z = normalFloat64(key(55), 2 * N);
  const even = new Float64Array(N), odd = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    even[i] = z[2 * i]!;
    odd[i] = z[2 * i + 1]!;
  }
  assert.ok(ksStatistic(even, normalCdf) < ksCritical1(N), 'cos half');
  assert.ok(ksStatistic(odd, normalCdf) < ksCritical1(N), 'sin half');
  // Box-Muller pairs are uncorrelated.
  let c = 0;
  for (let i = 0; i < N; i++) c += even[i]! * odd[i]!;
  assert.ok(Math.abs(c / N) * Math.sqrt(N) < 5, `pair correlation ${c / N}`);
});

function binCounts(xs: Int32Array, low: number, bins: number, width = 1): Float64Array {
  const counts = new Float64Array(bins);
  for (const v of xs) counts[Math.floor((v - low) / width)]!++;
  return counts;
}

test('randint: values in [low, high) and chi-square uniform on bins', () => {
  const a = randint(key(1001), N, 0, 10);
  for (const v of a) assert.ok(v >= 0 && v < 10);
  const ca = binCounts(a, 0, 10);
  assert.ok(chiSquare(ca, N / 10) < CHI2_999[9]!, `chi2 [0,10) = ${chiSquare(ca, N / 10)}`);

  const b = randint(key(1002), N, -7, 6);
  for (const v of b) assert.ok(v >= -7 && v < 6);
  const cb = binCounts(b, -7, 13);
  assert.ok(chiSquare(cb, N / 13) < CHI2_999[12]!, `chi2 [-7,6) = ${chiSquare(cb, N / 13)}`);

  const one = randint(key(1003), 100, 5, 6);
  for (const v of one) assert.is(v, 5);
});

test('randint is unbiased where plain modulo would not be (m = 3 * 2^30)', () => {
  // With m = 3 * 2^30, `w mod m` without rejection puts half of the mass in
  // the first third; the rejection sampler must give thirds.
  const low = -(2 ** 31), high = 2 ** 30;
  const r = randint(key(1004), N, low, high);
  const c = binCounts(r, low, 3, 2 ** 30);
  assert.ok(chiSquare(c, N / 3) < CHI2_999[2]!, `thirds ${[...c]}`);
});

test('randint stream: rejection sampling on the randomBits words', () => {
  const k = key(606);
  // Power-of-two range: no rejection, value = low + (w mod m).
  const w = randomBits(k, 50);
  const pow2 = randint(k, 50, -128, 128);
  for (let i = 0; i < 50; i++) assert.is(pow2[i], -128 + (w[i]! % 256));
  // Full int32 range: low + w.
  const full = randint(k, 50, -(2 ** 31), 2 ** 31);
  for (let i = 0; i < 50; i++) assert.is(full[i], w[i]! - 2 ** 31);
  // m = 3 * 2^30: words >= 3 * 2^30 are skipped.
  const m = 3 * 2 ** 30;
  const words = randomBits(k, 400);
  const expected: number[] = [];
  for (let i = 0; i < words.length && expected.length < 100; i++) {
    if (words[i]! < m) expected.push(words[i]! % m);
  }
  assert.equal(
    [...randint(k, 100, -(2 ** 31), 2 ** 30)],
    expected.map((v) => v - 2 ** 31),
  );
  assert.equal([...randint(k, 30, 0, 3)], [...randint(k, 60, 0, 3).subarray(0, 30)]);
});

test('permutation: is a permutation, follows the documented Fisher-Yates stream', () => {
  for (const n of [2, 3, 10, 1000, 4097]) {
    const p = permutation(key(n), n);
    const sorted = [...p].sort((x, y) => x - y);
    assert.equal(sorted, Array.from({ length: n }, (_, i) => i), `n = ${n}`);
  }
  const k = key(31);
  const n = 50;
  const w = randomBits(k, 200);
  const a = Array.from({ length: n }, (_, i) => i);
  let t = 0;
  for (let i = n - 1; i >= 1; i--) {
    const m = i + 1;
    const limit = 2 ** 32 - (2 ** 32 % m);
    while (w[t]! >= limit) t++;
    const j = w[t++]! % m;
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  assert.equal([...permutation(k, n)], a);
});

test('permutation: all 3! orders equally likely (chi-square), positions uniform', () => {
  const base = key(2468);
  const trials = 60_000;
  const counts = new Float64Array(6);
  const firstIs = new Float64Array(5);
  const index = (p: Int32Array) => p[0]! * 2 + (p[1]! > p[2]! ? 1 : 0);
  for (let t = 0; t < trials; t++) {
    counts[index(permutation(foldIn(base, t), 3))]!++;
    firstIs[permutation(foldIn(base, t + trials), 5)[0]!]!++;
  }
  assert.ok(chiSquare(counts, trials / 6) < CHI2_999[5]!, `orders ${[...counts]}`);
  assert.ok(chiSquare(firstIs, trials / 5) < CHI2_999[5]!, `first element ${[...firstIs]}`);
});

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

function throwsWith(
  fn: () => unknown,
  type: typeof TypeError | typeof RangeError,
  ...patterns: RegExp[]
): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof type, `expected ${type.name}, got ${String(caught)}`);
  const msg = (caught as Error).message;
  for (const p of patterns) assert.match(msg, p);
}

test('key: non-integer or unsafe seeds throw a TypeError naming seed and value', () => {
  throwsWith(() => key(1.5), TypeError, /seed/, /1\.5/);
  throwsWith(() => key(NaN), TypeError, /seed/, /NaN/);
  throwsWith(() => key(Infinity), TypeError, /seed/, /Infinity/);
  throwsWith(() => key(2 ** 53), TypeError, /seed/, /9007199254740992/);
  throwsWith(() => key('3' as unknown as number), TypeError, /seed/, /"3"/);
  throwsWith(() => key(undefined as unknown as number), TypeError, /seed/, /undefined/);
});

test('split / foldIn / keyFromWords: bad arguments', () => {
  const k = key(1);
  throwsWith(() => split(k, 0), RangeError, /split/, /n/, /0/);
  throwsWith(() => split(k, -3), RangeError, /n/, /-3/);
  throwsWith(() => split(k, 2.5), TypeError, /n/, /2\.5/);
  throwsWith(() => split({ k0: -1, k1: 0 }, 2), TypeError, /key/);
  throwsWith(() => split(null as unknown as PRNGKey), TypeError, /key/);
  throwsWith(() => foldIn(k, 0.5), TypeError, /data/, /0\.5/);
  throwsWith(() => foldIn(k, 2 ** 32), RangeError, /data/);
  throwsWith(() => foldIn(k, -(2 ** 31) - 1), RangeError, /data/);
  throwsWith(() => keyFromWords(2 ** 32, 0), TypeError, /k0/);
  throwsWith(() => keyFromWords(0, -1), TypeError, /k1/);
});

test('samplers: negative or fractional counts and bad outputs/bounds', () => {
  const k = key(1);
  throwsWith(() => randomBits(k, -1), RangeError, /randomBits/, /count/, /-1/);
  throwsWith(() => randomBits(k, 1.5), TypeError, /count/, /1\.5/);
  throwsWith(() => uniformFloat64(k, -2), RangeError, /count/, /-2/);
  throwsWith(() => uniformFloat32(k, -2), RangeError, /count/);
  throwsWith(() => normalFloat64(k, -2), RangeError, /count/);
  throwsWith(() => randint(k, -2, 0, 5), RangeError, /count/);
  throwsWith(() => permutation(k, -2), RangeError, /n/);
  throwsWith(() => permutation(k, 2.5), TypeError, /n/);
  throwsWith(() => uniformFloat64(k, 5, new Float64Array(4)), RangeError, /out/);
  throwsWith(
    () => uniformFloat64(k, 2, new Float32Array(2) as unknown as Float64Array),
    TypeError,
    /Float64Array/,
  );
  throwsWith(() => randint(k, 3, 5, 5), RangeError, /high/);
  throwsWith(() => randint(k, 3, 0, 2 ** 31 + 1), RangeError, /high/);
  throwsWith(() => randint(k, 3, -(2 ** 31) - 1, 0), RangeError, /low/);
  throwsWith(() => randint(k, 3, 0.5, 2), TypeError, /low/);
  throwsWith(() => uniformFloat64({ k0: 1 } as PRNGKey, 3), TypeError, /key/);
});

test.run();
