/**
 * Vector and matrix coefficients of the linear steppers (a velocity, a per-axis
 * dispersivity, a diffusivity matrix), checked against the dimension and turned into
 * tensors so that gradients with respect to them flow through the linear operator.
 *
 * @module
 */
import { ArgumentError, ShapeError, fmtShape, fmtValue } from '../../errors.js';
import { cast, mul } from '../../ops/index.js';
import { eye, ones, tensor } from '../../tensor/creation.js';
import type { FloatDType } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/tensor.js';
import type { StepperOptions } from '../stepper.js';

/** Options of the linear steppers: they are exact (ETDRK order 0), so only the dtype is chosen. */
export type LinearStepperOptions = Pick<StepperOptions, 'dtype'>;

/**
 * A vector coefficient: a number (the same on every axis), D numbers, or a tensor of
 * shape `()` or `(D,)` to differentiate with respect to.
 */
export type VectorCoefficient = number | readonly number[] | Tensor;

/**
 * A diffusivity: a number `nu` (isotropic, `nu I`), D numbers (diagonal), a `D x D`
 * matrix (fully anisotropic; symmetric positive definite for decay), or a tensor of
 * shape `()`, `(D,)` or `(D, D)` with the same meanings.
 */
export type MatrixCoefficient = number | readonly number[] | readonly (readonly number[])[] | Tensor;

function finiteNumbers(values: readonly unknown[]): values is number[] {
  return values.every((v) => typeof v === 'number' && Number.isFinite(v));
}

function realTensor(t: Tensor, fn: string, arg: string, dtype: FloatDType): Tensor {
  if (t.dtype !== 'float32' && t.dtype !== 'float64') {
    throw new ArgumentError({ fn, arg, expected: 'a float32 or float64 tensor', actual: `a ${t.dtype} tensor` });
  }
  return t.dtype === dtype ? t : cast(t, dtype);
}

/** The `(D,)` vector of a {@link VectorCoefficient}, in `dtype`; throws naming `arg` otherwise. */
export function vectorCoefficient(c: unknown, D: number, fn: string, arg: string, dtype: FloatDType): Tensor {
  const expected = `a finite number, ${D} finite number${D === 1 ? '' : 's'}, or a tensor of shape [] or [${D}]`;
  if (typeof c === 'number') {
    if (!Number.isFinite(c)) throw new ArgumentError({ fn, arg, expected, actual: fmtValue(c) });
    return mul(ones([D], { dtype }), c);
  }
  if (Array.isArray(c)) {
    if (c.length !== D || !finiteNumbers(c)) throw new ShapeError({ fn, arg, expected, actual: fmtValue(c) });
    return tensor(c, { dtype });
  }
  if (c instanceof Tensor) {
    const t = realTensor(c, fn, arg, dtype);
    if (t.ndim === 0) return mul(ones([D], { dtype }), t);
    if (t.ndim === 1 && t.shape[0] === D) return t;
    throw new ShapeError({ fn, arg, expected, actual: `a tensor of shape ${fmtShape(t.shape)}` });
  }
  throw new ArgumentError({ fn, arg, expected, actual: fmtValue(c) });
}

/** The `(D, D)` matrix of a {@link MatrixCoefficient}, in `dtype`; throws naming `arg` otherwise. */
export function matrixCoefficient(c: unknown, D: number, fn: string, arg: string, dtype: FloatDType): Tensor {
  const expected = `a finite number, ${D} finite number${D === 1 ? '' : 's'}, a ${D} x ${D} matrix, or a tensor of shape [], [${D}] or [${D},${D}]`;
  const identity = eye(D, D, 0, { dtype });
  if (typeof c === 'number') {
    if (!Number.isFinite(c)) throw new ArgumentError({ fn, arg, expected, actual: fmtValue(c) });
    return mul(identity, c);
  }
  if (Array.isArray(c)) {
    if (c.length === D && finiteNumbers(c)) return mul(identity, tensor(c, { dtype }));
    const rows = c as readonly unknown[];
    if (rows.length === D && rows.every((r) => Array.isArray(r) && r.length === D && finiteNumbers(r))) {
      return tensor(rows as number[][], { dtype });
    }
    throw new ShapeError({ fn, arg, expected, actual: fmtValue(c) });
  }
  if (c instanceof Tensor) {
    const t = realTensor(c, fn, arg, dtype);
    if (t.ndim === 0) return mul(identity, t);
    // diag(v) as I * v: row i keeps v_i on the diagonal.
    if (t.ndim === 1 && t.shape[0] === D) return mul(identity, t);
    if (t.ndim === 2 && t.shape[0] === D && t.shape[1] === D) return t;
    throw new ShapeError({ fn, arg, expected, actual: `a tensor of shape ${fmtShape(t.shape)}` });
  }
  throw new ArgumentError({ fn, arg, expected, actual: fmtValue(c) });
}
