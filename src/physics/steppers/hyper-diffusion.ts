/**
 * The hyper-diffusion equation.
 *
 * @module
 */
import { mul } from '../../ops/index.js';
import { buildLaplaceOperator } from '../spectral.js';
import { Stepper } from '../stepper.js';
import { type Coefficient, checkCoefficient, setup, times, checkFlag } from './common.js';
import { type LinearStepperOptions } from './linear-coefficients.js';

/** Parameters of {@link HyperDiffusion} (Exponax's defaults). */
export interface HyperDiffusionOptions extends LinearStepperOptions {
  /** The hyper-diffusivity mu, isotropic (default 1e-4). */
  hyperDiffusivity?: Coefficient;
  /** Use `-mu Laplace(Laplace u)` (mixed derivatives) instead of `-mu sum_d d_d^4 u` (default false). */
  diffuseOnDiffuse?: boolean;
}

/**
 * `u_t = -mu sum_d d^4 u / d x_d^4` (in 1-D `u_t = -mu u_xxxx`), or with
 * `diffuseOnDiffuse` `u_t = -mu Laplace(Laplace u)`, on `(0, L)^D` with periodic
 * boundaries, one channel. The minus makes a positive mu damp, like diffusion but faster
 * for high modes: a Fourier mode decays as `exp(-mu sum_d k_d^4 t)`, resp.
 * `exp(-mu |k|^4 t)`. Integrated exactly (ETDRK order 0).
 *
 * Only `mu dt / L^4` matters for the dynamics.
 */
export class HyperDiffusion extends Stepper {
  readonly hyperDiffusivity: Coefficient;
  readonly diffuseOnDiffuse: boolean;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: HyperDiffusionOptions = {}) {
    const fn = 'HyperDiffusion';
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const mu = checkCoefficient(options.hyperDiffusivity ?? 1e-4, fn, 'hyperDiffusivity', options.dtype);
    const diffuseOnDiffuse = checkFlag(options.diffuseOnDiffuse, false, fn, 'diffuseOnDiffuse');
    const laplace = buildLaplaceOperator(deriv, 2);
    // Exponax's order of operations: (-mu Laplace) Laplace, resp. -mu sum_d k_d^4.
    const L = diffuseOnDiffuse ? mul(times(mu, laplace).neg(), laplace) : times(mu, buildLaplaceOperator(deriv, 4)).neg();
    super({
      dtype: options.dtype ?? 'float64',
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      order: 0,
      linearOperator: L,
      nonlinearFun: null,
    });
    this.hyperDiffusivity = mu;
    this.diffuseOnDiffuse = diffuseOnDiffuse;
  }
}
