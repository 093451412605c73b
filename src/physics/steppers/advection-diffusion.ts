/**
 * The advection-diffusion equation.
 *
 * @module
 */
import { add } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { buildGradientInnerProductOperator } from '../spectral.js';
import { Stepper } from '../stepper.js';
import { setup } from './common.js';
import { buildAnisotropicLaplaceOperator } from './diffusion.js';
import {
  type LinearStepperOptions, type MatrixCoefficient, type VectorCoefficient, matrixCoefficient, vectorCoefficient,
} from './linear-coefficients.js';
import { checkFloatDType } from '../spectral.js';

/** Parameters of {@link AdvectionDiffusion} (Exponax's defaults). */
export interface AdvectionDiffusionOptions extends LinearStepperOptions {
  /** The velocity c (default 1): a number (the same along every axis), D numbers or a tensor `()`/`(D,)`. */
  velocity?: VectorCoefficient;
  /**
   * The diffusivity (default 0.01): a number nu (`A = nu I`), D numbers (diagonal), a
   * D x D matrix, or a tensor `()`/`(D,)`/`(D, D)`.
   */
  diffusivity?: MatrixCoefficient;
}

/**
 * `u_t + c . grad u = div(A grad u)` on `(0, L)^D` with periodic boundaries, one
 * channel, integrated exactly (ETDRK order 0) with the linear operator
 * `-sum_d c_d (i k_d) + sum_ij A_ij (i k_i)(i k_j)`.
 *
 * Only `c dt / L` and `nu dt / L^2` matter for the dynamics.
 */
export class AdvectionDiffusion extends Stepper {
  /** The velocity as a `(D,)` tensor. */
  readonly velocity: Tensor;
  /** The diffusivity matrix as a `(D, D)` tensor. */
  readonly diffusivity: Tensor;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: AdvectionDiffusionOptions = {}) {
    const fn = 'AdvectionDiffusion';
    const dtype = checkFloatDType(options.dtype, fn);
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const c = vectorCoefficient(options.velocity ?? 1, numSpatialDims, fn, 'velocity', dtype);
    const A = matrixCoefficient(options.diffusivity ?? 0.01, numSpatialDims, fn, 'diffusivity', dtype);
    const advection = buildGradientInnerProductOperator(deriv, c, 1).neg();
    super({
      dtype,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      order: 0,
      linearOperator: add(advection, buildAnisotropicLaplaceOperator(deriv, A)),
      nonlinearFun: null,
    });
    this.velocity = c;
    this.diffusivity = A;
  }
}
