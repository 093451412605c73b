/**
 * Helpers shared by the concrete steppers.
 *
 * @module
 */
import { ArgumentError, fmtShape, fmtValue } from '../../errors.js';
import { cast, mul } from '../../ops/index.js';
import { type FloatDType, complexOf } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/tensor.js';
import { buildDerivativeOperator } from '../spectral.js';
import { type StepperOptions, checkDiscretisation } from '../stepper.js';

export { dealiasingOr } from '../nonlinear/base.js';
export { fourierDType } from '../spectral.js';

/** A physical coefficient: a number, or a scalar tensor to differentiate with respect to. */
export type Coefficient = number | Tensor;

/**
 * Throws unless `c` is a finite number or a real scalar tensor; returns it, a tensor cast
 * (differentiably) to the stepper's dtype so that a float64 parameter does not promote a
 * float32 stepper, and with it the state, to float64.
 */
export function checkCoefficient(c: unknown, fn: string, arg: string, dtype: FloatDType = 'float64'): Coefficient {
  if (c instanceof Tensor) {
    if ((c.dtype !== 'float32' && c.dtype !== 'float64') || c.ndim !== 0) {
      throw new ArgumentError({ fn, arg, expected: 'a finite number or a real scalar tensor', actual: `a ${c.dtype} tensor of shape ${fmtShape(c.shape)}` });
    }
    return c.dtype === dtype ? c : cast(c, dtype);
  }
  if (typeof c !== 'number' || !Number.isFinite(c)) {
    throw new ArgumentError({ fn, arg, expected: 'a finite number or a tensor', actual: fmtValue(c) });
  }
  return c;
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
