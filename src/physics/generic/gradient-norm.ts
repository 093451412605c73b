/**
 * Generic gradient-norm PDEs (the Kuramoto-Sivashinsky equation in combustion form as the
 * default), in the physical, normalized and difficulty interfaces.
 *
 * @module
 */
import { GradientNormNonlinearFun } from '../nonlinear/convection.js';
import { checkGrid } from '../spectral.js';
import { Stepper } from '../stepper.js';
import { setup, dealiasingOr } from '../steppers/common.js';
import { type Coefficient, buildGenericLinearOperator, checkCoefficientList, checkPositive, checkScalarCoefficient, inDType } from './common.js';
import type { GenericStepperOptions } from './convection.js';
import { extractNormalizedCoefficientsFromDifficulty, extractNormalizedGradientNormScaleFromDifficulty } from './conversions.js';

/** Options of {@link GeneralGradientNormStepper}. */
export interface GeneralGradientNormStepperOptions extends GenericStepperOptions {
  /**
   * The linear coefficients `a_j` by derivative order (default `[0, 0, -1, 0, -1]`: the
   * Kuramoto-Sivashinsky equation, whose anti-diffusion and hyper-diffusion need negative
   * signs on the right-hand side).
   */
  linearCoefficients?: readonly Coefficient[];
  /** The gradient-norm scale b2 (default 1). */
  gradientNormScale?: Coefficient;
}

/**
 * A gradient-norm nonlinearity plus isotropic linear terms on `(0, L)^D`, periodic, one
 * channel in any dimension:
 *
 *     u_t + b2 1/2 |grad u|^2 = sum_j a_j (1 . grad^j) u,
 *
 * in 1-D `u_t + b2 1/2 (u_x)^2 = sum_j a_j d^j u / dx^j`. The spatial mean of
 * `|grad u|^2` is removed before it enters (Exponax's zero-mode fix), so the mean of u is
 * kept. The defaults are the Kuramoto-Sivashinsky equation in combustion form
 * (`KuramotoSivashinsky` with unit scales). Linear part exact, nonlinearity by ETDRK
 * (order 2 by default) with dealiasing.
 */
export class GeneralGradientNormStepper extends Stepper {
  /** The linear coefficients `a_j`. */
  readonly linearCoefficients: readonly Coefficient[];
  /** The gradient-norm scale b2. */
  readonly gradientNormScale: Coefficient;

  /**
   * @param numSpatialDims The number of spatial dimensions D (1, 2 or 3).
   * @param domainExtent The extent L of the domain `(0, L)^D`.
   * @param numPoints The number of points N per axis.
   * @param dt The time step.
   * @param options Coefficients, ETDRK order (default 2), dealiasing fraction (default 2/3),
   *   contour points (default 16) and radius (default 1), dtype (default float64).
   */
  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: GeneralGradientNormStepperOptions = {}) {
    const fn = new.target.name;
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const a = checkCoefficientList(options.linearCoefficients ?? [0, 0, -1, 0, -1], fn, 'linearCoefficients', { minLength: 1 });
    const b2 = checkScalarCoefficient(options.gradientNormScale ?? 1, fn, 'gradientNormScale');
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      linearOperator: buildGenericLinearOperator(deriv, a),
      nonlinearFun: new GradientNormNonlinearFun(numSpatialDims, numPoints, deriv, {
        scale: inDType(b2, options.dtype), zeroModeFix: true,
        dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, fn),
      }),
    });
    this.linearCoefficients = a;
    this.gradientNormScale = b2;
  }
}

/** Options of {@link NormalizedGradientNormStepper}. */
export interface NormalizedGradientNormStepperOptions extends GenericStepperOptions {
  /**
   * The normalized coefficients `alpha_j = a_j dt / L^j` (default
   * `[0, 0, -1 * 0.1 / 60^2, 0, -1 * 0.1 / 60^4]`: KS on L = 60 with dt = 0.1).
   */
  normalizedLinearCoefficients?: readonly Coefficient[];
  /** The normalized gradient-norm scale `beta_2 = b2 dt / L^2` (default `1 * 0.1 / 60^2`). */
  normalizedGradientNormScale?: Coefficient;
}

/**
 * {@link GeneralGradientNormStepper} on the unit domain with a unit time step. The defaults
 * behave like `KuramotoSivashinsky(D, 60, N, 0.1)`.
 */
export class NormalizedGradientNormStepper extends GeneralGradientNormStepper {
  /** The normalized coefficients `alpha_j`. */
  readonly normalizedLinearCoefficients: readonly Coefficient[];
  /** The normalized gradient-norm scale `beta_2`. */
  readonly normalizedGradientNormScale: Coefficient;

  /**
   * @param numSpatialDims The number of spatial dimensions D (1, 2 or 3).
   * @param numPoints The number of points N per axis.
   * @param options Normalized coefficients and the options of {@link GeneralGradientNormStepper}.
   */
  constructor(numSpatialDims: number, numPoints: number, options: NormalizedGradientNormStepperOptions = {}) {
    const fn = new.target.name;
    const { normalizedLinearCoefficients, normalizedGradientNormScale, ...rest } = options;
    const alpha = checkCoefficientList(
      normalizedLinearCoefficients ?? [0, 0, (-1 * 0.1) / 60 ** 2, 0, (-1 * 0.1) / 60 ** 4], fn, 'normalizedLinearCoefficients', { minLength: 1 });
    const beta2 = checkScalarCoefficient(normalizedGradientNormScale ?? (1 * 0.1) / 60 ** 2, fn, 'normalizedGradientNormScale');
    super(numSpatialDims, 1, numPoints, 1, { ...rest, linearCoefficients: alpha, gradientNormScale: beta2 });
    this.normalizedLinearCoefficients = alpha;
    this.normalizedGradientNormScale = beta2;
  }
}

/** Options of {@link DifficultyGradientNormStepper}. */
export interface DifficultyGradientNormStepperOptions extends GenericStepperOptions {
  /** The linear difficulties `gamma_j` (default `[0, 0, -0.128, 0, -0.32768]`). */
  linearDifficulties?: readonly Coefficient[];
  /** The gradient-norm difficulty `delta_2 = beta_2 M N^2 D` (default 0.064). */
  gradientNormDifficulty?: Coefficient;
  /** M, the largest absolute value the state is expected to take (default 1). */
  maximumAbsolute?: number;
}

/**
 * {@link NormalizedGradientNormStepper} set by difficulties: `alpha_j = gamma_j /
 * (N^j 2^(j-1) D)` (`alpha_0 = gamma_0`) and `beta_2 = delta_2 / (M N^2 D)`. The defaults
 * are the Kuramoto-Sivashinsky equation.
 */
export class DifficultyGradientNormStepper extends NormalizedGradientNormStepper {
  /** The linear difficulties `gamma_j`. */
  readonly linearDifficulties: readonly Coefficient[];
  /** The gradient-norm difficulty `delta_2`. */
  readonly gradientNormDifficulty: Coefficient;
  /** M. */
  readonly maximumAbsolute: number;

  /**
   * @param numSpatialDims The number of spatial dimensions D (default 1).
   * @param numPoints The number of points N per axis (default 48).
   * @param options Difficulties, M and the options of {@link GeneralGradientNormStepper}.
   */
  constructor(numSpatialDims = 1, numPoints = 48, options: DifficultyGradientNormStepperOptions = {}) {
    const fn = new.target.name;
    const { linearDifficulties, gradientNormDifficulty, maximumAbsolute, ...rest } = options;
    const gamma = checkCoefficientList(linearDifficulties ?? [0, 0, -0.128, 0, -0.32768], fn, 'linearDifficulties', { minLength: 1 });
    const delta2 = checkScalarCoefficient(gradientNormDifficulty ?? 0.064, fn, 'gradientNormDifficulty');
    const M = checkPositive(maximumAbsolute, 1, fn, 'maximumAbsolute');
    checkGrid(numSpatialDims, numPoints, fn);
    const grid = { numSpatialDims, numPoints, maximumAbsolute: M };
    super(numSpatialDims, numPoints, {
      ...rest,
      normalizedLinearCoefficients: extractNormalizedCoefficientsFromDifficulty(gamma, grid),
      normalizedGradientNormScale: extractNormalizedGradientNormScaleFromDifficulty(delta2, grid),
    });
    this.linearDifficulties = gamma;
    this.gradientNormDifficulty = delta2;
    this.maximumAbsolute = M;
  }
}
