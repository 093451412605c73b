/**
 * The diffusion equation, isotropic or anisotropic.
 *
 * @module
 */
import { ShapeError, fmtShape } from '../../errors.js';
import { mul, sum } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Stepper } from '../stepper.js';
import { setup } from './common.js';
import { type LinearStepperOptions, type MatrixCoefficient, matrixCoefficient } from './linear-coefficients.js';
import { checkFloatDType } from '../spectral.js';

/**
 * The Fourier symbol of `div(A grad u)`: `sum_ij A_ij (i k_i)(i k_j)`, shape
 * `(1, ..., N//2 + 1)`, for a derivative operator `(D, ..., N//2 + 1)` and a real
 * `(D, D)` matrix A (differentiable with respect to A).
 */
export function buildAnisotropicLaplaceOperator(derivativeOperator: Tensor, diffusivity: Tensor): Tensor {
  const D = derivativeOperator.shape[0]!;
  if (diffusivity.ndim !== 2 || diffusivity.shape[0] !== D || diffusivity.shape[1] !== D) {
    throw new ShapeError({ fn: 'buildAnisotropicLaplaceOperator', arg: 'diffusivity', expected: `shape [${D},${D}]`, actual: fmtShape(diffusivity.shape) });
  }
  const spatial = new Array<number>(derivativeOperator.ndim - 1).fill(1);
  const outer = mul(derivativeOperator.expandDims(1), derivativeOperator.expandDims(0));
  return sum(mul(diffusivity.reshape([D, D, ...spatial]), outer), [0, 1]).expandDims(0);
}

/** Parameters of {@link Diffusion} (Exponax's defaults). */
export interface DiffusionOptions extends LinearStepperOptions {
  /**
   * The diffusivity (default 0.01): a number nu (`A = nu I`), D numbers (a diagonal A), a
   * D x D matrix A, or a tensor of shape `()`, `(D,)` or `(D, D)`. A should be symmetric
   * positive definite for decay; a negative nu makes the solution grow.
   */
  diffusivity?: MatrixCoefficient;
}

/**
 * `u_t = div(A grad u)` on `(0, L)^D` with periodic boundaries (`u_t = nu Laplace u` for a
 * scalar diffusivity), one channel. The linear operator `sum_ij A_ij (i k_i)(i k_j)` is
 * integrated exactly (ETDRK order 0): a Fourier mode k decays as `exp(-k^T A k t)`.
 *
 * Only `nu dt / L^2` matters for the dynamics.
 */
export class Diffusion extends Stepper {
  /** The diffusivity matrix A as a `(D, D)` tensor. */
  readonly diffusivity: Tensor;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: DiffusionOptions = {}) {
    const fn = 'Diffusion';
    const dtype = checkFloatDType(options.dtype, fn);
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const A = matrixCoefficient(options.diffusivity ?? 0.01, numSpatialDims, fn, 'diffusivity', dtype);
    super({
      dtype,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      order: 0,
      linearOperator: buildAnisotropicLaplaceOperator(deriv, A),
      nonlinearFun: null,
    });
    this.diffusivity = A;
  }
}
