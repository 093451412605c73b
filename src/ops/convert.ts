/**
 * Turning op arguments into tensors. JS numbers are "weakly typed": they take the dtype
 * of the tensor they meet, so `x.mul(2)` keeps a float32 `x` in float32, while an
 * integer tensor meeting a non-integer number becomes float64.
 *
 * @module
 */
import type { Backend } from '../backend/backend.js';
import { ArgumentError, fmtValue } from '../errors.js';
import { full } from '../tensor/creation.js';
import { type DType, isInexact } from '../tensor/dtype.js';
import { Tensor, type TensorLike } from '../tensor/tensor.js';

/** Throws unless `x` is a tensor. */
export function checkTensor(x: unknown, fn: string, arg = 'x'): Tensor {
  if (!(x instanceof Tensor)) {
    throw new ArgumentError({ fn, arg, expected: 'a Tensor', actual: fmtValue(x) });
  }
  return x;
}

/**
 * The dtype a JS number takes next to a tensor of dtype `other` (float64 alone, float32
 * next to integers on a float32-only backend).
 */
function weakDType(v: number, other: DType | undefined, float32Only = false): DType {
  if (other === undefined) return float32Only ? 'float32' : 'float64';
  if (isInexact(other)) return other;
  return Number.isInteger(v) ? 'int32' : float32Only ? 'float32' : 'float64';
}

/**
 * A tensor or JS number as a tensor; a number becomes a scalar typed weakly against
 * `like`, on `backend` (by default `like`'s, else the default backend).
 */
export function toTensor(x: TensorLike, fn: string, arg = 'x', like?: Tensor, backend = like?.storage.backend): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x !== 'number') {
    throw new ArgumentError({ fn, arg, expected: 'a Tensor or a number', actual: fmtValue(x) });
  }
  const dtype = weakDType(x, like?.dtype, backend?.float32Only === true);
  return full([], x, backend ? { dtype, backend } : { dtype });
}

/**
 * Both operands of a binary op as tensors, numbers typed weakly against the other; two
 * numbers go to `backend` (by default the default backend).
 */
export function toOperands(a: TensorLike, b: TensorLike, fn: string, backend?: Backend): [Tensor, Tensor] {
  if (a instanceof Tensor) return [a, toTensor(b, fn, 'b', a)];
  if (b instanceof Tensor) return [toTensor(a, fn, 'a', b), b];
  return [toTensor(a, fn, 'a', undefined, backend), toTensor(b, fn, 'b', undefined, backend)];
}
