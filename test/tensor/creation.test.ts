/**
 * Creating tensors: from nested arrays and typed arrays, filled tensors, ranges (NumPy
 * values embedded below), identity matrices and random tensors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, DTypeError, ShapeError, type Tensor, arange, eye, fromArray, full, fullLike, linspace, ones,
  onesLike, randomInt, randomNormal, randomUniform, scalar, tensor, zeros, zerosLike,
} from '../../src/index.js';
import { throwsTyped } from '../helpers/checks.js';
import { key, split } from '../../src/random/index.js';

const values = (t: Tensor): number[] => Array.from(t.toTypedArray());

function meanVar(xs: ArrayLike<number>): [number, number] {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  const m = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i]! - m) ** 2;
  return [m, v / xs.length];
}

// ---------------------------------------------------------------------------------------
// tensor, fromArray

test('tensor infers shape and dtype from nested arrays', () => {
  const t = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.equal(t.shape, [2, 3]);
  assert.is(t.dtype, 'float64');
  assert.equal(t.toArray(), [[1, 2, 3], [4, 5, 6]]);
  assert.equal(tensor(3.5).shape, []);
  assert.is(tensor(3.5).item(), 3.5);
  assert.equal(tensor([]).shape, [0]);
  assert.equal(tensor([[], []]).shape, [2, 0]);
  assert.equal(tensor([[[1]], [[2]]]).shape, [2, 1, 1]);
  const b = tensor([[true, false]]);
  assert.is(b.dtype, 'bool');
  assert.equal(b.toArray(), [[1, 0]]);
  assert.is(tensor(true).dtype, 'bool');
  assert.equal(values(tensor([NaN, Infinity, -0])), [NaN, Infinity, -0]);
});

test('tensor: dtype and shape options', () => {
  const i = tensor([1.7, -2.7, 3], { dtype: 'int32' });
  assert.is(i.dtype, 'int32');
  assert.equal(i.toArray(), [1, -2, 3]);
  const f = tensor([0.1], { dtype: 'float32' });
  assert.is(f.dtype, 'float32');
  assert.is(f.item(), Math.fround(0.1));
  assert.equal(tensor([2, 0, -1], { dtype: 'bool' }).toArray(), [1, 0, 1]);
  assert.equal(tensor([true, false], { dtype: 'float64' }).toArray(), [1, 0]);
  assert.equal(tensor([1, 2, 3, 4], { shape: [2, 2] }).toArray(), [[1, 2], [3, 4]]);
  assert.equal(tensor(5, { shape: [1, 1] }).toArray(), [[5]]);
});

test('tensor rejects ragged, mixed and bad data', () => {
  throwsTyped(() => tensor([[1, 2], [3]]), ShapeError, 'tensor', 'data');
  throwsTyped(() => tensor([[1, 2], 3] as never), ShapeError, 'tensor', 'data');
  throwsTyped(() => tensor([1, [2]] as never), ShapeError, 'tensor', 'data');
  throwsTyped(() => tensor([[[1]], [[2, 3]]]), ShapeError, 'tensor', 'data');
  throwsTyped(() => tensor([true, 1]), DTypeError, 'tensor', 'data');
  throwsTyped(() => tensor([['a']] as never), ArgumentError, 'tensor', 'data');
  throwsTyped(() => tensor([null] as never), ArgumentError, 'tensor', 'data');
  throwsTyped(() => tensor([undefined] as never), ArgumentError, 'tensor', 'data');
  throwsTyped(() => tensor({} as never), ArgumentError, 'tensor', 'data');
  throwsTyped(() => tensor(new Int16Array(2) as never), ArgumentError, 'tensor', 'data');
  throwsTyped(() => tensor([1, 2], { dtype: 'int64' as never }), DTypeError, 'tensor', 'dtype');
  throwsTyped(() => tensor([1, 2, 3], { shape: [2, 2] }), ShapeError, 'tensor', 'shape');
  throwsTyped(() => tensor(new Float64Array(3), { shape: [2] }), ShapeError, 'tensor', 'shape');
  throwsTyped(() => tensor([1], { shape: [-1] }), ShapeError, 'tensor', 'shape');
});

test('tensor copies typed arrays; fromArray adopts them', () => {
  const a = new Float64Array([1, 2, 3, 4]);
  const t = tensor(a, { shape: [2, 2] });
  a[0] = 100;
  assert.equal(t.toArray(), [[1, 2], [3, 4]], 'tensor() copies');
  assert.is(tensor(new Int32Array([1])).dtype, 'int32');
  assert.is(tensor(new Float32Array([1])).dtype, 'float32');
  assert.is(tensor(new Uint8Array([1])).dtype, 'bool');
  assert.equal(tensor(new Uint8Array([0, 7])).toArray(), [0, 1]);
  const c = tensor(new Int32Array([1, 2]), { dtype: 'float64' });
  assert.is(c.dtype, 'float64');
  assert.equal(c.toArray(), [1, 2]);

  const b = new Float32Array([1, 2, 3, 4, 5, 6]);
  const u = fromArray(b, [2, 3]);
  assert.is(u.dtype, 'float32');
  assert.equal(u.shape, [2, 3]);
  assert.ok((u.storage as unknown as { array: unknown }).array === b, 'fromArray adopts the same buffer');
  assert.equal(fromArray(new Int32Array([4, 5])).shape, [2]);
  throwsTyped(() => fromArray(new Float64Array(3), [2]), ShapeError, 'fromArray', 'shape');
  throwsTyped(() => fromArray([1, 2] as never), DTypeError, 'fromArray', 'array');
  throwsTyped(() => fromArray(new Float64Array(2), [-2] as never), ShapeError, 'fromArray', 'shape');
});

// ---------------------------------------------------------------------------------------
// Filled tensors

test('zeros, ones, full, scalar and their *Like forms', () => {
  assert.equal(zeros([2, 2]).toArray(), [[0, 0], [0, 0]]);
  assert.equal(zeros(3).shape, [3]);
  assert.is(zeros([]).item(), 0);
  assert.is(zeros([2], { dtype: 'int32' }).dtype, 'int32');
  assert.equal(ones([3], { dtype: 'bool' }).toArray(), [1, 1, 1]);
  assert.equal(ones([0, 4]).shape, [0, 4]);
  assert.equal(full([2], 2.5).toArray(), [2.5, 2.5]);
  assert.is(full([2], true).dtype, 'bool');
  assert.equal(full([2], 2.7, { dtype: 'int32' }).toArray(), [2, 2]);
  assert.equal(full([1], NaN).toArray(), [NaN]);
  assert.is(scalar(4).item(), 4);
  assert.equal(scalar(4).shape, []);
  assert.is(scalar(false).dtype, 'bool');
  assert.is(scalar(3, { dtype: 'float32' }).dtype, 'float32');
  const x = tensor([[1, 2, 3]], { dtype: 'float32' });
  const z = zerosLike(x);
  assert.equal([z.shape, z.dtype, z.toArray()], [[1, 3], 'float32', [[0, 0, 0]]]);
  assert.equal(onesLike(x, { dtype: 'int32' }).toArray(), [[1, 1, 1]]);
  assert.is(onesLike(x, { dtype: 'int32' }).dtype, 'int32');
  assert.equal(fullLike(x, 7).toArray(), [[7, 7, 7]]);
  assert.is(fullLike(x, 7).dtype, 'float32');
  assert.is(fullLike(x, true, { dtype: 'bool' }).dtype, 'bool');
});

test('filled tensors reject bad input, naming the function called', () => {
  throwsTyped(() => zeros(-1), ShapeError, 'zeros', 'shape');
  throwsTyped(() => ones([2.5]), ShapeError, 'ones', 'shape');
  throwsTyped(() => full('a' as never, 1), ArgumentError, 'full', 'shape');
  throwsTyped(() => full([2], 'a' as never), ArgumentError, 'full', 'value');
  throwsTyped(() => full([2], 1, { dtype: 'float16' as never }), DTypeError, 'full', 'dtype');
  throwsTyped(() => zeros([2], { dtype: 'int64' as never }), DTypeError, 'zeros', 'dtype');
  throwsTyped(() => scalar('a' as never), ArgumentError, 'scalar', 'value');
  throwsTyped(() => zerosLike(3 as never), ArgumentError, 'zerosLike', 'x');
  throwsTyped(() => onesLike([1, 2] as never), ArgumentError, 'onesLike', 'x');
  throwsTyped(() => fullLike(null as never, 1), ArgumentError, 'fullLike', 'x');
  throwsTyped(() => fullLike(tensor([1]), 'a' as never), ArgumentError, 'fullLike', 'value');
});

// ---------------------------------------------------------------------------------------
// arange, linspace, eye

test('arange follows NumPy: dtypes, float and negative steps, empty ranges', () => {
  assert.equal(arange(5).toArray(), [0, 1, 2, 3, 4]);
  assert.is(arange(5).dtype, 'int32');
  assert.equal(arange(2, 5).toArray(), [2, 3, 4]);
  assert.equal(arange(10, 0, -3).toArray(), [10, 7, 4, 1]);
  assert.equal(arange(0).shape, [0]);
  assert.equal(arange(5, 2).shape, [0]);
  assert.equal(arange(2, 5, -1).shape, [0]);
  assert.equal(arange(-3).shape, [0]);
  assert.equal(arange(5, undefined, 2).toArray(), [0, 2, 4]);
  assert.is(arange(0, 3, 1, { dtype: 'float32' }).dtype, 'float32');
  // int32 only while every value fits (np.arange would use int64).
  const big = arange(2 ** 31 - 1, 2 ** 31 + 1);
  assert.is(big.dtype, 'float64');
  assert.equal(big.toArray(), [2 ** 31 - 1, 2 ** 31]);
  assert.is(arange(-(2 ** 31), -(2 ** 31) + 2).dtype, 'int32');
  // Float ranges: NumPy's lengths, values start + i * step (NumPy's own values agree to
  // an ulp or so; it steps by (start + step) - start).
  const cases: [number, number, number, number[]][] = [
    [0, 1, 0.1, [0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9]],
    [1, 2.05, 0.25, [1.0, 1.25, 1.5, 1.75, 2.0]],
    [5, 0.5, -1.5, [5.0, 3.5, 2.0]],
    [0.3, 1.3, 0.1, [0.3, 0.4, 0.5, 0.6000000000000001, 0.7000000000000002, 0.8000000000000003, 0.9000000000000001, 1.0000000000000002, 1.1000000000000003, 1.2000000000000004]],
    [-2.5, 2.5, 0.7, [-2.5, -1.8, -1.1, -0.40000000000000036, 0.2999999999999998, 1.0, 1.6999999999999993, 2.3999999999999995]],
  ];
  for (const [start, stop, step, want] of cases) {
    const got = arange(start, stop, step);
    assert.is(got.dtype, 'float64');
    assert.is(got.size, want.length, `arange(${start}, ${stop}, ${step}) length`);
    values(got).forEach((v, i) => {
      assert.ok(Math.abs(v - want[i]!) <= 1e-15 * (1 + Math.abs(want[i]!)), `arange(${start}, ${stop}, ${step})[${i}]: ${v} vs ${want[i]}`);
      assert.is(v, start + i * step);
    });
  }
});

test('arange rejects bad arguments', () => {
  throwsTyped(() => arange(0, 5, 0), ArgumentError, 'arange', 'step');
  throwsTyped(() => arange(NaN), ArgumentError, 'arange', 'stop'); // the one-argument form's argument is the stop
  throwsTyped(() => arange(NaN, 3), ArgumentError, 'arange', 'start');
  throwsTyped(() => arange(0, Infinity), ArgumentError, 'arange', 'stop');
  throwsTyped(() => arange(0, 1, NaN), ArgumentError, 'arange', 'step');
  throwsTyped(() => arange('3' as never, 4), ArgumentError, 'arange', 'start');
  throwsTyped(() => arange(0, 1e300, 1e-300), ArgumentError, 'arange', 'step');
  throwsTyped(() => arange(0, 3, 1, { dtype: 'x' as never }), DTypeError, 'arange', 'dtype');
});

test('linspace matches NumPy exactly, endpoint true and false', () => {
  const cases: [number, number, number, boolean, number[]][] = [
    [0, 1, 5, true, [0.0, 0.25, 0.5, 0.75, 1.0]],
    [0, 1, 7, true, [0.0, 0.16666666666666666, 0.3333333333333333, 0.5, 0.6666666666666666, 0.8333333333333333, 1.0]],
    [-1.3, 2.9, 6, true, [-1.3, -0.45999999999999996, 0.3800000000000001, 1.2200000000000004, 2.0600000000000005, 2.9]],
    [0, 1, 5, false, [0.0, 0.2, 0.4, 0.6000000000000001, 0.8]],
    [2, -3, 4, true, [2.0, 0.33333333333333326, -1.3333333333333335, -3.0]],
    [0.1, 0.7, 10, true, [0.1, 0.16666666666666669, 0.23333333333333334, 0.30000000000000004, 0.3666666666666667, 0.43333333333333335, 0.5, 0.5666666666666667, 0.6333333333333333, 0.7]],
    [1, 1, 3, true, [1, 1, 1]],
    [2, 3, 1, true, [2]],
    [2, 3, 1, false, [2]],
    [2, 3, 0, true, []],
    [0, 10, 3, false, [0.0, 3.3333333333333335, 6.666666666666667]],
  ];
  for (const [start, stop, num, endpoint, want] of cases) {
    const got = linspace(start, stop, num, { endpoint });
    assert.is(got.dtype, 'float64');
    assert.equal(values(got), want, `linspace(${start}, ${stop}, ${num}, endpoint=${endpoint})`);
  }
  assert.is(linspace(0, 1).size, 50);
  const last = linspace(0.1, 0.7, 10);
  assert.is(last.toTypedArray()[9], 0.7, 'the last element is exactly stop');
  assert.is(linspace(0, 1, 3, { dtype: 'float32' }).dtype, 'float32');
  throwsTyped(() => linspace(0, 1, -1), ArgumentError, 'linspace', 'num');
  throwsTyped(() => linspace(0, 1, 2.5), ArgumentError, 'linspace', 'num');
  throwsTyped(() => linspace(NaN, 1), ArgumentError, 'linspace', 'start');
  throwsTyped(() => linspace(0, Infinity), ArgumentError, 'linspace', 'stop');
  throwsTyped(() => linspace(0, 1, 3, { dtype: 'f8' as never }), DTypeError, 'linspace', 'dtype');
});

test('eye: offsets and non-square', () => {
  assert.equal(eye(2).toArray(), [[1, 0], [0, 1]]);
  assert.equal(eye(3, 4, 1).toArray(), [[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]);
  assert.equal(eye(4, 3, -2).toArray(), [[0, 0, 0], [0, 0, 0], [1, 0, 0], [0, 1, 0]]);
  assert.equal(eye(2, 2, 5).toArray(), [[0, 0], [0, 0]]);
  assert.equal(eye(2, undefined, -1).toArray(), [[0, 0], [1, 0]]);
  assert.equal(eye(0).shape, [0, 0]);
  assert.equal(eye(3, 0).shape, [3, 0]);
  assert.is(eye(2, 2, 0, { dtype: 'int32' }).dtype, 'int32');
  assert.equal(eye(2, 2, 0, { dtype: 'bool' }).toArray(), [[1, 0], [0, 1]]);
  throwsTyped(() => eye(-1), ShapeError, 'eye', 'n');
  throwsTyped(() => eye(2, 1.5), ShapeError, 'eye', 'm');
  throwsTyped(() => eye(2, 2, 0.5), ArgumentError, 'eye', 'k');
  throwsTyped(() => eye(2, 2, 0, { dtype: 'int8' as never }), DTypeError, 'eye', 'dtype');
});

// ---------------------------------------------------------------------------------------
// Random tensors

test('randomUniform: shape, dtype, determinism, bounds, moments', () => {
  const [k1, k2] = split(key(42)) as [ReturnType<typeof key>, ReturnType<typeof key>];
  const u = randomUniform(k1, [100, 100]);
  assert.equal(u.shape, [100, 100]);
  assert.is(u.dtype, 'float64');
  assert.equal(values(randomUniform(k1, [100, 100])), values(u), 'same key, same tensor');
  assert.not.equal(values(randomUniform(k2, [100, 100])), values(u), 'other key, other tensor');
  const xs = u.toTypedArray();
  assert.ok(xs.every((v) => v >= 0 && v < 1));
  const [m, v] = meanVar(xs);
  assert.ok(Math.abs(m - 0.5) < 0.01, `mean ${m}`);
  assert.ok(Math.abs(v - 1 / 12) < 0.004, `variance ${v}`);
  const w = randomUniform(k2, 10000, { low: -3, high: 5 });
  assert.ok(w.toTypedArray().every((x) => x >= -3 && x < 5));
  const [mw, vw] = meanVar(w.toTypedArray());
  assert.ok(Math.abs(mw - 1) < 0.08, `mean ${mw}`);
  assert.ok(Math.abs(vw - 64 / 12) < 0.25, `variance ${vw}`);
  const f = randomUniform(k1, [3], { dtype: 'float32' });
  assert.is(f.dtype, 'float32');
  assert.equal(randomUniform(k1, []).shape, []);
  assert.equal(randomUniform(k1, [0, 3]).shape, [0, 3]);
});

test('randomUniform stays half-open after rounding to the dtype', () => {
  // Narrow ranges, where rounding low + (high - low) * u often lands on high itself.
  const k = key(7);
  const f32 = randomUniform(k, 2000, { low: 1, high: 1 + 2 ** -20, dtype: 'float32' }).toTypedArray();
  assert.ok(f32.every((v) => v >= 1 && v < 1 + 2 ** -20), 'float32 samples below high');
  const f64 = randomUniform(k, 2000, { low: 1, high: 1 + 2 ** -50 }).toTypedArray();
  assert.ok(f64.every((v) => v >= 1 && v < 1 + 2 ** -50), 'float64 samples below high');
  const neg = randomUniform(k, 2000, { low: -1 - 2 ** -20, high: -1, dtype: 'float32' }).toTypedArray();
  assert.ok(neg.every((v) => v < -1 && v >= -1 - 2 ** -20), 'negative high');
  const zero = randomUniform(k, 2000, { low: -(2 ** -1060), high: 0 }).toTypedArray();
  assert.ok(zero.every((v) => v < 0), 'high of zero');
});

test('randomNormal: moments, options, determinism', () => {
  const k = key(3);
  const z = randomNormal(k, [10000]);
  assert.equal(values(randomNormal(k, [10000])), values(z));
  const [m, v] = meanVar(z.toTypedArray());
  assert.ok(Math.abs(m) < 0.04, `mean ${m}`);
  assert.ok(Math.abs(v - 1) < 0.05, `variance ${v}`);
  const y = randomNormal(k, [100, 100], { mean: 2, std: 0.5 });
  assert.equal(y.shape, [100, 100]);
  const [my, vy] = meanVar(y.toTypedArray());
  assert.ok(Math.abs(my - 2) < 0.02, `mean ${my}`);
  assert.ok(Math.abs(vy - 0.25) < 0.015, `variance ${vy}`);
  assert.ok(randomNormal(k, 5, { std: 0, mean: 1 }).toTypedArray().every((x) => x === 1));
  assert.is(randomNormal(k, [2], { dtype: 'float32' }).dtype, 'float32');
  assert.equal(randomNormal(k, 7).shape, [7]);
});

test('randomInt: bounds, dtype, coverage', () => {
  const k = key(5);
  const r = randomInt(k, [10000], -3, 4);
  assert.is(r.dtype, 'int32');
  assert.equal(values(randomInt(k, [10000], -3, 4)), values(r));
  const xs = r.toTypedArray();
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  assert.equal([...counts.keys()].sort((a, b) => a - b), [-3, -2, -1, 0, 1, 2, 3]);
  for (const [val, c] of counts) assert.ok(Math.abs(c - 10000 / 7) < 150, `count of ${val}: ${c}`);
  const [m] = meanVar(xs);
  assert.ok(Math.abs(m) < 0.1, `mean ${m}`);
  assert.equal(randomInt(k, [2, 3], 5, 6).toArray(), [[5, 5, 5], [5, 5, 5]]);
});

test('random tensors reject bad input', () => {
  const k = key(0);
  throwsTyped(() => randomUniform(k, [2], { dtype: 'int32' as never }), DTypeError, 'randomUniform', 'dtype');
  throwsTyped(() => randomUniform(k, [2], { dtype: 'foo' as never }), DTypeError, 'randomUniform', 'dtype');
  throwsTyped(() => randomUniform(k, [2], { low: 1, high: 1 }), ArgumentError, 'randomUniform', 'high');
  throwsTyped(() => randomUniform(k, [2], { high: Infinity }), ArgumentError, 'randomUniform', 'high');
  throwsTyped(() => randomUniform(k, [-2]), ShapeError, 'randomUniform', 'shape');
  throwsTyped(() => randomUniform({ k0: -1, k1: 0 } as never, [2]), ArgumentError, 'randomUniform', 'key');
  throwsTyped(() => randomUniform(undefined as never, [2]), ArgumentError, 'randomUniform', 'key');
  throwsTyped(() => randomNormal(k, [2], { std: -1 }), ArgumentError, 'randomNormal', 'std');
  throwsTyped(() => randomNormal(k, [2], { mean: NaN }), ArgumentError, 'randomNormal', 'std');
  throwsTyped(() => randomNormal(k, [2], { dtype: 'bool' as never }), DTypeError, 'randomNormal', 'dtype');
  throwsTyped(() => randomNormal(k, [1.5]), ShapeError, 'randomNormal', 'shape');
  throwsTyped(() => randomNormal(42 as never, [2]), ArgumentError, 'randomNormal', 'key');
  throwsTyped(() => randomInt(k, [2], 3, 3), ArgumentError, 'randomInt', 'high');
  throwsTyped(() => randomInt(k, [2], 0.5, 3), ArgumentError, 'randomInt', 'low');
  throwsTyped(() => randomInt(k, [2], 0, 2 ** 31 + 1), ArgumentError, 'randomInt', 'high');
  throwsTyped(() => randomInt(k, [2], -(2 ** 31) - 1, 0), ArgumentError, 'randomInt', 'low');
  throwsTyped(() => randomInt(k, [-1], 0, 3), ShapeError, 'randomInt', 'shape');
  throwsTyped(() => randomInt({} as never, [2], 0, 3), ArgumentError, 'randomInt', 'key');
});

test.run();
