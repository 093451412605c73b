/**
 * The Tensor class: metadata (shape, size, ndim, strides, offset, isContiguous) and the
 * ways out to JS values (toArray, item, toTypedArray, toString).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, Tensor, arange, broadcastTo, reshape, slice, tensor, transpose, zeros,
} from '../../src/index.js';
import { throwsTyped } from '../helpers/checks.js';

test('metadata: shape, size, ndim, strides, offset, ids', () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.ok(x instanceof Tensor);
  assert.equal(x.shape, [2, 3]);
  assert.is(x.size, 6);
  assert.is(x.ndim, 2);
  assert.equal(x.strides, [3, 1]);
  assert.is(x.offset, 0);
  // A tensor keeps its own copy of the shape it was given.
  const given = [2, 3];
  const own = zeros(given);
  given[0] = 9;
  assert.equal(own.shape, [2, 3]);
  assert.is(tensor(1).ndim, 0);
  assert.is(tensor(1).size, 1);
  assert.is(zeros([3, 0]).size, 0);
  assert.is.not(tensor(1).id, tensor(1).id);
  const s = slice(x, 1, [1, null]);
  assert.is(s.offset, 4);
  assert.equal(s.strides, [1]);
});

test('isContiguous: dense, transposed, sliced, broadcast, size-1 axes', () => {
  const x = reshape(arange(12), [3, 4]);
  assert.ok(x.isContiguous);
  assert.not.ok(transpose(x).isContiguous);
  assert.ok(slice(x, [1, 3]).isContiguous, 'a block of rows is dense');
  assert.not.ok(slice(x, null, [1, 3]).isContiguous);
  assert.not.ok(slice(x, [null, null, -1]).isContiguous);
  assert.not.ok(broadcastTo(tensor([1, 2]), [2, 2]).isContiguous);
  assert.ok(broadcastTo(tensor([1, 2]), [1, 2]).isContiguous, 'a size-1 axis with stride 0 is still dense');
  assert.ok(transpose(reshape(arange(3), [1, 3])).isContiguous, 'transposing around a size-1 axis');
  assert.ok(tensor(5).isContiguous);
});

test('toArray, toTypedArray, item', () => {
  const x = reshape(arange(6), [2, 3]);
  assert.equal(x.toArray(), [[0, 1, 2], [3, 4, 5]]);
  assert.equal(transpose(x).toArray(), [[0, 3], [1, 4], [2, 5]]);
  assert.equal(zeros([2, 0]).toArray(), [[], []]);
  assert.equal(zeros([0, 2]).toArray(), []);
  assert.is(tensor(2.5).toArray(), 2.5);
  assert.equal(tensor([true, false]).toArray(), [1, 0]);
  const ta = x.toTypedArray();
  assert.ok(ta instanceof Int32Array);
  assert.equal(Array.from(ta), [0, 1, 2, 3, 4, 5]);
  ta[0] = 99;
  assert.is(x.toTypedArray()[0], 0, 'toTypedArray returns a copy');
  const sl = slice(x, 1);
  const sa = sl.toTypedArray();
  assert.is(sa.length, 3, 'a view reads only its own elements');
  assert.ok(tensor([1], { dtype: 'float32' }).toTypedArray() instanceof Float32Array);
  assert.ok(tensor([true]).toTypedArray() instanceof Uint8Array);
  assert.ok(tensor([1]).toTypedArray() instanceof Float64Array);
  assert.is(tensor(3).item(), 3);
  assert.is(tensor([[7]]).item(), 7);
  assert.is(tensor([true]).item(), 1);
  assert.is(slice(x, 1, 2).item(), 5);
});

test('item rejects tensors that do not hold exactly one element', () => {
  throwsTyped(() => tensor([1, 2]).item(), ArgumentError, 'item', 'this');
  throwsTyped(() => zeros([0]).item(), ArgumentError, 'item', 'this');
  throwsTyped(() => zeros([1, 2]).item(), ArgumentError, 'item');
});

test('toString shows values and dtype; large tensors show their shape', () => {
  assert.is(tensor([1, 2]).toString(), 'tensor([1,2], float64)');
  assert.is(tensor(3).toString(), 'tensor(3, float64)');
  assert.is(arange(3).toString(), 'tensor([0,1,2], int32)');
  assert.is(reshape(arange(4), [2, 2]).toString(), 'tensor([[0,1],[2,3]], int32)');
  assert.is(zeros([20, 100]).toString(), 'tensor(shape [20,100], float64)');
  assert.is(String(tensor([true])), 'tensor([1], bool)');
});

test('method syntax is attached', () => {
  const x = tensor([[1, 2], [3, 4]]);
  assert.equal(x.transpose().toArray(), [[1, 3], [2, 4]]);
  assert.equal(x.reshape([4]).toArray(), [1, 2, 3, 4]);
  assert.equal(x.expandDims(0).shape, [1, 2, 2]);
  assert.equal(x.expandDims(0).squeeze().shape, [2, 2]);
  assert.equal(x.broadcastTo([3, 2, 2]).shape, [3, 2, 2]);
  assert.equal(x.slice(null, 1).toArray(), [2, 4]);
});

test.run();
