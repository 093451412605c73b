/**
 * Interop with the npm `ndarray` package: zero-copy in both directions (same typed
 * array, strides and offset), strided views, copies of plain arrays, and errors.
 * Runs in Node and in the browser.
 */
import ndarray from 'ndarray';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { arrayOf } from '../../src/backend/cpu/storage.js';
import { ArgumentError, DTypeError, ShapeError } from '../../src/errors.js';
import { type NdArray, type NdArrayLike, fromNdarray, toNdarray } from '../../src/io/index.js';
import { add, broadcastTo, complex, slice, sum, transpose } from '../../src/ops/index.js';
import { type NestedNumbers, type Tensor, arange, scalar, tensor } from '../../src/tensor/index.js';
import { throwsWith } from '../helpers/checks.js';

/** The ndarray package's factory, typed. */
const nd = (data: unknown, shape?: number[], stride?: number[], offset?: number): NdArray =>
  ndarray(data, shape, stride, offset) as NdArray;

/** Every element of an ndarray via its own `get`, as nested arrays (row-major). */
function ndToArray(a: NdArrayLike & { get(...i: number[]): number }): NestedNumbers {
  const build = (prefix: number[]): NestedNumbers => {
    if (prefix.length === a.shape.length) return a.get(...prefix);
    return Array.from({ length: a.shape[prefix.length]! }, (_, i) => build([...prefix, i]));
  };
  return build([]);
}

// ---------------------------------------------------------------------------------------
// toNdarray

test('toNdarray: zero-copy view of a dense tensor', () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  const a = toNdarray(x);
  assert.ok(a.data === arrayOf(x), 'same typed array');
  assert.equal(a.shape, [2, 3]);
  assert.equal(a.stride, [3, 1]);
  assert.is(a.offset, 0);
  assert.is(a.dtype, 'float64');
  assert.is(a.size, 6);
  assert.is(a.get(1, 2), 6);
  assert.equal(ndToArray(a), x.toArray());
});

test('toNdarray: transposed, sliced, reversed and broadcast tensors keep their strides', () => {
  const x = arange(24, undefined, 1, { dtype: 'float64' }).reshape([2, 3, 4]);
  const views: Tensor[] = [
    transpose(x),
    transpose(x, [1, 0, 2]),
    slice(x, null, [1, 3], [null, null, 2]),
    slice(x, [null, null, -1], null, [3, 0, -1]),
    slice(x, 1, 2),
    broadcastTo(slice(x, 0, 0), [5, 4]),
  ];
  for (const v of views) {
    const a = toNdarray(v);
    assert.ok(a.data === arrayOf(x), 'shares storage');
    assert.equal(a.shape, [...v.shape]);
    assert.equal(a.stride, [...v.strides]);
    assert.is(a.offset, v.offset);
    assert.equal(ndToArray(a), v.toArray());
  }
});

test('toNdarray: dtypes map to ndarray dtypes; 0-d and empty tensors', () => {
  assert.is(toNdarray(tensor([1, 2], { dtype: 'float32' })).dtype, 'float32');
  assert.is(toNdarray(tensor([1, 2], { dtype: 'int32' })).dtype, 'int32');
  const b = toNdarray(tensor([true, false, true]));
  assert.is(b.dtype, 'uint8');
  assert.equal(Array.from(b.data), [1, 0, 1]);
  const s = toNdarray(scalar(2.5));
  assert.is(s.dimension, 0);
  assert.is(s.get(), 2.5);
  const e = toNdarray(tensor([], { shape: [0, 3] }));
  assert.equal(e.shape, [0, 3]);
  assert.is(e.size, 0);
});

test('toNdarray: writes through the ndarray change the tensor (documented aliasing)', () => {
  const x = tensor([1, 2, 3]);
  toNdarray(x).set(1, 20);
  assert.equal(x.toArray(), [1, 20, 3]);
});

// ---------------------------------------------------------------------------------------
// fromNdarray

test('fromNdarray: zero-copy for typed arrays, with aliasing', () => {
  const data = new Float64Array([1, 2, 3, 4, 5, 6]);
  const a = nd(data, [2, 3]);
  const x = fromNdarray(a);
  assert.ok(arrayOf(x) === data, 'same typed array');
  assert.is(x.dtype, 'float64');
  assert.equal([...x.shape], [2, 3]);
  assert.equal(x.toArray(), [[1, 2, 3], [4, 5, 6]]);
  a.set(0, 1, 42);
  assert.equal(x.toArray(), [[1, 42, 3], [4, 5, 6]], 'writes to the ndarray show in the tensor');

  const cases: [ArrayLike<number>, string][] = [
    [new Float32Array([0.5, -1.5, 3]), 'float32'],
    [new Int32Array([-2147483648, 0, 2147483647]), 'int32'],
    [new Uint8Array([1, 0, 1]), 'bool'],
  ];
  for (const [arr, dtype] of cases) {
    const t = fromNdarray(nd(arr));
    assert.is(t.dtype, dtype);
    assert.ok(arrayOf(t) === arr);
    assert.equal(Array.from(t.toTypedArray()), Array.from(arr));
  }
});

test('fromNdarray: strided ndarray views (transpose, hi/lo, step, pick, negative steps)', () => {
  const base = nd(Float64Array.from({ length: 60 }, (_, i) => i * 0.5 - 7), [3, 4, 5]);
  const views: NdArray[] = [
    base,
    base.transpose(2, 0, 1),
    base.hi(2, 3, 4).lo(1, 1, 2),
    base.step(-1, 2, -2),
    base.pick(null, 2, null),
    base.pick(1, null, 3),
    base.pick(2, 3, 4),
    base.lo(0, 4, 0),
  ];
  for (const v of views) {
    const x = fromNdarray(v);
    assert.ok(arrayOf(x) === base.data, 'shares memory');
    assert.equal([...x.shape], v.shape);
    assert.equal([...x.strides], v.stride);
    assert.is(x.offset, v.offset);
    assert.equal(x.toArray(), ndToArray(v));
  }
  // Ops work on such views.
  const t = fromNdarray(base.step(-1, 2, -2));
  assert.is(sum(add(t, 1)).item(), (ndToArray(base.step(-1, 2, -2)) as number[][][]).flat(2).reduce((s, v) => s + v + 1, 0));
});

test('fromNdarray: plain JS arrays and generic storage are copied to float64', () => {
  const arr = [1, 2, 3, 4, 5, 6];
  const a = nd(arr, [2, 3]).transpose(1, 0);
  assert.is(a.dtype as string, 'array');
  const x = fromNdarray(a);
  assert.is(x.dtype, 'float64');
  assert.ok(x.isContiguous);
  assert.equal(x.toArray(), [[1, 4], [2, 5], [3, 6]]);
  arr[0] = 100;
  assert.is((x.toArray() as number[][])[0]![0], 1, 'a copy');

  const store = [10, 20, 30, 40];
  const generic = { get: (i: number) => store[i], set: (i: number, v: number) => (store[i] = v), length: 4 };
  const g = fromNdarray(nd(generic, [2, 2]));
  assert.equal(g.toArray(), [[10, 20], [30, 40]]);
  // Structural objects work too (no ndarray needed).
  assert.equal(fromNdarray({ data: [5, 6, 7, 8], shape: [2], stride: [-2], offset: 3 }).toArray(), [8, 6]);
});

test('fromNdarray: round trips in both directions', () => {
  const x = transpose(arange(12, undefined, 1, { dtype: 'float32' }).reshape([3, 4]));
  const back = fromNdarray(toNdarray(x));
  assert.ok(arrayOf(back) === arrayOf(x));
  assert.equal([...back.strides], [...x.strides]);
  assert.is(back.offset, x.offset);
  assert.equal(back.toArray(), x.toArray());

  const a = nd(new Int32Array([1, 2, 3, 4, 5, 6]), [2, 3]).step(1, -1);
  const again = toNdarray(fromNdarray(a));
  assert.ok(again.data === a.data);
  assert.equal(again.stride, a.stride);
  assert.is(again.offset, a.offset);
  assert.equal(ndToArray(again), ndToArray(a));

  const b = fromNdarray(toNdarray(tensor([true, false])));
  assert.is(b.dtype, 'bool');
  assert.equal(b.toArray(), [1, 0]);
});

// ---------------------------------------------------------------------------------------
// Errors

test('fromNdarray: unsupported storage is rejected with a hint', () => {
  const unsupported: [unknown, string][] = [
    [new Int16Array(4), 'Int16Array'],
    [new Uint16Array(4), 'Uint16Array'],
    [new Uint32Array(4), 'Uint32Array'],
    [new Int8Array(4), 'Int8Array'],
    [new Uint8ClampedArray(4), 'Uint8ClampedArray'],
    [new BigInt64Array(4), 'BigInt64Array'],
  ];
  for (const [data, name] of unsupported) {
    throwsWith(() => fromNdarray(nd(data, [4])), DTypeError, "fromNdarray: argument 'nd.data'", name, 'ndarray dtype', 'Float64Array.from');
  }
  throwsWith(() => fromNdarray({ data: 'abcd', shape: [4], stride: [1], offset: 0 }), DTypeError, "argument 'nd.data'", 'String');
  throwsWith(() => fromNdarray(nd(new Uint8Array([0, 1, 2, 1]), [2, 2])), DTypeError, "argument 'nd.data'", '0s and 1s', 'got 2 at data[2]');
});

test('fromNdarray: malformed ndarrays', () => {
  throwsWith(() => fromNdarray(null as unknown as NdArrayLike), ArgumentError, "fromNdarray: argument 'nd'");
  throwsWith(() => fromNdarray(new Float64Array(3) as unknown as NdArrayLike), ArgumentError, "argument 'nd'", 'data, shape, stride and offset');
  throwsWith(() => fromNdarray({ data: new Float64Array(3), shape: [3, -1], stride: [1, 1], offset: 0 }), ShapeError, "argument 'nd.shape'");
  throwsWith(() => fromNdarray({ data: new Float64Array(3), shape: [1.5], stride: [1], offset: 0 }), ShapeError, "argument 'nd.shape'");
  throwsWith(() => fromNdarray({ data: new Float64Array(3), shape: [3], stride: [1, 1], offset: 0 }), ShapeError, "argument 'nd.stride'");
  throwsWith(() => fromNdarray({ data: new Float64Array(3), shape: [3], stride: [0.5], offset: 0 }), ShapeError, "argument 'nd.stride'");
  throwsWith(() => fromNdarray({ data: new Float64Array(3), shape: [3], stride: [1], offset: NaN }), ArgumentError, "argument 'nd.offset'");
  // Views that reach outside the data.
  throwsWith(() => fromNdarray({ data: new Float64Array(6), shape: [2, 3], stride: [3, 1], offset: 1 }), ShapeError, "argument 'nd'", 'length 6', 'indices from 1 to 6');
  throwsWith(() => fromNdarray({ data: new Float64Array(6), shape: [3], stride: [-1], offset: 1 }), ShapeError, "argument 'nd'", 'indices from -1 to 1');
  throwsWith(() => fromNdarray({ data: [1, 2], shape: [3], stride: [1], offset: 0 }), ShapeError, "argument 'nd'");
  // An empty view may have any offset.
  assert.equal([...fromNdarray({ data: new Float64Array(0), shape: [0, 4], stride: [4, 1], offset: 99 }).shape], [0, 4]);
  // Non-numbers in a plain array.
  throwsWith(() => fromNdarray(nd([1, '2', 3])), ArgumentError, "argument 'nd.data[1]'", 'a number', '"2"');
  throwsWith(() => fromNdarray(nd([1, 2, true], [3])), ArgumentError, "argument 'nd.data[2]'");
});

test('toNdarray: non-tensors are rejected', () => {
  throwsWith(() => toNdarray(new Float64Array(3) as unknown as Tensor), ArgumentError, "toNdarray: argument 'x'", 'a Tensor');
});

test('toNdarray of a complex tensor is its real view (re, im pairs), without a copy', () => {
  const z = transpose(complex(tensor([[1, 2], [3, 4]]), tensor([[5, 6], [7, 8]])));
  const nd = toNdarray(z);
  assert.equal(nd.shape, [2, 2, 2]);
  assert.ok(nd.data === arrayOf(z));
  assert.equal([nd.get(0, 1, 0), nd.get(0, 1, 1), nd.get(1, 0, 0), nd.get(1, 0, 1)], [3, 7, 2, 6]);
});

test.run();
