/**
 * The CPU backend: plain TypeScript over typed arrays. It is complete (every kernel),
 * deterministic, float64-capable, and the reference that other backends are tested
 * against. Its float64 results are bit-identical in Node and in browsers because every
 * transcendental function comes from `dmath`.
 *
 * @module
 */
import type { Backend } from '../backend.js';
import { type DType, type TypedArray, complexOf, isComplex, promoteTypes, realOf } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/tensor.js';
import { complexBinaryKernel, complexUnaryKernel, realToComplexKernel, realView } from './complex.js';
import { convKernel, convWeightGradKernel } from './conv.js';
import { binaryKernel, castKernel, unaryKernel, whereKernel } from './elementwise.js';
import {
  axpyKernel, cgUpdateKernel, denseSolveKernel, gridTransferKernel, spmvKernel, stencilKernel, stencilRelaxKernel, triSolveKernel, vdotKernel,
} from './linalg.js';
import { matmulKernel } from './matmul.js';
import {
  concatKernel, copyKernel, gatherKernel, padConstantKernel, scatterAddKernel, unsliceKernel,
} from './movement.js';
import { argReduceKernel, keptShape, reduceKernel } from './reduce.js';
import { fftKernel, halfShape, irfftKernel, rfftKernel } from './spectral.js';
import { CpuStorage, arrayOf, closeScope, openScope, releaseStorage } from './storage.js';

/** A dense CPU tensor over `array`. */
function make(array: TypedArray, shape: readonly number[], dtype: DType): Tensor {
  return new Tensor(new CpuStorage(cpu, array), shape, dtype);
}

/** The tensor the real kernels see: the real view of a complex tensor, else itself. */
function slots(x: Tensor): Tensor {
  return isComplex(x.dtype) ? realView(x) : x;
}

/** A dense copy of `x` (complex tensors are copied through their real view). */
function copyOf(x: Tensor): Tensor {
  return make(copyKernel(slots(x)), x.shape, x.dtype);
}

/** `x` itself when dense and row-major, else a dense copy. */
function dense(x: Tensor): Tensor {
  return x.isContiguous ? x : copyOf(x);
}

/** The elements of an int32 tensor as a dense array (a view when possible). */
function indexArray(x: Tensor): Int32Array {
  const d = dense(x);
  return (arrayOf(d) as Int32Array).subarray(d.offset, d.offset + d.size);
}

/** `shape` with the trailing axis of a real view appended when `dtype` is complex. */
function slotShape(shape: readonly number[], dtype: DType): number[] {
  return isComplex(dtype) ? [...shape, 2] : [...shape];
}

/** The CPU backend instance. */
export const cpu: Backend = {
  name: 'cpu',
  fromArray: (array) => new CpuStorage(cpu, array),
  openScope,
  closeScope,
  release: releaseStorage,
  read: (x) => {
    if (x.isContiguous) {
      const k = isComplex(x.dtype) ? 2 : 1;
      return arrayOf(x).slice(k * x.offset, k * (x.offset + x.size));
    }
    return copyKernel(slots(x));
  },
  unary: (op, x, outDtype) => make(unaryKernel(op, x, outDtype), x.shape, outDtype),
  binary: (op, a, b, outShape, outDtype) => make(binaryKernel(op, a, b, outShape, outDtype), outShape, outDtype),
  complexUnary: (op, x, outDtype) => make(complexUnaryKernel(op, x, outDtype), x.shape, outDtype),
  complexBinary: (op, a, b, outShape, outDtype) => make(complexBinaryKernel(op, a, b, outShape, outDtype), outShape, outDtype),
  where: (c, a, b, outShape, dtype) => {
    if (!isComplex(dtype)) return make(whereKernel(c, a, b, outShape, dtype), outShape, dtype);
    // Complex values move as pairs: the condition gets a broadcast trailing axis.
    const cond = new Tensor(c.storage, [...c.shape, 1], c.dtype, [...c.strides, 0], c.offset);
    return make(whereKernel(cond, realView(a), realView(b), [...outShape, 2], realOf(dtype)), outShape, dtype);
  },
  cast: (x, dtype) => {
    if (!isComplex(dtype)) return make(castKernel(x, dtype), x.shape, dtype);
    const arr = isComplex(x.dtype) ? castKernel(realView(x), realOf(dtype)) : realToComplexKernel(x, dtype);
    return make(arr, x.shape, dtype);
  },
  copy: (x) => copyOf(x),
  reduce: (op, x, axes) => make(reduceKernel(op, slots(x), axes, realOf(x.dtype)), keptShape(x.shape, axes), x.dtype),
  argReduce: (op, x, axis) => make(argReduceKernel(op, x, axis), keptShape(x.shape, [axis]), 'int32'),
  matmul: (a, b, outShape, dtype) => make(matmulKernel(dense(a), dense(b), outShape, dtype), outShape, dtype),
  concat: (xs, axis, outShape) => {
    const dtype = xs[0]!.dtype;
    return make(concatKernel(xs.map(slots), axis, slotShape(outShape, dtype), realOf(dtype)), outShape, dtype);
  },
  padConstant: (x, widths, value) => {
    const w = isComplex(x.dtype) ? [...widths, [0, 0] as const] : widths;
    return make(padConstantKernel(slots(x), w, value), x.shape.map((d, i) => d + widths[i]![0] + widths[i]![1]), x.dtype);
  },
  unslice: (x, shape, start, step) => {
    const c = isComplex(x.dtype);
    const arr = unsliceKernel(slots(x), slotShape(shape, x.dtype), c ? [...start, 0] : start, c ? [...step, 1] : step);
    return make(arr, shape, x.dtype);
  },
  fft: (x, axes, inverse, scale) => make(fftKernel(x, axes, inverse, scale), x.shape, x.dtype),
  rfft: (x, axes, scale) => make(rfftKernel(x, axes, scale), halfShape(x.shape), complexOf(x.dtype)),
  irfft: (x, axes, n, scale) => make(irfftKernel(x, axes, n, scale), [...x.shape.slice(0, -1), n], realOf(x.dtype)),
  stencil: (x, spec, transpose) => make(stencilKernel(dense(x), spec, transpose, x.dtype), x.shape, x.dtype),
  stencilRelax: (x, b, w, spec) => make(stencilRelaxKernel(dense(x), dense(b), dense(w), spec, x.dtype), x.shape, x.dtype),
  gridTransfer: (x, axis, boundary, restrict, scale) => {
    const { array, shape } = gridTransferKernel(dense(x), axis, boundary, restrict, scale, x.dtype);
    return make(array, shape, x.dtype);
  },
  spmv: (values, x, pattern, transpose) => {
    const shape = [...x.shape.slice(0, -1), transpose ? pattern.nCols : pattern.nRows];
    return make(spmvKernel(dense(values), dense(x), pattern, transpose, x.dtype), shape, x.dtype);
  },
  triSolve: (values, r, pattern, lower, transpose) =>
    make(triSolveKernel(dense(values), dense(r), pattern, lower, transpose, r.dtype), r.shape, r.dtype),
  axpy: (alpha, x, y) => make(axpyKernel(dense(alpha), dense(x), dense(y), y.dtype), y.shape, y.dtype),
  cgUpdate: (alpha, x, r, p, q) => {
    const [xo, ro, rr] = cgUpdateKernel(dense(alpha), dense(x), dense(r), dense(p), dense(q), x.dtype);
    return [make(xo, x.shape, x.dtype), make(ro, x.shape, x.dtype), make(rr, alpha.shape, x.dtype)];
  },
  vdot: (a, b, ndim) => {
    const shape = a.shape.map((d, i) => (i >= a.ndim - ndim ? 1 : d));
    const samples = shape.reduce((p, d) => p * d, 1);
    return make(vdotKernel(dense(a), dense(b), samples, a.dtype), shape, a.dtype);
  },
  denseSolve: (a, b) => {
    const arr = denseSolveKernel(dense(a), dense(b), b.dtype);
    return arr === null ? null : make(arr, b.shape, b.dtype);
  },
  gather: (x, indices, axis) => {
    const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
    return make(gatherKernel(slots(dense(x)), indexArray(indices), axis), shape, x.dtype);
  },
  scatterAdd: (base, indices, updates, axis) =>
    make(scatterAddKernel(slots(dense(base)), indexArray(indices), slots(dense(updates)), axis), base.shape, base.dtype),
  conv: (x, w, spec) =>
    make(convKernel(dense(x), dense(w), spec), [x.shape[0]!, w.shape[0]!, ...x.shape.slice(2)], promoteTypes(x.dtype, w.dtype)),
  convWeightGrad: (x, g, spec, kernelShape) =>
    make(convWeightGradKernel(dense(x), dense(g), spec, kernelShape), kernelShape, promoteTypes(x.dtype, g.dtype)),
};
