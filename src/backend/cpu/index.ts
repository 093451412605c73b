/**
 * The CPU backend: plain TypeScript over typed arrays. It is complete (every kernel),
 * deterministic, float64-capable, and the reference that other backends are tested
 * against. Its float64 results are bit-identical in Node and in browsers because every
 * transcendental function comes from `dmath`.
 *
 * @module
 */
import type { Backend } from '../backend.js';
import type { DType, TypedArray } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/tensor.js';
import { binaryKernel, castKernel, unaryKernel, whereKernel } from './elementwise.js';
import { matmulKernel } from './matmul.js';
import {
  concatKernel, copyKernel, gatherKernel, padConstantKernel, scatterAddKernel, unsliceKernel,
} from './movement.js';
import { argReduceKernel, keptShape, reduceKernel } from './reduce.js';
import { CpuStorage, arrayOf } from './storage.js';

/** A dense CPU tensor over `array`. */
function make(array: TypedArray, shape: readonly number[], dtype: DType): Tensor {
  return new Tensor(new CpuStorage(cpu, array), shape, dtype);
}

/** `x` itself when dense and row-major, else a dense copy. */
function dense(x: Tensor): Tensor {
  return x.isContiguous ? x : make(copyKernel(x), x.shape, x.dtype);
}

/** The elements of an int32 tensor as a dense array (a view when possible). */
function indexArray(x: Tensor): Int32Array {
  const d = dense(x);
  return (arrayOf(d) as Int32Array).subarray(d.offset, d.offset + d.size);
}

/** The CPU backend instance. */
export const cpu: Backend = {
  name: 'cpu',
  fromArray: (array) => new CpuStorage(cpu, array),
  read: (x) => {
    if (x.isContiguous) {
      const a = arrayOf(x);
      return a.slice(x.offset, x.offset + x.size);
    }
    return copyKernel(x);
  },
  unary: (op, x, outDtype) => make(unaryKernel(op, x, outDtype), x.shape, outDtype),
  binary: (op, a, b, outShape, outDtype) => make(binaryKernel(op, a, b, outShape, outDtype), outShape, outDtype),
  where: (c, a, b, outShape, dtype) => make(whereKernel(c, a, b, outShape, dtype), outShape, dtype),
  cast: (x, dtype) => make(castKernel(x, dtype), x.shape, dtype),
  copy: (x) => make(copyKernel(x), x.shape, x.dtype),
  reduce: (op, x, axes) => make(reduceKernel(op, x, axes, x.dtype), keptShape(x.shape, axes), x.dtype),
  argReduce: (op, x, axis) => make(argReduceKernel(op, x, axis), keptShape(x.shape, [axis]), 'int32'),
  matmul: (a, b, outShape, dtype) => make(matmulKernel(dense(a), dense(b), outShape, dtype), outShape, dtype),
  concat: (xs, axis, outShape) => make(concatKernel(xs, axis, outShape, xs[0]!.dtype), outShape, xs[0]!.dtype),
  padConstant: (x, widths, value) =>
    make(padConstantKernel(x, widths, value), x.shape.map((d, i) => d + widths[i]![0] + widths[i]![1]), x.dtype),
  unslice: (x, shape, start, step) => make(unsliceKernel(x, shape, start, step), shape, x.dtype),
  gather: (x, indices, axis) => {
    const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
    return make(gatherKernel(dense(x), indexArray(indices), axis), shape, x.dtype);
  },
  scatterAdd: (base, indices, updates, axis) =>
    make(scatterAddKernel(dense(base), indexArray(indices), dense(updates), axis), base.shape, base.dtype),
};
