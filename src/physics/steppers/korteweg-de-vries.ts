/**
 * The Korteweg-de Vries equation (with optional viscous and hyper-viscous damping).
 *
 * @module
 */
import { add, mul } from '../../ops/index.js';
import { ones } from '../../tensor/creation.js';
import { ConvectionNonlinearFun } from '../nonlinear/convection.js';
import { buildGradientInnerProductOperator, buildLaplaceOperator } from '../spectral.js';
import { Stepper, type StepperOptions } from '../stepper.js';
import { type Coefficient, checkCoefficient, dealiasingOr, setup, times, checkFlag } from './common.js';

/** Parameters of {@link KortewegDeVries} (Exponax's defaults). */
export interface KortewegDeVriesOptions extends StepperOptions {
  /** Convection scale b1 (default -6, the classic KdV `u_t - 6 u u_x + u_xxx = 0`). */
  convectionScale?: Coefficient;
  /** Viscosity nu (default 0). */
  diffusivity?: Coefficient;
  /** Dispersivity a3, the same along every axis (default 1). */
  dispersivity?: Coefficient;
  /** Hyper-diffusivity zeta (default 0.01). */
  hyperDiffusivity?: Coefficient;
  /** Dispersion as `a3 (1 . grad) Laplace u` (mixed derivatives) instead of `a3 sum_d d_d^3 u` (default false). */
  advectOverDiffuse?: boolean;
  /** Hyper-diffusion as `zeta Laplace(Laplace u)` instead of `zeta sum_d d_d^4 u` (default false). */
  diffuseOverDiffuse?: boolean;
  /** One channel whatever the dimension (default false: D channels). */
  singleChannel?: boolean;
  /** Conservative form of the convection (default false). */
  conservative?: boolean;
  /** Dealiasing fraction (default 2/3). */
  dealiasingFraction?: number | null;
}

/**
 * The (hyper-viscous) Korteweg-de Vries equation on `(0, L)^D` with periodic boundaries:
 *
 *     u_t + b1 (u . grad) u + a3 sum_d d_d^3 u = nu Laplace u - zeta sum_d d_d^4 u
 *
 * (in 1-D `u_t + b1 u u_x + a3 u_xxx = nu u_xx - zeta u_xxxx`), with the convection of
 * {@link ConvectionNonlinearFun} (conservative or not, D channels or one). With the
 * defaults b1 = -6, a3 = 1, nu = 0 and zeta = 0 it has the solitons
 * `u = -c/2 sech^2(sqrt(c)/2 (x - c t - a))` travelling at speed c; the default
 * zeta = 0.01 damps the smallest scales. Solved by ETDRK (order 2 by default) with the
 * linear part `nu Laplace - a3 sum_d (i k_d)^3 - zeta sum_d k_d^4` integrated exactly.
 *
 * In Exponax (0.1.0 and the newest source read) the `advect_over_diffuse` branch reads
 * an attribute that is never set and fails; here it is the documented operator
 * `-a3 (sum_d i k_d) Laplace`.
 *
 * Exponax keeps only the real part of the contour-integral ETDRK coefficients, also for
 * this imaginary (dispersive) symbol; that makes every order converge at first order in
 * dt for dispersive solutions (replicated, to reproduce Exponax's data).
 */
export class KortewegDeVries extends Stepper {
  readonly convectionScale: Coefficient;
  readonly diffusivity: Coefficient;
  readonly dispersivity: Coefficient;
  readonly hyperDiffusivity: Coefficient;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: KortewegDeVriesOptions = {}) {
    const fn = 'KortewegDeVries';
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const b1 = checkCoefficient(options.convectionScale ?? -6, fn, 'convectionScale', options.dtype);
    const nu = checkCoefficient(options.diffusivity ?? 0, fn, 'diffusivity', options.dtype);
    const a3 = checkCoefficient(options.dispersivity ?? 1, fn, 'dispersivity', options.dtype);
    const zeta = checkCoefficient(options.hyperDiffusivity ?? 0.01, fn, 'hyperDiffusivity', options.dtype);
    const advectOverDiffuse = checkFlag(options.advectOverDiffuse, false, fn, 'advectOverDiffuse');
    const diffuseOverDiffuse = checkFlag(options.diffuseOverDiffuse, false, fn, 'diffuseOverDiffuse');
    const singleChannel = checkFlag(options.singleChannel, false, fn, 'singleChannel');
    const conservative = checkFlag(options.conservative, false, fn, 'conservative');
    const D = numSpatialDims;
    const dispersionVelocity = mul(ones([D], { dtype: options.dtype ?? 'float64' }), a3);
    const laplace = buildLaplaceOperator(deriv, 2);
    const diffusion = times(nu, laplace);
    const dispersion = advectOverDiffuse
      ? mul(buildGradientInnerProductOperator(deriv, dispersionVelocity, 1).neg(), laplace)
      : buildGradientInnerProductOperator(deriv, dispersionVelocity, 3).neg();
    const hyperDiffusion = diffuseOverDiffuse
      ? mul(times(zeta, laplace).neg(), laplace)
      : times(zeta, buildLaplaceOperator(deriv, 4)).neg();
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: singleChannel ? 1 : D,
      linearOperator: add(add(diffusion, dispersion), hyperDiffusion),
      nonlinearFun: new ConvectionNonlinearFun(D, numPoints, deriv, {
        scale: b1, singleChannel, conservative,
        dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, fn),
      }),
    });
    this.convectionScale = b1;
    this.diffusivity = nu;
    this.dispersivity = a3;
    this.hyperDiffusivity = zeta;
  }
}
