/**
 * The Cahn-Hilliard equation.
 *
 * @module
 */
import { mul, sub } from '../../ops/index.js';
import { scaled } from '../nonlinear/convection.js';
import { CahnHilliardNonlinearFun } from '../nonlinear/reaction.js';
import { buildLaplaceOperator } from '../spectral.js';
import { Stepper, type StepperOptions } from '../stepper.js';
import { type Coefficient, checkCoefficient, dealiasingOr, setup, times } from './common.js';

/** Parameters of {@link CahnHilliard} (Exponax's defaults). */
export interface CahnHilliardOptions extends StepperOptions {
  /** Mobility (diffusivity) nu (default 0.01). */
  diffusivity?: Coefficient;
  /** Interface parameter gamma (default 1e-3). */
  gamma?: Coefficient;
  /** First-order coefficient c1 (default -1). */
  firstOrderCoefficient?: Coefficient;
  /** Third-order coefficient c3 (default 1). */
  thirdOrderCoefficient?: Coefficient;
  /** Dealiasing fraction (default 1/2, for the cubic term). */
  dealiasingFraction?: number | null;
}

/**
 * `u_t = nu Laplace(c3 u^3 + c1 u - gamma Laplace u)` on `(0, L)^D` with periodic
 * boundaries, one channel: phase separation that conserves the mean of u (every term is
 * a Laplacian). The linear part `nu Laplace (c1 - gamma Laplace)` is integrated exactly,
 * the nonlinear part `nu c3 Laplace(u^3)` is {@link CahnHilliardNonlinearFun} (ETDRK
 * order 2 by default).
 */
export class CahnHilliard extends Stepper {
  readonly diffusivity: Coefficient;
  readonly gamma: Coefficient;
  readonly firstOrderCoefficient: Coefficient;
  readonly thirdOrderCoefficient: Coefficient;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: CahnHilliardOptions = {}) {
    const fn = 'CahnHilliard';
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const nu = checkCoefficient(options.diffusivity ?? 0.01, fn, 'diffusivity', options.dtype);
    const gamma = checkCoefficient(options.gamma ?? 1e-3, fn, 'gamma', options.dtype);
    const c1 = checkCoefficient(options.firstOrderCoefficient ?? -1, fn, 'firstOrderCoefficient', options.dtype);
    const c3 = checkCoefficient(options.thirdOrderCoefficient ?? 1, fn, 'thirdOrderCoefficient', options.dtype);
    const laplace = buildLaplaceOperator(deriv, 2);
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      linearOperator: mul(times(nu, laplace), sub(c1, times(gamma, laplace))),
      nonlinearFun: new CahnHilliardNonlinearFun(numSpatialDims, numPoints, deriv, {
        scale: typeof nu === 'number' ? scaled(c3, nu) : mul(nu, c3),
        dealiasingFraction: dealiasingOr(options.dealiasingFraction, 1 / 2, fn),
      }),
    });
    this.diffusivity = nu;
    this.gamma = gamma;
    this.firstOrderCoefficient = c1;
    this.thirdOrderCoefficient = c3;
  }
}
