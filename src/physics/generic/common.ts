/**
 * What the generic steppers share: validation of coefficient lists and of the small
 * options, and the isotropic linear operator `sum_j sum_d a_j (i k_d)^j`.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { add, sum } from '../../ops/index.js';
import { Tensor } from '../../tensor/tensor.js';
import { integerPower } from '../spectral.js';
import { type Coefficient, checkScalarCoefficient, times } from '../steppers/common.js';

export type { Coefficient } from '../steppers/common.js';
export { checkFlag, checkScalarCoefficient, fourierDType, inDType } from '../steppers/common.js';

/** Length constraints of {@link checkCoefficientList}. */
export interface ListLength {
  /** The exact length required. */
  length?: number;
  /** The least length allowed (default 0). */
  minLength?: number;
}

/**
 * Throws unless `value` is an array of coefficients (finite numbers or scalar tensors)
 * meeting the length constraint; returns a frozen copy, so that a stepper's coefficients
 * cannot change after it is built. Errors name the argument, or `arg[i]` for an entry.
 */
export function checkCoefficientList(value: unknown, fn: string, arg: string, length: ListLength = {}): readonly Coefficient[] {
  if (!Array.isArray(value)) {
    throw new ArgumentError({ fn, arg, expected: 'an array of numbers or scalar tensors', actual: fmtValue(value) });
  }
  if (length.length !== undefined && value.length !== length.length) {
    throw new ArgumentError({ fn, arg, expected: `exactly ${length.length} coefficients`, actual: `${value.length} (${fmtValue(value)})` });
  }
  const min = length.minLength ?? 0;
  if (value.length < min) {
    throw new ArgumentError({ fn, arg, expected: `at least ${min} coefficient${min === 1 ? '' : 's'}`, actual: fmtValue(value) });
  }
  return Object.freeze(value.map((c, i) => checkScalarCoefficient(c, fn, `${arg}[${i}]`)));
}

/** Throws unless `value` is a positive finite number (undefined gives `fallback`). */
export function checkPositive(value: unknown, fallback: number, fn: string, arg: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw new ArgumentError({ fn, arg, expected: 'a positive finite number', actual: fmtValue(value) });
  }
  return value;
}

/** Throws unless `value` is a non-negative integer (undefined gives `fallback`). */
export function checkNonNegativeInteger(value: unknown, fallback: number, fn: string, arg: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ArgumentError({ fn, arg, expected: 'a non-negative integer', actual: fmtValue(value) });
  }
  return value;
}

/**
 * The isotropic linear operator of the generic steppers in Fourier space,
 *
 *     L = sum_j sum_d a_j (i k_d)^j,
 *
 * complex of shape `(1, ..., N//2 + 1)`, from the derivative operator `i k` of shape
 * `(D, ..., N//2 + 1)` and the coefficients `a_j` indexed by derivative order. The powers
 * come from {@link integerPower} (repeated squaring, rounding as JAX's `integer_pow`), each
 * coefficient multiplies its powers before the sum over the axes, and the terms are added
 * in increasing order, as Exponax does. The zeroth-order term is therefore `D a_0`
 * (`(i k_d)^0 = 1` summed over the D axes), unlike the order-0 Laplace operator of the
 * physical steppers' drag, which is ones since Exponax 0.2.0. A tensor
 * coefficient keeps the operator (and so the ETDRK coefficients) differentiable with
 * respect to it.
 */
export function buildGenericLinearOperator(derivativeOperator: Tensor, coefficients: readonly Coefficient[]): Tensor {
  if (coefficients.length === 0) {
    throw new ArgumentError({ fn: 'buildGenericLinearOperator', arg: 'coefficients', expected: 'at least 1 coefficient', actual: '[]' });
  }
  let operator: Tensor | undefined;
  coefficients.forEach((c, j) => {
    const term = sum(times(c, integerPower(derivativeOperator, j)), 0, { keepdims: true });
    operator = operator === undefined ? term : add(operator, term);
  });
  return operator!;
}
