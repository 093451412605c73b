/**
 * Helpers shared by the concrete steppers.
 *
 * @module
 */
import { ArgumentError, DTypeError, ShapeError, fmtShape, fmtValue } from '../../errors.js';
import { cast, mul } from '../../ops/index.js';
import { type FloatDType, complexOf, isFloat } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/tensor.js';
import { buildDerivativeOperator } from '../spectral.js';
import { type StepperOptions, checkDiscretisation } from '../stepper.js';

export { dealiasingOr } from '../nonlinear/base.js';
export { fourierDType } from '../spectral.js';

/** A physical coefficient: a number, or a scalar tensor to differentiate with respect to. */
export type Coefficient = number | Tensor;

/**
 * Throws unless `c` is a finite number or a real floating-point scalar tensor (shape
 * `[]`), the two forms a coefficient may take; returns it.
 */
export function checkScalarCoefficient(c: unknown, fn: string, arg: string): Coefficient {
  if (c instanceof Tensor) {
    if (c.ndim !== 0) throw new ShapeError({ fn, arg, expected: 'a scalar tensor (shape [])', actual: fmtShape(c.shape) });
    if (!isFloat(c.dtype)) throw new DTypeError({ fn, arg, expected: 'a float32 or float64 tensor', actual: c.dtype });
    return c;
  }
  if (typeof c !== 'number' || !Number.isFinite(c)) {
    throw new ArgumentError({ fn, arg, expected: 'a finite number or a scalar tensor', actual: fmtValue(c) });
  }
  return c;
}

/**
 * A coefficient in the stepper's real dtype: a tensor of another precision is cast
 * (differentiably), so that a float64 parameter does not promote a float32 stepper's
 * nonlinear term, and with it the state, to float64.
 */
export function inDType<C extends Coefficient>(c: C, dtype: FloatDType | undefined): C {
  const want = dtype ?? 'float64';
  return (typeof c === 'number' || c.dtype === want ? c : cast(c, want)) as C;
}

/**
 * {@link checkScalarCoefficient}, then {@link inDType}: the checked coefficient in the
 * stepper's dtype (float64 by default).
 */
export function checkCoefficient(c: unknown, fn: string, arg: string, dtype?: FloatDType): Coefficient {
  return inDType(checkScalarCoefficient(c, fn, arg), dtype);
}

/** Throws unless `value` is a boolean (undefined gives `fallback`). */
export function checkFlag(value: unknown, fallback: boolean, fn: string, arg: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ArgumentError({ fn, arg, expected: 'true or false', actual: fmtValue(value) });
  return value;
}

/** `c * x` (one op, whether c is a number or a tensor). */
export function times(c: Coefficient, x: Tensor): Tensor {
  return mul(x, c);
}

/** Validates the discretisation and builds the derivative operator in the stepper's dtype. */
export function setup(fn: string, D: number, L: number, N: number, dt: number, options: StepperOptions): Tensor {
  checkDiscretisation(fn, D, L, N, dt);
  const d = buildDerivativeOperator(D, L, N, { dtype: options.dtype ?? 'float64' });
  return d.dtype === complexOf(options.dtype ?? 'float64') ? d : d.cast(complexOf(options.dtype ?? 'float64'));
}
