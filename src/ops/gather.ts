/**
 * Indexing by integer arrays: `take` (gather) and its adjoint `scatterAdd`.
 *
 * @module
 */
import { ArgumentError, DTypeError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { tensor, zerosLike } from '../tensor/creation.js';
import { isInexact } from '../tensor/dtype.js';
import { normalizeAxis, shapesEqual } from '../tensor/shape.js';
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { toTensor } from './convert.js';
import { type Primitive, bind } from './primitive.js';
import { reshape } from './view.js';

/** Integer indices: an int32 tensor, a number, or nested arrays of numbers. */
export type IndicesLike = Tensor | number | readonly (number | readonly number[])[];

const gatherPrim: Primitive<{ axis: number }> = {
  name: 'gather',
  forward: ([x, idx], { axis }) => x!.storage.backend.gather(x!, idx!, axis),
  vjp: (g, [x, idx], _y, { axis }) => [isInexact(x!.dtype) ? bind(scatterAddPrim, [zerosLike(x!), idx!, g], { axis }) : null, null],
};

const scatterAddPrim: Primitive<{ axis: number }> = {
  name: 'scatterAdd',
  forward: ([base, idx, upd], { axis }) => base!.storage.backend.scatterAdd(base!, idx!, upd!, axis),
  vjp: (g, [base, idx, upd], _y, { axis }) => [
    isInexact(base!.dtype) ? g : null,
    null,
    isInexact(upd!.dtype) ? bind(gatherPrim, [g, idx!], { axis }) : null,
  ],
};

/** Validates indices against an extent, wrapping negative ones; returns an int32 tensor. */
function checkIndices(indices: IndicesLike, extent: number, fn: string, like: Tensor): Tensor {
  let idx: Tensor;
  if (indices instanceof Tensor) idx = indices;
  else if (typeof indices === 'number' || Array.isArray(indices)) {
    // Read as float64 first: converting straight to int32 would truncate 1.5 and wrap 2^32.
    let raw: Tensor;
    try {
      raw = tensor(indices as number, { backend: like.storage.backend });
    } catch (e) {
      const Err = e instanceof ShapeError ? ShapeError : ArgumentError;
      throw new Err({ fn, arg: 'indices', expected: 'an integer or a rectangular nested array of integers', actual: fmtValue(indices) });
    }
    const vals = raw.toTypedArray();
    if (raw.dtype !== 'float64' || vals.some((v) => !Number.isInteger(v))) {
      throw new ArgumentError({ fn, arg: 'indices', expected: 'integer indices', actual: fmtValue(indices) });
    }
    if (vals.some((v) => v < -extent || v >= extent)) {
      const v = vals.find((w) => w < -extent || w >= extent)!;
      throw new ArgumentError({ fn, arg: 'indices', expected: `indices in [${-extent}, ${extent - 1}]`, actual: String(v) });
    }
    idx = tensor(vals, { shape: raw.shape, dtype: 'int32', backend: like.storage.backend });
  } else throw new ArgumentError({ fn, arg: 'indices', expected: 'an int32 tensor, a number or nested arrays', actual: fmtValue(indices) });
  if (idx.dtype !== 'int32') {
    throw new DTypeError({ fn, arg: 'indices', expected: 'int32', actual: idx.dtype });
  }
  const values = idx.toTypedArray() as Int32Array;
  let wrapped = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < -extent || v >= extent) {
      throw new ArgumentError({ fn, arg: 'indices', expected: `indices in [${-extent}, ${extent - 1}]`, actual: String(v) });
    }
    if (v < 0) {
      values[i] = v + extent;
      wrapped = true;
    }
  }
  return wrapped ? tensor(values, { shape: idx.shape, backend: like.storage.backend }) : idx;
}

/**
 * Elements of `x` at `indices` along `axis` (NumPy's `take`): the result's shape is
 * `x.shape[:axis] + indices.shape + x.shape[axis+1:]`. Without `axis`, `x` is
 * flattened first. Negative indices count from the end. Repeated indices accumulate
 * their gradients.
 */
export function take(x: TensorLike, indices: IndicesLike, axis?: number): Tensor {
  const fn = 'take';
  let t = toTensor(x, fn);
  if (axis === undefined) t = reshape(t, [t.size]);
  const a = normalizeAxis(axis ?? 0, t.ndim, fn);
  const idx = checkIndices(indices, t.shape[a]!, fn, t);
  return bind(gatherPrim, [t, idx], { axis: a });
}

/**
 * A copy of `base` with `updates` added at `indices` along `axis` (repeated indices
 * add up). `updates` has shape `base.shape[:axis] + indices.shape + base.shape[axis+1:]`.
 * The adjoint of {@link take}.
 */
export function scatterAdd(base: TensorLike, indices: IndicesLike, updates: TensorLike, axis = 0): Tensor {
  const fn = 'scatterAdd';
  const b = toTensor(base, fn, 'base');
  const a = normalizeAxis(axis, b.ndim, fn);
  const idx = checkIndices(indices, b.shape[a]!, fn, b);
  const u = toTensor(updates, fn, 'updates', b);
  const want = [...b.shape.slice(0, a), ...idx.shape, ...b.shape.slice(a + 1)];
  if (!shapesEqual(u.shape, want)) {
    throw new ShapeError({ fn, arg: 'updates', expected: fmtShape(want), actual: fmtShape(u.shape) });
  }
  if (u.dtype !== b.dtype) {
    throw new DTypeError({ fn, arg: 'updates', expected: b.dtype, actual: u.dtype });
  }
  return bind(scatterAddPrim, [b, idx, u], { axis: a });
}
