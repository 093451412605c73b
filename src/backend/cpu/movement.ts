/**
 * CPU kernels that move data: joining, padding, un-slicing, gathering and scattering.
 *
 * @module
 */
import { type DType, type TypedArray, allocate } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/tensor.js';
import { contiguousStrides, sizeOf } from '../../tensor/shape.js';
import { arrayOf } from './storage.js';
import { coalesce, forEachRun } from './strided.js';

/**
 * Writes every element of `x` into `out` at `outOffset + sum(index[i] * outStrides[i])`.
 * With `accumulate`, adds instead of overwriting.
 */
export function copyInto(
  x: Tensor, out: TypedArray, outStrides: readonly number[], outOffset: number, accumulate = false,
): void {
  const loop = coalesce(x.shape, [x.strides, outStrides]);
  const X = arrayOf(x);
  const sx = loop.strides[0]!.at(-1)!;
  const so = loop.strides[1]!.at(-1)!;
  forEachRun(loop, [x.offset, outOffset], (pos, _o, n) => {
    let ix = pos[0]!;
    let io = pos[1]!;
    if (accumulate) for (let k = 0; k < n; k++, ix += sx, io += so) out[io] += X[ix]!;
    else for (let k = 0; k < n; k++, ix += sx, io += so) out[io] = X[ix]!;
  });
}

/** A dense row-major copy of `x`. */
export function copyKernel(x: Tensor): TypedArray {
  const out = allocate(x.dtype, x.size);
  copyInto(x, out, contiguousStrides(x.shape), 0);
  return out;
}

/** Joins `xs` along `axis` into a dense array of `outShape`. */
export function concatKernel(xs: readonly Tensor[], axis: number, outShape: readonly number[], dtype: DType): TypedArray {
  const out = allocate(dtype, sizeOf(outShape));
  const strides = contiguousStrides(outShape);
  let start = 0;
  for (const x of xs) {
    copyInto(x, out, strides, start * strides[axis]!);
    start += x.shape[axis]!;
  }
  return out;
}

/** Pads `x` with `value`; `widths[i] = [before, after]`. */
export function padConstantKernel(x: Tensor, widths: readonly (readonly [number, number])[], value: number): TypedArray {
  const outShape = x.shape.map((d, i) => d + widths[i]![0] + widths[i]![1]);
  const out = allocate(x.dtype, sizeOf(outShape));
  if (value !== 0) out.fill(value);
  const strides = contiguousStrides(outShape);
  const offset = widths.reduce((acc, w, i) => acc + w[0] * strides[i]!, 0);
  copyInto(x, out, strides, offset);
  return out;
}

/** Zeros of `shape` with `x` written at `start[i] + j * step[i]` along each axis. */
export function unsliceKernel(
  x: Tensor, shape: readonly number[], start: readonly number[], step: readonly number[],
): TypedArray {
  const out = allocate(x.dtype, sizeOf(shape));
  const strides = contiguousStrides(shape);
  const offset = start.reduce((acc, s, i) => acc + s * strides[i]!, 0);
  copyInto(x, out, strides.map((s, i) => s * step[i]!), offset);
  return out;
}

/** Splits a shape around `axis` into (outer, extent, inner) element counts. */
function around(shape: readonly number[], axis: number): [number, number, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis]!, sizeOf(shape.slice(axis + 1))];
}

/** Entries of dense `x` along `axis` at dense int32 `indices`; output is dense. */
export function gatherKernel(x: Tensor, indices: Int32Array, axis: number): TypedArray {
  const [outer, extent, inner] = around(x.shape, axis);
  const X = arrayOf(x);
  const m = indices.length;
  const out = allocate(x.dtype, outer * m * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < m; i++) {
      const src = x.offset + (o * extent + indices[i]!) * inner;
      const dst = (o * m + i) * inner;
      for (let j = 0; j < inner; j++) out[dst + j] = X[src + j]!;
    }
  }
  return out;
}

/** A copy of dense `base` with dense `updates` added at `indices` along `axis`. */
export function scatterAddKernel(base: Tensor, indices: Int32Array, updates: Tensor, axis: number): TypedArray {
  const [outer, extent, inner] = around(base.shape, axis);
  const out = allocate(base.dtype, base.size);
  out.set(arrayOf(base).subarray(base.offset, base.offset + base.size));
  const U = arrayOf(updates);
  const m = indices.length;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < m; i++) {
      const dst = (o * extent + indices[i]!) * inner;
      const src = updates.offset + (o * m + i) * inner;
      for (let j = 0; j < inner; j++) out[dst + j] += U[src + j]!;
    }
  }
  return out;
}
