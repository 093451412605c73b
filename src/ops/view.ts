/**
 * Views: reshape, transpose, broadcast, slice. A view is a new tensor over the same
 * storage with other strides, made here without a kernel (a reshape of non-dense data
 * copies first). Each is a primitive, so the tape sees it; its VJP undoes the view.
 *
 * @module
 */
import { ArgumentError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { type Shape, broadcastShapes, checkPermutation, checkShape, normalizeAxes, normalizeAxis, shapesEqual, sizeOf } from '../tensor/shape.js';
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { toTensor } from './convert.js';
import { type Primitive, bind } from './primitive.js';
import { sumTo } from './reduce.js';

function view(x: Tensor, shape: Shape, strides: readonly number[], offset: number): Tensor {
  return new Tensor(x.storage, shape, x.dtype, strides, offset);
}

const identityPrim: Primitive<null> = {
  name: 'identity',
  forward: ([x]) => view(x!, x!.shape, x!.strides, x!.offset),
  vjp: (g) => [g],
};

/**
 * A new tensor object with the same value and storage. The autodiff layer uses it to give
 * each differentiated argument an identity of its own.
 */
export function identity(x: Tensor): Tensor {
  return bind(identityPrim, [x], null);
}

/**
 * The value of `x`, cut off from differentiation: gradients do not flow through it.
 * It shares storage with `x` and costs nothing.
 */
export function stopGradient(x: TensorLike): Tensor {
  const t = toTensor(x, 'stopGradient');
  return view(t, t.shape, t.strides, t.offset);
}

const reshapePrim: Primitive<{ shape: Shape }> = {
  name: 'reshape',
  forward: ([x], { shape }) => {
    // Inserting or removing size-1 axes (squeeze, expandDims, an index in slice) never
    // needs a copy: the other axes keep their strides.
    const big = (s: Shape): number[] => s.filter((d) => d !== 1);
    if (shapesEqual(big(shape), big(x!.shape))) {
      const strides = x!.strides.filter((_, i) => x!.shape[i] !== 1);
      let k = 0;
      return view(x!, shape, shape.map((d) => (d === 1 ? 0 : strides[k++]!)), x!.offset);
    }
    const dense = x!.isContiguous ? x! : x!.storage.backend.copy(x!);
    return new Tensor(dense.storage, shape, dense.dtype, undefined, dense.offset);
  },
  vjp: (g, [x]) => [reshape(g, x!.shape)],
};

/**
 * The same elements in row-major order with a new shape; one extent may be -1 and is
 * then inferred. A view when `x` is dense or only size-1 axes are added or removed,
 * else a copy.
 */
export function reshape(x: TensorLike, shape: Shape | number): Tensor {
  const fn = 'reshape';
  const t = toTensor(x, fn);
  if (typeof shape !== 'number' && !Array.isArray(shape)) {
    throw new ArgumentError({ fn, arg: 'shape', expected: 'an array of integers or a number', actual: fmtValue(shape) });
  }
  const req = typeof shape === 'number' ? [shape] : [...shape];
  const unknown = req.indexOf(-1);
  if (unknown >= 0) {
    if (req.indexOf(-1, unknown + 1) >= 0) {
      throw new ShapeError({ fn, arg: 'shape', expected: 'at most one -1', actual: fmtValue(shape) });
    }
    const known = sizeOf(req.filter((_, i) => i !== unknown));
    if (known === 0 || t.size % known !== 0) {
      throw new ShapeError({ fn, arg: 'shape', expected: `a shape with ${t.size} elements`, actual: fmtValue(shape) });
    }
    req[unknown] = t.size / known;
  }
  const s = checkShape(req, fn);
  if (sizeOf(s) !== t.size) {
    throw new ShapeError({ fn, arg: 'shape', expected: `a shape with ${t.size} elements (input ${fmtShape(t.shape)})`, actual: fmtShape(s) });
  }
  if (shapesEqual(s, t.shape)) return t;
  return bind(reshapePrim, [t], { shape: s });
}

const permutePrim: Primitive<{ perm: number[] }> = {
  name: 'transpose',
  forward: ([x], { perm }) => view(x!, perm.map((p) => x!.shape[p]!), perm.map((p) => x!.strides[p]!), x!.offset),
  vjp: (g, _x, _y, { perm }) => {
    const inv = new Array<number>(perm.length);
    perm.forEach((p, i) => (inv[p] = i));
    return [transpose(g, inv)];
  },
};

/** Permutes axes: output axis i is input axis `axes[i]` (default: reversed). A view. */
export function transpose(x: TensorLike, axes?: readonly number[]): Tensor {
  const t = toTensor(x, 'transpose');
  const perm = axes === undefined ? t.shape.map((_, i) => t.ndim - 1 - i) : checkPermutation(axes, t.ndim, 'transpose');
  if (perm.every((p, i) => p === i)) return t;
  return bind(permutePrim, [t], { perm });
}

/** Swaps two axes. A view. */
export function swapAxes(x: TensorLike, axis1: number, axis2: number): Tensor {
  const t = toTensor(x, 'swapAxes');
  const a = normalizeAxis(axis1, t.ndim, 'swapAxes', 'axis1');
  const b = normalizeAxis(axis2, t.ndim, 'swapAxes', 'axis2');
  const perm = t.shape.map((_, i) => (i === a ? b : i === b ? a : i));
  return transpose(t, perm);
}

/** Moves axis `source` to position `destination`, keeping the others in order. A view. */
export function moveAxis(x: TensorLike, source: number, destination: number): Tensor {
  const t = toTensor(x, 'moveAxis');
  const s = normalizeAxis(source, t.ndim, 'moveAxis', 'source');
  const d = normalizeAxis(destination, t.ndim, 'moveAxis', 'destination');
  const rest = t.shape.map((_, i) => i).filter((i) => i !== s);
  rest.splice(d, 0, s);
  return transpose(t, rest);
}

/** Transposes the last two axes (a batch of matrices). A view. */
export function matrixTranspose(x: TensorLike): Tensor {
  const t = toTensor(x, 'matrixTranspose');
  if (t.ndim < 2) {
    throw new ShapeError({ fn: 'matrixTranspose', arg: 'x', expected: 'at least 2 axes', actual: fmtShape(t.shape) });
  }
  return swapAxes(t, -1, -2);
}

const broadcastPrim: Primitive<{ shape: Shape }> = {
  name: 'broadcastTo',
  forward: ([x], { shape }) => {
    const lead = shape.length - x!.ndim;
    const strides = shape.map((_, i) => (i < lead || x!.shape[i - lead] === 1 ? 0 : x!.strides[i - lead]!));
    return view(x!, shape, strides, x!.offset);
  },
  vjp: (g, [x]) => [sumTo(g, x!.shape)],
};

/** Broadcasts `x` to `shape` by NumPy's rules. A view (repeated elements share storage). */
export function broadcastTo(x: TensorLike, shape: Shape): Tensor {
  const t = toTensor(x, 'broadcastTo');
  const s = checkShape(shape, 'broadcastTo');
  const b = broadcastShapes('broadcastTo', t.shape, s);
  if (!shapesEqual(b, s)) {
    throw new ShapeError({ fn: 'broadcastTo', arg: 'shape', expected: `a shape that ${fmtShape(t.shape)} broadcasts to`, actual: fmtShape(s) });
  }
  if (shapesEqual(s, t.shape)) return t;
  return bind(broadcastPrim, [t], { shape: s });
}

/** Inserts a size-1 axis at position `axis` (in the output's axes). */
export function expandDims(x: TensorLike, axis: number): Tensor {
  const t = toTensor(x, 'expandDims');
  const a = normalizeAxis(axis, t.ndim + 1, 'expandDims');
  const shape = [...t.shape];
  shape.splice(a, 0, 1);
  return reshape(t, shape);
}

/** Removes size-1 axes (all of them, or those listed). */
export function squeeze(x: TensorLike, axis?: number | readonly number[]): Tensor {
  const t = toTensor(x, 'squeeze');
  const axes = axis === undefined ? t.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normalizeAxes(axis, t.ndim, 'squeeze');
  for (const a of axes) {
    if (t.shape[a] !== 1) {
      throw new ShapeError({ fn: 'squeeze', arg: 'axis', expected: `axes of extent 1 (axis ${a} has ${t.shape[a]})`, actual: fmtShape(t.shape) });
    }
  }
  return reshape(t, t.shape.filter((_, i) => !axes.includes(i)));
}

/** One axis of a slice: an index (drops the axis), `null` (everything) or `[start, stop, step]`. */
export type SliceSpec = number | null | readonly [start?: number | null, stop?: number | null, step?: number | null];

interface SliceParams {
  start: number[];
  step: number[];
  shape: number[];
}

const slicePrim: Primitive<SliceParams> = {
  name: 'slice',
  forward: ([x], { start, step, shape }) => {
    let offset = x!.offset;
    start.forEach((s, i) => (offset += s * x!.strides[i]!));
    return view(x!, shape, x!.strides.map((s, i) => s * step[i]!), offset);
  },
  vjp: (g, [x], _y, p) => [bind(unslicePrim, [g], { ...p, shape: [...x!.shape] })],
};

// The adjoint of slicing, writing g into zeros; its own adjoint slices again.
const unslicePrim: Primitive<SliceParams> = {
  name: 'unslice',
  forward: ([g], { start, step, shape }) => g!.storage.backend.unslice(g!, shape, start, step),
  vjp: (h, [g], _y, { start, step }) => [bind(slicePrim, [h], { start, step, shape: [...g!.shape] })],
};

/** Resolves one Python-style slice against an extent: start index, step and count. */
function resolveSlice(spec: SliceSpec, n: number, axis: number): { start: number; step: number; count: number; drop: boolean } {
  const fn = 'slice';
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < -n || spec >= n) {
      throw new ArgumentError({ fn, arg: `specs[${axis}]`, expected: `an index in [${-n}, ${n - 1}]`, actual: fmtValue(spec) });
    }
    return { start: spec < 0 ? spec + n : spec, step: 1, count: 1, drop: true };
  }
  if (spec === null) return { start: 0, step: 1, count: n, drop: false };
  if (!Array.isArray(spec) || spec.length > 3) {
    throw new ArgumentError({ fn, arg: `specs[${axis}]`, expected: 'an index, null or [start, stop, step]', actual: fmtValue(spec) });
  }
  const [s0, s1, s2] = spec;
  const step = s2 ?? 1;
  for (const v of [s0, s1, step]) {
    if (v !== undefined && v !== null && !Number.isInteger(v)) {
      throw new ArgumentError({ fn, arg: `specs[${axis}]`, expected: 'integer bounds and step', actual: fmtValue(spec) });
    }
  }
  if (step === 0) throw new ArgumentError({ fn, arg: `specs[${axis}]`, expected: 'a non-zero step', actual: fmtValue(spec) });
  const norm = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v < 0 ? v + n : v));
  let start: number;
  let stop: number;
  if (step > 0) {
    start = s0 == null ? 0 : norm(s0, 0, n);
    stop = s1 == null ? n : norm(s1, 0, n);
  } else {
    start = s0 == null ? n - 1 : norm(s0, -1, n - 1);
    stop = s1 == null ? -1 : norm(s1, -1, n - 1);
  }
  const count = Math.max(0, Math.ceil((stop - start) / step));
  return { start: count === 0 ? 0 : start, step, count, drop: false };
}

/**
 * NumPy basic slicing, one spec per leading axis (missing trailing axes are kept whole):
 * `slice(x, 0)` is `x[0]`, `slice(x, null, [1, -1])` is `x[:, 1:-1]`, and
 * `slice(x, [null, null, -1])` is `x[::-1]`. Out-of-range bounds clamp as in Python.
 * A view.
 */
export function slice(x: TensorLike, ...specs: SliceSpec[]): Tensor {
  const t = toTensor(x, 'slice');
  if (specs.length > t.ndim) {
    throw new ArgumentError({ fn: 'slice', arg: 'specs', expected: `at most ${t.ndim} specs for shape ${fmtShape(t.shape)}`, actual: `${specs.length}` });
  }
  const parts = t.shape.map((n, i) => resolveSlice(i < specs.length ? specs[i]! : null, n, i));
  const params = { start: parts.map((p) => p.start), step: parts.map((p) => p.step), shape: parts.map((p) => p.count) };
  const whole = parts.every((p, i) => p.start === 0 && p.step === 1 && p.count === t.shape[i]);
  const sliced = whole ? t : bind(slicePrim, [t], params);
  return parts.some((p) => p.drop) ? reshape(sliced, parts.filter((p) => !p.drop).map((p) => p.count)) : sliced;
}

/** Reverses the order of elements along the given axes (default: all). A view. */
export function flip(x: TensorLike, axis?: number | readonly number[]): Tensor {
  const t = toTensor(x, 'flip');
  const axes = normalizeAxes(axis, t.ndim, 'flip');
  return slice(t, ...t.shape.map((_, i) => (axes.includes(i) ? ([null, null, -1] as const) : null)));
}
