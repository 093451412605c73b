/**
 * Reductions: sum, prod, max, min, mean, variance, std, norm, logsumexp, argmax and
 * argmin over every axis subset of a 3-D tensor (dense and strided), negative axes and
 * keepdims, against naive plain-loop references; NaN and tie semantics; empty axes;
 * dtypes; float64 gradient checks; tie and zero gradients by value; typed errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, AxisError, DTypeError, ShapeError, type Tensor,
  argmax, argmin, grad, gradcheck, logsumexp, max, mean, min, norm, prod, scalar, std, sum, tensor, transpose,
  variance, zeros,
} from '../../src/index.js';
import { checkGrad } from '../helpers/checks.js';
import {
  assertClose, assertDType, assertEqualValues, assertShape, assertThrowsTyped, flatten, randomArray, randomTensor,
  unravel,
} from '../helpers/assert-close.js';

type AxesArg = number | number[] | undefined;

// ---------------------------------------------------------------------------------------
// Naive reference

/** Reduces flat row-major `values` of `shape` over `axes` with plain loops. */
function reduceRef(
  values: readonly number[],
  shape: readonly number[],
  axes: readonly number[],
  init: number,
  step: (acc: number, v: number) => number,
): { kept: number[]; values: number[] } {
  const kept = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const n = kept.reduce((a, b) => a * b, 1);
  const acc = new Array<number>(n).fill(init);
  values.forEach((v, flat) => {
    const idx = unravel(flat, shape);
    let o = 0;
    for (let i = 0; i < shape.length; i++) o = o * kept[i]! + (axes.includes(i) ? 0 : idx[i]!);
    acc[o] = step(acc[o]!, v);
  });
  return { kept, values: acc };
}

/** The axes an `AxesArg` means, sorted and non-negative. */
function axesOf(axis: AxesArg, rank: number): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : axis;
  return list.map((a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b);
}

function outShape(shape: readonly number[], axes: readonly number[], keepdims: boolean): number[] {
  return keepdims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
}

const nanMax = (a: number, v: number): number => (a !== a || v !== v ? NaN : Math.max(a, v));
const nanMin = (a: number, v: number): number => (a !== a || v !== v ? NaN : Math.min(a, v));

/** Reference values of every reduction of `values` (shape `shape`) over `axes`. */
function references(values: readonly number[], shape: readonly number[], axes: readonly number[]) {
  const r = (init: number, step: (a: number, v: number) => number) => reduceRef(values, shape, axes, init, step).values;
  const count = axes.reduce((a, ax) => a * shape[ax]!, 1);
  const sums = r(0, (a, v) => a + v);
  const means = sums.map((s) => s / count);
  // Two-pass variance: the mean of each output position, then the squared deviations.
  const { kept } = reduceRef(values, shape, axes, 0, (a) => a);
  const centered = values.map((v, flat) => {
    const idx = unravel(flat, shape);
    let o = 0;
    for (let i = 0; i < shape.length; i++) o = o * kept[i]! + (axes.includes(i) ? 0 : idx[i]!);
    return v - means[o]!;
  });
  const ss = reduceRef(centered, shape, axes, 0, (a, v) => a + v * v).values;
  const maxes = r(-Infinity, nanMax);
  const lse = reduceRef(values.map((v, flat) => {
    const idx = unravel(flat, shape);
    let o = 0;
    for (let i = 0; i < shape.length; i++) o = o * kept[i]! + (axes.includes(i) ? 0 : idx[i]!);
    return Math.exp(v - maxes[o]!);
  }), shape, axes, 0, (a, v) => a + v).values.map((s, o) => maxes[o]! + Math.log(s));
  return {
    sum: sums,
    prod: r(1, (a, v) => a * v),
    max: maxes,
    min: r(Infinity, nanMin),
    mean: means,
    variance: ss.map((s) => s / count),
    varianceDdof1: ss.map((s) => s / (count - 1)),
    std: ss.map((s) => Math.sqrt(s / count)),
    norm1: r(0, (a, v) => a + Math.abs(v)),
    norm2: r(0, (a, v) => a + v * v).map(Math.sqrt),
    normInf: r(0, (a, v) => Math.max(a, Math.abs(v))),
    normNegInf: r(Infinity, (a, v) => Math.min(a, Math.abs(v))),
    norm3: r(0, (a, v) => a + Math.abs(v) ** 3).map((s) => Math.cbrt(s)),
    logsumexp: lse,
  };
}

/** Every subset of the axes of a rank-3 tensor, given several ways (lists, single numbers, negatives). */
const AXIS_ARGS: AxesArg[] = [
  undefined, [], 0, 1, 2, -1, -3, [0, 1], [0, 2], [1, 2], [2, 0], [-1, -2], [0, -1], [0, 1, 2], [2, 1, 0], [-3, -2, -1],
];

const SHAPE = [2, 3, 4];
const dense = randomTensor(SHAPE, { seed: 1, lo: -2, hi: 2 });
// The same kind of data laid out as a transposed (non-contiguous) view.
const strided = transpose(randomTensor([4, 2, 3], { seed: 2, lo: -2, hi: 2 }), [1, 2, 0]);

for (const [label, x] of [['dense', dense], ['strided', strided]] as const) {
  test(`reductions over every axis subset of a ${label} [2,3,4] tensor match plain loops`, () => {
    assertShape(x, SHAPE);
    assert.is(x.isContiguous, label === 'dense');
    const values = flatten(x);
    for (const axis of AXIS_ARGS) {
      const axes = axesOf(axis, 3);
      const ref = references(values, SHAPE, axes);
      for (const keepdims of [false, true]) {
        const o = { keepdims };
        const shape = outShape(SHAPE, axes, keepdims);
        const msg = (name: string) => `${name} over ${JSON.stringify(axis)} keepdims ${keepdims} (${label})`;
        const cases: [string, Tensor, number[], number][] = [
          ['sum', sum(x, axis, o), ref.sum, 1e-15],
          ['prod', prod(x, axis, o), ref.prod, 1e-14],
          ['max', max(x, axis, o), ref.max, 0],
          ['min', min(x, axis, o), ref.min, 0],
          ['mean', mean(x, axis, o), ref.mean, 1e-14],
          ['variance', variance(x, axis, o), ref.variance, 1e-13],
          ['std', std(x, axis, o), ref.std, 1e-13],
          ['norm 1', norm(x, 1, axis, o), ref.norm1, 1e-15],
          ['norm 2', norm(x, 2, axis, o), ref.norm2, 1e-15],
          ['norm default', norm(x, undefined, axis, o), ref.norm2, 1e-15],
          ['norm Infinity', norm(x, Infinity, axis, o), ref.normInf, 0],
          ['norm -Infinity', norm(x, -Infinity, axis, o), ref.normNegInf, 0],
          ['norm 3', norm(x, 3, axis, o), ref.norm3, 1e-14],
          ['logsumexp', logsumexp(x, axis, o), ref.logsumexp, 1e-14],
        ];
        if (axes.length > 0 && axes.reduce((a, ax) => a * SHAPE[ax]!, 1) > 1) {
          cases.push(['variance ddof 1', variance(x, axis, { keepdims, ddof: 1 }), ref.varianceDdof1, 1e-13]);
        }
        for (const [name, y, expected, rtol] of cases) {
          assertShape(y, shape, msg(name));
          assertDType(y, 'float64', msg(name));
          assertClose(y, expected, { rtol, atol: 1e-15, message: msg(name) });
        }
      }
    }
  });
}

// ---------------------------------------------------------------------------------------
// argmax / argmin

/** First index of the maximum (or minimum) along `axis` with plain loops; the first NaN wins. */
function argRef(values: readonly number[], shape: readonly number[], axis: number, isMax: boolean): number[] {
  const kept = shape.map((d, i) => (i === axis ? 1 : d));
  const n = kept.reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let o = 0; o < n; o++) {
    const idx = unravel(o, kept);
    let best = NaN;
    let bi = -1;
    for (let k = 0; k < shape[axis]!; k++) {
      idx[axis] = k;
      let flat = 0;
      for (let i = 0; i < shape.length; i++) flat = flat * shape[i]! + idx[i]!;
      const v = values[flat]!;
      if (v !== v) { bi = k; break; }
      if (bi < 0 || (isMax ? v > best : v < best)) { best = v; bi = k; }
    }
    out.push(bi);
  }
  return out;
}

test('argmax/argmin along every axis (dense, strided, with ties) match plain loops', () => {
  // Few distinct values, so there are many ties and the first occurrence matters.
  const ties = randomTensor(SHAPE, { seed: 3, lo: 0, hi: 3, integers: true });
  for (const x of [dense, strided, ties]) {
    const values = flatten(x);
    for (const axis of [0, 1, 2, -1, -2, -3]) {
      const a = axis < 0 ? axis + 3 : axis;
      for (const [fn, isMax] of [[argmax, true], [argmin, false]] as const) {
        const r = fn(x, axis);
        assertDType(r, 'int32');
        assertShape(r, SHAPE.filter((_, i) => i !== a));
        assertEqualValues(r, argRef(values, SHAPE, a, isMax));
        const k = fn(x, axis, { keepdims: true });
        assertShape(k, SHAPE.map((d, i) => (i === a ? 1 : d)));
        assertEqualValues(k, argRef(values, SHAPE, a, isMax));
      }
    }
    // Flattened by default.
    const ref = argRef(values, [values.length], 0, true);
    assertShape(argmax(x), []);
    assertEqualValues(argmax(x), ref[0]!);
    assertShape(argmax(x, undefined, { keepdims: true }), [1, 1, 1]);
    assertEqualValues(argmin(x), argRef(values, [values.length], 0, false)[0]!);
  }
});

test('argmax/argmin: first occurrence, NaN wins at its first position, infinities, int32 input', () => {
  assertEqualValues(argmax(tensor([1, 3, 3, 2])), 1);
  assertEqualValues(argmin(tensor([2, 0, 5, 0])), 1);
  assertEqualValues(argmax(tensor([1, NaN, 3, NaN])), 1);
  assertEqualValues(argmin(tensor([1, 5, NaN, -Infinity, NaN])), 2);
  assertEqualValues(argmax(tensor([NaN, 5])), 0);
  assertEqualValues(argmax(tensor([-Infinity, -Infinity])), 0);
  assertEqualValues(argmin(tensor([Infinity, 1, Infinity])), 1);
  assertEqualValues(argmax(tensor([[1, NaN, 3], [4, 4, 0], [NaN, NaN, 9]]), 1), [1, 0, 0]);
  assertEqualValues(argmax(tensor([[1, NaN, 3], [4, 4, 0], [NaN, NaN, 9]]), 0), [2, 0, 2]);
  assertEqualValues(argmax(tensor([3, 9, -2], { dtype: 'int32' })), 1);
  assertEqualValues(argmin(scalar(4)), 0);
  assertShape(argmin(scalar(4)), []);
  assertShape(argmax(zeros([3, 0]), 0), [0]);
});

// ---------------------------------------------------------------------------------------
// NaN, empty axes, dtypes

test('max/min propagate NaN wherever it sits in the reduced run (inner and outer axes)', () => {
  const x = tensor([
    [[NaN, 1, 2], [3, 4, 5]],
    [[6, 7, 8], [9, 10, NaN]],
  ]);
  const values = flatten(x);
  for (const axis of [undefined, 0, 1, 2, [0, 2], [1, 2], [0, 1]] as AxesArg[]) {
    const axes = axesOf(axis, 3);
    assertEqualValues(max(x, axis), reduceRef(values, [2, 2, 3], axes, -Infinity, nanMax).values, { message: `max ${JSON.stringify(axis)}` });
    assertEqualValues(min(x, axis), reduceRef(values, [2, 2, 3], axes, Infinity, nanMin).values, { message: `min ${JSON.stringify(axis)}` });
  }
  assertEqualValues(max(tensor([1, 2, NaN])), NaN);
  assertEqualValues(min(tensor([NaN, -Infinity])), NaN);
  assertEqualValues(max(tensor([-Infinity, -Infinity])), -Infinity);
  assertEqualValues(norm(tensor([1, NaN]), Infinity), NaN);
  assertEqualValues(logsumexp(tensor([1, NaN])), NaN);
});

test('logsumexp is stable for large and infinite inputs', () => {
  assertClose(logsumexp(tensor([1000, 1000])), 1000 + Math.LN2, { rtol: 1e-15 });
  assertClose(logsumexp(tensor([-1000, -1000])), -1000 + Math.LN2, { rtol: 1e-15 });
  assertEqualValues(logsumexp(tensor([-Infinity, -Infinity])), -Infinity);
  assertEqualValues(logsumexp(tensor([Infinity, 1])), Infinity);
  assertClose(logsumexp(tensor([[0, -Infinity], [2, 2]]), 1), [0, 2 + Math.LN2], { rtol: 1e-15 });
});

test('empty axes: sum is 0, prod is 1, mean is NaN; max, min, logsumexp, argmax throw ShapeError', () => {
  const e = zeros([2, 0, 3]);
  assertEqualValues(sum(e, 1), [[0, 0, 0], [0, 0, 0]]);
  assertEqualValues(prod(e, 1), [[1, 1, 1], [1, 1, 1]]);
  assertEqualValues(mean(e, 1), [[NaN, NaN, NaN], [NaN, NaN, NaN]]);
  assertEqualValues(sum(e), 0);
  assertShape(sum(e, 0), [0, 3]);
  // Reducing a non-empty axis of a tensor with an empty other axis is fine.
  assertShape(max(e, 0), [0, 3]);
  assertShape(min(e, [0, 2], { keepdims: true }), [1, 0, 1]);
  assertShape(argmax(e, 2), [2, 0]);
  const cases = [['max', () => max(e, 1), '[2,0,3]'], ['min', () => min(e), '[2,0,3]'], ['max', () => max(zeros([0])), '[0]'], ['min', () => min(e, [1, 2], { keepdims: true }), '[2,0,3]']] as const;
  for (const [name, f, shape] of cases) assertThrowsTyped(f, ShapeError, { fn: name, arg: 'x', includes: [shape] });
  assertThrowsTyped(() => logsumexp(e, 1), ShapeError, { fn: 'logsumexp', arg: 'x', includes: ['[2,0,3]'] });
  assertThrowsTyped(() => argmax(zeros([0])), ShapeError, { fn: 'argmax', arg: 'x' });
  assertThrowsTyped(() => argmin(e, 1), ShapeError, { fn: 'argmin', arg: 'x', includes: ['[2,0,3]'] });
  assertThrowsTyped(() => argmax(e, -2, { keepdims: true }), ShapeError, { fn: 'argmax', arg: 'x' });
});

test('prod with zeros, infinities and signs', () => {
  assertEqualValues(prod(tensor([2, 0, 3])), 0);
  assertEqualValues(prod(tensor([[2, -1, 3], [0, 5, 0]]), 1), [-6, 0]);
  assertEqualValues(prod(tensor([Infinity, 0])), NaN);
  assertEqualValues(prod(tensor([-2, -3, -4])), -24);
});

test('dtypes: bool sums and products are int32, int32 wraps, float32 accumulates in float64 and rounds once', () => {
  const b = tensor([[true, false, true], [true, true, true]]);
  assertDType(sum(b), 'int32');
  assertEqualValues(sum(b), 5);
  assertEqualValues(sum(b, 0), [2, 1, 2]);
  assertDType(sum(b, 1, { keepdims: true }), 'int32');
  assertDType(prod(b, 1), 'int32');
  assertEqualValues(prod(b, 1), [0, 1]);
  assertDType(mean(b), 'float64');
  assertClose(mean(b), 5 / 6, { rtol: 1e-15 });
  assertDType(max(b), 'bool');
  const I = (v: number[]) => tensor(v, { dtype: 'int32' });
  assertDType(sum(I([1, 2])), 'int32');
  assertEqualValues(sum(I([2147483647, 1])), -2147483648);
  assertEqualValues(prod(I([65537, 65537, 65537, 65537])), Math.imul(Math.imul(Math.imul(65537, 65537), 65537), 65537));
  assertEqualValues(prod(I([65537, 65537, 65537, 65537, 3, 3]).reshape([3, 2]), 0), [Math.imul(Math.imul(65537, 65537), 3), Math.imul(Math.imul(65537, 65537), 3)]);
  assertEqualValues(prod(I([-46341, 46341, 3])), Math.imul(Math.imul(-46341, 46341), 3));
  assertDType(max(I([3, -4])), 'int32');
  assertEqualValues(min(I([3, -4])), -4);
  assertDType(mean(I([1, 2])), 'float64');
  assertEqualValues(mean(I([1, 2])), 1.5);
  assertDType(variance(I([1, 2, 3, 4])), 'float64');
  assertEqualValues(variance(I([1, 2, 3, 4])), 1.25);
  assertClose(norm(I([3, 4])), 5, { rtol: 0 });
  const vals = randomArray(100, { seed: 5, lo: -1, hi: 1 }).map(Math.fround);
  const f32 = tensor(vals, { dtype: 'float32' });
  assertDType(sum(f32), 'float32');
  assertEqualValues(sum(f32), Math.fround(vals.reduce((a, v) => a + v, 0)));
  assertDType(mean(f32), 'float32');
  assertDType(norm(f32), 'float32');
  assertDType(logsumexp(f32), 'float32');
  assertDType(argmax(f32), 'int32');
});

test('rank-0 inputs and empty axis lists reduce nothing', () => {
  const s = scalar(-3);
  for (const f of [sum, prod, max, min, mean]) {
    assertShape(f(s), []);
    assertEqualValues(f(s), -3);
  }
  assertEqualValues(variance(s), 0);
  assertEqualValues(norm(s, 1), 3);
  assertClose(logsumexp(s), -3, { rtol: 1e-15 });
  assertShape(sum(s, [], { keepdims: true }), []);
  const x = tensor([[1, 2], [3, 4]]);
  assertEqualValues(sum(x, []), [[1, 2], [3, 4]]);
  assertEqualValues(max(x, [], { keepdims: true }), [[1, 2], [3, 4]]);
});

test('method syntax reduces like the functions', () => {
  const x = randomTensor([3, 4], { seed: 6 });
  assertEqualValues(x.sum(1), sum(x, 1));
  assertEqualValues(x.mean(0, { keepdims: true }), mean(x, 0, { keepdims: true }));
  assertEqualValues(x.max(), max(x));
  assertEqualValues(x.min(-1), min(x, -1));
});

// ---------------------------------------------------------------------------------------
// Gradients

const GRAD_AXES: AxesArg[] = [undefined, 0, -1, [0, 2], [1, 2]];
const gx = randomTensor([2, 3, 2], { seed: 7, lo: 0.3, hi: 1.5 });
// Mixed signs with distinct magnitudes, for the norms (|x| has a kink at 0) and max/min.
const gmixed = tensor(Float64Array.from(randomArray(12, { seed: 8, lo: 0.2, hi: 2 }).map((v, i) => (i % 3 === 1 ? -v : v))), { shape: [2, 3, 2] });

const REDUCTION_GRADS: [string, (x: Tensor, axis: AxesArg, keepdims: boolean) => Tensor, Tensor][] = [
  ['sum', (x, a, k) => sum(x, a, { keepdims: k }), gmixed],
  ['prod', (x, a, k) => prod(x, a, { keepdims: k }), gmixed],
  ['max', (x, a, k) => max(x, a, { keepdims: k }), gmixed],
  ['min', (x, a, k) => min(x, a, { keepdims: k }), gmixed],
  ['mean', (x, a, k) => mean(x, a, { keepdims: k }), gmixed],
  ['variance', (x, a, k) => variance(x, a, { keepdims: k }), gmixed],
  ['variance ddof 1', (x, a, k) => variance(x, a, { keepdims: k, ddof: 1 }), gmixed],
  ['std', (x, a, k) => std(x, a, { keepdims: k }), gmixed],
  ['norm 1', (x, a, k) => norm(x, 1, a, { keepdims: k }), gmixed],
  ['norm 2', (x, a, k) => norm(x, 2, a, { keepdims: k }), gmixed],
  ['norm Infinity', (x, a, k) => norm(x, Infinity, a, { keepdims: k }), gmixed],
  ['norm -Infinity', (x, a, k) => norm(x, -Infinity, a, { keepdims: k }), gmixed],
  ['norm 3', (x, a, k) => norm(x, 3, a, { keepdims: k }), gmixed],
  ['norm 1.5', (x, a, k) => norm(x, 1.5, a, { keepdims: k }), gx],
  ['logsumexp', (x, a, k) => logsumexp(x, a, { keepdims: k }), gmixed],
];

for (const [name, f, x] of REDUCTION_GRADS) {
  test(`gradcheck ${name} over several axis sets, with and without keepdims`, () => {
    for (const axis of GRAD_AXES) {
      for (const keepdims of [false, true]) {
        const r = gradcheck((t) => f(t, axis, keepdims), [x]);
        assert.ok(r.ok, `${name} over ${JSON.stringify(axis)} keepdims ${keepdims}: ${r.message}`);
      }
    }
  });
}

test('gradcheck reductions of strided inputs and of a composed loss', () => {
  checkGrad((t) => sum(transpose(t, [2, 0, 1]), [0, 1]), [gx]);
  checkGrad((t) => max(transpose(t), 1), [gmixed]);
  checkGrad((t) => logsumexp(transpose(t, [1, 0, 2]), [0, 2], { keepdims: true }), [gx]);
  checkGrad((t) => variance(mean(t, 2), 0), [gmixed]);
});

test('max/min gradient: ties share it equally', () => {
  const x = tensor([[1, 3, 3], [2, 2, 0]]);
  assertEqualValues(grad((t: Tensor) => sum(max(t, 1)))(x), [[0, 0.5, 0.5], [0.5, 0.5, 0]]);
  assertEqualValues(grad((t: Tensor) => max(t))(x), [[0, 0.5, 0.5], [0, 0, 0]]);
  assertEqualValues(grad((t: Tensor) => sum(min(t, 0)))(tensor([[1, 2, 5], [1, 0, 5]])), [[0.5, 0, 0.5], [0.5, 1, 0.5]]);
  const third = 1 / 3;
  assertEqualValues(grad((t: Tensor) => min(t))(tensor([4, 4, 4])), [third, third, third]);
  // Weighted cotangent with keepdims, over two axes.
  const y = tensor([[[1, 7], [7, 0]], [[5, 5], [2, 5]]]);
  const g = grad((t: Tensor) => sum(max(t, [1, 2], { keepdims: true }).mul(tensor([[[2]], [[3]]]))))(y);
  assertEqualValues(g, [[[0, 1], [1, 0]], [[1, 1], [0, 1]]]);
  assertEqualValues(grad((t: Tensor) => norm(t, Infinity))(tensor([-3, 3, 1])), [-0.5, 0.5, 0]);
});

test('prod gradient is the product of the others: one zero, two zeros (by value and by gradcheck)', () => {
  const x = tensor([[2, 0, 3], [0, 0, 5], [1, 2, 4], [-1, 7, 0]]);
  const expected = [[0, 6, 0], [0, 0, 0], [8, 4, 2], [0, 0, -7]];
  assertEqualValues(grad((t: Tensor) => sum(prod(t, 1)))(x), expected);
  checkGrad((t) => prod(t, 1), [x]);
  checkGrad((t) => prod(t, 0, { keepdims: true }), [x]);
  assertEqualValues(grad((t: Tensor) => prod(t))(tensor([2, 0, 3, 5])), [0, 30, 0, 0]);
  assertEqualValues(grad((t: Tensor) => prod(t))(tensor([2, 0, 3, 0])), [0, 0, 0, 0]);
  assertEqualValues(grad((t: Tensor) => prod(t))(tensor([2, 3, 5])), [15, 10, 6]);
  // Second derivative away from zeros: d2/dx0 dx1 of x0 x1 x2 = x2.
  const h = grad((t: Tensor) => sum(grad((u: Tensor) => prod(u))(t).mul(tensor([0, 1, 0]))))(tensor([2, -3, 4]));
  assertClose(h, [4, 0, 2], { rtol: 1e-15 });
});

test('logsumexp gradient is softmax, also for large inputs', () => {
  const x = tensor([1000, 1001, 999]);
  const e = [Math.exp(-1), 1, Math.exp(-2)];
  const s = e.reduce((a, b) => a + b, 0);
  assertClose(grad((t: Tensor) => logsumexp(t))(x), e.map((v) => v / s), { rtol: 1e-14 });
});

test('gradient of mean over broadcast-free and integer counts; sum gradient is ones', () => {
  assertEqualValues(grad((t: Tensor) => mean(t))(zeros([2, 4])), [[0.125, 0.125, 0.125, 0.125], [0.125, 0.125, 0.125, 0.125]]);
  assertEqualValues(grad((t: Tensor) => sum(t, [0, 2]).sum())(zeros([2, 1, 3])), [[[1, 1, 1]], [[1, 1, 1]]]);
});

// ---------------------------------------------------------------------------------------
// Errors

test('bad axes throw AxisError (out of range, repeated, non-integer) naming the function and axis', () => {
  const x = zeros(SHAPE);
  const fns: [string, (a: never) => Tensor][] = [
    ['sum', (a) => sum(x, a)], ['prod', (a) => prod(x, a)], ['max', (a) => max(x, a)], ['min', (a) => min(x, a)],
    ['mean', (a) => mean(x, a)], ['variance', (a) => variance(x, a)], ['std', (a) => std(x, a)],
    ['norm', (a) => norm(x, 2, a)], ['norm', (a) => norm(x, Infinity, a)], ['norm', (a) => norm(x, 3, a)],
    ['logsumexp', (a) => logsumexp(x, a)],
  ];
  for (const [name, f] of fns) {
    for (const bad of [3, -4, 1.5, NaN, [0, 3], [0, 0], [1, -2], [0.5]]) {
      assertThrowsTyped(() => f(bad as never), AxisError, { fn: name, arg: 'axis' });
    }
    assertThrowsTyped(() => f('a' as never), ArgumentError, { fn: name, arg: 'axis' });
  }
  for (const f of [argmax, argmin]) {
    for (const bad of [3, -4, 1.5, [0] as unknown as number]) {
      assertThrowsTyped(() => f(x, bad), AxisError, { fn: f === argmax ? 'argmax' : 'argmin', arg: 'axis' });
    }
  }
  assertThrowsTyped(() => sum(scalar(1), 0), AxisError, { fn: 'sum', arg: 'axis', includes: ['[0, -1]'] });
});

test('norm rejects bad ord values with ArgumentError', () => {
  const x = tensor([1, 2]);
  for (const ord of [0, -1, -2.5, NaN, 'fro', null]) {
    assertThrowsTyped(() => norm(x, ord as number), ArgumentError, { fn: 'norm', arg: 'ord' });
  }
});

test('non-tensor arguments and bool argmax throw typed errors', () => {
  const bad = 'x' as unknown as Tensor;
  for (const [name, f] of [
    ['sum', () => sum(bad)], ['prod', () => prod(bad)], ['max', () => max(bad)], ['min', () => min(bad)],
    ['mean', () => mean(bad)], ['variance', () => variance(bad)], ['std', () => std(bad)], ['norm', () => norm(bad)],
    ['logsumexp', () => logsumexp(bad)], ['argmax', () => argmax(bad)], ['argmin', () => argmin(bad)],
  ] as const) {
    assertThrowsTyped(f, ArgumentError, { fn: name, arg: 'x', includes: ['"x"'] });
  }
  assertThrowsTyped(() => argmax(tensor([true, false])), DTypeError, { fn: 'argmax', arg: 'x' });
  assertThrowsTyped(() => argmin(tensor([true, false])), DTypeError, { fn: 'argmin', arg: 'x' });
});

test.run();
