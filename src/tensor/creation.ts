/**
 * Creating tensors: from JS data, filled, ranges and identity matrices.
 *
 * @module
 */
import { type Backend, getDefaultBackend } from '../backend/index.js';
import { ArgumentError, DTypeError, ShapeError, fmtValue } from '../errors.js';
import { type DType, type TypedArray, allocate, checkDType, componentsOf, dtypeOfArray, isComplex, realOf } from './dtype.js';
import { type Shape, checkShape, sizeOf } from './shape.js';
import { type NestedNumbers, Tensor } from './tensor.js';

/** Options shared by the creation functions. */
export interface CreateOptions {
  /** Element type; defaults depend on the function (float64 for most). */
  dtype?: DType;
  /** Backend to place the tensor on; defaults to the default backend. */
  backend?: Backend;
}

/** Nested JS arrays of numbers or booleans. */
export type NestedData = number | boolean | readonly NestedData[];

/** A dense tensor over `array` (adopted, not copied). */
function wrap(array: TypedArray, shape: Shape, dtype: DType, backend?: Backend): Tensor {
  const b = backend ?? getDefaultBackend();
  return new Tensor(b.fromArray(array), shape, dtype);
}

/**
 * Fills a typed array of `dtype` from JS values, converting as `cast` would; for a
 * complex dtype the values are the real parts.
 */
function fillFrom(dtype: DType, values: ArrayLike<number>): TypedArray {
  const out = allocate(dtype, values.length);
  if (dtype === 'bool') for (let i = 0; i < values.length; i++) out[i] = values[i] !== 0 ? 1 : 0;
  else if (isComplex(dtype)) for (let i = 0; i < values.length; i++) out[2 * i] = values[i]!;
  else out.set(values);
  return out;
}

/**
 * A tensor from nested arrays, a number, a boolean or a typed array (always copied).
 * The dtype defaults to that of a typed array, `bool` for booleans, else `float64`.
 *
 * @example tensor([[1, 2], [3, 4]]) // shape [2, 2], float64
 */
export function tensor(data: NestedData | TypedArray, options: CreateOptions & { shape?: Shape } = {}): Tensor {
  const fn = 'tensor';
  const arrDtype = dtypeOfArray(data);
  if (arrDtype !== undefined) {
    const arr = data as TypedArray;
    const shape = options.shape === undefined ? [arr.length] : checkShape(options.shape, fn);
    if (sizeOf(shape) !== arr.length) {
      throw new ShapeError({ fn, arg: 'shape', expected: `${arr.length} elements`, actual: `${fmtValue(shape)} (${sizeOf(shape)} elements)` });
    }
    const dtype = options.dtype === undefined ? arrDtype : checkDType(options.dtype, fn);
    return wrap(fillFrom(dtype, arr), shape, dtype, options.backend);
  }
  const shape: number[] = [];
  for (let d: unknown = data; Array.isArray(d); d = d[0]) shape.push(d.length);
  const flat: number[] = [];
  let sawBool = false;
  let sawNumber = false;
  const walk = (d: unknown, axis: number): void => {
    if (axis === shape.length) {
      if (Array.isArray(d)) {
        throw new ShapeError({ fn, arg: 'data', expected: `a rectangular nested array (a number or boolean at depth ${axis})`, actual: fmtValue(d) });
      }
      if (typeof d === 'number') sawNumber = true;
      else if (typeof d === 'boolean') sawBool = true;
      else throw new ArgumentError({ fn, arg: 'data', expected: 'numbers or booleans', actual: fmtValue(d) });
      flat.push(Number(d));
      return;
    }
    if (!Array.isArray(d) || d.length !== shape[axis]) {
      throw new ShapeError({ fn, arg: 'data', expected: `a rectangular nested array (extent ${shape[axis]} at depth ${axis})`, actual: fmtValue(d) });
    }
    for (const e of d) walk(e, axis + 1);
  };
  walk(data, 0);
  if (sawBool && sawNumber) {
    throw new DTypeError({ fn, arg: 'data', expected: 'all numbers or all booleans', actual: 'a mixture' });
  }
  const finalShape = options.shape === undefined ? shape : checkShape(options.shape, fn);
  if (sizeOf(finalShape) !== flat.length) {
    throw new ShapeError({ fn, arg: 'shape', expected: `${flat.length} elements`, actual: fmtValue(finalShape) });
  }
  const dtype = options.dtype === undefined ? (sawBool ? 'bool' : 'float64') : checkDType(options.dtype, fn);
  return wrap(fillFrom(dtype, flat), finalShape, dtype, options.backend);
}

/**
 * A tensor that adopts `array` as its storage without copying (the caller must not
 * modify the array afterwards). The dtype is that of the array, or, with
 * `dtype: 'complex64'` (a Float32Array) or `'complex128'` (a Float64Array), complex
 * values stored interleaved (real and imaginary parts of element k at slots 2k and
 * 2k+1). `shape` defaults to 1-D.
 */
export function fromArray(
  array: TypedArray, shape?: Shape, options: { backend?: Backend; dtype?: DType } = {},
): Tensor {
  const fn = 'fromArray';
  const base = dtypeOfArray(array);
  if (base === undefined) {
    throw new DTypeError({ fn, arg: 'array', expected: 'a Float64Array, Float32Array, Int32Array or Uint8Array', actual: fmtValue(array) });
  }
  let dtype: DType = base;
  if (options.dtype !== undefined && options.dtype !== base) {
    const d = checkDType(options.dtype, fn);
    if (!isComplex(d) || realOf(d) !== base) {
      throw new DTypeError({ fn, arg: 'dtype', expected: `${base} or the complex dtype stored in a ${array.constructor.name}`, actual: d });
    }
    dtype = d;
  }
  if (dtype === 'bool' && array.some((v) => v > 1)) {
    throw new DTypeError({ fn, arg: 'array', expected: 'a Uint8Array of 0s and 1s (bool storage)', actual: 'other byte values' });
  }
  const slots = componentsOf(dtype);
  const n = array.length / slots;
  if (!Number.isInteger(n)) {
    throw new ShapeError({ fn, arg: 'array', expected: 'an even length for interleaved complex values', actual: `${array.length}` });
  }
  const s = shape === undefined ? [n] : checkShape(shape, fn);
  if (sizeOf(s) !== n) {
    throw new ShapeError({ fn, arg: 'shape', expected: `${n} elements`, actual: fmtValue(s) });
  }
  return wrap(array, s, dtype, options.backend);
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: Shape | number, value: number | boolean, options: CreateOptions = {}): Tensor {
  return filled(shape, value, options, 'full');
}

/** `full`, with errors naming the public function `fn` that was called. */
function filled(shape: Shape | number, value: number | boolean, options: CreateOptions, fn: string): Tensor {
  const s = checkShape(shape, fn);
  const dtype = options.dtype === undefined ? (typeof value === 'boolean' ? 'bool' : 'float64') : checkDType(options.dtype, fn);
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new ArgumentError({ fn, arg: 'value', expected: 'a number or boolean', actual: fmtValue(value) });
  }
  const arr = allocate(dtype, sizeOf(s));
  const v = dtype === 'bool' ? (value ? 1 : 0) : Number(value);
  if (v !== 0 && isComplex(dtype)) for (let i = 0; i < arr.length; i += 2) arr[i] = v;
  else if (v !== 0) arr.fill(v);
  return wrap(arr, s, dtype, options.backend);
}

/** A tensor of zeros (float64 unless told). */
export function zeros(shape: Shape | number, options: CreateOptions = {}): Tensor {
  return filled(shape, 0, options, 'zeros');
}

/** A tensor of ones (float64 unless told). */
export function ones(shape: Shape | number, options: CreateOptions = {}): Tensor {
  return filled(shape, 1, options, 'ones');
}

/** A rank-0 tensor. */
export function scalar(value: number | boolean, options: CreateOptions = {}): Tensor {
  return filled([], value, options, 'scalar');
}

/** `value` shaped like tensor `x`, checked, with errors naming `fn`. */
function filledLike(x: Tensor, value: number | boolean, options: { dtype?: DType }, fn: string): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError({ fn, arg: 'x', expected: 'a Tensor', actual: fmtValue(x) });
  return filled(x.shape, value, { dtype: options.dtype ?? x.dtype, backend: x.storage.backend }, fn);
}

/** Zeros with the shape, dtype and backend of `x` (dtype overridable). */
export function zerosLike(x: Tensor, options: { dtype?: DType } = {}): Tensor {
  return filledLike(x, 0, options, 'zerosLike');
}

/** Ones with the shape, dtype and backend of `x` (dtype overridable). */
export function onesLike(x: Tensor, options: { dtype?: DType } = {}): Tensor {
  return filledLike(x, 1, options, 'onesLike');
}

/** `value` with the shape, dtype and backend of `x` (dtype overridable). */
export function fullLike(x: Tensor, value: number | boolean, options: { dtype?: DType } = {}): Tensor {
  return filledLike(x, value, options, 'fullLike');
}

/** The longest array a creation function makes (the engines' typed-array limit). */
const MAX_LENGTH = 2 ** 32 - 1;

function checkFinite(v: unknown, fn: string, arg: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new ArgumentError({ fn, arg, expected: 'a finite number', actual: fmtValue(v) });
  }
  return v;
}

/**
 * Evenly spaced values in `[start, stop)` with `step`, as NumPy's `arange`:
 * `arange(5)`, `arange(2, 5)`, `arange(0, 1, 0.25)`. The dtype is int32 when every
 * argument is an integer and every value fits in int32, else float64. Element i is
 * `start + i * step`.
 */
export function arange(start: number, stop?: number, step = 1, options: CreateOptions = {}): Tensor {
  const fn = 'arange';
  if (stop === undefined) [start, stop] = [0, start];
  checkFinite(start, fn, 'start');
  checkFinite(stop, fn, 'stop');
  checkFinite(step, fn, 'step');
  if (step === 0) throw new ArgumentError({ fn, arg: 'step', expected: 'a non-zero number', actual: '0' });
  const n = Math.max(0, Math.ceil((stop - start) / step));
  if (n > MAX_LENGTH) {
    throw new ArgumentError({ fn, arg: 'step', expected: `at most ${MAX_LENGTH} elements`, actual: `${n} (start ${start}, stop ${stop}, step ${step})` });
  }
  const fitsInt32 = (v: number): boolean => v >= -(2 ** 31) && v < 2 ** 31;
  const allInt = Number.isInteger(start) && Number.isInteger(stop) && Number.isInteger(step) &&
    fitsInt32(start) && (n === 0 || fitsInt32(start + (n - 1) * step));
  const dtype = options.dtype === undefined ? (allInt ? 'int32' : 'float64') : checkDType(options.dtype, fn);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = start + i * step;
  return wrap(fillFrom(dtype, values), [n], dtype, options.backend);
}

/**
 * `num` evenly spaced values from `start` to `stop` (inclusive unless
 * `endpoint: false`), as NumPy's `linspace`: element i is `start + i * step` and, with
 * the endpoint, the last element is exactly `stop`.
 */
export function linspace(
  start: number, stop: number, num = 50, options: CreateOptions & { endpoint?: boolean } = {},
): Tensor {
  const fn = 'linspace';
  checkFinite(start, fn, 'start');
  checkFinite(stop, fn, 'stop');
  if (!Number.isInteger(num) || num < 0) {
    throw new ArgumentError({ fn, arg: 'num', expected: 'a non-negative integer', actual: fmtValue(num) });
  }
  const endpoint = options.endpoint ?? true;
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : 0;
  const values = new Float64Array(num);
  for (let i = 0; i < num; i++) values[i] = start + i * step;
  if (endpoint && num > 1) values[num - 1] = stop;
  const dtype = options.dtype === undefined ? 'float64' : checkDType(options.dtype, fn);
  return wrap(fillFrom(dtype, values), [num], dtype, options.backend);
}

/** An `n` x `m` matrix with ones on diagonal `k` (0: main, > 0: above, < 0: below). */
export function eye(n: number, m: number = n, k = 0, options: CreateOptions = {}): Tensor {
  const s = [checkShape([n], 'eye', 'n')[0]!, checkShape([m], 'eye', 'm')[0]!];
  if (!Number.isInteger(k)) throw new ArgumentError({ fn: 'eye', arg: 'k', expected: 'an integer', actual: fmtValue(k) });
  const dtype = options.dtype === undefined ? 'float64' : checkDType(options.dtype, 'eye');
  const arr = allocate(dtype, n * m);
  for (let i = 0; i < n; i++) {
    const j = i + k;
    if (j >= 0 && j < m) arr[(i * m + j) * componentsOf(dtype)] = 1;
  }
  return wrap(arr, s, dtype, options.backend);
}

/** Nested-number view of a tensor, re-exported for convenience. */
export type { NestedNumbers };
