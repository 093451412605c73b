/**
 * The Allen-Cahn reaction-diffusion equation.
 *
 * @module
 */
import { add } from '../../ops/index.js';
import { PolynomialNonlinearFun } from '../nonlinear/convection.js';
import { buildLaplaceOperator } from '../spectral.js';
import { Stepper, type StepperOptions } from '../stepper.js';
import { type Coefficient, checkCoefficient, dealiasingOr, setup, times, fourierDType } from './common.js';

/** Parameters of {@link AllenCahn} (Exponax's defaults). */
export interface AllenCahnOptions extends StepperOptions {
  /** Diffusivity nu (default 5e-3). */
  diffusivity?: Coefficient;
  /** First-order coefficient c1 (default 1). */
  firstOrderCoefficient?: Coefficient;
  /** Third-order coefficient c3 (default -1). */
  thirdOrderCoefficient?: Coefficient;
  /** Dealiasing fraction (default 1/2, for the cubic term). */
  dealiasingFraction?: number | null;
}

/**
 * `u_t = nu Laplace u + c1 u + c3 u^3` on `(0, L)^D` with periodic boundaries, one
 * channel: phase separation into the states `+-sqrt(-c1/c3)` (+-1 by default) with sharp
 * interfaces between them. With the defaults it is the gradient flow of the energy
 * `int nu/2 |grad u|^2 + (u^2 - 1)^2 / 4`, which therefore decreases, and it commutes
 * with `u -> -u`. The linear part `nu Laplace + c1` is integrated exactly, the cubic term
 * is the polynomial term (ETDRK order 2 by default).
 */
export class AllenCahn extends Stepper {
  readonly diffusivity: Coefficient;
  readonly firstOrderCoefficient: Coefficient;
  readonly thirdOrderCoefficient: Coefficient;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: AllenCahnOptions = {}) {
    const fn = 'AllenCahn';
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const nu = checkCoefficient(options.diffusivity ?? 5e-3, fn, 'diffusivity', options.dtype);
    const c1 = checkCoefficient(options.firstOrderCoefficient ?? 1, fn, 'firstOrderCoefficient', options.dtype);
    const c3 = checkCoefficient(options.thirdOrderCoefficient ?? -1, fn, 'thirdOrderCoefficient', options.dtype);
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      linearOperator: add(times(nu, buildLaplaceOperator(deriv, 2)), c1),
      nonlinearFun: new PolynomialNonlinearFun(numSpatialDims, numPoints, {
        coefficients: [0, 0, 0, c3],
        dealiasingFraction: dealiasingOr(options.dealiasingFraction, 1 / 2, fn), dtype: fourierDType(deriv),
      }),
    });
    this.diffusivity = nu;
    this.firstOrderCoefficient = c1;
    this.thirdOrderCoefficient = c3;
  }
}
