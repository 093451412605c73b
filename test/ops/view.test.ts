/**
 * Views: reshape, transpose/permute, swapAxes, moveAxis, matrixTranspose, broadcastTo,
 * expandDims, squeeze, slice (NumPy basic slicing), flip and stopGradient. Values are
 * compared with a naive index-function reference that knows nothing about strides;
 * gradients with float64 finite differences.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, AxisError, ShapeError, type SliceSpec, type Tensor, arange, broadcastTo, expandDims, flip,
  grad, jvp, matrixTranspose, moveAxis, mul, randomNormal, reshape, sin, slice, square, squeeze,
  stopGradient, sum, swapAxes, tensor, transpose, vjp,
} from '../../src/index.js';
import { checkGrad, randInt, rng, throwsTyped } from '../helpers/checks.js';
import { key, split } from '../../src/random/index.js';

// ---------------------------------------------------------------------------------------
// Helpers


/** A reference array: a shape and an element function, with no notion of strides. */
interface Ref {
  shape: number[];
  at: (idx: number[]) => number;
}

function refFromTensor(x: Tensor): Ref {
  const flat = x.toTypedArray();
  const strides: number[] = [];
  let s = 1;
  for (let i = x.ndim - 1; i >= 0; i--) {
    strides[i] = s;
    s *= x.shape[i]!;
  }
  return { shape: [...x.shape], at: (idx) => flat[idx.reduce((acc, v, i) => acc + v * strides[i]!, 0)]! };
}

function refNested(r: Ref): unknown {
  const build = (prefix: number[]): unknown =>
    prefix.length === r.shape.length ? r.at(prefix) : Array.from({ length: r.shape[prefix.length]! }, (_, i) => build([...prefix, i]));
  return build([]);
}

function refTranspose(r: Ref, perm: number[]): Ref {
  return {
    shape: perm.map((p) => r.shape[p]!),
    at: (idx) => {
      const src = new Array<number>(perm.length);
      perm.forEach((p, i) => (src[p] = idx[i]!));
      return r.at(src);
    },
  };
}

/** CPython's `slice.indices` followed by `range`: the selected source indices. */
function pyRange(spec: readonly [number | null | undefined, number | null | undefined, number | null | undefined], n: number): number[] {
  const step = spec[2] ?? 1;
  const lower = step < 0 ? -1 : 0;
  const upper = step < 0 ? n - 1 : n;
  const fix = (v: number | null | undefined, dflt: number): number => {
    if (v == null) return dflt;
    if (v < 0) return Math.max(v + n, lower);
    return Math.min(v, upper);
  };
  const start = fix(spec[0], step < 0 ? upper : lower);
  const stop = fix(spec[1], step < 0 ? lower : upper);
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

function refSlice(r: Ref, specs: readonly SliceSpec[]): Ref {
  const maps: (number[] | number)[] = r.shape.map((n, i) => {
    const s = i < specs.length ? specs[i]! : null;
    if (typeof s === 'number') return s < 0 ? s + n : s;
    if (s === null) return pyRange([null, null, null], n);
    return pyRange([s[0], s[1], s[2]], n);
  });
  const kept = maps.flatMap((m, i) => (typeof m === 'number' ? [] : [i]));
  return {
    shape: kept.map((i) => (maps[i] as number[]).length),
    at: (idx) => r.at(maps.map((m, i) => (typeof m === 'number' ? m : m[idx[kept.indexOf(i)]!]!))),
  };
}

function refBroadcast(r: Ref, shape: number[]): Ref {
  const lead = shape.length - r.shape.length;
  return { shape, at: (idx) => r.at(r.shape.map((d, i) => (d === 1 ? 0 : idx[i + lead]!))) };
}

function refReshape(r: Ref, shape: number[]): Ref {
  return {
    shape,
    at: (idx) => {
      let flat = 0;
      idx.forEach((v, i) => (flat = flat * shape[i]! + v));
      const src = new Array<number>(r.shape.length);
      for (let i = r.shape.length - 1; i >= 0; i--) {
        src[i] = flat % r.shape[i]!;
        flat = Math.floor(flat / r.shape[i]!);
      }
      return r.at(src);
    },
  };
}

function refFlip(r: Ref, axes: number[]): Ref {
  return { shape: r.shape, at: (idx) => r.at(idx.map((v, i) => (axes.includes(i) ? r.shape[i]! - 1 - v : v))) };
}

/** A float64 tensor of `shape` with distinct values 0, 1, 2, ... (+ 0.5 to catch int mixups). */
function iota(shape: number[]): Tensor {
  return reshape(arange(0, shape.reduce((a, b) => a * b, 1)).cast('float64').add(0.5), shape);
}

function randn(seed: number, shape: number[]): Tensor {
  return randomNormal(key(seed), shape);
}

// ---------------------------------------------------------------------------------------
// reshape

test('reshape infers -1 and keeps row-major order', () => {
  const x = iota([2, 3, 4]);
  assert.equal(reshape(x, [4, -1]).shape, [4, 6]);
  assert.equal(reshape(x, [-1]).shape, [24]);
  assert.equal(reshape(x, -1).shape, [24]);
  assert.equal(reshape(x, [2, -1, 3]).shape, [2, 4, 3]);
  assert.equal(Array.from(reshape(x, [6, 4]).toTypedArray()), Array.from(x.toTypedArray()));
  assert.equal(reshape(tensor(7), [1, 1]).toArray(), [[7]]);
  assert.equal(reshape(tensor([7]), []).shape, []);
  assert.equal(reshape(tensor([]), [0, 5]).shape, [0, 5]);
  assert.equal(reshape(tensor([]), [3, -1]).shape, [3, 0]);
  assert.is(reshape(x, [2, 3, 4]), x, 'same shape returns the input');
});

test('reshape of dense data shares storage; of strided data copies', () => {
  const x = iota([3, 4]);
  const y = reshape(x, [2, 6]);
  assert.ok(y.storage === x.storage);
  assert.ok(y.isContiguous);
  // A contiguous tail slice has an offset; reshape keeps it.
  const tail = slice(iota([5, 2]), [2, null]);
  const r = reshape(tail, [6]);
  assert.ok(r.storage === tail.storage);
  assert.is(r.offset, 4);
  assert.equal(Array.from(r.toTypedArray()), [4.5, 5.5, 6.5, 7.5, 8.5, 9.5]);
  // Transposed input is not dense: the result is a dense copy with the right order.
  const t = transpose(x);
  const z = reshape(t, [12]);
  assert.ok(z.storage !== x.storage);
  assert.ok(z.isContiguous);
  assert.equal(Array.from(z.toTypedArray()), [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11].map((v) => v + 0.5));
  // Adding or removing size-1 axes of a strided tensor is still a view.
  const e = expandDims(t, 1);
  assert.ok(e.storage === x.storage);
  assert.equal(e.toArray(), [[[0.5, 4.5, 8.5]], [[1.5, 5.5, 9.5]], [[2.5, 6.5, 10.5]], [[3.5, 7.5, 11.5]]]);
  const sq = squeeze(transpose(expandDims(x, 0)));
  assert.ok(sq.storage === x.storage);
  assert.equal(sq.toArray(), t.toArray());
  const col = slice(x, null, 2); // x[:, 2]
  assert.ok(col.storage === x.storage);
  assert.equal(col.toArray(), [2.5, 6.5, 10.5]);
  assert.equal(reshape(col, [1, 3, 1]).toArray(), [[[2.5], [6.5], [10.5]]]);
  // A broadcast input is copied too.
  const b = broadcastTo(tensor([1, 2]), [3, 2]);
  assert.equal(reshape(b, [6]).toArray(), [1, 2, 1, 2, 1, 2]);
});

test('reshape rejects bad shapes', () => {
  const x = iota([2, 3]);
  throwsTyped(() => reshape(x, [4, 2]), ShapeError, 'reshape', 'shape');
  throwsTyped(() => reshape(x, [-1, -1]), ShapeError, 'reshape', 'shape');
  throwsTyped(() => reshape(x, [4, -1]), ShapeError, 'reshape', 'shape');
  throwsTyped(() => reshape(x, [0, -1]), ShapeError, 'reshape', 'shape');
  throwsTyped(() => reshape(x, [-2, -3]), ShapeError, 'reshape', 'shape');
  throwsTyped(() => reshape(x, [2.5, 2.4]), ShapeError, 'reshape', 'shape');
  throwsTyped(() => reshape(x, {} as never), ArgumentError, 'reshape', 'shape');
  throwsTyped(() => reshape('x' as never, [6]), ArgumentError, 'reshape', 'x');
});

// ---------------------------------------------------------------------------------------
// transpose, swapAxes, moveAxis, matrixTranspose

test('transpose: default reverse, explicit and negative axes, views', () => {
  const x = iota([2, 3, 4]);
  const rx = refFromTensor(x);
  const t = transpose(x);
  assert.equal(t.shape, [4, 3, 2]);
  assert.ok(t.storage === x.storage);
  assert.equal(t.toArray(), refNested(refTranspose(rx, [2, 1, 0])));
  for (const perm of [[0, 2, 1], [1, 0, 2], [2, 0, 1], [1, 2, 0]]) {
    assert.equal(transpose(x, perm).toArray(), refNested(refTranspose(rx, perm)), `perm ${perm}`);
  }
  assert.equal(transpose(x, [-1, 0, -2]).toArray(), refNested(refTranspose(rx, [2, 0, 1])));
  assert.is(transpose(x, [0, 1, 2]), x);
  assert.equal(transpose(tensor(3)).toArray(), 3);
  assert.equal(x.transpose([1, 0, 2]).shape, [3, 2, 4]);
});

test('transpose rejects non-permutations', () => {
  const x = iota([2, 3]);
  throwsTyped(() => transpose(x, [0]), AxisError, 'transpose', 'axes');
  throwsTyped(() => transpose(x, [0, 0]), AxisError, 'transpose', 'axes');
  throwsTyped(() => transpose(x, [0, -2]), AxisError, 'transpose', 'axes');
  throwsTyped(() => transpose(x, [0, 2]), AxisError, 'transpose', 'axes');
  throwsTyped(() => transpose(x, [0, 1.5]), AxisError, 'transpose', 'axes');
});

test('swapAxes, moveAxis and matrixTranspose follow NumPy', () => {
  const x = iota([2, 3, 4, 5]);
  const rx = refFromTensor(x);
  assert.equal(swapAxes(x, 0, 2).toArray(), refNested(refTranspose(rx, [2, 1, 0, 3])));
  assert.equal(swapAxes(x, -1, 1).toArray(), refNested(refTranspose(rx, [0, 3, 2, 1])));
  assert.is(swapAxes(x, 1, -3), x);
  // np.moveaxis(x, s, d).shape
  assert.equal(moveAxis(x, 0, -1).shape, [3, 4, 5, 2]);
  assert.equal(moveAxis(x, -1, 0).shape, [5, 2, 3, 4]);
  assert.equal(moveAxis(x, 1, 2).shape, [2, 4, 3, 5]);
  assert.equal(moveAxis(x, 3, 1).toArray(), refNested(refTranspose(rx, [0, 3, 1, 2])));
  assert.equal(moveAxis(x, 0, 2).toArray(), refNested(refTranspose(rx, [1, 2, 0, 3])));
  assert.equal(matrixTranspose(x).toArray(), refNested(refTranspose(rx, [0, 1, 3, 2])));
  assert.equal(matrixTranspose(iota([2, 3])).toArray(), [[0.5, 3.5], [1.5, 4.5], [2.5, 5.5]]);
  throwsTyped(() => swapAxes(x, 0, 4), AxisError, 'swapAxes', 'axis2');
  throwsTyped(() => swapAxes(x, -5, 0), AxisError, 'swapAxes', 'axis1');
  throwsTyped(() => moveAxis(x, 4, 0), AxisError, 'moveAxis', 'source');
  throwsTyped(() => moveAxis(x, 0, -5), AxisError, 'moveAxis', 'destination');
  throwsTyped(() => matrixTranspose(iota([3])), ShapeError, 'matrixTranspose', 'x');
});

// ---------------------------------------------------------------------------------------
// broadcastTo, expandDims, squeeze

test('broadcastTo uses zero strides and NumPy rules', () => {
  const x = tensor([1, 2, 3]);
  const b = broadcastTo(x, [2, 3]);
  assert.equal(b.toArray(), [[1, 2, 3], [1, 2, 3]]);
  assert.equal(b.strides, [0, 1]);
  assert.ok(b.storage === x.storage);
  assert.ok(!b.isContiguous);
  const c = broadcastTo(tensor([[1], [2]]), [3, 2, 4]);
  assert.equal(c.shape, [3, 2, 4]);
  assert.equal(c.toArray(), refNested(refBroadcast(refFromTensor(tensor([[1], [2]])), [3, 2, 4])));
  assert.equal(broadcastTo(tensor(5), [2, 2]).toArray(), [[5, 5], [5, 5]]);
  assert.equal(broadcastTo(tensor([[1, 2]]), [0, 2]).shape, [0, 2]);
  assert.is(broadcastTo(x, [3]), x);
  throwsTyped(() => broadcastTo(x, [4]), ShapeError, 'broadcastTo');
  throwsTyped(() => broadcastTo(x, [3, 1]), ShapeError, 'broadcastTo', 'shape');
  throwsTyped(() => broadcastTo(iota([2, 3]), [3]), ShapeError, 'broadcastTo', 'shape');
  throwsTyped(() => broadcastTo(x, [-1]), ShapeError, 'broadcastTo', 'shape');
  throwsTyped(() => broadcastTo(x, 'a' as never), ArgumentError, 'broadcastTo', 'shape');
});

test('expandDims inserts an axis at the output position', () => {
  const x = iota([2, 3]);
  assert.equal(expandDims(x, 0).shape, [1, 2, 3]);
  assert.equal(expandDims(x, 1).shape, [2, 1, 3]);
  assert.equal(expandDims(x, 2).shape, [2, 3, 1]);
  assert.equal(expandDims(x, -1).shape, [2, 3, 1]);
  assert.equal(expandDims(x, -3).shape, [1, 2, 3]);
  assert.equal(expandDims(tensor(4), 0).toArray(), [4]);
  assert.ok(expandDims(x, 1).storage === x.storage);
  assert.equal(expandDims(transpose(x), 1).toArray(), [[[0.5, 3.5]], [[1.5, 4.5]], [[2.5, 5.5]]]);
  throwsTyped(() => expandDims(x, 3), AxisError, 'expandDims', 'axis');
  throwsTyped(() => expandDims(x, -4), AxisError, 'expandDims', 'axis');
});

test('squeeze: all, given and negative axes; errors on extents other than 1', () => {
  const x = iota([1, 3, 1, 2]);
  assert.equal(squeeze(x).shape, [3, 2]);
  assert.equal(squeeze(x, 0).shape, [3, 1, 2]);
  assert.equal(squeeze(x, [0, 2]).shape, [3, 2]);
  assert.equal(squeeze(x, -2).shape, [1, 3, 2]);
  assert.equal(squeeze(tensor([[5]])).toArray(), 5);
  assert.equal(squeeze(x).toArray(), refNested(refReshape(refFromTensor(x), [3, 2])));
  const y = iota([2, 3]);
  assert.is(squeeze(y), y, 'nothing to squeeze returns the input');
  throwsTyped(() => squeeze(x, 1), ShapeError, 'squeeze', 'axis');
  throwsTyped(() => squeeze(x, 4), AxisError, 'squeeze', 'axis');
  throwsTyped(() => squeeze(x, [0, 0]), AxisError, 'squeeze', 'axis');
});

// ---------------------------------------------------------------------------------------
// slice

test('slice: NumPy basic slicing examples', () => {
  const x = iota([4, 5]);
  const v = (t: Tensor): unknown => t.toArray();
  assert.equal(v(slice(x, 0)), [0.5, 1.5, 2.5, 3.5, 4.5]); // x[0]
  assert.equal(v(slice(x, -1)), [15.5, 16.5, 17.5, 18.5, 19.5]); // x[-1]
  assert.equal(v(slice(x, null, 1)), [1.5, 6.5, 11.5, 16.5]); // x[:, 1]
  assert.equal(v(slice(x, 2, -2)), 13.5); // x[2, -2]
  assert.equal(v(slice(x, [1, 3], [null, null, 2])), [[5.5, 7.5, 9.5], [10.5, 12.5, 14.5]]); // x[1:3, ::2]
  assert.equal(v(slice(x, [null, null, -1], 0)), [15.5, 10.5, 5.5, 0.5]); // x[::-1, 0]
  assert.equal(v(slice(x, [3, 0, -2], [-1, 1, -3])), [[19.5], [9.5]]); // x[3:0:-2, -1:1:-3]
  assert.equal(slice(x, [10, 20]).shape, [0, 5]); // x[10:20]
  assert.equal(slice(x, [-100, 100]).toArray(), x.toArray()); // clamped
  assert.equal(slice(x, [3, 1]).shape, [0, 5]); // x[3:1]
  assert.equal(slice(x, [1, 3, -1]).shape, [0, 5]); // x[1:3:-1]
  assert.equal(slice(x, [null, null, -10]).toArray(), [[15.5, 16.5, 17.5, 18.5, 19.5]]); // x[::-10]
  assert.equal(slice(x, [-100, null, -1]).shape, [0, 5]); // x[-100::-1]
  assert.equal(slice(x, [100, null, -1]).shape, [4, 5]); // x[100::-1]
  assert.is(slice(x), x);
  assert.is(slice(x, null, [null, null, 1]), x);
  assert.equal(slice(tensor([1, 2, 3]), 1).toArray(), 2);
  assert.equal(x.slice(1, [1, 3]).toArray(), [6.5, 7.5]);
  // Slices are views.
  assert.ok(slice(x, [1, 3], [null, null, -2]).storage === x.storage);
});

test('slice agrees with a Python slicing reference over random specs', () => {
  const r = rng(1234);
  const bound = (): number | null => (r() < 0.25 ? null : randInt(r, -8, 8));
  for (let trial = 0; trial < 400; trial++) {
    const rank = randInt(r, 1, 3);
    const shape = Array.from({ length: rank }, () => randInt(r, 0, 6));
    const x = iota(shape);
    const specs: SliceSpec[] = shape.slice(0, randInt(r, 0, rank)).map((n) => {
      const kind = r();
      if (kind < 0.15 && n > 0) return randInt(r, -n, n - 1);
      if (kind < 0.25) return null;
      let step: number | null = r() < 0.3 ? null : randInt(r, -4, 4);
      if (step === 0) step = -1;
      const len = randInt(r, 0, 3);
      return [bound(), bound(), step].slice(0, Math.max(len, step === null ? 0 : 3)) as unknown as SliceSpec;
    });
    const got = slice(x, ...specs);
    const want = refSlice(refFromTensor(x), specs);
    const label = `shape ${JSON.stringify(shape)} specs ${JSON.stringify(specs)}`;
    assert.equal(got.shape, want.shape, label);
    assert.equal(got.toArray(), refNested(want), label);
  }
});

test('slice rejects bad specs', () => {
  const x = iota([3, 4]);
  throwsTyped(() => slice(x, 0, 0, 0), ArgumentError, 'slice', 'specs');
  throwsTyped(() => slice(x, 3), ArgumentError, 'slice', 'specs[0]');
  throwsTyped(() => slice(x, null, -5), ArgumentError, 'slice', 'specs[1]');
  throwsTyped(() => slice(x, 1.5), ArgumentError, 'slice', 'specs[0]');
  throwsTyped(() => slice(x, [0, 2, 0]), ArgumentError, 'slice', 'specs[0]');
  throwsTyped(() => slice(x, [0.5, 2]), ArgumentError, 'slice', 'specs[0]');
  throwsTyped(() => slice(x, null, [0, 1, 1, 1] as never), ArgumentError, 'slice', 'specs[1]');
  throwsTyped(() => slice(x, 'a' as never), ArgumentError, 'slice', 'specs[0]');
  throwsTyped(() => slice(tensor([]), 0), ArgumentError, 'slice', 'specs[0]');
});

// ---------------------------------------------------------------------------------------
// flip, stopGradient

test('flip reverses the given axes (default all)', () => {
  const x = iota([2, 3, 2]);
  const rx = refFromTensor(x);
  assert.equal(flip(x).toArray(), refNested(refFlip(rx, [0, 1, 2])));
  assert.equal(flip(x, 1).toArray(), refNested(refFlip(rx, [1])));
  assert.equal(flip(x, [0, -1]).toArray(), refNested(refFlip(rx, [0, 2])));
  assert.ok(flip(x, 1).storage === x.storage);
  assert.equal(flip(tensor([])).shape, [0]);
  assert.equal(flip(tensor(2)).toArray(), 2);
  throwsTyped(() => flip(x, 3), AxisError, 'flip', 'axis');
  throwsTyped(() => flip(x, [1, 1]), AxisError, 'flip', 'axis');
});

test('stopGradient shares storage and blocks gradients', () => {
  const x = tensor([1, 2, 3]);
  const s = stopGradient(x);
  assert.ok(s.storage === x.storage);
  assert.equal(s.toArray(), [1, 2, 3]);
  // d/dx sum(x * sg(x)) = sg(x) = x, not 2x.
  const g = grad((y: Tensor) => sum(mul(y, stopGradient(y))))(x) as Tensor;
  assert.equal(g.toArray(), [1, 2, 3]);
  const g0 = grad((y: Tensor) => sum(stopGradient(square(y))))(x) as Tensor;
  assert.equal(g0.toArray(), [0, 0, 0]);
  throwsTyped(() => stopGradient('x' as never), ArgumentError, 'stopGradient', 'x');
});

// ---------------------------------------------------------------------------------------
// Chains of views

test('random chains of views read the right elements', () => {
  const r = rng(99);
  const opsUsed = new Set<string>();
  for (let trial = 0; trial < 150; trial++) {
    const rank0 = randInt(r, 1, 3);
    let x = iota(Array.from({ length: rank0 }, () => randInt(r, 1, 4)));
    let ref = refFromTensor(x);
    const steps: string[] = [];
    for (let k = 0; k < 6; k++) {
      const nd = x.ndim;
      const op = ['transpose', 'slice', 'broadcast', 'reshape', 'flip', 'expand', 'squeeze', 'moveAxis'][randInt(r, 0, 7)]!;
      if (op === 'transpose' && nd > 0) {
        const perm = Array.from({ length: nd }, (_, i) => i).sort(() => r() - 0.5);
        x = transpose(x, perm);
        ref = refTranspose(ref, perm);
        steps.push(`transpose ${perm}`);
      } else if (op === 'slice' && nd > 0) {
        const specs: SliceSpec[] = x.shape.map((n) => {
          if (n > 1 && r() < 0.15) return randInt(r, -n, n - 1);
          const step = [1, 2, -1, -2, 3][randInt(r, 0, 4)]!;
          return [r() < 0.3 ? null : randInt(r, -n, n), r() < 0.3 ? null : randInt(r, -n, n), step] as const;
        });
        x = slice(x, ...specs);
        ref = refSlice(ref, specs);
        steps.push(`slice ${JSON.stringify(specs)}`);
      } else if (op === 'broadcast') {
        const shape = [randInt(r, 1, 3), ...x.shape.map((d) => (d === 1 ? randInt(r, 1, 3) : d))];
        x = broadcastTo(x, shape);
        ref = refBroadcast(ref, shape);
        steps.push(`broadcast ${shape}`);
      } else if (op === 'reshape') {
        const size = x.size;
        const divisors = Array.from({ length: Math.max(size, 1) }, (_, i) => i + 1).filter((d) => size % d === 0);
        const d = divisors[randInt(r, 0, divisors.length - 1)]!;
        const shape = r() < 0.5 ? [d, -1] : [size];
        x = reshape(x, shape);
        ref = refReshape(ref, shape.length === 1 ? [size] : [d, size / d]);
        steps.push(`reshape ${shape}`);
      } else if (op === 'flip' && nd > 0) {
        const axes = x.shape.flatMap((_, i) => (r() < 0.5 ? [i] : []));
        x = flip(x, axes);
        ref = refFlip(ref, axes);
        steps.push(`flip ${axes}`);
      } else if (op === 'expand') {
        const a = randInt(r, 0, nd);
        x = expandDims(x, a);
        ref = refReshape(ref, [...ref.shape.slice(0, a), 1, ...ref.shape.slice(a)]);
        steps.push(`expandDims ${a}`);
      } else if (op === 'squeeze') {
        const shape = x.shape.filter((d) => d !== 1);
        x = squeeze(x);
        ref = refReshape(ref, shape);
        steps.push('squeeze');
      } else if (op === 'moveAxis' && nd > 1) {
        const s = randInt(r, 0, nd - 1);
        const d = randInt(r, 0, nd - 1);
        x = moveAxis(x, s, d);
        const perm = Array.from({ length: nd }, (_, i) => i).filter((i) => i !== s);
        perm.splice(d, 0, s);
        ref = refTranspose(ref, perm);
        steps.push(`moveAxis ${s} ${d}`);
      } else continue;
      opsUsed.add(op);
      if (x.size > 400) break;
    }
    const label = steps.join(' | ');
    assert.equal(x.shape, ref.shape, label);
    assert.equal(x.toArray(), refNested(ref), label);
  }
  assert.is(opsUsed.size, 8);
});

test('transpose of a slice of a broadcast', () => {
  const base = tensor([[1, 2, 3]]);
  const b = broadcastTo(base, [4, 2, 3]); // [4, 2, 3], zero strides on axes 0 and 1
  const s = slice(b, [null, null, -2], 1, [2, null, -1]); // [2, 3]
  const t = transpose(s);
  assert.equal(t.toArray(), [[3, 3], [2, 2], [1, 1]]);
  assert.ok(t.storage === base.storage);
  assert.equal(reshape(t, [6]).toArray(), [3, 3, 2, 2, 1, 1]);
});

// ---------------------------------------------------------------------------------------
// Gradients

test('gradcheck: reshape, transpose, swapAxes, moveAxis, matrixTranspose', () => {
  const x = randn(1, [2, 3, 4]);
  checkGrad((a) => reshape(a, [4, -1]), [x], 'reshape');
  checkGrad((a) => reshape(transpose(a), [6, 4]), [x], 'reshape of transpose');
  checkGrad((a) => sin(transpose(a)), [x], 'transpose');
  checkGrad((a) => transpose(a, [1, -1, 0]), [x], 'transpose perm');
  checkGrad((a) => swapAxes(a, 0, -1), [x], 'swapAxes');
  checkGrad((a) => moveAxis(a, 0, 2), [x], 'moveAxis');
  checkGrad((a) => matrixTranspose(a), [x], 'matrixTranspose');
});

test('gradcheck: broadcastTo, expandDims, squeeze', () => {
  checkGrad((a) => sin(broadcastTo(a, [3, 2, 4])), [randn(2, [2, 1])], 'broadcastTo');
  checkGrad((a) => mul(broadcastTo(a, [2, 3]), randn(3, [2, 3])), [randn(4, [3])], 'broadcastTo leading');
  checkGrad((a) => broadcastTo(a, [5]), [randn(5, [])], 'broadcastTo scalar');
  checkGrad((a) => expandDims(a, 1), [randn(6, [2, 3])], 'expandDims');
  checkGrad((a) => squeeze(sin(a)), [randn(7, [1, 3, 1])], 'squeeze');
  checkGrad((a) => squeeze(a, -1), [randn(8, [2, 1])], 'squeeze axis');
});

test('gradcheck: slice with steps, negative steps, indices; flip', () => {
  const x = randn(9, [5, 4]);
  checkGrad((a) => slice(a, [1, 4]), [x], 'slice range');
  checkGrad((a) => slice(a, [null, null, 2], [3, 0, -1]), [x], 'slice steps');
  checkGrad((a) => slice(a, [-1, null, -2], 2), [x], 'slice index');
  checkGrad((a) => slice(a, -2, -1), [x], 'slice scalar');
  checkGrad((a) => slice(a, [3, 3]), [x], 'empty slice');
  checkGrad((a) => sin(slice(transpose(a), [null, null, -1], [1, 4, 2])), [x], 'slice of transpose');
  checkGrad((a) => flip(a), [x], 'flip');
  checkGrad((a) => flip(a, -1), [x], 'flip axis');
});

test('second order: grad of grad through slice (unslice VJP is slice)', () => {
  const x = randn(10, [4, 5]);
  const inner = (y: Tensor): Tensor => sum(square(sin(slice(y, [null, null, -2], [1, 4]))));
  checkGrad((a) => grad(inner)(a) as Tensor, [x], 'grad of slice');
  const inner2 = (y: Tensor): Tensor => sum(mul(sin(flip(reshape(transpose(y), [20]))), iota([20])));
  checkGrad((a) => grad(inner2)(a) as Tensor, [x], 'grad of flip/reshape/transpose');
});

test('jvp and vjp agree on views: <u, J t> == <J^T u, t>', () => {
  const [k1, k2, k3] = split(key(11), 3) as [ReturnType<typeof key>, ReturnType<typeof key>, ReturnType<typeof key>];
  const x = randomNormal(k1, [3, 4]);
  const fs: [string, (a: Tensor) => Tensor][] = [
    ['slice', (a) => slice(a, [null, null, -1], [1, null, 2])],
    ['broadcast', (a) => broadcastTo(a, [2, 3, 4])],
    ['transpose', (a) => transpose(a)],
    ['unslice', (a) => grad((y: Tensor) => sum(mul(slice(y, 1, [null, null, -3]), slice(a, 2, [0, 2]))))(x) as Tensor],
  ];
  for (const [name, f] of fs) {
    const t = randomNormal(k2, [3, 4]);
    const [y, pull] = vjp(f as (a: Tensor) => Tensor, x);
    const u = randomNormal(k3, (y as Tensor).shape);
    const [, jt] = jvp(f as (a: Tensor) => Tensor, [x], [t]);
    const lhs = sum(mul(u, jt as Tensor)).item();
    const rhs = sum(mul(pull(u)[0] as Tensor, t)).item();
    assert.ok(Math.abs(lhs - rhs) <= 1e-12 * (1 + Math.abs(rhs)), `${name}: ${lhs} vs ${rhs}`);
  }
});

test.run();
