/**
 * The advection equation.
 *
 * @module
 */
import type { Tensor } from '../../tensor/tensor.js';
import { buildGradientInnerProductOperator } from '../spectral.js';
import { Stepper } from '../stepper.js';
import { setup } from './common.js';
import { type LinearStepperOptions, type VectorCoefficient, vectorCoefficient } from './linear-coefficients.js';
import { checkFloatDType } from '../spectral.js';

/** Parameters of {@link Advection} (Exponax's defaults). */
export interface AdvectionOptions extends LinearStepperOptions {
  /**
   * The velocity c (default 1): a number (the same speed along every axis, i.e. diagonal
   * transport in 2-D and 3-D), D numbers, or a tensor of shape `()` or `(D,)`.
   */
  velocity?: VectorCoefficient;
}

/**
 * `u_t + c . grad u = 0` on `(0, L)^D` with periodic boundaries, one channel. The linear
 * operator `-sum_d c_d (i k_d)` is integrated exactly (ETDRK order 0), so a step is an
 * exact shift by `c dt` of the trigonometric interpolant, stable for any `dt`.
 *
 * Only `c dt / L` matters for the dynamics.
 */
export class Advection extends Stepper {
  /** The velocity as a `(D,)` tensor. */
  readonly velocity: Tensor;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: AdvectionOptions = {}) {
    const fn = 'Advection';
    const dtype = checkFloatDType(options.dtype, fn);
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const c = vectorCoefficient(options.velocity ?? 1, numSpatialDims, fn, 'velocity', dtype);
    super({
      dtype,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      order: 0,
      // The minus moves c . grad u to the right-hand side.
      linearOperator: buildGradientInnerProductOperator(deriv, c, 1).neg(),
      nonlinearFun: null,
    });
    this.velocity = c;
  }
}
