/**
 * Interop with the npm `ndarray` package (scijs): tensors and ndarrays are both strided
 * views of a typed array, so conversion in either direction is usually free.
 *
 * **Aliasing.** Both directions share memory when they can: a tensor made by
 * {@link fromNdarray} from a typed-array ndarray sees every later write through that
 * ndarray (or any other view of the same array), and writing through an ndarray made by
 * {@link toNdarray} changes the tensor, and every other tensor that shares its storage.
 * difftape assumes tensors never change after they are made (gradients and views rely on
 * it), so treat shared memory as read-only, or copy first: e.g.
 * `fromNdarray(ndarray(nd.data.slice(), nd.shape, nd.stride, nd.offset))`, or
 * `fromArray(x.toTypedArray(), x.shape)` for a tensor with storage of its own.
 *
 * @module
 */
import ndarray from 'ndarray';
import { cpu } from '../backend/index.js';
import { CpuStorage } from '../backend/cpu/storage.js';
import { ArgumentError, DTypeError, ShapeError, fmtValue } from '../errors.js';
import { type TypedArray, dtypeOfArray, isComplex } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';

const CONVERT_HINT =
  'Copy the data into a supported array first, e.g. fromNdarray(ndarray(Float64Array.from(nd.data), nd.shape, nd.stride, nd.offset))';

/**
 * The fields {@link fromNdarray} reads: any object with them works, an actual ndarray
 * from the `ndarray` package included. Element `[i0, i1, ...]` is
 * `data[offset + i0 * stride[0] + i1 * stride[1] + ...]`.
 */
export interface NdArrayLike {
  /** The backing store: a typed array, a plain JS array, or (dtype `'generic'`) an object with `get(i)`. */
  readonly data: unknown;
  /** Extent of each axis. */
  readonly shape: readonly number[];
  /** Step in `data` per unit step of each axis (may be negative or 0). */
  readonly stride: readonly number[];
  /** Index in `data` of element `[0, ..., 0]`. */
  readonly offset: number;
  /** The ndarray package's name for the storage type: `'float64'`, `'uint8'`, `'array'`, `'generic'`, ... */
  readonly dtype?: string;
}

/** The ndarray package's dtype names for the typed arrays difftape uses. */
export type NdArrayDType = 'float64' | 'float32' | 'int32' | 'uint8';

/**
 * An ndarray from the `ndarray` package, as returned by {@link toNdarray} (the main
 * members; see the package's documentation for the rest).
 */
export interface NdArray<D extends TypedArray = TypedArray> extends NdArrayLike {
  readonly data: D;
  readonly shape: number[];
  readonly stride: number[];
  readonly offset: number;
  /** `'float64'`, `'float32'`, `'int32'`, or `'uint8'` for a bool tensor's bytes. */
  readonly dtype: NdArrayDType;
  /** Number of elements. */
  readonly size: number;
  /** Number of axes. */
  readonly dimension: number;
  /** Element at the given indices. */
  get(...indices: number[]): number;
  /** Writes the last argument at the indices given by the others (changes shared memory). */
  set(...indicesThenValue: number[]): number;
  /** Index into `data` of the element at the given indices. */
  index(...indices: number[]): number;
  /** A view with upper bounds cut to the given extents. */
  hi(...extents: (number | null)[]): NdArray<D>;
  /** A view starting at the given indices. */
  lo(...starts: (number | null)[]): NdArray<D>;
  /** A view with the given steps. */
  step(...steps: (number | null)[]): NdArray<D>;
  /** A view with permuted axes. */
  transpose(...axes: number[]): NdArray<D>;
  /** A view with the given axes fixed (`null` keeps an axis). */
  pick(...indices: (number | null)[]): NdArray<D>;
}

/**
 * The tensor as an ndarray of the `ndarray` package.
 *
 * For a CPU tensor this is zero-copy: the ndarray has the same typed array as `data`
 * and the tensor's strides and offset (a transposed, sliced or broadcast tensor gives
 * the same view, with stride 0 on broadcast axes). A bool tensor gives a `uint8`
 * ndarray of 0/1 bytes. A complex tensor gives its real view: a float ndarray of shape
 * `[...x.shape, 2]` holding (re, im) pairs (NumPy's `x.view(float)` with a new last axis),
 * still without copying. A tensor on another backend is read back into a fresh dense
 * array first.
 *
 * See the module notes on aliasing: writing through the result changes the tensor.
 *
 * @param x - Any tensor.
 * @throws ArgumentError - `x` is not a tensor.
 *
 * @example
 * const nd = toNdarray(transpose(x)); // nd.data === the storage of x
 */
export function toNdarray(x: Tensor): NdArray {
  if (!(x instanceof Tensor)) {
    throw new ArgumentError({ fn: 'toNdarray', arg: 'x', expected: 'a Tensor', actual: fmtValue(x) });
  }
  const pairs = isComplex(x.dtype);
  const shape = pairs ? [...x.shape, 2] : [...x.shape];
  if (x.storage instanceof CpuStorage) {
    const strides = pairs ? [...x.strides.map((s) => 2 * s), 1] : [...x.strides];
    return ndarray(x.storage.array, shape, strides, pairs ? 2 * x.offset : x.offset) as NdArray;
  }
  return ndarray(x.toTypedArray(), shape) as NdArray;
}

/**
 * A CPU tensor from an ndarray (or any {@link NdArrayLike}).
 *
 * - `data` a `Float64Array`, `Float32Array` or `Int32Array`: zero-copy, a float64,
 *   float32 or int32 tensor viewing the same memory with the ndarray's shape, strides
 *   and offset (negative and zero strides included). Later writes to the ndarray show
 *   in the tensor (see the module notes on aliasing).
 * - `data` a `Uint8Array`: zero-copy as a bool tensor; every viewed byte must be 0 or 1.
 * - `data` a plain JS array of numbers (ndarray dtype `'array'`), or an object with a
 *   `get(i)` method (dtype `'generic'`): copied into a dense float64 tensor.
 *
 * @param nd - The ndarray.
 * @throws ArgumentError - `nd` is not an object with `data`, `shape`, `stride` and
 *   `offset`; a plain-array element that is not a number (the message gives its index).
 * @throws ShapeError - `shape` is not non-negative integers, `stride` does not match
 *   it, or the view reaches outside `data`.
 * @throws DTypeError - any other storage (Int8/Int16/Uint16/Uint32/Uint8Clamped/BigInt64
 *   arrays, Float16Array, Buffers of other types...), or uint8 data with values other
 *   than 0 and 1; the message says how to convert.
 *
 * @example
 * const nd = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * const x = fromNdarray(nd.transpose(1, 0)); // shape [3, 2], shares nd.data
 */
export function fromNdarray(nd: NdArrayLike): Tensor {
  const fn = 'fromNdarray';
  if (nd === null || typeof nd !== 'object' || !('data' in nd) || !('shape' in nd) || !('stride' in nd) || !('offset' in nd)) {
    throw new ArgumentError({ fn, arg: 'nd', expected: 'an ndarray (an object with data, shape, stride and offset)', actual: fmtValue(nd) });
  }
  const { data, shape, stride, offset } = nd;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new ShapeError({ fn, arg: 'nd.shape', expected: 'an array of non-negative integers', actual: fmtValue(shape) });
  }
  if (!Array.isArray(stride) || stride.length !== shape.length || !stride.every((s) => Number.isSafeInteger(s))) {
    throw new ShapeError({ fn, arg: 'nd.stride', expected: `an array of ${shape.length} integers (one per axis of nd.shape)`, actual: fmtValue(stride) });
  }
  if (!Number.isSafeInteger(offset)) {
    throw new ArgumentError({ fn, arg: 'nd.offset', expected: 'an integer', actual: fmtValue(offset) });
  }

  const dtype = dtypeOfArray(data);
  if (dtype !== undefined) {
    const array = data as TypedArray;
    checkBounds(shape, stride, offset, array.length, fn);
    if (dtype === 'bool') {
      forEachIndex(shape, stride, offset, (k, n) => {
        if (array[k]! > 1) {
          const details = { fn, arg: 'nd.data', expected: 'uint8 data of 0s and 1s (read as bool)', actual: `${array[k]} at data[${k}] (element ${n} in row-major order)` };
          throw new DTypeError(details, `${new DTypeError(details).message}. ${CONVERT_HINT}.`);
        }
      });
    }
    return new Tensor(new CpuStorage(cpu, array), shape, dtype, stride, offset);
  }

  let read: ((k: number) => unknown) | undefined;
  if (Array.isArray(data)) {
    checkBounds(shape, stride, offset, data.length, fn);
    read = (k) => data[k];
  } else if (data !== null && typeof data === 'object' && typeof (data as { get?: unknown }).get === 'function') {
    const length = (data as { length?: unknown }).length;
    checkBounds(shape, stride, offset, typeof length === 'number' ? length : Infinity, fn);
    const g = data as { get(i: number): unknown };
    read = (k) => g.get(k);
  }
  if (read === undefined) {
    const name = (data as { constructor?: { name?: string } } | null)?.constructor?.name ?? String(data);
    const details = {
      fn,
      arg: 'nd.data',
      expected: 'a Float64Array, Float32Array, Int32Array or Uint8Array (viewed without copying), or a plain array of numbers (copied)',
      actual: `a ${name}${nd.dtype === undefined ? '' : ` (ndarray dtype '${nd.dtype}')`}`,
    };
    throw new DTypeError(details, `${new DTypeError(details).message}. ${CONVERT_HINT}.`);
  }
  const size = shape.reduce((a, d) => a * d, 1);
  const out = new Float64Array(size);
  forEachIndex(shape, stride, offset, (k, n) => {
    const v = read(k);
    if (typeof v !== 'number') {
      throw new ArgumentError({ fn, arg: `nd.data[${k}]`, expected: 'a number', actual: `${fmtValue(v)} (element ${n} in row-major order)` });
    }
    out[n] = v;
  });
  return new Tensor(new CpuStorage(cpu, out), shape, 'float64');
}

/** Throws unless every element of the strided view lies in `[0, length)`. */
function checkBounds(shape: readonly number[], stride: readonly number[], offset: number, length: number, fn: string): void {
  if (shape.includes(0)) return;
  let lo = offset;
  let hi = offset;
  shape.forEach((d, i) => {
    const span = (d - 1) * stride[i]!;
    if (span < 0) lo += span;
    else hi += span;
  });
  if (lo < 0 || hi >= length) {
    throw new ShapeError({
      fn,
      arg: 'nd',
      expected: `shape, stride and offset that stay within nd.data (length ${length})`,
      actual: `indices from ${lo} to ${hi} (shape [${shape.join(',')}], stride [${stride.join(',')}], offset ${offset})`,
    });
  }
}

/** Calls `f(storageIndex, rowMajorPosition)` for every element, in row-major order. */
function forEachIndex(
  shape: readonly number[], stride: readonly number[], offset: number, f: (k: number, n: number) => void,
): void {
  const rank = shape.length;
  if (shape.includes(0)) return;
  const idx = new Array<number>(rank).fill(0);
  let k = offset;
  for (let n = 0; ; n++) {
    f(k, n);
    let axis = rank - 1;
    while (axis >= 0) {
      k += stride[axis]!;
      if (++idx[axis]! < shape[axis]!) break;
      k -= stride[axis]! * shape[axis]!;
      idx[axis] = 0;
      axis--;
    }
    if (axis < 0) return;
  }
}
