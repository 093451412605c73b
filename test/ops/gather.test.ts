/**
 * take (gather) and scatterAdd: NumPy `take` semantics against a naive reference,
 * accumulation of repeated indices, errors, and gradients (scatterAdd is take's adjoint).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, AxisError, DTypeError, ShapeError, type Tensor, arange, grad, jvp, mul, randomNormal,
  reshape, scatterAdd, sin, slice, square, sum, take, tensor, transpose, vjp, zeros,
} from '../../src/index.js';
import { checkGrad, throwsTyped } from '../helpers/checks.js';
import { key, split } from '../../src/random/index.js';

const randn = (seed: number, shape: number[]): Tensor => randomNormal(key(seed), shape);

function iota(shape: number[]): Tensor {
  return reshape(arange(shape.reduce((a, b) => a * b, 1)).cast('float64').add(0.5), shape);
}

/** np.take(x, idx, axis) on flat row-major data, by plain loops. */
function refTake(x: Tensor, idx: number[], idxShape: number[], axis: number): { shape: number[]; data: number[] } {
  const xs = Array.from(x.toTypedArray());
  const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const n = x.shape[axis]!;
  const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const data: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const i of idx) {
      const j = i < 0 ? i + n : i;
      for (let k = 0; k < inner; k++) data.push(xs[(o * n + j) * inner + k]!);
    }
  }
  return { shape: [...x.shape.slice(0, axis), ...idxShape, ...x.shape.slice(axis + 1)], data };
}

test('take along an axis, with negative and repeated indices', () => {
  const x = iota([3, 4, 2]);
  const cases: [number[], number][] = [[[0, 2], 0], [[-1, 0, -1, 1], 1], [[1, 1, 1], 2], [[], 1], [[2, -3, 0], -3]];
  for (const [idx, axis] of cases) {
    const a = axis < 0 ? axis + 3 : axis;
    const want = refTake(x, idx, [idx.length], a);
    const got = take(x, idx, axis);
    assert.equal(got.shape, want.shape, `${idx} axis ${axis}`);
    assert.equal(Array.from(got.toTypedArray()), want.data, `${idx} axis ${axis}`);
  }
});

test('take: nested indices, scalar index drops the axis, no axis flattens', () => {
  const x = iota([3, 4]);
  // np.take(x, [[0, 2], [1, -1]], axis=1)
  const n = take(x, [[0, 2], [1, -1]], 1);
  assert.equal(n.shape, [3, 2, 2]);
  const want = refTake(x, [0, 2, 1, -1], [2, 2], 1);
  assert.equal(Array.from(n.toTypedArray()), want.data);
  // Scalar index: the axis disappears.
  assert.equal(take(x, 1, 0).toArray(), [4.5, 5.5, 6.5, 7.5]);
  assert.equal(take(x, -1, 1).toArray(), [3.5, 7.5, 11.5]);
  // No axis: the flattened tensor.
  assert.equal(take(x, [0, 5, -1]).toArray(), [0.5, 5.5, 11.5]);
  assert.equal(take(x, 6).toArray(), 6.5);
  assert.equal(take(x, [[1], [2]]).toArray(), [[1.5], [2.5]]);
  assert.equal(take(tensor(3), 0).toArray(), 3);
  // int32 tensor indices, also strided ones; strided x.
  const idx = transpose(tensor([[0, 1], [2, -1]], { dtype: 'int32' }));
  assert.equal(take(x, idx, 0).shape, [2, 2, 4]);
  assert.equal(take(transpose(x), [3, 0], 0).toArray(), [[3.5, 7.5, 11.5], [0.5, 4.5, 8.5]]);
  assert.equal(take(slice(x, [null, null, -1]), [0], 0).toArray(), [[8.5, 9.5, 10.5, 11.5]]);
  // dtype is kept.
  const i = take(arange(5), [4, 4]);
  assert.is(i.dtype, 'int32');
  assert.equal(i.toArray(), [4, 4]);
  assert.is(take(tensor([true, false]), [1]).dtype, 'bool');
  // Indices given as an int32 tensor are not modified by negative-index wrapping.
  const neg = tensor([-1, 0], { dtype: 'int32' });
  take(x, neg, 1);
  assert.equal(neg.toArray(), [-1, 0]);
});

test('take rejects bad indices and axes', () => {
  const x = iota([3, 4]);
  throwsTyped(() => take(x, [3], 0), ArgumentError, 'take', 'indices');
  throwsTyped(() => take(x, [-5], 1), ArgumentError, 'take', 'indices');
  throwsTyped(() => take(x, 12), ArgumentError, 'take', 'indices');
  throwsTyped(() => take(x, [1.5], 0), ArgumentError, 'take', 'indices');
  throwsTyped(() => take(x, [2 ** 32], 0), ArgumentError, 'take', 'indices');
  throwsTyped(() => take(x, [NaN], 0), ArgumentError, 'take', 'indices');
  throwsTyped(() => take(x, [true] as never, 0), ArgumentError, 'take', 'indices');
  throwsTyped(() => take(x, [[0, 1], [2]] as never, 0), ShapeError, 'take', 'indices');
  throwsTyped(() => take(x, [null] as never, 0), ArgumentError, 'take', 'indices');
  throwsTyped(() => take(x, 'a' as never, 0), ArgumentError, 'take', 'indices');
  throwsTyped(() => take(x, tensor([0, 1]), 0), DTypeError, 'take', 'indices');
  throwsTyped(() => take(x, [0], 2), AxisError, 'take', 'axis');
  throwsTyped(() => take(x, [0], -3), AxisError, 'take', 'axis');
  throwsTyped(() => take(x, [0], 0.5), AxisError, 'take', 'axis');
  throwsTyped(() => take(null as never, [0]), ArgumentError, 'take', 'x');
  throwsTyped(() => take(tensor([]), [0]), ArgumentError, 'take', 'indices');
});

test('scatterAdd adds at indices; repeated indices accumulate', () => {
  const base = tensor([1, 2, 3, 4]);
  assert.equal(scatterAdd(base, [0, 2, 0, -1], tensor([10, 20, 30, 40])).toArray(), [41, 2, 23, 44]);
  assert.equal(base.toArray(), [1, 2, 3, 4], 'base is not modified');
  const b2 = zeros([2, 3]);
  assert.equal(scatterAdd(b2, [2, 2, 0], tensor([[1, 2, 3], [4, 5, 6]]), 1).toArray(), [[3, 0, 3], [6, 0, 9]]);
  assert.equal(scatterAdd(b2, [[1, 1], [1, 0]], iota([2, 2, 3]), 0).toArray(), [[9.5, 10.5, 11.5], [10.5, 13.5, 16.5]]);
  assert.equal(scatterAdd(b2, 1, tensor([1, 2, 3]), -2).toArray(), [[0, 0, 0], [1, 2, 3]]);
  assert.equal(scatterAdd(b2, [], reshape(tensor([]), [0, 3])).toArray(), [[0, 0, 0], [0, 0, 0]]);
  // Strided base and updates.
  const s = scatterAdd(transpose(iota([3, 2])), [1, 1], transpose(tensor([[1, 2], [3, 4]])), 1);
  assert.equal(s.toArray(), [[0.5, 6.5, 4.5], [1.5, 9.5, 5.5]]);
  const i = scatterAdd(arange(3), [0, 0], tensor([5, 5], { dtype: 'int32' }));
  assert.is(i.dtype, 'int32');
  assert.equal(i.toArray(), [10, 1, 2]);
  // scatterAdd(zeros, idx, take(x, idx)) multiplies each x by its index multiplicity.
  const x = iota([4]);
  const idx = [3, 1, 3, 3];
  assert.equal(scatterAdd(zeros([4]), idx, take(x, idx)).toArray(), [0, 1.5, 0, 10.5]);
});

test('scatterAdd rejects bad input', () => {
  const b = zeros([2, 3]);
  throwsTyped(() => scatterAdd(b, [0], tensor([[1, 2]]), 0), ShapeError, 'scatterAdd', 'updates');
  throwsTyped(() => scatterAdd(b, [0, 1], tensor([1, 2, 3]), 0), ShapeError, 'scatterAdd', 'updates');
  throwsTyped(() => scatterAdd(b, [2], tensor([[1, 2, 3]]), 0), ArgumentError, 'scatterAdd', 'indices');
  throwsTyped(() => scatterAdd(b, [0.5], tensor([[1, 2, 3]]), 0), ArgumentError, 'scatterAdd', 'indices');
  throwsTyped(() => scatterAdd(b, [0], tensor([[1, 2, 3]], { dtype: 'float32' }), 0), DTypeError, 'scatterAdd', 'updates');
  throwsTyped(() => scatterAdd(b, tensor([0]), tensor([[1, 2, 3]]), 0), DTypeError, 'scatterAdd', 'indices');
  throwsTyped(() => scatterAdd(b, [0], tensor([[1, 2, 3]]), 2), AxisError, 'scatterAdd', 'axis');
  throwsTyped(() => scatterAdd('b' as never, [0], 1), ArgumentError, 'scatterAdd', 'base');
  throwsTyped(() => scatterAdd(b, [0], 'u' as never), ArgumentError, 'scatterAdd', 'updates');
});

test('gradcheck: take with repeated and negative indices', () => {
  const x = randn(1, [4, 3]);
  checkGrad((a) => take(a, [0, 3, 3, -1, 0], 0), [x], 'take axis 0');
  checkGrad((a) => sin(take(a, [[2, 2], [0, -3]], 1)), [x], 'take nested axis 1');
  checkGrad((a) => take(a, [5, 5, 11]), [x], 'take flattened');
  checkGrad((a) => take(a, -2, 0), [x], 'take scalar index');
  checkGrad((a) => take(transpose(a), [1, 1], 1), [x], 'take of transpose');
});

test('gradcheck: scatterAdd with respect to base and updates', () => {
  const base = randn(2, [3, 4]);
  const upd = randn(3, [3, 5]);
  checkGrad((b, u) => scatterAdd(b, [1, 3, 1, 1, -4], u, 1), [base, upd], 'scatterAdd axis 1');
  checkGrad((b, u) => sin(scatterAdd(mul(b, b), [[2, 0], [2, 2]], mul(u, 3), 0)), [base, randn(4, [2, 2, 4])], 'scatterAdd nested');
});

test('second order through take and scatterAdd', () => {
  const inner = (y: Tensor): Tensor => sum(square(sin(take(y, [0, 2, 2, -1], 1))));
  checkGrad((a) => grad(inner)(a) as Tensor, [randn(5, [2, 4])], 'grad of take');
  const inner2 = (u: Tensor): Tensor => sum(sin(scatterAdd(zeros([3]), [1, 1, 0, 2], square(u))));
  checkGrad((a) => grad(inner2)(a) as Tensor, [randn(6, [4])], 'grad of scatterAdd');
});

test('jvp agrees with vjp for take and scatterAdd: <u, J t> == <J^T u, t>', () => {
  const ks = split(key(12), 6);
  const x = randomNormal(ks[0]!, [4, 3]);
  const upd = randomNormal(ks[1]!, [4, 5]);
  const fs: [string, (...a: Tensor[]) => Tensor, Tensor[]][] = [
    ['take', (a) => take(a, [3, 0, 3, 3], 0), [x]],
    ['scatterAdd', (b, u) => scatterAdd(b, [2, 0, 2, 2, 1], u, 1), [x, upd]],
  ];
  for (const [name, f, inputs] of fs) {
    const tangents = inputs.map((t, i) => randomNormal(ks[2 + i]!, [...t.shape]));
    const [y, pull] = vjp(f as (...a: Tensor[]) => Tensor, ...inputs);
    const u = randomNormal(ks[5]!, [...(y as Tensor).shape]);
    const [, jt] = jvp(f as (...a: Tensor[]) => Tensor, inputs, tangents);
    const lhs = sum(mul(u, jt as Tensor)).item();
    const pulled = pull(u) as Tensor[];
    const rhs = pulled.reduce((s, g, i) => s + sum(mul(g, tangents[i]!)).item(), 0);
    assert.ok(Math.abs(lhs - rhs) <= 1e-12 * (1 + Math.abs(rhs)), `${name}: ${lhs} vs ${rhs}`);
  }
});

test.run();
