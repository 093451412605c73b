/**
 * Matrix products.
 *
 * @module
 */
import { DTypeError, ShapeError, fmtShape } from '../errors.js';
import { isComplex, isFloat, promoteTypes } from '../tensor/dtype.js';
import { broadcastShapes } from '../tensor/shape.js';
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { toTensor } from './convert.js';
import { cast, mul } from './elementwise.js';
import { type Primitive, bind } from './primitive.js';
import { sumTo } from './reduce.js';
import { expandDims, matrixTranspose, squeeze } from './view.js';

const matmulPrim: Primitive<{ shape: number[] }> = {
  name: 'matmul',
  forward: ([a, b], { shape }) => a!.storage.backend.matmul(a!, b!, shape, promoteTypes(a!.dtype, b!.dtype)),
  // C = A B  =>  dA = dC B^T and dB = A^T dC, summed over broadcast batch axes.
  vjp: (g, [a, b]) => [
    isFloat(a!.dtype) ? sumTo(matmul(g, matrixTranspose(b!)), a!.shape) : null,
    isFloat(b!.dtype) ? sumTo(matmul(matrixTranspose(a!), g), b!.shape) : null,
  ],
};

/**
 * Matrix product with NumPy's `matmul` rules: `[..., m, k] @ [..., k, n]` with
 * broadcast batch axes; a 1-D first operand is a row vector and a 1-D second operand a
 * column vector, and the added axis is removed from the result.
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  const fn = 'matmul';
  let x = toTensor(a, fn, 'a');
  let y = toTensor(b, fn, 'b', x);
  if (x.ndim === 0 || y.ndim === 0) {
    throw new ShapeError({ fn, arg: x.ndim === 0 ? 'a' : 'b', expected: 'at least 1 axis (use mul for scalars)', actual: 'a scalar' });
  }
  for (const [t, arg] of [[x, 'a'], [y, 'b']] as const) {
    if (t.dtype === 'bool' || isComplex(t.dtype)) {
      throw new DTypeError({ fn, arg, expected: 'a real numeric dtype', actual: t.dtype });
    }
  }
  const vecA = x.ndim === 1;
  const vecB = y.ndim === 1;
  if (vecA) x = expandDims(x, 0);
  if (vecB) y = expandDims(y, -1);
  const [m, k] = x.shape.slice(-2) as [number, number];
  const [k2, n] = y.shape.slice(-2) as [number, number];
  if (k !== k2) {
    throw new ShapeError({ fn, arg: 'b', expected: `${k} rows to match a's shape ${fmtShape(x.shape)}`, actual: fmtShape(y.shape) });
  }
  const batch = broadcastShapes(fn, x.shape.slice(0, -2), y.shape.slice(0, -2));
  let out = bind(matmulPrim, [x, y], { shape: [...batch, m, n] });
  if (vecB) out = squeeze(out, -1);
  if (vecA) out = squeeze(out, vecB ? -1 : -2);
  return out;
}

/** Inner product of two vectors (or matmul for higher ranks). */
export function dot(a: TensorLike, b: TensorLike): Tensor {
  return matmul(a, b);
}

/** Outer product of two vectors: `out[i, j] = a[i] * b[j]`. */
export function outer(a: TensorLike, b: TensorLike): Tensor {
  const x = toTensor(a, 'outer', 'a');
  const y = toTensor(b, 'outer', 'b', x);
  for (const [t, name] of [[x, 'a'], [y, 'b']] as const) {
    if (t.ndim !== 1) throw new ShapeError({ fn: 'outer', arg: name, expected: 'a vector', actual: fmtShape(t.shape) });
  }
  const r = mul(expandDims(x, 1), y);
  return r.dtype === 'bool' ? cast(r, 'int32') : r;
}
