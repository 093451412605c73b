/**
 * Elementwise ops: forward values against the platform Math functions and hand-computed
 * values, dtype rules (promotion, weak typing of JS numbers, int32 wrapping, bool to
 * int32, float32 rounding), broadcasting (size-0 axes and scalars included), strided
 * inputs, float64 gradient checks of every differentiable op, second derivatives and
 * typed errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type DType, DTYPES, DTypeError, ArgumentError, ShapeError, Tensor,
  abs, acos, add, asin, atan, atan2, broadcastTo, cast, ceil, clip, cos, cosh, div, equal, erf, exp, expm1,
  floor, grad, gradcheck, greater, greaterEqual, isFinite, isNan, less, lessEqual, log, log10, log1p, log2,
  logicalAnd, logicalNot, logicalOr, logicalXor, maximum, minimum, mod, mul, neg, notEqual, pow, reciprocal,
  relu, round, scalar, sigmoid, sign, sin, sinh, slice, sqrt, square, sub, sum, tan, tanh, tensor, transpose,
  where, zeros,
} from '../../src/index.js';
import { checkGrad, erfSeries } from '../helpers/checks.js';
import {
  assertClose, assertDType, assertEqualValues, assertShape, assertThrowsTyped, broadcastIndex,
  broadcastShapesRef, flatten, forEachIndex, randomArray, randomTensor,
} from '../helpers/assert-close.js';

type Op1 = (x: Tensor) => Tensor;
type Op2 = (a: Tensor | number, b: Tensor | number) => Tensor;

const SPECIALS = [NaN, Infinity, -Infinity, 0, -0];

/** Values in [lo, hi] (a deterministic mixture of fixed and random points) plus the IEEE specials. */
function sample(lo: number, hi: number, seed: number, extra: number[] = []): number[] {
  const fixed = [lo, hi, (lo + hi) / 2, ...[-1, -0.5, 0.25, 0.5, 1, 2].filter((v) => v >= lo && v <= hi)];
  return [...fixed, ...randomArray(40, { seed, lo, hi }), ...extra, ...SPECIALS];
}

/** Half-to-even rounding written independently of the kernel, via Math.round. */
function roundHalfEvenRef(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (Math.abs(x % 1) === 0.5) return 2 * Math.round(x / 2);
  return Math.round(x);
}

// ---------------------------------------------------------------------------------------
// Unary forward values

interface UnaryCase {
  name: string;
  op: Op1;
  ref: (x: number) => number;
  inputs: number[];
  rtol: number;
}

const FLOAT_TOL = 1e-15;

const UNARY_CASES: UnaryCase[] = [
  { name: 'neg', op: neg, ref: (x) => -x, inputs: sample(-1e300, 1e300, 1), rtol: 0 },
  { name: 'abs', op: abs, ref: Math.abs, inputs: sample(-50, 50, 2), rtol: 0 },
  { name: 'sign', op: sign, ref: Math.sign, inputs: sample(-5, 5, 3, [1e-300, -1e-300]), rtol: 0 },
  { name: 'square', op: square, ref: (x) => x * x, inputs: sample(-1e5, 1e5, 4), rtol: 0 },
  { name: 'reciprocal', op: reciprocal, ref: (x) => 1 / x, inputs: sample(-20, 20, 5), rtol: 0 },
  { name: 'relu', op: relu, ref: (x) => Math.max(x, 0), inputs: sample(-5, 5, 6), rtol: 0 },
  { name: 'exp', op: exp, ref: Math.exp, inputs: sample(-745, 709.7, 7, [710, -746, 1e-10, -3.7, 88.7]), rtol: FLOAT_TOL },
  { name: 'expm1', op: expm1, ref: Math.expm1, inputs: sample(-40, 709, 8, [1e-10, -1e-12, 0.3, -0.3, 710]), rtol: FLOAT_TOL },
  { name: 'log', op: log, ref: Math.log, inputs: sample(1e-300, 1e300, 9, [0.3, 1 + 1e-12, 3.7, 1e-5, -1, 5e-324]), rtol: FLOAT_TOL },
  { name: 'log1p', op: log1p, ref: Math.log1p, inputs: sample(-0.999, 1e10, 10, [1e-12, -1e-12, 0.3, -1, -2]), rtol: FLOAT_TOL },
  { name: 'sqrt', op: sqrt, ref: Math.sqrt, inputs: sample(0, 1e300, 11, [2, 1e-300, 5e-324, -1]), rtol: 0 },
  { name: 'sin', op: sin, ref: Math.sin, inputs: sample(-10, 10, 12, [Math.PI, 1e10, -1e22, 1e300, 1e-8]), rtol: FLOAT_TOL },
  { name: 'cos', op: cos, ref: Math.cos, inputs: sample(-10, 10, 13, [Math.PI / 2, 1e10, -1e22, 1e300, 1e-8]), rtol: FLOAT_TOL },
  { name: 'tan', op: tan, ref: Math.tan, inputs: sample(-1.5, 1.5, 14, [Math.PI / 4, 1e10, 100, 1e-8]), rtol: FLOAT_TOL },
  { name: 'asin', op: asin, ref: Math.asin, inputs: sample(-1, 1, 15, [1e-9, 0.99999, 1.5, -2]), rtol: FLOAT_TOL },
  { name: 'acos', op: acos, ref: Math.acos, inputs: sample(-1, 1, 16, [1e-9, 0.99999, 1.5, -2]), rtol: FLOAT_TOL },
  { name: 'atan', op: atan, ref: Math.atan, inputs: sample(-100, 100, 17, [1e-9, 1e300, -1e300]), rtol: FLOAT_TOL },
  { name: 'sinh', op: sinh, ref: Math.sinh, inputs: sample(-30, 30, 18, [1e-9, 700, -700, 711, -711]), rtol: FLOAT_TOL },
  { name: 'cosh', op: cosh, ref: Math.cosh, inputs: sample(-30, 30, 19, [1e-9, 700, -700, 711]), rtol: FLOAT_TOL },
  { name: 'tanh', op: tanh, ref: Math.tanh, inputs: sample(-25, 25, 20, [1e-9, 0.55, 22, 40]), rtol: FLOAT_TOL },
  // Math has no sigmoid: the reference's few roundings allow a couple of ulps.
  { name: 'sigmoid', op: sigmoid, ref: (x) => 1 / (1 + Math.exp(-x)), inputs: sample(-700, 700, 21, [-30, 30, 1e-9]), rtol: 4e-15 },
  { name: 'floor', op: floor, ref: Math.floor, inputs: sample(-10, 10, 22, [-0.5, 2.5, 1e300, -4503599627370495.5]), rtol: 0 },
  { name: 'ceil', op: ceil, ref: Math.ceil, inputs: sample(-10, 10, 23, [-0.5, 2.5, 1e300, 4503599627370495.5]), rtol: 0 },
  { name: 'round', op: round, ref: roundHalfEvenRef, inputs: sample(-10, 10, 24, [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 1e300]), rtol: 0 },
  { name: 'logicalNot', op: logicalNot, ref: (x) => (x === 0 ? 1 : 0), inputs: sample(-2, 2, 25), rtol: 0 },
  { name: 'isNan', op: isNan, ref: (x) => (Number.isNaN(x) ? 1 : 0), inputs: sample(-2, 2, 26), rtol: 0 },
  { name: 'isFinite', op: isFinite, ref: (x) => (Number.isFinite(x) ? 1 : 0), inputs: sample(-1e308, 1e308, 27), rtol: 0 },
  // log2 and log10 are log(x) / ln(b): a couple of ulps from Math's correctly handled ones.
  { name: 'log2', op: log2, ref: Math.log2, inputs: sample(1e-300, 1e300, 28, [3, 0.3, 7]), rtol: 1e-15 },
  { name: 'log10', op: log10, ref: Math.log10, inputs: sample(1e-300, 1e300, 29, [3, 0.3, 7, 1000]), rtol: 1e-15 },
];

for (const c of UNARY_CASES) {
  test(`${c.name}: float64 values match the reference`, () => {
    const y = c.op(tensor(c.inputs));
    assertShape(y, [c.inputs.length]);
    assertClose(y, c.inputs.map(c.ref), { rtol: c.rtol, message: c.name });
  });
}

test('erf: hand values and the Maclaurin series', () => {
  const x = [0, 0.5, 1, 2, 3, -0.5, -2, 6, Infinity, -Infinity, NaN];
  const expected = [0, 0.5204998778130465, 0.8427007929497149, 0.9953222650189527, 0.9999779095030014, -0.5204998778130465, -0.9953222650189527, 1, 1, -1, NaN];
  assertClose(erf(tensor(x)), expected, { rtol: 1e-15 });
  const xs = randomArray(60, { seed: 30, lo: -2.5, hi: 2.5 });
  assertClose(erf(tensor(xs)), xs.map(erfSeries), { rtol: 1e-13, atol: 1e-16 });
});

test('round: halves go to the even neighbour (as NumPy)', () => {
  const x = [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.49999999999999994, 4503599627370495.5, 2.4, 2.6, -2.6];
  assertEqualValues(round(tensor(x)), [0, 2, 2, 4, 0, -2, -2, 0, 4503599627370496, 2, 3, -3]);
});

test('sign and relu keep NaN and the sign of zero', () => {
  assertEqualValues(sign(tensor([-0, 0, NaN, -3, 2])), [-0, 0, NaN, -1, 1], { signedZeros: true });
  assertEqualValues(relu(tensor([NaN, -1, 0, 2])), [NaN, 0, 0, 2]);
});

test('clip: bounds, omitted bounds, broadcasting bounds', () => {
  const x = tensor([-3, -1, 0, 0.5, 2, 7, NaN]);
  assertEqualValues(clip(x, -1, 2), [-1, -1, 0, 0.5, 2, 2, NaN]);
  assertEqualValues(clip(x, null, 0), [-3, -1, 0, 0, 0, 0, NaN]);
  assertEqualValues(clip(x, 0, null), [0, 0, 0, 0.5, 2, 7, NaN]);
  assertEqualValues(clip(x, null, null), flatten(x));
  const m = tensor([[1, 5, 9], [-4, 0, 4]]);
  assertEqualValues(clip(m, tensor([[0], [-1]]), tensor([2, 3, 8])), [[1, 3, 8], [-1, 0, 4]]);
});

test('unary ops on float32 inputs stay float32; sqrt, neg, abs, square are correctly rounded', () => {
  const xs = randomArray(50, { seed: 31, lo: 0, hi: 100 }).map(Math.fround);
  const x = tensor(xs, { dtype: 'float32' });
  for (const [op, ref] of [[sqrt, Math.sqrt], [neg, (v: number) => -v], [abs, Math.abs], [square, (v: number) => v * v]] as const) {
    const y = op(x);
    assertDType(y, 'float32');
    assertEqualValues(y, xs.map((v) => Math.fround(ref(v))));
  }
  for (const [op, ref] of [[exp, Math.exp], [sin, Math.sin], [log, Math.log], [tanh, Math.tanh]] as const) {
    const y = op(x);
    assertDType(y, 'float32');
    assertClose(y, xs.map((v) => Math.fround(ref(v))), { rtol: 1.2e-7 });
  }
});

test('unary output dtypes: float ops widen integers to float64, same-type ops make bool int32', () => {
  const i = tensor([1, -2, 3], { dtype: 'int32' });
  const b = tensor([true, false, true]);
  const f32 = tensor([1, 2], { dtype: 'float32' });
  for (const op of [exp, log, sqrt, sin, sigmoid, erf, reciprocal, tanh, log2]) {
    assertDType(op(i), 'float64');
    assertDType(op(b), 'float64');
    assertDType(op(f32), 'float32');
  }
  for (const op of [neg, abs, sign, square, relu, floor, ceil, round]) {
    assertDType(op(i), 'int32');
    assertDType(op(b), 'int32');
    assertDType(op(f32), 'float32');
  }
  assertEqualValues(neg(b), [-1, 0, -1]);
  assertClose(exp(i), [Math.exp(1), Math.exp(-2), Math.exp(3)], { rtol: FLOAT_TOL, message: 'exp of int32' });
  for (const op of [logicalNot, isNan, isFinite]) {
    assertDType(op(i), 'bool');
    assertDType(op(f32), 'bool');
  }
  assertEqualValues(isFinite(i), [1, 1, 1]);
  assertEqualValues(isNan(b), [0, 0, 0]);
});

test('int32 wrapping: add, sub, mul, square and neg use 32-bit two\'s-complement semantics', () => {
  const I = (v: number[]) => tensor(v, { dtype: 'int32' });
  const max = 2147483647;
  const min = -2147483648;
  assertEqualValues(add(I([max, min]), I([1, -1])), [min, max]);
  assertEqualValues(sub(I([min, max]), I([1, -1])), [max, min]);
  const a = [max, 65536, 123456789, -987654321, 46341, min];
  const b = [max, 65536, 987654321, 123456789, 46341, -1];
  const prod = mul(I(a), I(b));
  assertDType(prod, 'int32');
  assertEqualValues(prod, a.map((v, k) => Math.imul(v, b[k]!)));
  assertEqualValues(square(I(a)), a.map((v) => Math.imul(v, v)), { message: 'square agrees with mul(x, x)' });
  assertEqualValues(square(I(a)), mul(I(a), I(a)));
  assertEqualValues(neg(I([min, 5])), [min, -5]);
  assertEqualValues(mul(I([max]), 2), [-2]);
});

test('bool operands of arithmetic promote to int32', () => {
  const t = tensor([true, true, false]);
  const f = tensor([true, false, false]);
  for (const [op, expected] of [[add, [2, 1, 0]], [sub, [0, 1, 0]], [mul, [1, 0, 0]], [maximum, [1, 1, 0]], [minimum, [1, 0, 0]]] as const) {
    const y = op(t, f);
    assertDType(y, 'int32');
    assertEqualValues(y, expected);
  }
  assertDType(div(t, tensor([true, true, true])), 'float64');
  assertEqualValues(div(t, tensor([true, true, true])), [1, 1, 0]);
  assertEqualValues(add(t, 1), [2, 2, 1]);
  assertDType(add(t, 1), 'int32');
});

// ---------------------------------------------------------------------------------------
// Binary forward values

/** JS semantics of the comparisons and logical ops, as 0/1. */
const B = (v: boolean): number => (v ? 1 : 0);
const truthy = (v: number): boolean => v !== 0;

interface BinaryCase {
  name: string;
  op: Op2;
  ref: (a: number, b: number) => number;
  rtol: number;
  positiveBase?: boolean;
}

const BINARY_CASES: BinaryCase[] = [
  { name: 'add', op: add, ref: (a, b) => a + b, rtol: 0 },
  { name: 'sub', op: sub, ref: (a, b) => a - b, rtol: 0 },
  { name: 'mul', op: mul, ref: (a, b) => a * b, rtol: 0 },
  { name: 'div', op: div, ref: (a, b) => a / b, rtol: 0 },
  // C99 and NumPy (unlike JS) define 1 ** y = 1 for every y, NaN included.
  { name: 'pow', op: pow, ref: (a, b) => (a === 1 ? 1 : Math.pow(a, b)), rtol: FLOAT_TOL, positiveBase: true },
  { name: 'maximum', op: maximum, ref: Math.max, rtol: 0 },
  { name: 'minimum', op: minimum, ref: Math.min, rtol: 0 },
  { name: 'atan2', op: atan2, ref: Math.atan2, rtol: FLOAT_TOL },
  { name: 'equal', op: equal, ref: (a, b) => B(a === b), rtol: 0 },
  { name: 'notEqual', op: notEqual, ref: (a, b) => B(a !== b), rtol: 0 },
  { name: 'less', op: less, ref: (a, b) => B(a < b), rtol: 0 },
  { name: 'lessEqual', op: lessEqual, ref: (a, b) => B(a <= b), rtol: 0 },
  { name: 'greater', op: greater, ref: (a, b) => B(a > b), rtol: 0 },
  { name: 'greaterEqual', op: greaterEqual, ref: (a, b) => B(a >= b), rtol: 0 },
  { name: 'logicalAnd', op: logicalAnd, ref: (a, b) => B(truthy(a) && truthy(b)), rtol: 0 },
  { name: 'logicalOr', op: logicalOr, ref: (a, b) => B(truthy(a) || truthy(b)), rtol: 0 },
  { name: 'logicalXor', op: logicalXor, ref: (a, b) => B(truthy(a) !== truthy(b)), rtol: 0 },
];

/** Pairs: random values (with repeats so comparisons see equality) and every pairing of the specials. */
function pairs(seed: number, positiveBase: boolean): [number[], number[]] {
  const a = randomArray(60, { seed, lo: positiveBase ? 0 : -10, hi: 10 });
  const b = randomArray(60, { seed: seed + 100, lo: -10, hi: 10 });
  for (let k = 0; k < 10; k++) b[k] = a[k]!;
  const specials = [...SPECIALS, 1, -1, 2.5];
  for (const x of specials) {
    for (const y of specials) {
      if (positiveBase && x < 0) continue;
      a.push(x);
      b.push(y);
    }
  }
  return [a, b];
}

for (const c of BINARY_CASES) {
  test(`${c.name}: float64 values match the reference`, () => {
    const [a, b] = pairs(40 + c.name.length, c.positiveBase ?? false);
    const y = c.op(tensor(a), tensor(b));
    assertClose(y, a.map((v, k) => c.ref(v, b[k]!)), { rtol: c.rtol, message: c.name });
  });
}

test('pow: negative bases, integer exponents and the C99/NumPy special cases', () => {
  const a = [-2, -2, -8, 0, -0, 0, 1, 1, -1, NaN, 2, Infinity, -Infinity, 0.5, 4];
  const b = [3, -2, 1 / 3, 0, -1, -1, NaN, Infinity, Infinity, 0, 1024, -1, 3, -Infinity, 0.5];
  assertEqualValues(pow(tensor(a), tensor(b)), [-8, 0.25, NaN, 1, -Infinity, Infinity, 1, 1, 1, 1, Infinity, 0, -Infinity, Infinity, 2]);
});

test('atan2: quadrants and signed zeros', () => {
  const y = [0, -0, 0, -0, 1, 1, -1, -1, 1, -1, Infinity, Infinity];
  const x = [0, 0, -0, -0, 1, -1, 1, -1, 0, 0, Infinity, -Infinity];
  const r = atan2(tensor(y), tensor(x));
  assertClose(r, y.map((v, k) => Math.atan2(v, x[k]!)), { rtol: FLOAT_TOL, signedZeros: true });
  assertClose(slice(r, [2, 4]), [Math.PI, -Math.PI], { rtol: 0 });
});

test('mod: floor modulo with the sign of the divisor (as NumPy)', () => {
  const a = [-7, 7, -7, 7, 5.5, -5.5, 5.5, -5.5, 6, -6, 0, 0.75, -0.75, 1e-20];
  const b = [3, -3, -3, 3, 2, 2, -2, -2, 3, 3, 3, 0.5, 0.5, 1];
  const expected = [2, -2, -1, 1, 1.5, 0.5, -0.5, -1.5, 0, 0, 0, 0.25, 0.25, 1e-20];
  assertEqualValues(mod(tensor(a), tensor(b)), expected);
  // -1e-20 mod 1 is 1 - 1e-20, which rounds to 1.
  assertEqualValues(mod(tensor([-1e-20, 5, 5, NaN]), tensor([1, 0, Infinity, 1])), [1, NaN, 5, NaN]);
  const I = (v: number[]) => tensor(v, { dtype: 'int32' });
  const yi = mod(I([-7, 7, -7, 7, 9, -9, 0]), I([3, -3, -3, 3, 4, 4, 5]));
  assertDType(yi, 'int32');
  assertEqualValues(yi, [2, -2, -1, 1, 1, 3, 0]);
  // Random floats: the result lies in [0, b) (or (b, 0]) and a - r is a multiple of b.
  const ra = randomArray(100, { seed: 50, lo: -100, hi: 100 });
  const rb = randomArray(100, { seed: 51, lo: -10, hi: 10 });
  const r = flatten(mod(tensor(ra), tensor(rb)));
  r.forEach((v, k) => {
    const d = rb[k]!;
    assert.ok(d > 0 ? v >= 0 && v < d : v <= 0 && v > d, `mod(${ra[k]}, ${d}) = ${v} has the sign of the divisor`);
    const q = (ra[k]! - v) / d;
    assert.ok(Math.abs(q - Math.round(q)) < 1e-9, `mod(${ra[k]}, ${d}): quotient ${q} is an integer`);
  });
});

test('maximum and minimum propagate NaN from either side', () => {
  const a = tensor([NaN, 1, NaN, 2, -Infinity]);
  const b = tensor([1, NaN, NaN, 3, NaN]);
  assertEqualValues(maximum(a, b), [NaN, NaN, NaN, 3, NaN]);
  assertEqualValues(minimum(a, b), [NaN, NaN, NaN, 2, NaN]);
  assertEqualValues(clip(tensor([NaN]), 0, 1), [NaN]);
});

test('comparisons and logical ops give bool, treating NaN as unequal and truthy', () => {
  const a = tensor([NaN, 0, 1, -0]);
  const b = tensor([NaN, -0, 0, 2]);
  for (const op of [equal, notEqual, less, lessEqual, greater, greaterEqual, logicalAnd, logicalOr, logicalXor]) assertDType(op(a, b), 'bool');
  assertEqualValues(equal(a, b), [0, 1, 0, 0]);
  assertEqualValues(notEqual(a, b), [1, 0, 1, 1]);
  assertEqualValues(logicalAnd(a, b), [1, 0, 0, 0]);
  assertEqualValues(logicalOr(a, b), [1, 0, 1, 1]);
  assertEqualValues(logicalXor(a, b), [0, 0, 1, 1]);
  const i = tensor([1, 2, 3], { dtype: 'int32' });
  assertEqualValues(less(i, 2.5), [1, 1, 0]);
  assertEqualValues(equal(tensor([true, false]), tensor([1, 0], { dtype: 'int32' })), [1, 1]);
});

test('float32 + - * / are Math.fround of the float64 result', () => {
  const a = randomArray(200, { seed: 60, lo: -1e3, hi: 1e3 }).map(Math.fround);
  const b = randomArray(200, { seed: 61, lo: -1e3, hi: 1e3 }).map(Math.fround);
  const ta = tensor(a, { dtype: 'float32' });
  const tb = tensor(b, { dtype: 'float32' });
  const refs: [Op2, (x: number, y: number) => number][] = [
    [add, (x, y) => x + y], [sub, (x, y) => x - y], [mul, (x, y) => x * y], [div, (x, y) => x / y],
  ];
  for (const [op, ref] of refs) {
    const y = op(ta, tb);
    assertDType(y, 'float32');
    assertEqualValues(y, a.map((x, k) => Math.fround(ref(x, b[k]!))));
  }
});

// ---------------------------------------------------------------------------------------
// dtypes: promotion and weak typing

/** The promotion lattice bool < int32 < float32 < float64, written out. */
type RealDType = 'bool' | 'int32' | 'float32' | 'float64';
const RANK: Record<RealDType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };
const promoteRef = (a: RealDType, b: RealDType): DType => (RANK[a] >= RANK[b] ? a : b);
const REAL_DTYPES = DTYPES.filter((d): d is RealDType => d in RANK);

test('binary dtype promotion over every pair of real dtypes', () => {
  for (const da of REAL_DTYPES) {
    for (const db of REAL_DTYPES) {
      const a = tensor([1, 0], { dtype: da });
      const b = tensor([1, 1], { dtype: db });
      const p = promoteRef(da, db);
      const arith = p === 'bool' ? 'int32' : p;
      const float = p === 'float32' ? 'float32' : 'float64';
      for (const op of [add, sub, mul, maximum, minimum, pow, mod]) assertDType(op(a, b), arith, `${da} with ${db}`);
      for (const op of [div, atan2]) assertDType(op(a, b), float, `${da} / ${db}`);
      for (const op of [equal, less, greaterEqual, logicalAnd, logicalXor]) assertDType(op(a, b), 'bool', `${da} vs ${db}`);
      assertDType(where(tensor([true, false]), a, b), p, `where of ${da} and ${db}`);
    }
  }
});

test('weak typing: JS numbers take the dtype of the tensor they meet', () => {
  const f32 = tensor([1.5, 2.5], { dtype: 'float32' });
  const i32 = tensor([1, 2], { dtype: 'int32' });
  const b = tensor([true, false]);
  assertDType(mul(f32, 2), 'float32');
  assertDType(mul(2, f32), 'float32');
  assertDType(add(f32, 0.1), 'float32');
  assertEqualValues(add(f32, 0.1), [Math.fround(1.5 + Math.fround(0.1)), Math.fround(2.5 + Math.fround(0.1))]);
  assertDType(add(i32, 1), 'int32');
  assertDType(add(i32, 1.5), 'float64');
  assertEqualValues(add(i32, 1.5), [2.5, 3.5]);
  assertDType(sub(1.5, i32), 'float64');
  assertDType(mul(b, 3), 'int32');
  assertDType(mul(b, 0.5), 'float64');
  assertDType(add(2, 3), 'float64');
  assertShape(add(2, 3), []);
  assertDType(where(tensor([true, false]), f32, 0), 'float32');
  assertDType(where(tensor([true, false]), i32, 0.5), 'float64');
  // Tensors are not weak: a float64 scalar tensor widens float32.
  assertDType(mul(f32, scalar(2)), 'float64');
  assertDType(add(f32, tensor([1], { dtype: 'int32' })), 'float32');
});

// ---------------------------------------------------------------------------------------
// Broadcasting, scalars and strided inputs

const SHAPE_PAIRS: [number[], number[]][] = [
  [[], []], [[], [3]], [[2, 3], []], [[3], [2, 3]], [[2, 1], [1, 3]], [[2, 3], [2, 1]], [[4, 1, 3], [2, 1]],
  [[1], [5]], [[2, 1, 4], [3, 1]], [[1, 1, 1], [2, 3]], [[5, 4, 3], [5, 4, 3]],
  [[0], [1]], [[0], []], [[2, 0], [1]], [[2, 0], [2, 1]], [[2, 1], [1, 0]], [[0, 3], [3]], [[1, 0], [3, 1]], [[0], [0]],
];

test('broadcasting over many shape pairs (size-0 axes included) matches an index-mapping reference', () => {
  let seed = 70;
  for (const [sa, sb] of SHAPE_PAIRS) {
    const a = randomTensor(sa, { seed: seed++ });
    const b = randomTensor(sb, { seed: seed++ });
    const out = broadcastShapesRef(sa, sb)!;
    const av = flatten(a);
    const bv = flatten(b);
    for (const [op, ref] of [[add, (x: number, y: number) => x + y], [mul, (x: number, y: number) => x * y], [greater, (x: number, y: number) => B(x > y)]] as const) {
      for (const [x, y, sx, sy, xv, yv] of [[a, b, sa, sb, av, bv], [b, a, sb, sa, bv, av]] as const) {
        const r = op(x, y);
        assertShape(r, out, `${op.name} [${sx}] with [${sy}]`);
        const expected: number[] = [];
        forEachIndex(out, (idx) => expected.push(ref(xv[broadcastIndex(idx, sx)]!, yv[broadcastIndex(idx, sy)]!)));
        assertEqualValues(r, expected, { message: `[${sx}] with [${sy}]` });
      }
    }
  }
});

test('non-broadcastable shapes throw ShapeError naming the op and both shapes', () => {
  for (const [sa, sb] of [[[2, 3], [3, 2]], [[0], [2]], [[2, 0], [2, 3]], [[4], [5]], [[2, 3, 4], [3, 1, 4]]] as [number[], number[]][]) {
    assert.is(broadcastShapesRef(sa, sb), undefined);
    for (const [name, op] of [['add', add], ['mul', mul], ['equal', equal], ['logicalOr', logicalOr], ['atan2', atan2], ['mod', mod]] as const) {
      assertThrowsTyped(() => op(zeros(sa), zeros(sb)), ShapeError, { fn: name, includes: [`[${sa}]`, `[${sb}]`] });
    }
  }
  assertThrowsTyped(() => where(zeros([2]), zeros([3]), 0), ShapeError, { fn: 'where' });
  assertThrowsTyped(() => clip(zeros([2]), zeros([3]), null), ShapeError);
});

test('rank-0 tensors: unary, binary, with vectors and with numbers', () => {
  const s = scalar(2);
  assertShape(exp(s), []);
  assertClose(exp(s), Math.exp(2), { rtol: FLOAT_TOL });
  assertShape(mul(s, scalar(3)), []);
  assertEqualValues(mul(s, scalar(3)), 6);
  assertShape(sub(s, 0.5), []);
  assertEqualValues(sub(tensor([1, 2, 3]), s), [-1, 0, 1]);
  assertShape(add(s, zeros([0])), [0]);
  assertEqualValues(where(scalar(true), s, tensor([7, 8])), [2, 2]);
  assertEqualValues(pow(s, tensor([[0], [3]])), [[1], [8]]);
});

test('strided inputs: transposed, sliced (reversed, stepped) and broadcast views', () => {
  const base = randomTensor([4, 6], { seed: 80, lo: 0.1, hi: 2 });
  const bv = flatten(base);
  const at = (i: number, j: number) => bv[i * 6 + j]!;
  const views: { name: string; t: Tensor; get: (i: number, j: number) => number; shape: [number, number] }[] = [
    { name: 'transpose', t: transpose(base), get: (i, j) => at(j, i), shape: [6, 4] },
    { name: 'reversed rows, stepped columns', t: slice(base, [null, null, -1], [1, null, 2]), get: (i, j) => at(3 - i, 1 + 2 * j), shape: [4, 3] },
    { name: 'inner block', t: slice(base, [1, 3], [2, 5]), get: (i, j) => at(1 + i, 2 + j), shape: [2, 3] },
    { name: 'broadcast row', t: broadcastTo(slice(base, 2), [3, 6]), get: (_i, j) => at(2, j), shape: [3, 6] },
    { name: 'broadcast column', t: broadcastTo(slice(base, null, [0, 1]), [4, 5]), get: (i) => at(i, 0), shape: [4, 5] },
  ];
  for (const v of views) {
    assertShape(v.t, v.shape, v.name);
    const ref: number[] = [];
    forEachIndex(v.shape, ([i, j]) => ref.push(v.get(i!, j!)));
    assertEqualValues(v.t, ref, { message: v.name });
    assertClose(log(v.t), ref.map(Math.log), { rtol: FLOAT_TOL, message: `log of ${v.name}` });
    assertEqualValues(neg(v.t), ref.map((x) => -x), { message: `neg of ${v.name}` });
    assertEqualValues(square(v.t), ref.map((x) => x * x), { message: `square of ${v.name}` });
    assertEqualValues(mul(v.t, v.t), ref.map((x) => x * x), { message: `mul of ${v.name} with itself` });
    assertEqualValues(cast(v.t, 'float32'), ref.map(Math.fround), { message: `cast of ${v.name}` });
    const dense = tensor(ref, { shape: v.shape });
    assertEqualValues(sub(v.t, dense), ref.map(() => 0), { message: `${v.name} minus its dense copy` });
    assertEqualValues(where(greater(v.t, 1), v.t, dense), ref, { message: `where on ${v.name}` });
  }
  // Two different strided views together, broadcasting against each other.
  const t1 = transpose(slice(base, [0, 3]));            // [6, 3]
  const t2 = slice(base, 1, [null, null, -2]);          // [3]
  const expected: number[] = [];
  forEachIndex([6, 3], ([i, j]) => expected.push(at(j!, i!) / at(1, 5 - 2 * j!)));
  assertEqualValues(div(t1, t2), expected);
});

// ---------------------------------------------------------------------------------------
// where and cast

test('where: broadcasting, non-bool conditions, dtypes', () => {
  const c = tensor([[true], [false]]);
  assertEqualValues(where(c, tensor([1, 2, 3]), tensor([[10], [20]])), [[1, 2, 3], [20, 20, 20]]);
  assertEqualValues(where(tensor([0, 2, NaN, -0]), 1, 0), [0, 1, 1, 0]);
  assertEqualValues(where(tensor([1, 0], { dtype: 'int32' }), tensor([5, 6], { dtype: 'int32' }), 7), [5, 7]);
  assertDType(where(tensor([1, 0], { dtype: 'int32' }), tensor([5, 6], { dtype: 'int32' }), 7), 'int32');
  assertDType(where(tensor([true]), tensor([true]), tensor([false])), 'bool');
  assertShape(where(zeros([0, 1]), zeros([3]), 1), [0, 3]);
});

test('cast: truncation toward zero, bool tests non-zero, float32 rounding', () => {
  const x = tensor([-1.7, 1.7, -0.5, 2.5, 0, 1e9, -2147483648]);
  assertEqualValues(cast(x, 'int32'), [-1, 1, 0, 2, 0, 1e9, -2147483648]);
  assertDType(cast(x, 'int32'), 'int32');
  assertEqualValues(cast(tensor([0, -0, NaN, 0.1, -3, Infinity]), 'bool'), [0, 0, 1, 1, 1, 1]);
  assertEqualValues(cast(tensor([0, 7, -1], { dtype: 'int32' }), 'bool'), [0, 1, 1]);
  assertEqualValues(cast(tensor([true, false]), 'float64'), [1, 0]);
  assertEqualValues(cast(tensor([true, false]), 'int32'), [1, 0]);
  const v = [0.1, 1 / 3, 1e-40, 3.4e38, 1e39, -2.5];
  const f32 = cast(tensor(v), 'float32');
  assertEqualValues(f32, v.map(Math.fround));
  assertEqualValues(cast(f32, 'float64'), v.map(Math.fround));
  assertEqualValues(cast(tensor([7, -3], { dtype: 'int32' }), 'float32'), [7, -3]);
  const same = tensor([1, 2]);
  assert.is(cast(same, 'float64'), same, 'a cast to the same dtype returns the tensor');
  assertThrowsTyped(() => cast(same, 'float16' as DType), DTypeError, { fn: 'cast', arg: 'dtype' });
});

// ---------------------------------------------------------------------------------------
// Gradients

const UNARY_GRADS: [string, Op1, number, number][] = [
  ['neg', neg, -2, 2], ['abs', abs, 0.2, 2], ['square', square, -2, 2], ['reciprocal', reciprocal, 0.5, 2],
  ['relu', relu, 0.1, 2], ['exp', exp, -2, 2], ['expm1', expm1, -2, 2], ['log', log, 0.2, 3], ['log1p', log1p, -0.5, 2],
  ['sqrt', sqrt, 0.2, 3], ['sin', sin, -3, 3], ['cos', cos, -3, 3], ['tan', tan, -1.2, 1.2], ['asin', asin, -0.9, 0.9],
  ['acos', acos, -0.9, 0.9], ['atan', atan, -3, 3], ['sinh', sinh, -2, 2], ['cosh', cosh, -2, 2], ['tanh', tanh, -2, 2],
  ['sigmoid', sigmoid, -4, 4], ['erf', erf, -2, 2], ['log2', log2, 0.2, 3], ['log10', log10, 0.2, 3],
];

for (const [name, op, lo, hi] of UNARY_GRADS) {
  test(`gradcheck ${name}`, () => {
    checkGrad((x) => op(x), [randomTensor([2, 3], { seed: name.length * 7 + lo, lo, hi })]);
  });
}

test('gradcheck abs and relu on negative inputs; sign, floor, ceil, round have zero gradient', () => {
  const x = tensor([-1.7, -0.3, 0.4, 2.2]);
  checkGrad((t) => abs(t), [x]);
  checkGrad((t) => relu(t), [x]);
  for (const op of [sign, floor, ceil, round]) {
    checkGrad((t) => op(t), [x]);
    assertEqualValues(grad((t: Tensor) => sum(op(t)))(x), [0, 0, 0, 0]);
  }
  assertEqualValues(grad((t: Tensor) => sum(abs(t)))(x), [-1, -1, 1, 1]);
  assertEqualValues(grad((t: Tensor) => sum(relu(t)))(x), [0, 0, 1, 1]);
});

const BROADCAST_PAIRS: [number[], number[]][] = [[[2, 3], [2, 3]], [[2, 3], [3]], [[2, 1], [1, 3]], [[], [2, 3]], [[3, 1, 2], [4, 1]]];

const BINARY_GRADS: [string, Op2, [number, number], [number, number]][] = [
  ['add', add, [-2, 2], [-2, 2]],
  ['sub', sub, [-2, 2], [-2, 2]],
  ['mul', mul, [-2, 2], [-2, 2]],
  ['div', div, [-2, 2], [0.5, 2]],
  ['pow', pow, [0.5, 2], [-1.5, 2.5]],
  ['atan2', atan2, [-2, 2], [0.3, 2]],
  ['mod', mod, [0.1, 0.9], [1.2, 2]],
];

for (const [name, op, ra, rb] of BINARY_GRADS) {
  test(`gradcheck ${name} with broadcasting (gradients summed over broadcast axes)`, () => {
    let seed = 90 + name.length;
    for (const [sa, sb] of BROADCAST_PAIRS) {
      const a = randomTensor(sa, { seed: seed++, lo: ra[0], hi: ra[1] });
      const b = randomTensor(sb, { seed: seed++, lo: rb[0], hi: rb[1] });
      checkGrad((x, y) => op(x!, y!), [a, b]);
      // The same shapes the other way round.
      const a2 = randomTensor(sb, { seed: seed++, lo: ra[0], hi: ra[1] });
      const b2 = randomTensor(sa, { seed: seed++, lo: rb[0], hi: rb[1] });
      checkGrad((x, y) => op(x!, y!), [a2, b2]);
    }
  });
}

test('gradcheck maximum and minimum away from ties, with broadcasting', () => {
  let seed = 110;
  for (const [sa, sb] of BROADCAST_PAIRS) {
    const a = randomTensor(sa, { seed: seed++, lo: -2, hi: 2 });
    const b = randomTensor(sb, { seed: seed++, lo: -2, hi: 2 });
    checkGrad((x, y) => maximum(x!, y!), [a, b]);
    checkGrad((x, y) => minimum(x!, y!), [a, b]);
  }
});

test('maximum/minimum ties share the gradient equally; clip at a bound gives half', () => {
  const a = tensor([1, 2, 3]);
  const b = tensor([1, 5, 0]);
  const [ga, gb] = grad((x: Tensor, y: Tensor) => sum(maximum(x, y)), { argnums: [0, 1] })(a, b) as Tensor[];
  assertEqualValues(ga!, [0.5, 0, 1]);
  assertEqualValues(gb!, [0.5, 1, 0]);
  const [ha, hb] = grad((x: Tensor, y: Tensor) => sum(minimum(x, y)), { argnums: [0, 1] })(a, b) as Tensor[];
  assertEqualValues(ha!, [0.5, 1, 0]);
  assertEqualValues(hb!, [0.5, 0, 1]);
  // A broadcast scalar that ties with two elements collects half of each.
  const gs = grad((s: Tensor) => sum(maximum(tensor([2, 2, 1]), s)))(scalar(2));
  assertEqualValues(gs, 2);
  assertEqualValues(grad((x: Tensor) => sum(clip(x, 0, 1)))(tensor([0, 0.5, 1, 2, -1])), [0.5, 1, 0.5, 0, 0]);
});

test('gradcheck clip away from the bounds, with tensor bounds', () => {
  const x = tensor([-2.1, -0.4, 0.3, 0.9, 1.7, 3.2]);
  checkGrad((t) => clip(t, -1, 1.5), [x]);
  checkGrad((t) => clip(t, null, 0.5), [x]);
  checkGrad((t, lo, hi) => clip(t!, lo!, hi!), [x, tensor([-1, -0.5, 0, 0, 0, 0]), tensor([2])]);
});

test('gradcheck where with broadcasting and a bool condition input', () => {
  const c = tensor([[true, false, true], [false, false, true]]);
  checkGrad((cc, a, b) => where(cc!, a!, b!), [c, randomTensor([2, 3], { seed: 120 }), randomTensor([3], { seed: 121 })]);
  checkGrad((cc, a, b) => where(cc!, a!, b!), [c, randomTensor([2, 1], { seed: 122 }), randomTensor([], { seed: 123 })]);
  checkGrad((a) => where(greater(a, 0), square(a), mul(a, -3)), [tensor([-1.5, -0.2, 0.3, 2])]);
  const [ga, gb] = grad((a: Tensor, b: Tensor) => sum(where(c, a, b)), { argnums: [0, 1] })(zeros([3]), zeros([2, 1])) as Tensor[];
  assertEqualValues(ga!, [1, 0, 2]);
  assertEqualValues(gb!, [[1], [2]]);
});

test('cast gradients: float32 <-> float64 pass the cotangent through, converting it; to int none flows', () => {
  // Through a float32 round trip, with a step that float32 resolves exactly.
  checkGrad((x) => mul(cast(cast(x, 'float32'), 'float64'), 3), [tensor([0.5, -1.25, 2])], { eps: 2 ** -10 });
  const x64 = tensor([0.5, -1.25, 2]);
  const w32 = tensor([0.1, 0.2, 0.3], { dtype: 'float32' });
  const g64 = grad((x: Tensor) => sum(mul(cast(x, 'float32'), w32)))(x64);
  assertDType(g64, 'float64');
  assertEqualValues(g64, [0.1, 0.2, 0.3].map(Math.fround));
  const x32 = tensor([1, 2], { dtype: 'float32' });
  const g32 = grad((x: Tensor) => sum(mul(cast(x, 'float64'), tensor([0.1, 0.7]))))(x32);
  assertDType(g32, 'float32');
  assertEqualValues(g32, [0.1, 0.7].map(Math.fround));
  assertEqualValues(grad((x: Tensor) => sum(add(cast(cast(x, 'int32'), 'float64'), x)))(tensor([1.5, 2.5])), [1, 1]);
});

test('gradients of integer inputs are not propagated; float inputs mixed with ints are', () => {
  const i = tensor([1, 2, 3], { dtype: 'int32' });
  const g = grad((x: Tensor) => sum(mul(x, i)))(tensor([0.5, 0.5, 0.5]));
  assertEqualValues(g, [1, 2, 3]);
  checkGrad((x) => pow(x, i), [tensor([0.7, 1.3, -1.1])]);
  checkGrad((x) => pow(i, x), [tensor([0.7, 1.3, -1.1])]);
});

test('pow gradient: finite at base 0 for the exponent; d/da a^b at negative bases with integer b', () => {
  const [ga, gb] = grad((a: Tensor, b: Tensor) => sum(pow(a, b)), { argnums: [0, 1] })(tensor([0, 0, -2]), tensor([2, 3, 3])) as Tensor[];
  assertEqualValues(ga!, [0, 0, 12]);
  assert.ok(Number.isFinite(flatten(gb!)[0]!) && Number.isFinite(flatten(gb!)[1]!), `exponent gradient at base 0 is finite: ${flatten(gb!)}`);
  assertEqualValues(slice(gb!, [0, 2]), [0, 0]);
});

// ---------------------------------------------------------------------------------------
// Second derivatives

test('second derivatives by grad(grad(f)) match the analytic ones', () => {
  const points = [-1.3, -0.4, 0.2, 0.9, 1.7];
  const cases: [string, Op1, (x: number) => number][] = [
    ['sin', sin, (x) => -Math.sin(x)],
    ['exp', exp, Math.exp],
    ['tanh', tanh, (x) => -2 * Math.tanh(x) * (1 - Math.tanh(x) ** 2)],
    ['sigmoid', sigmoid, (x) => { const s = 1 / (1 + Math.exp(-x)); return s * (1 - s) * (1 - 2 * s); }],
    ['cube via pow', (t) => pow(t, 3), (x) => 6 * x],
    ['log via cos', (t) => log(add(cos(t), 2)), (x) => -(2 * Math.cos(x) + 1) / (Math.cos(x) + 2) ** 2],
  ];
  for (const [name, f, d2] of cases) {
    const g2 = grad(grad((x: Tensor) => f(x)));
    for (const p of points) {
      const v = g2(scalar(p)) as Tensor;
      assertShape(v, []);
      assertClose(v, d2(p), { rtol: 1e-12, atol: 1e-14, message: `${name}'' at ${p}` });
    }
  }
  // Second derivative of a^b with respect to the exponent: a^b log(a)^2.
  const gbb = grad(grad((b: Tensor) => pow(1.7, b)));
  assertClose(gbb(scalar(0.8)) as Tensor, Math.pow(1.7, 0.8) * Math.log(1.7) ** 2, { rtol: 1e-12 });
  // Mixed partial d2/da db of a^b = a^(b-1) (1 + b log a).
  const gab = grad((a: Tensor) => grad((b: Tensor) => pow(a, b))(scalar(2.5)));
  assertClose(gab(scalar(1.3)) as Tensor, Math.pow(1.3, 1.5) * (1 + 2.5 * Math.log(1.3)), { rtol: 1e-12 });
  // Third derivative of sin.
  const g3 = grad(grad(grad((x: Tensor) => sin(x))));
  assertClose(g3(scalar(0.6)) as Tensor, -Math.cos(0.6), { rtol: 1e-12 });
});

// ---------------------------------------------------------------------------------------
// Errors

test('non-tensor arguments throw ArgumentError naming the function and the argument', () => {
  const bad = 'x' as unknown as Tensor;
  assertThrowsTyped(() => exp(bad), ArgumentError, { fn: 'exp', arg: 'x', includes: ['"x"'] });
  assertThrowsTyped(() => logicalNot(bad), ArgumentError, { fn: 'logicalNot', arg: 'x' });
  assertThrowsTyped(() => add(bad, tensor([1])), ArgumentError, { fn: 'add', arg: 'a' });
  assertThrowsTyped(() => add(tensor([1]), bad), ArgumentError, { fn: 'add', arg: 'b' });
  assertThrowsTyped(() => pow(tensor([1]), [2] as unknown as Tensor), ArgumentError, { fn: 'pow', arg: 'b' });
  assertThrowsTyped(() => mod(null as unknown as Tensor, 1), ArgumentError, { fn: 'mod', arg: 'a' });
  assertThrowsTyped(() => where(bad, 1, 2), ArgumentError, { fn: 'where', arg: 'cond' });
  assertThrowsTyped(() => where(tensor([true]), bad, 2), ArgumentError, { fn: 'where', arg: 'a' });
  assertThrowsTyped(() => cast(bad, 'float64'), ArgumentError, { fn: 'cast', arg: 'x' });
  assertThrowsTyped(() => isNan(bad), ArgumentError, { fn: 'isNan' });
  assertThrowsTyped(() => isFinite(bad), ArgumentError, { fn: 'isFinite' });
  assertThrowsTyped(() => clip(bad, 0, 1), ArgumentError, { fn: 'clip', arg: 'x' });
  assertThrowsTyped(() => clip(tensor([1]), bad, 1), ArgumentError, { fn: 'clip', arg: 'lo' });
  assertThrowsTyped(() => clip(tensor([1]), 0, bad), ArgumentError, { fn: 'clip', arg: 'hi' });
  assertThrowsTyped(() => log2(bad), ArgumentError, { fn: 'log2', arg: 'x' });
  assertThrowsTyped(() => log10(bad), ArgumentError, { fn: 'log10', arg: 'x' });
});

test('log2 and log10 are exact at powers of their base; round keeps the sign of zero', () => {
  assert.equal(log2(tensor([1, 2, 1024, 0.125])).toArray(), [0, 1, 10, -3]);
  assert.equal(log10(tensor([1, 10, 1000, 1e-5, 1e22])).toArray(), [0, 1, 3, -5, 22]);
  const r = round(tensor([-0.4, -0.5, 0.4, -1.5])).toTypedArray();
  assert.ok(Object.is(r[0], -0) && Object.is(r[1], -0) && Object.is(r[2], 0) && r[3] === -2);
  const g = gradcheck((x: Tensor) => add(log2(x), log10(x)), [tensor([0.3, 2, 7])]);
  assert.ok(g.ok, g.message);
});

test.run();
