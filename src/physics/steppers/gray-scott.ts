/**
 * The Gray-Scott reaction-diffusion system.
 *
 * @module
 */
import { concat } from '../../ops/index.js';
import { GrayScottNonlinearFun } from '../nonlinear/reaction.js';
import { buildLaplaceOperator } from '../spectral.js';
import { Stepper, type StepperOptions } from '../stepper.js';
import { type Coefficient, checkCoefficient, dealiasingOr, setup, times, fourierDType } from './common.js';

/** Parameters of {@link GrayScott} (Exponax's defaults). */
export interface GrayScottOptions extends StepperOptions {
  /** Diffusivity nu1 of the first species u (default 2e-5). */
  diffusivity1?: Coefficient;
  /** Diffusivity nu2 of the second species v (default 1e-5). */
  diffusivity2?: Coefficient;
  /** Feed rate f (default 0.04). */
  feedRate?: Coefficient;
  /** Kill rate k (default 0.06). */
  killRate?: Coefficient;
  /** Dealiasing fraction (default 1/2, for the cubic term). */
  dealiasingFraction?: number | null;
}

/**
 * The Gray-Scott system of two species `[u, v]` (two channels, values in [0, 1]) on
 * `(0, L)^D` with periodic boundaries:
 *
 *     u_t = nu1 Laplace u + f (1 - u) - u v^2
 *     v_t = nu2 Laplace v - (f + k) v + u v^2
 *
 * Spots, stripes and spirals depending on f and k (Pearson 1993); `u = 1, v = 0` is a
 * fixed point. The diffusion (one symbol per channel) is integrated exactly, the
 * reaction is {@link GrayScottNonlinearFun} (ETDRK order 2 by default).
 */
export class GrayScott extends Stepper {
  readonly diffusivity1: Coefficient;
  readonly diffusivity2: Coefficient;
  readonly feedRate: Coefficient;
  readonly killRate: Coefficient;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: GrayScottOptions = {}) {
    const fn = 'GrayScott';
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const nu1 = checkCoefficient(options.diffusivity1 ?? 2e-5, fn, 'diffusivity1', options.dtype);
    const nu2 = checkCoefficient(options.diffusivity2 ?? 1e-5, fn, 'diffusivity2', options.dtype);
    const f = checkCoefficient(options.feedRate ?? 0.04, fn, 'feedRate', options.dtype);
    const k = checkCoefficient(options.killRate ?? 0.06, fn, 'killRate', options.dtype);
    const laplace = buildLaplaceOperator(deriv, 2);
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 2,
      linearOperator: concat([times(nu1, laplace), times(nu2, laplace)], 0),
      nonlinearFun: new GrayScottNonlinearFun(numSpatialDims, numPoints, {
        feedRate: f, killRate: k,
        dealiasingFraction: dealiasingOr(options.dealiasingFraction, 1 / 2, fn), dtype: fourierDType(deriv),
      }),
    });
    this.diffusivity1 = nu1;
    this.diffusivity2 = nu2;
    this.feedRate = f;
    this.killRate = k;
  }
}
