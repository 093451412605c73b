/**
 * dmath against the platform Math (within 1 ulp on every input), against correctly
 * rounded BigInt references (within 1 ulp of the true value), on IEEE special values,
 * and against golden checksums that pin the exact bits on every engine.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as D from '../../src/dmath/index.js';
import { IPIO2, PIO2 } from '../../src/dmath/rem-pio2-large.js';
import { checksum, faithful, inputs, logUniform, rand, randInt, reseed, ulps, uniform } from './helpers.js';
import {
  piFixed, refAsinAcos, refAtan, refAtan2, refCbrt, refErf, refErfc, refExp, refExpm1, refHyperbolic,
  refInverseHyperbolic, refLog, refLog1p, refLogBase, refPow, refTrig,
} from './reference.js';

type Unary = (x: number) => number;
const N = 20000;

/**
 * Asserts f within 1 ulp of the platform g on every x. Where they are further apart and
 * a reference exists, f passes if its error is below 1 ulp while g's is not.
 */
function assertWithin1Ulp(name: string, f: Unary, g: Unary, xs: number[], ref?: (x: number) => number | undefined): void {
  let within = 0;
  let worst = 0;
  let worstX = 0;
  for (const x of xs) {
    const y = f(x);
    const z = g(x);
    const u = ulps(y, z);
    const truth = u > 1 && ref ? ref(x) : undefined;
    if (u <= 1 || (truth !== undefined && faithful(y, truth) && !faithful(z, truth))) {
      within++;
    } else if (u > worst) {
      worst = u;
      worstX = x;
    }
  }
  assert.is(within / xs.length, 1, `${name}: ${xs.length - within} inputs beyond 1 ulp, worst ${worst} at x = ${worstX}`);
}

// ---------------------------------------------------------------------------
// Inputs per function

const LN2 = 0.6931471805599453;
const HALF_PI = 1.5707963267948966;
const multiplesOf = (c: number, ks: number[]): number[] => ks.map((k) => k * c);
const ints = (a: number, b: number, count: number): number[] => Array.from({ length: count }, () => randInt(a, b));

const expLike = inputs(N, [
  () => logUniform(-60, 10),
  () => uniform(-745.2, 709.8),
  () => uniform(-40, 40),
  () => uniform(-1, 1),
  () => uniform(-745.2, -708), // subnormal results
  () => logUniform(-1023, -30),
], [709.782712893384, -745.1332191019411, -708.3964185322641, 0.34657359027997264, 1.0397207708399179,
  ...multiplesOf(LN2, ints(-1074, 1024, 200))]);

const positives = inputs(N, [
  () => logUniform(-1023, 1023, false),
  () => uniform(0.5, 2),
  () => 1 + uniform(-1, 1) * 2 ** -randInt(1, 52),
  () => logUniform(-1023, -1000, false),
], [1, 2, 0.5, Math.SQRT2, Math.SQRT1_2, 10, 100, 1000, 1e22, Number.MIN_VALUE, Number.MAX_VALUE, 2.2250738585072014e-308]);

const log1pInputs = inputs(N, [
  () => logUniform(-1023, 1023, false),
  () => -logUniform(-1023, -1, false),
  () => -1 + 2 ** -randInt(1, 53) * uniform(0.5, 1),
  () => uniform(-0.5, 1),
], [-0.2928932188134524, 0.41421356237309503, -1 + 2 ** -53, 2 ** -29, 2 ** 53]);

const trigInputs = inputs(N, [
  () => logUniform(-30, 1023),
  () => uniform(-10, 10),
  () => logUniform(-30, 22),
  () => randInt(-1000000, 1000000) * HALF_PI * (1 + uniform(-1, 1) * 2 ** -40),
  () => logUniform(60, 1023) * (1 + uniform(-1, 1) * 2 ** -30),
], [
  ...multiplesOf(HALF_PI, ints(-100000, 100000, 150)),
  ...multiplesOf(Math.PI / 4, ints(-1000, 1000, 40)),
  5.319372648326541e255, // the double closest to a multiple of pi/2
  1e22, 1e300, -1e300, Number.MAX_VALUE, 2 ** 20 * HALF_PI, 2 ** 19 * Math.PI,
]);

const unitInputs = inputs(N, [
  () => uniform(-1, 1),
  () => logUniform(-60, -1),
  () => (rand() < 0.5 ? -1 : 1) * (1 - 2 ** -randInt(1, 53) * uniform(0.5, 1)),
  () => uniform(-0.5, 0.5),
], [0.5, -0.5, 0.975, -0.975, 1, -1, 2 ** -26, 2 ** -57]);

const atanInputs = inputs(N, [
  () => logUniform(-40, 80),
  () => uniform(-3, 3),
  () => logUniform(-1023, -30),
], [7 / 16, 11 / 16, 19 / 16, 39 / 16, 1, -1, 2 ** 66, 2 ** -27]);

const hyperbolicInputs = inputs(N, [
  () => logUniform(-40, 9),
  () => uniform(-25, 25),
  () => uniform(-711, 711),
  () => uniform(-1, 1),
  () => (rand() < 0.5 ? -1 : 1) * uniform(709.78, 710.48), // exp overflows, sinh/cosh do not yet
], [22, -22, 0.34657359027997264, 709.782712893384, 710.4758600739439, -710.4758600739439, 1, 2 ** -28]);

const fullRange = inputs(N, [() => logUniform(-1023, 1023), () => uniform(-4, 4), () => logUniform(-30, 30)],
  [2, 2 ** 28, 2 ** -28, 1, 27, -27, 1e-310, 8, 1000]);

const acoshInputs = inputs(N, [
  () => 1 + logUniform(-52, 0, false),
  () => uniform(1, 3),
  () => logUniform(0, 1023, false),
], [1, 2, 2 ** 28]);

const atanhInputs = inputs(N, [
  () => uniform(-1, 1),
  () => logUniform(-60, -1),
  () => (rand() < 0.5 ? -1 : 1) * (1 - 2 ** -randInt(1, 53) * uniform(0.5, 1)),
], [0.5, -0.5, 2 ** -28]);

// Correctly rounded references, defined on finite inputs inside the domain. They decide
// the inputs where dmath and the platform are more than 1 ulp apart (the platform is then
// the one off: V8's log10, pow, sinh/cosh near overflow; Chromium's cos and tan at
// 5.3e255, for example), and they check dmath against the true value directly.
type Ref = (x: number) => number | undefined;
const any = () => true;
// name: [reference, domain]
const REF_TABLE: Record<string, [(x: number) => number, (x: number) => boolean]> = {
  exp: [refExp, any],
  expm1: [refExpm1, any],
  log: [refLog, (x) => x > 0],
  log2: [(x) => refLogBase(x, 2), (x) => x > 0],
  log10: [(x) => refLogBase(x, 10), (x) => x > 0],
  log1p: [refLog1p, (x) => x > -1],
  sin: [(x) => refTrig(x, 'sin'), any],
  cos: [(x) => refTrig(x, 'cos'), any],
  tan: [(x) => refTrig(x, 'tan'), any],
  asin: [(x) => refAsinAcos(x, 'asin'), (x) => Math.abs(x) <= 1],
  acos: [(x) => refAsinAcos(x, 'acos'), (x) => Math.abs(x) <= 1],
  atan: [refAtan, any],
  sinh: [(x) => refHyperbolic(x, 'sinh'), any],
  cosh: [(x) => refHyperbolic(x, 'cosh'), any],
  tanh: [(x) => refHyperbolic(x, 'tanh'), any],
  asinh: [(x) => refInverseHyperbolic(x, 'asinh'), any],
  acosh: [(x) => refInverseHyperbolic(x, 'acosh'), (x) => x >= 1],
  atanh: [(x) => refInverseHyperbolic(x, 'atanh'), (x) => Math.abs(x) < 1],
  cbrt: [refCbrt, any],
};
const inDomain = (name: string, x: number): boolean => Number.isFinite(x) && REF_TABLE[name][1](x);
const refFor = (name: string): Ref => (x) => (inDomain(name, x) ? REF_TABLE[name][0](x) : undefined);

const cases: [string, Unary, Unary, number[]][] = [
  ['exp', D.exp, Math.exp, expLike],
  ['expm1', D.expm1, Math.expm1, expLike],
  ['log', D.log, Math.log, positives],
  ['log2', D.log2, Math.log2, positives],
  ['log10', D.log10, Math.log10, positives],
  ['log1p', D.log1p, Math.log1p, log1pInputs],
  ['sin', D.sin, Math.sin, trigInputs],
  ['cos', D.cos, Math.cos, trigInputs],
  ['tan', D.tan, Math.tan, trigInputs],
  ['asin', D.asin, Math.asin, unitInputs],
  ['acos', D.acos, Math.acos, unitInputs],
  ['atan', D.atan, Math.atan, atanInputs],
  ['sinh', D.sinh, Math.sinh, hyperbolicInputs],
  ['cosh', D.cosh, Math.cosh, hyperbolicInputs],
  ['tanh', D.tanh, Math.tanh, hyperbolicInputs],
  ['asinh', D.asinh, Math.asinh, fullRange],
  ['acosh', D.acosh, Math.acosh, acoshInputs],
  ['atanh', D.atanh, Math.atanh, atanhInputs],
  ['cbrt', D.cbrt, Math.cbrt, fullRange],
];

for (const [name, f, g, xs] of cases) {
  test(`${name} is within 1 ulp of Math.${name} on ${xs.length} inputs`, () => {
    assertWithin1Ulp(name, f, g, xs, refFor(name));
  });
}

// ---------------------------------------------------------------------------
// Special values

const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 2, -2, 0.5, -0.5, Number.MIN_VALUE, -Number.MIN_VALUE,
  Number.MAX_VALUE, -Number.MAX_VALUE, 2.2250738585072014e-308, Math.PI, -Math.PI];

test('special values match Math exactly (NaN, +-Infinity, signed zeros)', () => {
  for (const [name, f, g] of cases) {
    for (const x of SPECIALS) {
      const want = g(x);
      const got = f(x);
      if (want !== want || want === 0 || !Number.isFinite(want)) {
        assert.ok(Object.is(got, want), `${name}(${Object.is(x, -0) ? '-0' : x}) = ${got}, Math gives ${want}`);
      } else {
        assert.ok(ulps(got, want) <= 1, `${name}(${x}) = ${got}, Math gives ${want}`);
      }
    }
  }
});

test('exact results where Math is exact', () => {
  assert.is(D.exp(0), 1);
  assert.is(D.exp(1), Math.E);
  assert.is(D.log(1), 0);
  assert.is(D.cos(0), 1);
  for (let k = -1074; k <= 1023; k++) assert.is(D.log2(2 ** k), k);
  for (let k = 0; k <= 22; k++) assert.is(D.log10(Number(`1e${k}`)), k);
  for (let k = -1000; k <= 1000; k++) assert.is(D.cbrt(k * k * k), k);
  assert.is(D.atan2(1, 1), Math.PI / 4);
  assert.is(D.asin(1), Math.PI / 2);
  assert.is(D.acos(-1), Math.PI);
  assert.is(D.tanh(30), 1);
  assert.is(D.tanh(-30), -1);
});

test('atan2: special quadrants and signed zeros match Math.atan2', () => {
  const vals = [0, -0, 1, -1, Infinity, -Infinity, NaN, 3.5, -2.25, Number.MIN_VALUE, -Number.MAX_VALUE];
  for (const y of vals) {
    for (const x of vals) {
      const want = Math.atan2(y, x);
      const got = D.atan2(y, x);
      if (want !== want || want === 0) assert.ok(Object.is(got, want), `atan2(${y}, ${x}) = ${got}, Math gives ${want}`);
      else assert.ok(ulps(got, want) <= 1, `atan2(${y}, ${x}) = ${got}, Math gives ${want}`);
    }
  }
});

test(`atan2 is within 1 ulp of Math.atan2 on ${N} pairs`, () => {
  let bad = '';
  for (let i = 0; i < N; i++) {
    const kind = i % 3;
    const e = kind === 0 ? 30 : kind === 1 ? 1 : 1023;
    const y = kind === 1 ? uniform(-2, 2) : logUniform(-e, e);
    const x = kind === 1 ? uniform(-2, 2) : logUniform(-e, e);
    const got = D.atan2(y, x);
    const want = Math.atan2(y, x);
    if (ulps(got, want) <= 1) continue;
    const truth = refAtan2(y, x);
    if (!faithful(got, truth) || faithful(want, truth)) bad ||= `atan2(${y}, ${x}) = ${got}, Math gives ${want}`;
  }
  assert.is(bad, '');
});

// ---------------------------------------------------------------------------
// pow

test('pow: special cases follow IEEE 754 pow', () => {
  const same = (got: number, want: number, what: string) => assert.ok(Object.is(got, want), `${what} = ${got}, want ${want}`);
  same(D.pow(1, NaN), 1, 'pow(1, NaN)');
  same(D.pow(1, Infinity), 1, 'pow(1, Infinity)');
  same(D.pow(-1, Infinity), 1, 'pow(-1, Infinity)');
  same(D.pow(-1, -Infinity), 1, 'pow(-1, -Infinity)');
  same(D.pow(NaN, 0), 1, 'pow(NaN, 0)');
  same(D.pow(NaN, -0), 1, 'pow(NaN, -0)');
  same(D.pow(NaN, 1), NaN, 'pow(NaN, 1)');
  same(D.pow(2, NaN), NaN, 'pow(2, NaN)');
  same(D.pow(0, -1), Infinity, 'pow(0, -1)');
  same(D.pow(0, -2), Infinity, 'pow(0, -2)');
  same(D.pow(-0, -1), -Infinity, 'pow(-0, -1)');
  same(D.pow(-0, -3), -Infinity, 'pow(-0, -3)');
  same(D.pow(-0, -2), Infinity, 'pow(-0, -2)');
  same(D.pow(-0, -0.5), Infinity, 'pow(-0, -0.5)');
  same(D.pow(-0, 3), -0, 'pow(-0, 3)');
  same(D.pow(-0, 2), 0, 'pow(-0, 2)');
  same(D.pow(-0, 0.5), 0, 'pow(-0, 0.5)');
  same(D.pow(-Infinity, 3), -Infinity, 'pow(-Infinity, 3)');
  same(D.pow(-Infinity, -3), -0, 'pow(-Infinity, -3)');
  same(D.pow(-Infinity, 0.5), Infinity, 'pow(-Infinity, 0.5)');
  same(D.pow(-8, 1 / 3), NaN, 'pow(-8, 1/3)');
  same(D.pow(0.5, Infinity), 0, 'pow(0.5, Infinity)');
  same(D.pow(2, -Infinity), 0, 'pow(2, -Infinity)');
  same(D.pow(-2, 1e300), Infinity, 'pow(-2, 1e300)');
  same(D.pow(-0.5, 1e300), 0, 'pow(-0.5, 1e300)');
  same(D.pow(10, 309), Infinity, 'pow(10, 309)');
  same(D.pow(10, -400), 0, 'pow(10, -400)');
  same(D.pow(-10, -401), -0, 'pow(-10, -401)');
  same(D.pow(2, -1074), Number.MIN_VALUE, 'pow(2, -1074)');
  same(D.pow(2, 1023), Number.MAX_VALUE / (2 - 2 ** -52), 'pow(2, 1023)');
  // Apart from x = +-1 with NaN or infinite y, every special pair agrees with Math.pow.
  const vals = [0, -0, 1, -1, 2, -2, 0.5, -0.5, 3, -3, Infinity, -Infinity, NaN, 1.5, -1.5];
  for (const x of vals) {
    for (const y of vals) {
      if ((x === 1 || x === -1) && (y !== y || !Number.isFinite(y))) continue;
      const want = Math.pow(x, y);
      if (want === 0 || !Number.isFinite(want)) same(D.pow(x, y), want, `pow(${x}, ${y})`);
      else assert.ok(ulps(D.pow(x, y), want) <= 1, `pow(${x}, ${y}) = ${D.pow(x, y)}, Math gives ${want}`);
    }
  }
});

test('pow: integer powers are exact, negative bases keep the sign rule, 0.5 is sqrt', () => {
  for (let b = -30; b <= 30; b++) {
    for (let e = 0; e <= 30; e++) {
      let exact = 1;
      for (let i = 0; i < e; i++) exact *= b;
      if (Math.abs(exact) < 2 ** 53) assert.is(D.pow(b, e), exact, `pow(${b}, ${e})`);
    }
  }
  for (let i = 0; i < 2000; i++) {
    const x = -logUniform(-20, 20, false);
    const e = randInt(-60, 60);
    const want = Math.pow(x, e);
    const got = D.pow(x, e);
    assert.ok(ulps(got, want) <= 1, `pow(${x}, ${e}) = ${got}, Math gives ${want}`);
    if (want !== 0 && Number.isFinite(want)) assert.is(Math.sign(got), e % 2 === 0 ? 1 : -1);
  }
  for (let i = 0; i < 2000; i++) {
    const x = logUniform(-1023, 1023, false);
    assert.is(D.pow(x, 0.5), Math.sqrt(x), `pow(${x}, 0.5)`);
  }
});

/** Correctly rounded pow for x > 0, or x < 0 with integer y. */
function powRef(x: number, y: number): number {
  return refPow(Math.abs(x), y, x < 0 && y % 2 !== 0);
}

test(`pow is within 1 ulp of Math.pow on ${N} pairs, including huge and tiny results`, () => {
  // Where Math.pow is more than 1 ulp off the true value (V8's fdlibm pow loses up to
  // 356 ulp for x near 1 and |y| > 2^31), dmath must be below 1 ulp from it instead.
  let bad = '';
  const check = (x: number, y: number) => {
    const got = D.pow(x, y);
    const want = Math.pow(x, y);
    if (ulps(got, want) <= 1) return;
    const truth = powRef(x, y);
    if (!faithful(got, truth) || faithful(want, truth)) bad ||= `pow(${x}, ${y}) = ${got}, Math gives ${want}`;
  };
  for (let i = 0; i < N; i++) {
    const kind = i % 4;
    if (kind === 0) {
      // any magnitude of result from 2^-1100 (underflow) to 2^1030 (overflow)
      const x = logUniform(-1023, 1023, false);
      check(x, uniform(-1100, 1030) / Math.log2(x));
    } else if (kind === 1) {
      check(uniform(0, 10), uniform(-20, 20));
    } else if (kind === 2) {
      // x near 1, y huge: the extra-precision log matters most here
      const x = 1 + uniform(-1, 1) * 2 ** -randInt(10, 52);
      check(x, (rand() < 0.5 ? -1 : 1) * Math.min(logUniform(20, 62, false), 1000 / Math.abs(Math.log2(x))));
    } else {
      check(-logUniform(-10, 10, false), randInt(-300, 300));
    }
  }
  assert.is(bad, '');
});

// ---------------------------------------------------------------------------
// Against correctly rounded references (the true value)

/** Asserts f's error is below 1 ulp (faithful) on every x, or within `tolerance` ulps if given. */
function assertTrue1Ulp(name: string, f: Unary, ref: Unary, xs: number[], tolerance?: number): void {
  let bad = 0;
  let worst = 0;
  let worstX = NaN;
  for (const x of xs) {
    const y = f(x);
    const truth = ref(x);
    const u = ulps(y, truth);
    const ok = tolerance === undefined ? faithful(y, truth) : u <= tolerance;
    if (!ok) bad++;
    if (!ok && u >= worst) {
      worst = u;
      worstX = x;
    }
  }
  const claim = tolerance === undefined ? 'below 1 ulp' : `within ${tolerance} ulp`;
  assert.is(bad, 0, `${name}: error not ${claim} on ${bad} inputs, e.g. ${worst} ulp from the rounded true value at x = ${worstX}`);
}

const sample = (xs: number[], n: number): number[] => xs.filter((_, i) => i % Math.floor(xs.length / n) === 0);

for (const [name, f, , xs] of cases) {
  test(`${name}: error below 1 ulp of the true value`, () => {
    assertTrue1Ulp(name, f, REF_TABLE[name][0], sample(xs.filter((x) => inDomain(name, x)), 400));
  });
}

test('atan2: error below 1 ulp of the true value', () => {
  let bad = '';
  for (let i = 0; i < 600; i++) {
    const e = i % 2 === 0 ? 3 : 600;
    const y = logUniform(-e, e);
    const x = logUniform(-e, e);
    if (!faithful(D.atan2(y, x), refAtan2(y, x))) bad ||= `atan2(${y}, ${x}) = ${D.atan2(y, x)}, true ${refAtan2(y, x)}`;
  }
  assert.is(bad, '');
});

test('pow: error below 1 ulp of the true value', () => {
  let worst = 0;
  let at = '';
  for (let i = 0; i < 900; i++) {
    let x: number;
    let y: number;
    if (i % 3 === 0) {
      x = logUniform(-1023, 1023, false);
      y = uniform(-1100, 1030) / Math.log2(x);
    } else if (i % 3 === 1) {
      x = uniform(0, 4);
      y = uniform(-30, 30);
    } else {
      // x near 1, |y| up to 2^62 with |y log2 x| < 1000 (fdlibm's weak spot)
      x = 1 + uniform(-1, 1) * 2 ** -randInt(20, 52);
      y = uniform(-1, 1) * Math.min(2 ** 62, 1000 / Math.abs(Math.log2(x)));
    }
    const got = D.pow(x, y);
    const truth = refPow(x, y);
    if (!faithful(got, truth)) {
      worst = Math.max(worst, ulps(got, truth));
      at = `(${x}, ${y})`;
    }
  }
  assert.is(worst, 0, `pow: error not below 1 ulp, ${worst} ulp from the rounded true value at ${at}`);
});

test('the 2/pi and pi/2 tables of the huge-argument reduction are the bits of pi', () => {
  const bits = 24 * IPIO2.length;
  // floor(2/pi * 2^bits), from pi with 64 guard bits
  const P = bits + 64;
  const twoOverPi = ((1n << BigInt(2 * P + 1)) / piFixed(P)) >> 64n;
  for (let i = 0; i < IPIO2.length; i++) {
    const chunk = Number((twoOverPi >> BigInt(bits - 24 * (i + 1))) & 0xffffffn);
    assert.is(IPIO2[i], chunk, `IPIO2[${i}]`);
  }
  // PIO2 cuts pi/2 into 24-bit pieces: PIO2[i] * 2^(24i + 23) is an integer below 2^24,
  // and the 8 pieces together are pi/2 truncated to 23 + 7*24 = 191 fraction bits.
  let rebuilt = 0n;
  for (let i = 0; i < PIO2.length; i++) {
    const piece = PIO2[i] * 2 ** (24 * i + 23);
    assert.ok(Number.isInteger(piece) && piece < 2 ** 24, `PIO2[${i}] is a 24-bit piece`);
    rebuilt = (rebuilt << 24n) + BigInt(piece);
  }
  assert.is(rebuilt, piFixed(192) >> 2n, 'PIO2 pieces');
});

// ---------------------------------------------------------------------------
// erf, erfc

test('erf and erfc: known values, special values, symmetry', () => {
  assert.is(D.erf(0.5), 0.5204998778130465);
  assert.is(D.erf(1), 0.8427007929497149);
  assert.ok(ulps(D.erfc(3), 2.209049699858544e-5) <= 1);
  assert.ok(Object.is(D.erf(-0), -0));
  assert.ok(Object.is(D.erf(0), 0));
  assert.is(D.erf(Infinity), 1);
  assert.is(D.erf(-Infinity), -1);
  assert.ok(Number.isNaN(D.erf(NaN)));
  assert.is(D.erfc(0), 1);
  assert.is(D.erfc(-0), 1);
  assert.ok(Object.is(D.erfc(Infinity), 0));
  assert.is(D.erfc(-Infinity), 2);
  assert.ok(Number.isNaN(D.erfc(NaN)));
  assert.is(D.erfc(30), 0);
  assert.is(D.erfc(-30), 2);
  assert.ok(D.erfc(27) > 0 && D.erfc(27) < 1e-315, 'erfc(27) is subnormal');
  for (let i = 0; i < N; i++) {
    const x = i % 2 === 0 ? uniform(-7, 7) : logUniform(-1023, 3);
    assert.ok(Object.is(D.erf(-x), -D.erf(x)), `erf(-x) = -erf(x) at ${x}`);
    const sum = D.erf(x) + D.erfc(x);
    assert.ok(Math.abs(sum - 1) <= 4 * 2 ** -53, `erf + erfc = ${sum} at ${x}`);
  }
});

// erfc on (0.25, 1.25) keeps fdlibm's plain-double sums: up to 2 ulp there, below 1 elsewhere.
test('erf: error below 1 ulp; erfc: within 2 ulp of the true value, below 1 ulp beyond 1.25', () => {
  const xs = inputs(700, [
    () => uniform(-6.5, 6.5),
    () => logUniform(-1023, 2),
    () => uniform(0.8, 1.3),
    () => uniform(2.5, 3.2),
  ], [0.84375, 1.25, 2.857142857142857, 6, 2 ** -28]);
  assertTrue1Ulp('erf', D.erf, refErf, xs);
  assertTrue1Ulp('erfc', D.erfc, refErfc, xs, 2);
  assertTrue1Ulp('erfc', D.erfc, refErfc, xs.filter((x) => Math.abs(x) >= 1.25));
  // the far tail down to the subnormal range: fewer points, the reference is slow there
  assertTrue1Ulp('erfc', D.erfc, refErfc, inputs(80, [() => uniform(6, 27.3)], [26.5, 27, 27.2]));
});

// ---------------------------------------------------------------------------
// Golden checksums: the exact bits are the same on every engine

test('golden checksums pin the exact output bits', () => {
  reseed(0x1234567);
  const xs = inputs(3000, [() => logUniform(-1023, 1023), () => uniform(-800, 800), () => uniform(-2, 2)]);
  const unit = xs.map((x) => (x - Math.floor(x)) * 2 - 1);
  const ys = xs.map((x) => uniform(-3, 3) + x * 1e-3);
  const domain: Record<string, number[]> = { asin: unit, acos: unit, atanh: unit, acosh: xs.map((x) => 1 + Math.abs(x)) };
  const got: Record<string, string> = {};
  for (const [name, f] of cases) got[name] = checksum((domain[name] ?? xs).map(f));
  got.pow = checksum(xs.map((x, i) => D.pow(Math.abs(x), ys[i])));
  // x near 1 with |y| up to 2^62 (dmath's own log2 keeps the inputs deterministic)
  const near1 = ys.map((y, i) => 1 + y * 2 ** -(20 + (i % 33)));
  got.powNear1 = checksum(near1.map((x, i) => D.pow(x, unit[i] * Math.min(2 ** 62, 700 / Math.abs(D.log2(x))))));
  got.atan2 = checksum(xs.map((x, i) => D.atan2(ys[i], x)));
  got.erf = checksum(xs.map(D.erf));
  got.erfc = checksum(xs.map(D.erfc));
  assert.equal(got, GOLDEN);
});

// Recorded in Node 20; any engine that differs in one bit of one output fails here.
const GOLDEN: Record<string, string> = {
  exp: 'd2c98892',
  expm1: '164bf21b',
  log: 'ba36b1fd',
  log2: '753ebf52',
  log10: '32a8fb4f',
  log1p: '33e41413',
  sin: '62da0819',
  cos: 'c9742101',
  tan: '03f4c9f9',
  asin: '748bdfe0',
  acos: '7606ee65',
  atan: 'a0463d0e',
  sinh: 'da28df7b',
  cosh: 'bbef7335',
  tanh: '57fc6027',
  asinh: '12adbcb8',
  acosh: '6171658b',
  atanh: '3b95888f',
  cbrt: 'f317c061',
  pow: 'e6b5ec4a',
  powNear1: 'd4ac8591',
  atan2: '4f38ad41',
  erf: 'f8cbd2c7',
  erfc: '65cfb84f',
};

test.run();
