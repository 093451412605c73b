/**
 * The Swift-Hohenberg equation.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { add, square, sub } from '../../ops/index.js';
import { PolynomialNonlinearFun } from '../nonlinear/convection.js';
import { buildLaplaceOperator } from '../spectral.js';
import { Stepper, type StepperOptions } from '../stepper.js';
import { type Coefficient, checkCoefficient, dealiasingOr, setup, fourierDType } from './common.js';

/** Parameters of {@link SwiftHohenberg} (Exponax's defaults). */
export interface SwiftHohenbergOptions extends StepperOptions {
  /** Reactivity r (default 0.7). */
  reactivity?: Coefficient;
  /** Critical number k_c (default 1). */
  criticalNumber?: Coefficient;
  /** Coefficients c_0, c_1, ... of `g(u) = sum_i c_i u^i` (default [0, 0, 1, -1]: `u^2 - u^3`). */
  polynomialCoefficients?: readonly Coefficient[];
  /** Dealiasing fraction (default 1/2, for the cubic term). */
  dealiasingFraction?: number | null;
}

/**
 * `u_t = r u - (k_c + Laplace)^2 u + g(u)` with `g(u) = sum_i c_i u^i`, on `(0, L)^D`
 * with periodic boundaries, one channel: pattern formation. The linear symbol
 * `r - (k_c - |k|^2)^2` is largest at `|k|^2 = k_c`, so the patterns select the
 * wavenumber `|k| = sqrt(k_c)` (angular, i.e. including the 2 pi / L); for `r > 0` a band
 * around it grows and the nonlinearity saturates it. The linear part is integrated
 * exactly, g is the polynomial term (ETDRK order 2 by default).
 */
export class SwiftHohenberg extends Stepper {
  readonly reactivity: Coefficient;
  readonly criticalNumber: Coefficient;
  readonly polynomialCoefficients: readonly Coefficient[];

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: SwiftHohenbergOptions = {}) {
    const fn = 'SwiftHohenberg';
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const r = checkCoefficient(options.reactivity ?? 0.7, fn, 'reactivity', options.dtype);
    const kc = checkCoefficient(options.criticalNumber ?? 1, fn, 'criticalNumber', options.dtype);
    const given = options.polynomialCoefficients ?? [0, 0, 1, -1];
    if (!Array.isArray(given)) {
      throw new ArgumentError({ fn, arg: 'polynomialCoefficients', expected: 'an array of coefficients from order 0', actual: fmtValue(given) });
    }
    const coefficients = given.map((c, i) => checkCoefficient(c, fn, `polynomialCoefficients[${i}]`));
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      linearOperator: sub(r, square(add(buildLaplaceOperator(deriv, 2), kc))),
      nonlinearFun: new PolynomialNonlinearFun(numSpatialDims, numPoints, {
        coefficients,
        dealiasingFraction: dealiasingOr(options.dealiasingFraction, 1 / 2, fn), dtype: fourierDType(deriv),
      }),
    });
    this.reactivity = r;
    this.criticalNumber = kc;
    this.polynomialCoefficients = coefficients;
  }
}
