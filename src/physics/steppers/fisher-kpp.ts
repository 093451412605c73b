/**
 * The Fisher-KPP reaction-diffusion equation.
 *
 * @module
 */
import { add } from '../../ops/index.js';
import { PolynomialNonlinearFun, scaled } from '../nonlinear/convection.js';
import { buildLaplaceOperator } from '../spectral.js';
import { Stepper, type StepperOptions } from '../stepper.js';
import { type Coefficient, checkCoefficient, dealiasingOr, setup, times, fourierDType } from './common.js';

/** Parameters of {@link FisherKPP} (Exponax's defaults). */
export interface FisherKPPOptions extends StepperOptions {
  /** Diffusivity nu (default 0.01). */
  diffusivity?: Coefficient;
  /** Reactivity r (default 1). */
  reactivity?: Coefficient;
  /** Dealiasing fraction (default 2/3). */
  dealiasingFraction?: number | null;
}

/**
 * `u_t = nu Laplace u + r u (1 - u)` on `(0, L)^D` with periodic boundaries, one
 * channel: logistic growth with diffusion. Fronts invade the unstable state 0 and the
 * solution relaxes to the stable state 1; states in `[0, 1]` stay there. The linear part
 * `nu Laplace + r` is integrated exactly, the reaction `-r u^2` is the polynomial term
 * (ETDRK order 2 by default).
 */
export class FisherKPP extends Stepper {
  readonly diffusivity: Coefficient;
  readonly reactivity: Coefficient;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: FisherKPPOptions = {}) {
    const fn = 'FisherKPP';
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const nu = checkCoefficient(options.diffusivity ?? 0.01, fn, 'diffusivity', options.dtype);
    const r = checkCoefficient(options.reactivity ?? 1, fn, 'reactivity', options.dtype);
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      linearOperator: add(times(nu, buildLaplaceOperator(deriv, 2)), r),
      nonlinearFun: new PolynomialNonlinearFun(numSpatialDims, numPoints, {
        coefficients: [0, 0, scaled(r, -1)],
        dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, fn), dtype: fourierDType(deriv),
      }),
    });
    this.diffusivity = nu;
    this.reactivity = r;
  }
}
