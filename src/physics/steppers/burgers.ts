/**
 * The Burgers equation.
 *
 * @module
 */
import { ConvectionNonlinearFun } from '../nonlinear/convection.js';
import { buildLaplaceOperator } from '../spectral.js';
import { Stepper, type StepperOptions } from '../stepper.js';
import { type Coefficient, checkCoefficient, dealiasingOr, setup, times } from './common.js';

/** Parameters of {@link Burgers} (Exponax's defaults). */
export interface BurgersOptions extends StepperOptions {
  /** Viscosity nu (default 0.1). */
  diffusivity?: Coefficient;
  /** Convection scale b1 (default 1). */
  convectionScale?: Coefficient;
  /** One channel whatever the dimension (default false: D channels). */
  singleChannel?: boolean;
  /** Conservative form of the convection (default false). */
  conservative?: boolean;
  /** Dealiasing fraction (default 2/3). */
  dealiasingFraction?: number | null;
}

/**
 * `u_t + b1 (u . grad) u = nu Laplace u` on `(0, L)^D` with periodic boundaries, for a
 * velocity field of D channels (or one channel with `singleChannel`). Solved by ETDRK
 * (order 2 by default) with the viscous term integrated exactly.
 */
export class Burgers extends Stepper {
  readonly diffusivity: Coefficient;
  readonly convectionScale: Coefficient;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: BurgersOptions = {}) {
    const fn = 'Burgers';
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const nu = checkCoefficient(options.diffusivity ?? 0.1, fn, 'diffusivity', options.dtype);
    const b1 = checkCoefficient(options.convectionScale ?? 1, fn, 'convectionScale', options.dtype);
    const singleChannel = options.singleChannel ?? false;
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: singleChannel ? 1 : numSpatialDims,
      linearOperator: times(nu, buildLaplaceOperator(deriv)),
      nonlinearFun: new ConvectionNonlinearFun(numSpatialDims, numPoints, deriv, {
        scale: b1, singleChannel, conservative: options.conservative ?? false,
        dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, fn),
      }),
    });
    this.diffusivity = nu;
    this.convectionScale = b1;
  }
}
