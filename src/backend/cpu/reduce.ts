/**
 * CPU reductions. The input is walked once in its own row-major order while an output
 * index with zero strides on the reduced axes accumulates, so any axis set costs one
 * pass with no transposition. Summation is sequential in row-major order, which makes it
 * deterministic on every engine.
 *
 * @module
 */
import type { ArgReduceOp, ReduceOp } from '../backend.js';
import { type DType, type TypedArray, allocate } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/tensor.js';
import { contiguousStrides, sizeOf } from '../../tensor/shape.js';
import { arrayOf } from './storage.js';
import { coalesce, forEachRun } from './strided.js';

const INIT: Record<ReduceOp, number> = { sum: 0, prod: 1, max: -Infinity, min: Infinity };

/** Output shape of a reduction that keeps the reduced axes with extent 1. */
export function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

/** Reduces `x` over `axes`, returning a dense array of the kept shape (dtype `outDtype`). */
export function reduceKernel(op: ReduceOp, x: Tensor, axes: readonly number[], outDtype: DType): TypedArray {
  const outShape = keptShape(x.shape, axes);
  const n = sizeOf(outShape);
  // Accumulate in float64 whatever the storage type, then store once.
  const acc = new Float64Array(n).fill(INIT[op]);
  const outStrides = contiguousStrides(outShape).map((s, i) => (axes.includes(i) ? 0 : s));
  const loop = coalesce(x.shape, [x.strides, outStrides]);
  const X = arrayOf(x);
  const sx = loop.strides[0]!.at(-1)!;
  const so = loop.strides[1]!.at(-1)!;
  // int32 products wrap like 32-bit integers (as `mul`); a double product loses low bits first.
  const intProd = op === 'prod' && (x.dtype === 'int32' || x.dtype === 'bool');
  forEachRun(loop, [x.offset, 0], (pos, _o, len) => {
    let ix = pos[0]!;
    let io = pos[1]!;
    if (so === 0) {
      // The innermost axis is reduced: fold the run into one scalar.
      let s = acc[io]!;
      if (op === 'sum') for (let k = 0; k < len; k++, ix += sx) s += X[ix]!;
      else if (intProd) for (let k = 0; k < len; k++, ix += sx) s = Math.imul(s, X[ix]!);
      else if (op === 'prod') for (let k = 0; k < len; k++, ix += sx) s *= X[ix]!;
      else if (op === 'max') for (let k = 0; k < len; k++, ix += sx) { const v = X[ix]!; if (v > s || v !== v) s = v; }
      else for (let k = 0; k < len; k++, ix += sx) { const v = X[ix]!; if (v < s || v !== v) s = v; }
      acc[io] = s;
    } else if (op === 'sum') {
      for (let k = 0; k < len; k++, ix += sx, io += so) acc[io] += X[ix]!;
    } else if (intProd) {
      for (let k = 0; k < len; k++, ix += sx, io += so) acc[io] = Math.imul(acc[io]!, X[ix]!);
    } else if (op === 'prod') {
      for (let k = 0; k < len; k++, ix += sx, io += so) acc[io] *= X[ix]!;
    } else {
      const isMax = op === 'max';
      for (let k = 0; k < len; k++, ix += sx, io += so) {
        const v = X[ix]!;
        const s = acc[io]!;
        if ((isMax ? v > s : v < s) || (v !== v && s === s)) acc[io] = v;
      }
    }
  });
  if (outDtype === 'float64') return acc;
  const out = allocate(outDtype, n);
  out.set(acc);
  return out;
}

/** int32 index (along `axis`) of the first maximum or minimum; NaN counts as extreme. */
export function argReduceKernel(op: ArgReduceOp, x: Tensor, axis: number): Int32Array {
  const outShape = keptShape(x.shape, [axis]);
  const out = new Int32Array(sizeOf(outShape));
  const X = arrayOf(x);
  const len = x.shape[axis]!;
  const stride = x.strides[axis]!;
  // Loop over every position of the other axes, then scan along `axis`.
  const otherStrides = x.strides.map((s, i) => (i === axis ? 0 : s));
  const loop = { shape: outShape, strides: [otherStrides] };
  const s0 = otherStrides.at(-1)!;
  const isMax = op === 'argmax';
  forEachRun(loop, [x.offset], (pos, o, n) => {
    let base = pos[0]!;
    for (let k = 0; k < n; k++, base += s0) {
      let best = X[base]!;
      let bi = 0;
      if (best === best) {
        for (let i = 1, p = base + stride; i < len; i++, p += stride) {
          const v = X[p]!;
          if (v !== v) { bi = i; break; }
          if (isMax ? v > best : v < best) { best = v; bi = i; }
        }
      }
      out[o + k] = bi;
    }
  });
  return out;
}
