/**
 * The CPU backend's FFT kernels: tensors in, tensors out, over the float64 engine in
 * `./fft/`. Inputs are read into one dense float64 buffer (complex interleaved), each
 * axis is transformed in turn without per-row allocation, and the result is scaled
 * once and stored in the output dtype (complex64 for float32 inputs).
 *
 * @module
 */
import { type DType, type TypedArray, allocate, complexOf, isComplex, realOf, releaseArray } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/tensor.js';
import { realView } from './complex.js';
import { complexAlongAxis, realForwardLastAxis, realInverseLastAxis } from './fft/index.js';
import { copyKernel } from './movement.js';
import { arrayOf } from './storage.js';

/**
 * The numbers of `x` (interleaved for complex) as a dense Float64Array: a view of the
 * storage when it already is one (the engine only reads its input), else a copy.
 */
function float64Slots(x: Tensor): Float64Array {
  const k = isComplex(x.dtype) ? 2 : 1;
  const dense: TypedArray = x.isContiguous
    ? arrayOf(x).subarray(k * x.offset, k * (x.offset + x.size))
    : copyKernel(isComplex(x.dtype) ? realView(x) : x);
  if (dense instanceof Float64Array) return dense;
  const wide = allocate('float64', dense.length, false);
  wide.set(dense);
  release(dense);
  return wide;
}

/**
 * Offers an intermediate buffer back to the array pool (see `allocate`): the transforms
 * chain several engine calls, and only the last result lives on. Views of a tensor's
 * storage are never pooled, so passing one is harmless.
 */
function release(a: TypedArray): void {
  releaseArray(a);
}

/** One more pass over `data`, whose previous buffer is then released. */
function then(data: Float64Array, pass: (d: Float64Array) => Float64Array): Float64Array {
  const next = pass(data);
  if (next !== data) release(data);
  return next;
}

/**
 * `data` (a buffer the engine made) times `scale`, stored as `dtype`: the buffer itself
 * for float64 parts.
 */
function finish(data: Float64Array, scale: number, dtype: DType, n: number): TypedArray {
  if (scale !== 1) for (let i = 0; i < data.length; i++) data[i]! *= scale;
  if (realOf(dtype) === 'float64') return data;
  const out = allocate(dtype, n, false);
  out.set(data);
  release(data);
  return out;
}

/** Complex DFT over `axes` (at least one); the result has `x`'s complex dtype. */
export function fftKernel(x: Tensor, axes: readonly number[], inverse: boolean, scale: number): TypedArray {
  let data = float64Slots(x);
  for (const axis of axes) data = then(data, (d) => complexAlongAxis(d, x.shape, axis, inverse));
  return finish(data, scale, x.dtype, x.size);
}

/** Output shape of a real forward transform: the last axis keeps n//2+1 frequencies. */
export function halfShape(shape: readonly number[]): number[] {
  return [...shape.slice(0, -1), Math.floor(shape.at(-1)! / 2) + 1];
}

/** Real-to-complex DFT over `axes` (the last of which is the tensor's last axis). */
export function rfftKernel(x: Tensor, axes: readonly number[], scale: number): TypedArray {
  const shape = halfShape(x.shape);
  let data = then(float64Slots(x), (d) => realForwardLastAxis(d, x.shape));
  for (const axis of axes.slice(0, -1)) data = then(data, (d) => complexAlongAxis(d, shape, axis, false));
  return finish(data, scale, complexOf(x.dtype), shape.reduce((a, d) => a * d, 1));
}

/** Complex-to-real inverse over `axes` to length `n` along the last axis. */
export function irfftKernel(x: Tensor, axes: readonly number[], n: number, scale: number): TypedArray {
  let data = float64Slots(x);
  for (const axis of axes.slice(0, -1)) data = then(data, (d) => complexAlongAxis(d, x.shape, axis, true));
  const out = then(data, (d) => realInverseLastAxis(d, x.shape, n));
  return finish(out, scale, realOf(x.dtype), out.length);
}
