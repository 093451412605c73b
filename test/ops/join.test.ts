/**
 * concat, stack and split: values, dtype promotion, axes, errors and gradients.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, AxisError, ShapeError, type Tensor, arange, concat, grad, mul, randomNormal, reshape,
  sin, slice, split, square, stack, sum, tensor, transpose,
} from '../../src/index.js';
import { checkGrad, throwsTyped } from '../helpers/checks.js';
import { key } from '../../src/random/index.js';

const randn = (seed: number, shape: number[]): Tensor => randomNormal(key(seed), shape);

test('concat along axes, negative axis, non-contiguous inputs', () => {
  const a = tensor([[1, 2], [3, 4]]);
  const b = tensor([[5, 6]]);
  assert.equal(concat([a, b]).toArray(), [[1, 2], [3, 4], [5, 6]]);
  assert.equal(concat([a, transpose(b)], 1).toArray(), [[1, 2, 5], [3, 4, 6]]);
  assert.equal(concat([a, transpose(b)], -1).toArray(), [[1, 2, 5], [3, 4, 6]]);
  assert.equal(concat([a, transpose(a), a], 0).toArray(), [[1, 2], [3, 4], [1, 3], [2, 4], [1, 2], [3, 4]]);
  assert.equal(concat([slice(a, null, [null, null, -1]), a], 1).toArray(), [[2, 1, 1, 2], [4, 3, 3, 4]]);
  // Empty pieces take part without contributing.
  assert.equal(concat([tensor([]), tensor([1, 2]), tensor([])]).toArray(), [1, 2]);
  assert.equal(concat([reshape(tensor([]), [0, 2]), a]).toArray(), a.toArray());
  const c = concat([arange(3), arange(3, 5)]);
  assert.is(c.dtype, 'int32');
  assert.equal(c.toArray(), [0, 1, 2, 3, 4]);
});

test('concat promotes dtypes and accepts one input', () => {
  const f = concat([tensor([1.5]), arange(2), tensor([true])]);
  assert.is(f.dtype, 'float64');
  assert.equal(f.toArray(), [1.5, 0, 1, 1]);
  const g = concat([tensor([true, false]), arange(2)]);
  assert.is(g.dtype, 'int32');
  assert.equal(g.toArray(), [1, 0, 0, 1]);
  const h = concat([tensor([1], { dtype: 'float32' }), tensor([2], { dtype: 'float64' })]);
  assert.is(h.dtype, 'float64');
  const k = concat([tensor([1], { dtype: 'float32' }), arange(2)]);
  assert.is(k.dtype, 'float32');
  const one = tensor([[1, 2]]);
  assert.equal(concat([one]).toArray(), [[1, 2]]);
  assert.equal(concat([one], -1).shape, [1, 2]);
  assert.is(concat([tensor([true])]).dtype, 'bool');
});

test('concat rejects bad input', () => {
  throwsTyped(() => concat([]), ArgumentError, 'concat', 'xs');
  throwsTyped(() => concat(tensor([1]) as never), ArgumentError, 'concat', 'xs');
  throwsTyped(() => concat([tensor([1]), 'a' as never]), ArgumentError, 'concat', 'xs[1]');
  throwsTyped(() => concat([tensor([[1, 2]]), tensor([[1, 2, 3]])]), ShapeError, 'concat', 'xs[1]');
  throwsTyped(() => concat([tensor([[1, 2]]), tensor([1, 2])]), ShapeError, 'concat', 'xs[1]');
  throwsTyped(() => concat([tensor([1]), tensor([2])], 1), AxisError, 'concat', 'axis');
  throwsTyped(() => concat([tensor(1), tensor(2)]), AxisError, 'concat', 'axis');
});

test('stack inserts a new axis at any position', () => {
  const a = tensor([1, 2, 3]);
  const b = tensor([4, 5, 6]);
  assert.equal(stack([a, b]).toArray(), [[1, 2, 3], [4, 5, 6]]);
  assert.equal(stack([a, b], 1).toArray(), [[1, 4], [2, 5], [3, 6]]);
  assert.equal(stack([a, b], -1).toArray(), [[1, 4], [2, 5], [3, 6]]);
  assert.equal(stack([a, b], -2).toArray(), [[1, 2, 3], [4, 5, 6]]);
  assert.equal(stack([tensor(1), tensor(2)]).toArray(), [1, 2]);
  assert.equal(stack([a]).shape, [1, 3]);
  const m = tensor([[1, 2], [3, 4]]);
  assert.equal(stack([m, transpose(m)], 1).toArray(), [[[1, 2], [1, 3]], [[3, 4], [2, 4]]]);
  assert.is(stack([tensor([1]), arange(1)]).dtype, 'float64');
  throwsTyped(() => stack([]), ArgumentError, 'stack', 'xs');
  throwsTyped(() => stack([a, tensor([1, 2])]), ShapeError, 'stack', 'xs[1]');
  throwsTyped(() => stack([a, b], 2), AxisError, 'stack', 'axis');
  throwsTyped(() => stack([a, b], -3), AxisError, 'stack', 'axis');
  throwsTyped(() => stack([a, null as never]), ArgumentError, 'stack', 'xs[1]');
});

test('split into sections and at indices (NumPy split)', () => {
  const x = reshape(arange(12), [6, 2]);
  const parts = split(x, 3);
  assert.equal(parts.map((p) => p.toArray()), [[[0, 1], [2, 3]], [[4, 5], [6, 7]], [[8, 9], [10, 11]]]);
  assert.ok(parts.every((p) => p.storage === x.storage), 'parts are views');
  assert.equal(split(x, 2, 1).map((p) => p.toArray()), [[[0], [2], [4], [6], [8], [10]], [[1], [3], [5], [7], [9], [11]]]);
  assert.equal(split(x, 1, -1).map((p) => p.shape), [[6, 2]]);
  // np.split(np.arange(12).reshape(6, 2), [1, 4], axis=0) and with repeated/edge indices.
  assert.equal(split(x, [1, 4]).map((p) => p.shape), [[1, 2], [3, 2], [2, 2]]);
  assert.equal(split(x, [1, 4])[1]!.toArray(), [[2, 3], [4, 5], [6, 7]]);
  assert.equal(split(x, [0, 3, 3, 6]).map((p) => p.shape), [[0, 2], [3, 2], [0, 2], [3, 2], [0, 2]]);
  assert.equal(split(x, []).map((p) => p.shape), [[6, 2]]);
  // Round trip with concat.
  assert.equal(concat(split(x, [2, 5]), 0).toArray(), x.toArray());
  assert.equal(split(tensor([]), 3).map((p) => p.shape), [[0], [0], [0]]);
});

test('split rejects bad sections and axes', () => {
  const x = arange(6);
  throwsTyped(() => split(x, 4), ArgumentError, 'split', 'sections');
  throwsTyped(() => split(x, 0), ArgumentError, 'split', 'sections');
  throwsTyped(() => split(x, 1.5), ArgumentError, 'split', 'sections');
  throwsTyped(() => split(x, [3, 1]), ArgumentError, 'split', 'sections');
  throwsTyped(() => split(x, [7]), ArgumentError, 'split', 'sections');
  throwsTyped(() => split(x, [-1]), ArgumentError, 'split', 'sections');
  throwsTyped(() => split(x, 2, 1), AxisError, 'split', 'axis');
  throwsTyped(() => split('x' as never, 2), ArgumentError, 'split', 'x');
});

test('gradcheck: concat, stack, split', () => {
  const a = randn(1, [2, 3]);
  const b = randn(2, [2, 2]);
  const c = randn(3, [2, 1]);
  checkGrad((p, q, r) => concat([p, q, r], 1), [a, b, c], 'concat axis 1');
  checkGrad((p, q) => sin(concat([p, transpose(q)], 0)), [randn(4, [2, 2]), b], 'concat axis 0');
  checkGrad((p) => concat([p, p, slice(p, [null, null, -1])], -1), [a], 'concat of shared input');
  checkGrad((p) => concat([p]), [a], 'concat one');
  checkGrad((p, q) => stack([p, mul(q, q), p], 1), [a, randn(5, [2, 3])], 'stack');
  checkGrad((p) => stack([sin(p), p], -1), [a], 'stack last');
  checkGrad((p) => { const [u, v, w] = split(p, [1, 2], 1) as [Tensor, Tensor, Tensor]; return concat([mul(u, w), sin(v)], 1); }, [a], 'split indices');
  checkGrad((p) => { const [u, v] = split(p, 2) as [Tensor, Tensor]; return mul(u, square(v)); }, [randn(6, [4, 3])], 'split sections');
});

test('second order through concat and split', () => {
  const f = (p: Tensor): Tensor => {
    const [u, v] = split(concat([sin(p), square(p)], 0), 2) as [Tensor, Tensor];
    return sum(mul(u, v));
  };
  checkGrad((p) => grad(f)(p) as Tensor, [randn(7, [3, 2])], 'grad of concat/split');
});

test.run();
