/**
 * Activations and softmax: values against Math-based references (stability at large
 * |x| included), dtypes, float64 gradient checks, gradients by value (cross-entropy,
 * softplus, leakyRelu), second derivatives, typed errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, AxisError, ShapeError, type Tensor,
  exp, gelu, grad, leakyRelu, log, logSoftmax, mul, scalar, silu, softmax, softplus, sum, tensor, transpose,
  zeros,
} from '../../src/index.js';
import { checkGrad, erfSeries } from '../helpers/checks.js';
import {
  assertClose, assertDType, assertEqualValues, assertShape, assertThrowsTyped, flatten, randomArray, randomTensor,
  unravel,
} from '../helpers/assert-close.js';

const SPECIALS = [NaN, Infinity, -Infinity, 0];

const geluTanhRef = (x: number): number => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
const geluErfRef = (x: number): number => 0.5 * x * (1 + erfSeries(x / Math.SQRT2));
const softplusRef = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
const sigmoidRef = (x: number): number => 1 / (1 + Math.exp(-x));

/** Softmax and log-softmax of `values` (shape `shape`) along `axis`, with plain loops. */
function softmaxRef(values: readonly number[], shape: readonly number[], axis: number): { soft: number[]; logSoft: number[] } {
  const soft = new Array<number>(values.length);
  const logSoft = new Array<number>(values.length);
  const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const n = shape[axis]!;
  values.forEach((_, flat) => {
    if (unravel(flat, shape)[axis] !== 0) return;
    const idx = Array.from({ length: n }, (_, k) => flat + k * stride);
    const m = Math.max(...idx.map((i) => values[i]!));
    const e = idx.map((i) => Math.exp(values[i]! - m));
    const s = e.reduce((a, b) => a + b, 0);
    idx.forEach((i, k) => {
      soft[i] = e[k]! / s;
      logSoft[i] = values[i]! - m - Math.log(s);
    });
  });
  return { soft, logSoft };
}

// ---------------------------------------------------------------------------------------
// Values

test('gelu (tanh approximation, the default) matches the formula', () => {
  const xs = [...randomArray(60, { seed: 1, lo: -6, hi: 6 }), -3, -1, -0.5, 0.5, 1, 3, 20, -20, 1e-8, ...SPECIALS];
  const x = tensor(xs);
  // Near -6 the result is a small difference: an absolute floor covers the cancellation.
  assertClose(gelu(x), xs.map(geluTanhRef), { rtol: 1e-13, atol: 1e-15 });
  assertEqualValues(gelu(x), gelu(x, { approximate: true }));
  assertEqualValues(gelu(tensor([0, 30, Infinity])), [0, 30, Infinity]);
});

test('gelu (exact erf form) matches the formula with a series erf', () => {
  // The series loses a few 1e-15 (absolute) to cancellation for |x / sqrt 2| near 2.5.
  const xs = [...randomArray(60, { seed: 2, lo: -3.5, hi: 3.5 }), -1, 0, 0.5, 1, 2];
  assertClose(gelu(tensor(xs), { approximate: false }), xs.map(geluErfRef), { rtol: 1e-12, atol: 2e-14 });
  // x Phi(x) with tabulated values of the normal CDF Phi.
  const table: [number, number][] = [[1, 0.8413447460685429], [-1, 0.15865525393145707], [2, 0.9772498680518208], [-3, 0.0013498980316300946]];
  assertClose(gelu(tensor(table.map(([x]) => x)), { approximate: false }), table.map(([x, p]) => x * p), { rtol: 1e-13 });
  assertEqualValues(gelu(tensor([-Infinity, Infinity, NaN, 40]), { approximate: false }), [NaN, Infinity, NaN, 40]);
  // The two forms agree to about 1e-3.
  const a = flatten(gelu(tensor(xs)));
  const b = flatten(gelu(tensor(xs), { approximate: false }));
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]!) < 1e-3, `gelu forms at ${xs[i]}: ${v} vs ${b[i]}`));
});

test('softplus is accurate and neither overflows nor underflows', () => {
  const xs = [...randomArray(60, { seed: 3, lo: -40, hi: 40 }), -1000, -700, -50, -1e-9, 0, 1e-9, 50, 700, 1000, ...SPECIALS];
  assertClose(softplus(tensor(xs)), xs.map(softplusRef), { rtol: 2e-15 });
  assertEqualValues(softplus(tensor([1000, -1000])), [1000, 0]);
  assertClose(softplus(scalar(0)), Math.LN2, { rtol: 1e-15 });
});

test('silu is x * sigmoid(x)', () => {
  const xs = [...randomArray(60, { seed: 4, lo: -30, hi: 30 }), -700, 700, 0, NaN, Infinity];
  assertClose(silu(tensor(xs)), xs.map((x) => x * sigmoidRef(x)), { rtol: 4e-15 });
  assertEqualValues(silu(tensor([-Infinity])), [NaN]);
});

test('leakyRelu: default slope 0.01, custom slopes, NaN and zero', () => {
  const xs = [-3, -0.5, 0, 0.5, 3, NaN, -Infinity, Infinity];
  assertEqualValues(leakyRelu(tensor(xs)), xs.map((x) => (x > 0 ? x : x * 0.01)));
  assertClose(leakyRelu(tensor([-3, 2])), [-0.03, 2], { rtol: 1e-15 });
  assertEqualValues(leakyRelu(tensor(xs), 0.2), xs.map((x) => (x > 0 ? x : x * 0.2)));
  assertEqualValues(leakyRelu(tensor(xs), 0), xs.map((x) => (x > 0 ? x : x * 0)));
});

test('softmax and logSoftmax along every axis of 2-D and 3-D tensors match plain loops', () => {
  for (const shape of [[5], [3, 4], [2, 3, 4]]) {
    const x = randomTensor(shape, { seed: shape.length + 10, lo: -5, hi: 5 });
    const values = flatten(x);
    for (let axis = -shape.length; axis < shape.length; axis++) {
      const a = axis < 0 ? axis + shape.length : axis;
      const ref = softmaxRef(values, shape, a);
      const s = softmax(x, axis);
      assertShape(s, shape);
      assertClose(s, ref.soft, { rtol: 1e-14, message: `softmax [${shape}] axis ${axis}` });
      const l = logSoftmax(x, axis);
      assertShape(l, shape);
      assertClose(l, ref.logSoft, { rtol: 1e-14, atol: 1e-15, message: `logSoftmax [${shape}] axis ${axis}` });
      // Sums along the axis are one.
      assertClose(sum(s, axis), zeros(shape.filter((_, i) => i !== a)).add(1), { rtol: 1e-15 });
    }
    // The default axis is the last.
    assertEqualValues(softmax(x), softmax(x, -1));
    assertEqualValues(logSoftmax(x), logSoftmax(x, shape.length - 1));
  }
});

test('softmax and logSoftmax are accurate at large magnitudes and handle -Infinity', () => {
  assertEqualValues(softmax(tensor([1000, 1000])), [0.5, 0.5]);
  assertClose(logSoftmax(tensor([1000, 1000])), [-Math.LN2, -Math.LN2], { rtol: 1e-15 });
  const big = [1000.5, 1001, 999.25, 1000];
  const ref = softmaxRef(big, [4], 0);
  assertClose(softmax(tensor(big)), ref.soft, { rtol: 1e-14 });
  assertClose(logSoftmax(tensor(big)), ref.logSoft, { rtol: 1e-14 });
  assertClose(softmax(tensor([-1e4, 0])), [0, 1], { rtol: 0 });
  assertEqualValues(softmax(tensor([-Infinity, 0, -Infinity])), [0, 1, 0]);
  assertEqualValues(logSoftmax(tensor([-Infinity, 0])), [-Infinity, 0]);
  // Shift invariance.
  const x = randomTensor([6], { seed: 20 });
  assertClose(softmax(x.add(500)), softmax(x), { rtol: 1e-13 });
  assertClose(exp(logSoftmax(x)), softmax(x), { rtol: 1e-14 });
  assertClose(logSoftmax(x), log(softmax(x)), { rtol: 1e-14 });
});

test('dtypes: float32 stays float32, integers become float64', () => {
  const f32 = tensor([0.5, -1, 2], { dtype: 'float32' });
  for (const f of [gelu, softplus, silu, leakyRelu, softmax, logSoftmax] as ((x: Tensor) => Tensor)[]) assertDType(f(f32), 'float32');
  assertDType(gelu(f32, { approximate: false }), 'float32');
  const i = tensor([1, -2, 3], { dtype: 'int32' });
  for (const f of [gelu, softplus, silu, softmax, logSoftmax] as ((x: Tensor) => Tensor)[]) assertDType(f(i), 'float64');
  assertDType(leakyRelu(i), 'float64');
  assertClose(leakyRelu(i), [1, -0.02, 3], { rtol: 1e-15 });
  assertClose(softmax(i), softmaxRef([1, -2, 3], [3], 0).soft, { rtol: 1e-15 });
  const s = softmax(f32);
  assertClose(s, softmaxRef([0.5, -1, 2], [3], 0).soft.map(Math.fround), { rtol: 3e-7 });
});

test('rank-0 and size-1 inputs', () => {
  assertShape(gelu(scalar(1)), []);
  assertClose(gelu(scalar(1)), geluTanhRef(1), { rtol: 1e-15 });
  assertEqualValues(softmax(tensor([[3], [-7]])), [[1], [1]]);
  assertEqualValues(logSoftmax(tensor([[3], [-7]])), [[0], [0]]);
  assertShape(softmax(zeros([0, 3])), [0, 3]);
});

// ---------------------------------------------------------------------------------------
// Gradients

// Away from 0, where leakyRelu has its kink.
const xg = tensor(Float64Array.from(randomArray(12, { seed: 30, lo: 0.1, hi: 3 }).map((v, i) => (i % 2 ? -v : v))), { shape: [3, 4] });

test('gradcheck gelu (both forms), softplus, silu, leakyRelu', () => {
  checkGrad((x) => gelu(x), [xg]);
  checkGrad((x) => gelu(x, { approximate: true }), [xg.mul(2)]);
  checkGrad((x) => gelu(x, { approximate: false }), [xg]);
  checkGrad((x) => gelu(x, { approximate: false }), [xg.mul(2)]);
  checkGrad((x) => softplus(x), [xg]);
  checkGrad((x) => softplus(x), [xg.mul(8)]);
  checkGrad((x) => silu(x), [xg]);
  checkGrad((x) => silu(x), [xg.mul(5)]);
  checkGrad((x) => leakyRelu(x), [xg]);
  checkGrad((x) => leakyRelu(x, 0.3), [xg]);
});

test('gradcheck softmax and logSoftmax along each axis, and of strided inputs', () => {
  const x3 = randomTensor([2, 3, 2], { seed: 31, lo: -2, hi: 2 });
  for (const axis of [0, 1, -1]) {
    checkGrad((x) => softmax(x, axis), [xg]);
    checkGrad((x) => logSoftmax(x, axis), [xg]);
    checkGrad((x) => softmax(x, axis), [x3]);
    checkGrad((x) => logSoftmax(x, axis), [x3]);
  }
  checkGrad((x) => softmax(transpose(x), 0), [xg]);
  checkGrad((x) => logSoftmax(x.mul(300), 1), [xg]);
  checkGrad((x) => softmax(x, 0), [randomTensor([4], { seed: 32 })]);
});

test('gradients by value: cross-entropy gives softmax - onehot; softplus gives sigmoid; leakyRelu gives its slopes', () => {
  const logits = tensor([[2, -1, 0.5], [0.1, 0.2, 0.3]]);
  const onehot = tensor([[0, 1, 0], [1, 0, 0]]);
  const g = grad((z: Tensor) => mul(sum(mul(onehot, logSoftmax(z))), -1))(logits);
  const soft = softmaxRef(flatten(logits), [2, 3], 1).soft;
  assertClose(g, soft.map((s, i) => s - flatten(onehot)[i]!), { rtol: 1e-13, atol: 1e-16 });
  const xs = [-30, -2, -0.1, 0.7, 4, 40];
  assertClose(grad((z: Tensor) => sum(softplus(z)))(tensor(xs)), xs.map(sigmoidRef), { rtol: 1e-14 });
  assertEqualValues(grad((z: Tensor) => sum(leakyRelu(z, 0.25)))(tensor([-2, -0.1, 0.1, 5])), [0.25, 0.25, 1, 1]);
  // The softmax Jacobian maps a constant cotangent to zero.
  assertClose(grad((z: Tensor) => sum(softmax(z)))(tensor([1, 2, 3])), [0, 0, 0], { atol: 1e-16 });
  // silu'(x) = s(x) (1 + x (1 - s(x))).
  const sx = [-3, -0.5, 0.5, 2];
  const gs = grad((z: Tensor) => sum(silu(z)))(tensor(sx));
  assertClose(gs, sx.map((x) => { const s = sigmoidRef(x); return s * (1 + x * (1 - s)); }), { rtol: 1e-14 });
});

test('second derivatives of softplus and gelu by grad(grad(f))', () => {
  const d2softplus = grad(grad((x: Tensor) => softplus(x)));
  for (const p of [-3, -0.2, 0.4, 2.5]) {
    const s = sigmoidRef(p);
    assertClose(d2softplus(scalar(p)) as Tensor, s * (1 - s), { rtol: 1e-13 });
  }
  // gelu exact: d2/dx2 [x Phi(x)] = phi(x) (2 - x^2).
  const d2gelu = grad(grad((x: Tensor) => gelu(x, { approximate: false })));
  for (const p of [-1.5, 0.3, 1.1]) {
    const phi = Math.exp(-p * p / 2) / Math.sqrt(2 * Math.PI);
    assertClose(d2gelu(scalar(p)) as Tensor, phi * (2 - p * p), { rtol: 1e-12 });
  }
});

// ---------------------------------------------------------------------------------------
// Errors

test('bad axes, non-tensors and empty softmax axes throw typed errors', () => {
  const x = zeros([2, 3]);
  for (const [name, f] of [['softmax', softmax], ['logSoftmax', logSoftmax]] as const) {
    for (const axis of [2, -3, 0.5, NaN]) assertThrowsTyped(() => f(x, axis), AxisError, { fn: name, arg: 'axis' });
    assertThrowsTyped(() => f('x' as unknown as Tensor), ArgumentError, { fn: name, arg: 'x', includes: ['"x"'] });
    assertThrowsTyped(() => f(zeros([2, 0])), ShapeError, { fn: name, arg: 'x', includes: ['[2,0]'] });
    assertThrowsTyped(() => f(scalar(1)), AxisError, { fn: name, arg: 'axis' });
  }
  for (const [name, f] of [['gelu', gelu], ['softplus', softplus], ['silu', silu], ['leakyRelu', leakyRelu]] as const) {
    assertThrowsTyped(() => (f as (x: Tensor) => Tensor)({} as Tensor), ArgumentError, { fn: name, arg: 'x' });
  }
});

test.run();
