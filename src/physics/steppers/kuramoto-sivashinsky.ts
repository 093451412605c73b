/**
 * The Kuramoto-Sivashinsky equation, in combustion (gradient-norm) and conservative
 * (convection) form.
 *
 * @module
 */
import { sub } from '../../ops/index.js';
import { ConvectionNonlinearFun, GradientNormNonlinearFun } from '../nonlinear/convection.js';
import { buildLaplaceOperator } from '../spectral.js';
import { Stepper, type StepperOptions } from '../stepper.js';
import { type Coefficient, checkCoefficient, dealiasingOr, setup, times } from './common.js';

/** Parameters shared by both forms (Exponax's defaults). */
interface KsOptions extends StepperOptions {
  /** psi1, the (destabilising) second-order scale (default 1). */
  secondOrderScale?: Coefficient;
  /** psi2, the (stabilising) fourth-order scale (default 1). */
  fourthOrderScale?: Coefficient;
  /** Dealiasing fraction (default 2/3). */
  dealiasingFraction?: number | null;
}

/** `-psi1 Laplace - psi2 sum_d d_d^4` in Fourier space. */
function ksLinear(deriv: ReturnType<typeof setup>, psi1: Coefficient, psi2: Coefficient) {
  return sub(times(psi1, buildLaplaceOperator(deriv, 2)).neg(), times(psi2, buildLaplaceOperator(deriv, 4)));
}

/** Parameters of {@link KuramotoSivashinsky}. */
export interface KuramotoSivashinskyOptions extends KsOptions {
  /** b2, the gradient-norm scale (default 1). */
  gradientNormScale?: Coefficient;
}

/**
 * The combustion form `u_t + b2 1/2 |grad u|^2 + psi1 Laplace u + psi2 sum_d d_d^4 u = 0`,
 * one channel in any dimension (spatio-temporal chaos in 1-D from L ~ 60; the mean of u is
 * kept by the zero-mode fix).
 */
export class KuramotoSivashinsky extends Stepper {
  readonly secondOrderScale: Coefficient;
  readonly fourthOrderScale: Coefficient;
  readonly gradientNormScale: Coefficient;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: KuramotoSivashinskyOptions = {}) {
    const fn = 'KuramotoSivashinsky';
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const psi1 = checkCoefficient(options.secondOrderScale ?? 1, fn, 'secondOrderScale', options.dtype);
    const psi2 = checkCoefficient(options.fourthOrderScale ?? 1, fn, 'fourthOrderScale', options.dtype);
    const b2 = checkCoefficient(options.gradientNormScale ?? 1, fn, 'gradientNormScale', options.dtype);
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      linearOperator: ksLinear(deriv, psi1, psi2),
      nonlinearFun: new GradientNormNonlinearFun(numSpatialDims, numPoints, deriv, {
        scale: b2, zeroModeFix: true, dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, fn),
      }),
    });
    [this.secondOrderScale, this.fourthOrderScale, this.gradientNormScale] = [psi1, psi2, b2];
  }
}

/** Parameters of {@link KuramotoSivashinskyConservative}. */
export interface KuramotoSivashinskyConservativeOptions extends KsOptions {
  /** b1, the convection scale (default 1). */
  convectionScale?: Coefficient;
  /** One channel whatever the dimension (default false). */
  singleChannel?: boolean;
  /** Conservative form of the convection (default true). */
  conservative?: boolean;
}

/**
 * The fluid-dynamics form `u_t + b1 div(u ⊗ u) + psi1 Laplace u + psi2 sum_d d_d^4 u = 0`
 * (Exponax 0.2.0's conservative convection, without a factor 1/2), D channels (or one).
 */
export class KuramotoSivashinskyConservative extends Stepper {
  readonly secondOrderScale: Coefficient;
  readonly fourthOrderScale: Coefficient;
  readonly convectionScale: Coefficient;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: KuramotoSivashinskyConservativeOptions = {}) {
    const fn = 'KuramotoSivashinskyConservative';
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const psi1 = checkCoefficient(options.secondOrderScale ?? 1, fn, 'secondOrderScale', options.dtype);
    const psi2 = checkCoefficient(options.fourthOrderScale ?? 1, fn, 'fourthOrderScale', options.dtype);
    const b1 = checkCoefficient(options.convectionScale ?? 1, fn, 'convectionScale', options.dtype);
    const singleChannel = options.singleChannel ?? false;
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: singleChannel ? 1 : numSpatialDims,
      linearOperator: ksLinear(deriv, psi1, psi2),
      nonlinearFun: new ConvectionNonlinearFun(numSpatialDims, numPoints, deriv, {
        scale: b1, singleChannel, conservative: options.conservative ?? true,
        dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, fn),
      }),
    });
    [this.secondOrderScale, this.fourthOrderScale, this.convectionScale] = [psi1, psi2, b1];
  }
}
