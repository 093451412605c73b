/**
 * CPU kernels for complex tensors, and the real view that lets every data-movement
 * kernel serve complex tensors unchanged.
 *
 * A complex tensor of shape S stores element k as two numbers (re, im) at slots 2k and
 * 2k+1. Seen as a real tensor of shape [...S, 2] with doubled strides, it can be copied,
 * joined, padded, gathered or summed by the real kernels; only arithmetic needs the
 * kernels below. Transcendental functions come from `dmath`, so float64 results are
 * bit-identical on every engine.
 *
 * @module
 */
import * as dm from '../../dmath/index.js';
import type { ComplexBinaryOp, ComplexUnaryOp } from '../backend.js';
import { type DType, type TypedArray, allocate, realOf } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/tensor.js';
import { sizeOf } from '../../tensor/shape.js';
import { arrayOf } from './storage.js';
import { broadcastStrides, coalesce, flatStride, forEachRun } from './strided.js';

/** The real view of a complex tensor: shape `[...S, 2]`, doubled strides and offset, same storage. */
export function realView(x: Tensor): Tensor {
  return new Tensor(x.storage, [...x.shape, 2], realOf(x.dtype), [...x.strides.map((s) => 2 * s), 1], 2 * x.offset);
}

type Arr = TypedArray;
/** Writes f(re, im) of element at slot i of `a` to slot o of `out` (one or two slots). */
type Unary = (a: Arr, i: number, out: Arr, o: number) => void;

/** Output slots per element of each unary op (1 for real-valued results). */
const UNARY_OUT_SLOTS: { readonly [K in ComplexUnaryOp]: 1 | 2 } = { neg: 2, conj: 2, exp: 2, abs: 1, square: 2, reciprocal: 2 };

const UNARY: { readonly [K in ComplexUnaryOp]: Unary } = {
  neg: (a, i, out, o) => {
    out[o] = -a[i]!;
    out[o + 1] = -a[i + 1]!;
  },
  conj: (a, i, out, o) => {
    out[o] = a[i]!;
    out[o + 1] = -a[i + 1]!;
  },
  exp: (a, i, out, o) => {
    const m = dm.exp(a[i]!);
    const y = a[i + 1]!;
    // exp(x + 0i) is exactly real, as NumPy returns it.
    out[o] = y === 0 ? m : m * dm.cos(y);
    out[o + 1] = y === 0 ? y : m * dm.sin(y);
  },
  abs: (a, i, out, o) => {
    out[o] = Math.hypot(a[i]!, a[i + 1]!);
  },
  square: (a, i, out, o) => {
    const x = a[i]!;
    const y = a[i + 1]!;
    out[o] = x * x - y * y;
    out[o + 1] = 2 * x * y;
  },
  reciprocal: (a, i, out, o) => divide(1, 0, a[i]!, a[i + 1]!, out, o),
};

/**
 * (ar + i ai) / (br + i bi) by Smith's algorithm, in NumPy's exact arrangement (scale by
 * the reciprocal of the larger part), which avoids overflow when |b| is large.
 */
function divide(ar: number, ai: number, br: number, bi: number, out: Arr, o: number): void {
  const absR = Math.abs(br);
  const absI = Math.abs(bi);
  if (absR >= absI) {
    if (absR === 0 && absI === 0) {
      out[o] = ar / absR;
      out[o + 1] = ai / absI;
      return;
    }
    const rat = bi / br;
    const scl = 1 / (br + bi * rat);
    out[o] = (ar + ai * rat) * scl;
    out[o + 1] = (ai - ar * rat) * scl;
  } else {
    const rat = br / bi;
    const scl = 1 / (bi + br * rat);
    out[o] = (ar * rat + ai) * scl;
    out[o + 1] = (ai * rat - ar) * scl;
  }
}

/** Applies a unary op to every element of complex `x`; the result is complex, or real for `abs`. */
export function complexUnaryKernel(op: ComplexUnaryOp, x: Tensor, outDtype: DType): TypedArray {
  const slots = UNARY_OUT_SLOTS[op];
  const out = allocate(outDtype, x.size, false);
  const f = UNARY[op];
  const A = arrayOf(x);
  const loop = coalesce(x.shape, [x.strides]);
  const sa = 2 * loop.strides[0]!.at(-1)!;
  forEachRun(loop, [x.offset], (pos, o, n) => {
    let ia = 2 * pos[0]!;
    let io = slots * o;
    for (let k = 0; k < n; k++, ia += sa, io += slots) f(A, ia, out, io);
  });
  return out;
}

type Run2 = (A: Arr, ia: number, sa: number, B: Arr, ib: number, sb: number, O: Arr, io: number, n: number) => void;

// Strides and positions are in slots; each op's loop is written out (see elementwise.ts).
const RUN2: { readonly [K in ComplexBinaryOp]: Run2 } = {
  add: (A, ia, sa, B, ib, sb, O, io, n) => {
    for (let k = 0; k < n; k++, ia += sa, ib += sb, io += 2) {
      O[io] = A[ia]! + B[ib]!;
      O[io + 1] = A[ia + 1]! + B[ib + 1]!;
    }
  },
  sub: (A, ia, sa, B, ib, sb, O, io, n) => {
    for (let k = 0; k < n; k++, ia += sa, ib += sb, io += 2) {
      O[io] = A[ia]! - B[ib]!;
      O[io + 1] = A[ia + 1]! - B[ib + 1]!;
    }
  },
  mul: (A, ia, sa, B, ib, sb, O, io, n) => {
    for (let k = 0; k < n; k++, ia += sa, ib += sb, io += 2) {
      const ar = A[ia]!, ai = A[ia + 1]!, br = B[ib]!, bi = B[ib + 1]!;
      O[io] = ar * br - ai * bi;
      O[io + 1] = ar * bi + ai * br;
    }
  },
  div: (A, ia, sa, B, ib, sb, O, io, n) => {
    for (let k = 0; k < n; k++, ia += sa, ib += sb, io += 2) divide(A[ia]!, A[ia + 1]!, B[ib]!, B[ib + 1]!, O, io);
  },
  equal: (A, ia, sa, B, ib, sb, O, io, n) => {
    for (let k = 0; k < n; k++, ia += sa, ib += sb) O[io + k] = A[ia] === B[ib] && A[ia + 1] === B[ib + 1] ? 1 : 0;
  },
  notEqual: (A, ia, sa, B, ib, sb, O, io, n) => {
    for (let k = 0; k < n; k++, ia += sa, ib += sb) O[io + k] = A[ia] !== B[ib] || A[ia + 1] !== B[ib + 1] ? 1 : 0;
  },
};

/** A binary op on two complex tensors with broadcasting; comparisons give bool. */
export function complexBinaryKernel(
  op: ComplexBinaryOp, a: Tensor, b: Tensor, outShape: readonly number[], outDtype: DType,
): TypedArray {
  const out = allocate(outDtype, sizeOf(outShape), false);
  const slots = op === 'equal' || op === 'notEqual' ? 1 : 2;
  const A = arrayOf(a);
  const B = arrayOf(b);
  const run = RUN2[op];
  const n = sizeOf(outShape);
  const fa = flatStride(a, n);
  const fb = flatStride(b, n);
  if (fa !== undefined && fb !== undefined) {
    run(A, 2 * a.offset, 2 * fa, B, 2 * b.offset, 2 * fb, out, 0, n);
    return out;
  }
  const loop = coalesce(outShape, [broadcastStrides(a, outShape), broadcastStrides(b, outShape)]);
  const sa = 2 * loop.strides[0]!.at(-1)!;
  const sb = 2 * loop.strides[1]!.at(-1)!;
  forEachRun(loop, [a.offset, b.offset], (pos, o, n) => run(A, 2 * pos[0]!, sa, B, 2 * pos[1]!, sb, out, slots * o, n));
  return out;
}

/** A complex copy of real `x` (imaginary parts zero), dense. */
export function realToComplexKernel(x: Tensor, outDtype: DType): TypedArray {
  const out = allocate(outDtype, x.size);
  const A = arrayOf(x);
  const loop = coalesce(x.shape, [x.strides]);
  const sa = loop.strides[0]!.at(-1)!;
  forEachRun(loop, [x.offset], (pos, o, n) => {
    let ia = pos[0]!;
    for (let k = 0, io = 2 * o; k < n; k++, ia += sa, io += 2) out[io] = A[ia]!;
  });
  return out;
}
