/**
 * Generic convection PDEs (Burgers, KdV, conservative KS, ... as special cases), in the
 * physical, normalized and difficulty interfaces.
 *
 * @module
 */
import { ConvectionNonlinearFun } from '../nonlinear/convection.js';
import { checkGrid } from '../spectral.js';
import { Stepper, type StepperOptions } from '../stepper.js';
import { setup, dealiasingOr } from '../steppers/common.js';
import { type Coefficient, buildGenericLinearOperator, checkCoefficientList, checkFlag, checkPositive, checkScalarCoefficient, inDType } from './common.js';
import { extractNormalizedCoefficientsFromDifficulty, extractNormalizedConvectionScaleFromDifficulty } from './conversions.js';

/** Options every nonlinear generic stepper accepts. */
export interface GenericStepperOptions extends StepperOptions {
  /**
   * Fraction of the highest resolved mode kept when the nonlinearity is evaluated
   * (default 2/3, Orszag's rule for quadratic terms; null turns dealiasing off).
   */
  dealiasingFraction?: number | null;
}

/** The convection-specific flags shared by the three interfaces. */
interface ConvectionFlags {
  /** One channel in any dimension, convecting along `1 . grad` (default false: D channels). */
  singleChannel?: boolean;
  /** The conservative (divergence) form (default false). */
  conservative?: boolean;
}

/** Options of {@link GeneralConvectionStepper}. */
export interface GeneralConvectionStepperOptions extends GenericStepperOptions, ConvectionFlags {
  /** The linear coefficients `a_j` by derivative order (default `[0, 0, 0.01]`: diffusion). */
  linearCoefficients?: readonly Coefficient[];
  /** The convection scale b1 (default 1). */
  convectionScale?: Coefficient;
}

/**
 * Convection plus isotropic linear terms on `(0, L)^D`, periodic:
 *
 *     u_t + b1 (u . grad) u = sum_j a_j (1 . grad^j) u,
 *
 * in 1-D `u_t + b1 u u_x = sum_j a_j d^j u / dx^j`. The state has D channels (a velocity
 * field); with `singleChannel` it has one, convected along the diagonal
 * (`b1 u (1 . grad) u`, or `b1 1/2 (1 . grad)(u^2)` when conservative). The conservative
 * multi-channel form is `b1 div(u ⊗ u)` (Exponax 0.2.0's four forms, see
 * {@link ConvectionNonlinearFun}). `a = [0, 0, nu]` is Burgers' equation, `[0, 0, 0, a3]`
 * a KdV-type equation. The linear part (`L = sum_j sum_d a_j (i k_d)^j`, so `D a_0` at order 0) is
 * integrated exactly, the convection by ETDRK (order 2 by default) with dealiasing.
 */
export class GeneralConvectionStepper extends Stepper {
  /** The linear coefficients `a_j`. */
  readonly linearCoefficients: readonly Coefficient[];
  /** The convection scale b1. */
  readonly convectionScale: Coefficient;
  /** One channel whatever the dimension. */
  readonly singleChannel: boolean;
  /** The conservative form. */
  readonly conservative: boolean;

  /**
   * @param numSpatialDims The number of spatial dimensions D (1, 2 or 3).
   * @param domainExtent The extent L of the domain `(0, L)^D`.
   * @param numPoints The number of points N per axis.
   * @param dt The time step.
   * @param options Coefficients, flags, ETDRK order (default 2), dealiasing fraction (default
   *   2/3), contour points (default 16) and radius (default 1), dtype (default float64).
   */
  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: GeneralConvectionStepperOptions = {}) {
    const fn = new.target.name;
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const a = checkCoefficientList(options.linearCoefficients ?? [0, 0, 0.01], fn, 'linearCoefficients', { minLength: 1 });
    const b1 = checkScalarCoefficient(options.convectionScale ?? 1, fn, 'convectionScale');
    const singleChannel = checkFlag(options.singleChannel, false, fn, 'singleChannel');
    const conservative = checkFlag(options.conservative, false, fn, 'conservative');
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: singleChannel ? 1 : numSpatialDims,
      linearOperator: buildGenericLinearOperator(deriv, a),
      nonlinearFun: new ConvectionNonlinearFun(numSpatialDims, numPoints, deriv, {
        scale: inDType(b1, options.dtype), singleChannel, conservative,
        dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, fn),
      }),
    });
    this.linearCoefficients = a;
    this.convectionScale = b1;
    this.singleChannel = singleChannel;
    this.conservative = conservative;
  }
}

/** Options of {@link NormalizedConvectionStepper}. */
export interface NormalizedConvectionStepperOptions extends GenericStepperOptions, ConvectionFlags {
  /** The normalized coefficients `alpha_j = a_j dt / L^j` (default `[0, 0, 0.01 * 0.1]`). */
  normalizedLinearCoefficients?: readonly Coefficient[];
  /** The normalized convection scale `beta_1 = b1 dt / L` (default `1 * 0.1`). */
  normalizedConvectionScale?: Coefficient;
}

/**
 * {@link GeneralConvectionStepper} on the unit domain with a unit time step. The defaults
 * behave like `Burgers(D, 1, N, 0.1, { diffusivity: 0.01 })`.
 */
export class NormalizedConvectionStepper extends GeneralConvectionStepper {
  /** The normalized coefficients `alpha_j`. */
  readonly normalizedLinearCoefficients: readonly Coefficient[];
  /** The normalized convection scale `beta_1`. */
  readonly normalizedConvectionScale: Coefficient;

  /**
   * @param numSpatialDims The number of spatial dimensions D (1, 2 or 3).
   * @param numPoints The number of points N per axis.
   * @param options Normalized coefficients and the options of {@link GeneralConvectionStepper}.
   */
  constructor(numSpatialDims: number, numPoints: number, options: NormalizedConvectionStepperOptions = {}) {
    const fn = new.target.name;
    const { normalizedLinearCoefficients, normalizedConvectionScale, ...rest } = options;
    const alpha = checkCoefficientList(normalizedLinearCoefficients ?? [0, 0, 0.01 * 0.1], fn, 'normalizedLinearCoefficients', { minLength: 1 });
    const beta1 = checkScalarCoefficient(normalizedConvectionScale ?? 1 * 0.1, fn, 'normalizedConvectionScale');
    super(numSpatialDims, 1, numPoints, 1, { ...rest, linearCoefficients: alpha, convectionScale: beta1 });
    this.normalizedLinearCoefficients = alpha;
    this.normalizedConvectionScale = beta1;
  }
}

/** Options of {@link DifficultyConvectionStepper}. */
export interface DifficultyConvectionStepperOptions extends GenericStepperOptions, ConvectionFlags {
  /** The linear difficulties `gamma_j` (default `[0, 0, 4.5]`). */
  linearDifficulties?: readonly Coefficient[];
  /** The convection difficulty `delta_1 = beta_1 M N D` (default 5). */
  convectionDifficulty?: Coefficient;
  /** M, the largest absolute value the state is expected to take (default 1). */
  maximumAbsolute?: number;
}

/**
 * {@link NormalizedConvectionStepper} set by difficulties: `alpha_j = gamma_j /
 * (N^j 2^(j-1) D)` (`alpha_0 = gamma_0`) and `beta_1 = delta_1 / (M N D)`. The defaults
 * are a Burgers equation.
 */
export class DifficultyConvectionStepper extends NormalizedConvectionStepper {
  /** The linear difficulties `gamma_j`. */
  readonly linearDifficulties: readonly Coefficient[];
  /** The convection difficulty `delta_1`. */
  readonly convectionDifficulty: Coefficient;
  /** M. */
  readonly maximumAbsolute: number;

  /**
   * @param numSpatialDims The number of spatial dimensions D (default 1).
   * @param numPoints The number of points N per axis (default 48).
   * @param options Difficulties, M and the options of {@link GeneralConvectionStepper}.
   */
  constructor(numSpatialDims = 1, numPoints = 48, options: DifficultyConvectionStepperOptions = {}) {
    const fn = new.target.name;
    const { linearDifficulties, convectionDifficulty, maximumAbsolute, ...rest } = options;
    const gamma = checkCoefficientList(linearDifficulties ?? [0, 0, 4.5], fn, 'linearDifficulties', { minLength: 1 });
    const delta1 = checkScalarCoefficient(convectionDifficulty ?? 5, fn, 'convectionDifficulty');
    const M = checkPositive(maximumAbsolute, 1, fn, 'maximumAbsolute');
    checkGrid(numSpatialDims, numPoints, fn);
    const grid = { numSpatialDims, numPoints, maximumAbsolute: M };
    super(numSpatialDims, numPoints, {
      ...rest,
      normalizedLinearCoefficients: extractNormalizedCoefficientsFromDifficulty(gamma, grid),
      normalizedConvectionScale: extractNormalizedConvectionScaleFromDifficulty(delta1, grid),
    });
    this.linearDifficulties = gamma;
    this.convectionDifficulty = delta1;
    this.maximumAbsolute = M;
  }
}
