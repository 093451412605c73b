/**
 * Helpers shared by the concrete steppers.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { mul } from '../../ops/index.js';
import { complexOf } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/tensor.js';
import { buildDerivativeOperator } from '../spectral.js';
import { type StepperOptions, checkDiscretisation } from '../stepper.js';

/** A physical coefficient: a number, or a scalar tensor to differentiate with respect to. */
export type Coefficient = number | Tensor;

/** Throws unless `c` is a finite number or a tensor; returns it. */
export function checkCoefficient(c: unknown, fn: string, arg: string): Coefficient {
  if (c instanceof Tensor) return c;
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
