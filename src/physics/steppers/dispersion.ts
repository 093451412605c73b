/**
 * The dispersion equation.
 *
 * @module
 */
import { mul } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { buildGradientInnerProductOperator, buildLaplaceOperator } from '../spectral.js';
import { Stepper } from '../stepper.js';
import { setup, checkFlag } from './common.js';
import { type LinearStepperOptions, type VectorCoefficient, vectorCoefficient } from './linear-coefficients.js';
import { checkFloatDType } from '../spectral.js';

/** Parameters of {@link Dispersion} (Exponax's defaults). */
export interface DispersionOptions extends LinearStepperOptions {
  /** The dispersivity xi (default 1): a number (the same along every axis), D numbers or a tensor `()`/`(D,)`. */
  dispersivity?: VectorCoefficient;
  /** Use `xi . grad(Laplace u)` (mixed derivatives) instead of `sum_d xi_d d_d^3 u` (default false). */
  advectOnDiffusion?: boolean;
}

/**
 * `u_t = sum_d xi_d d^3 u / d x_d^3` (in 1-D `u_t = xi u_xxx`), or with
 * `advectOnDiffusion` `u_t = xi . grad(Laplace u)`, on `(0, L)^D` with periodic
 * boundaries, one channel. Note the sign: no minus, as in Exponax. The symbols
 * `sum_d xi_d (i k_d)^3`, resp. `(sum_d xi_d i k_d) (-|k|^2)`, are purely imaginary, so a
 * Fourier mode keeps its amplitude and travels at a speed growing with k^2; the
 * integration is exact (ETDRK order 0).
 *
 * Only `xi dt / L^3` matters for the dynamics.
 */
export class Dispersion extends Stepper {
  /** The dispersivity as a `(D,)` tensor. */
  readonly dispersivity: Tensor;
  readonly advectOnDiffusion: boolean;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: DispersionOptions = {}) {
    const fn = 'Dispersion';
    const dtype = checkFloatDType(options.dtype, fn);
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const xi = vectorCoefficient(options.dispersivity ?? 1, numSpatialDims, fn, 'dispersivity', dtype);
    const advectOnDiffusion = checkFlag(options.advectOnDiffusion, false, fn, 'advectOnDiffusion');
    const L = advectOnDiffusion
      ? mul(buildGradientInnerProductOperator(deriv, xi, 1), buildLaplaceOperator(deriv, 2))
      : buildGradientInnerProductOperator(deriv, xi, 3);
    super({
      dtype,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      order: 0,
      linearOperator: L,
      nonlinearFun: null,
    });
    this.dispersivity = xi;
    this.advectOnDiffusion = advectOnDiffusion;
  }
}
