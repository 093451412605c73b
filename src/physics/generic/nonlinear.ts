/**
 * Generic PDEs with the general (quadratic + convection + gradient-norm) nonlinearity, in
 * the physical, normalized and difficulty interfaces.
 *
 * @module
 */
import { checkGrid } from '../spectral.js';
import { Stepper } from '../stepper.js';
import { setup, dealiasingOr } from '../steppers/common.js';
import { type Coefficient, buildGenericLinearOperator, checkCoefficientList, checkPositive, inDType } from './common.js';
import type { GenericStepperOptions } from './convection.js';
import { type GeneralNonlinearScales, extractNormalizedCoefficientsFromDifficulty, extractNormalizedNonlinearScalesFromDifficulty } from './conversions.js';
import { GeneralNonlinearFun } from './general-nonlinear-fun.js';

/** Options of {@link GeneralNonlinearStepper}. */
export interface GeneralNonlinearStepperOptions extends GenericStepperOptions {
  /** The linear coefficients `a_j` by derivative order (default `[0, 0, 0.01]`). */
  linearCoefficients?: readonly Coefficient[];
  /**
   * The nonlinear scales `[b0, b1, b2]` of the quadratic, convection and gradient-norm
   * terms, all on the right-hand side (default `[0, -1, 0]`: single-channel Burgers
   * convection with scale 1).
   */
  nonlinearCoefficients?: GeneralNonlinearScales;
}

/**
 * The general semi-linear PDE of one channel on `(0, L)^D`, periodic:
 *
 *     u_t = b0 u^2 + b1 1/2 (1 . grad)(u^2) + b2 1/2 |grad u|^2 + sum_j a_j (1 . grad^j) u,
 *
 * in 1-D `u_t = b0 u^2 + b1 1/2 (u^2)_x + b2 1/2 (u_x)^2 + sum_j a_j d^j u / dx^j`
 * ({@link GeneralNonlinearFun}). Unlike {@link GeneralConvectionStepper} and
 * {@link GeneralGradientNormStepper}, the nonlinear terms carry no built-in minus:
 * `[0, -b, 0]` is convection `u_t + b u u_x = ...`, `[0, 0, -b]` the gradient norm
 * `u_t + b 1/2 u_x^2 = ...`. The defaults are a single-channel Burgers equation. Linear part
 * exact, nonlinearity by ETDRK (order 2 by default) with dealiasing.
 */
export class GeneralNonlinearStepper extends Stepper {
  /** The linear coefficients `a_j`. */
  readonly linearCoefficients: readonly Coefficient[];
  /** The nonlinear scales `[b0, b1, b2]`. */
  readonly nonlinearCoefficients: GeneralNonlinearScales;

  /**
   * @param numSpatialDims The number of spatial dimensions D (1, 2 or 3).
   * @param domainExtent The extent L of the domain `(0, L)^D`.
   * @param numPoints The number of points N per axis.
   * @param dt The time step.
   * @param options Coefficients, ETDRK order (default 2), dealiasing fraction (default 2/3),
   *   contour points (default 16) and radius (default 1), dtype (default float64).
   */
  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: GeneralNonlinearStepperOptions = {}) {
    const fn = new.target.name;
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const a = checkCoefficientList(options.linearCoefficients ?? [0, 0, 0.01], fn, 'linearCoefficients', { minLength: 1 });
    const b = checkCoefficientList(options.nonlinearCoefficients ?? [0, -1, 0], fn, 'nonlinearCoefficients', { length: 3 }) as GeneralNonlinearScales;
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      linearOperator: buildGenericLinearOperator(deriv, a),
      nonlinearFun: new GeneralNonlinearFun(numSpatialDims, numPoints, deriv, {
        scaleList: [inDType(b[0], options.dtype), inDType(b[1], options.dtype), inDType(b[2], options.dtype)], zeroModeFix: true,
        dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, fn),
      }),
    });
    this.linearCoefficients = a;
    this.nonlinearCoefficients = b;
  }
}

/** Options of {@link NormalizedNonlinearStepper}. */
export interface NormalizedNonlinearStepperOptions extends GenericStepperOptions {
  /** The normalized coefficients `alpha_j = a_j dt / L^j` (default `[0, 0, 0.1 * 0.1]`). */
  normalizedLinearCoefficients?: readonly Coefficient[];
  /**
   * The normalized nonlinear scales `[beta_0, beta_1, beta_2] = [b0 dt, b1 dt / L,
   * b2 dt / L^2]` (default `[0, -1 * 0.1, 0]`).
   */
  normalizedNonlinearCoefficients?: GeneralNonlinearScales;
}

/**
 * {@link GeneralNonlinearStepper} on the unit domain with a unit time step. The defaults
 * are a single-channel Burgers equation, the same dynamics as
 * `Burgers(D, 1, N, 1, { diffusivity: 0.1 * 0.1, convectionScale: 0.1, singleChannel: true,
 * conservative: true })`.
 */
export class NormalizedNonlinearStepper extends GeneralNonlinearStepper {
  /** The normalized coefficients `alpha_j`. */
  readonly normalizedLinearCoefficients: readonly Coefficient[];
  /** The normalized nonlinear scales `beta`. */
  readonly normalizedNonlinearCoefficients: GeneralNonlinearScales;

  /**
   * @param numSpatialDims The number of spatial dimensions D (1, 2 or 3).
   * @param numPoints The number of points N per axis.
   * @param options Normalized coefficients and the options of {@link GeneralNonlinearStepper}.
   */
  constructor(numSpatialDims: number, numPoints: number, options: NormalizedNonlinearStepperOptions = {}) {
    const fn = new.target.name;
    const { normalizedLinearCoefficients, normalizedNonlinearCoefficients, ...rest } = options;
    const alpha = checkCoefficientList(normalizedLinearCoefficients ?? [0, 0, 0.1 * 0.1], fn, 'normalizedLinearCoefficients', { minLength: 1 });
    const beta = checkCoefficientList(normalizedNonlinearCoefficients ?? [0, -1 * 0.1, 0], fn, 'normalizedNonlinearCoefficients', { length: 3 }) as GeneralNonlinearScales;
    super(numSpatialDims, 1, numPoints, 1, { ...rest, linearCoefficients: alpha, nonlinearCoefficients: beta });
    this.normalizedLinearCoefficients = alpha;
    this.normalizedNonlinearCoefficients = beta;
  }
}

/** Options of {@link DifficultyNonlinearStepper}. */
export interface DifficultyNonlinearStepperOptions extends GenericStepperOptions {
  /** The linear difficulties `gamma_j` (default `[0, 0, 0.1 * 0.1 / 1 * 48^2 * 2]`). */
  linearDifficulties?: readonly Coefficient[];
  /**
   * The nonlinear difficulties `[delta_0, delta_1, delta_2] = [beta_0, beta_1 M N D,
   * beta_2 M N^2 D]` (default `[0, -1 * 0.1 / 1 * 48, 0]`).
   */
  nonlinearDifficulties?: GeneralNonlinearScales;
  /** M, the largest absolute value the state is expected to take (default 1). */
  maximumAbsolute?: number;
}

/**
 * {@link NormalizedNonlinearStepper} set by difficulties: `alpha_j = gamma_j /
 * (N^j 2^(j-1) D)` (`alpha_0 = gamma_0`), `beta_0 = delta_0`, `beta_1 = delta_1 / (M N D)`,
 * `beta_2 = delta_2 / (M N^2 D)`. The defaults are a single-channel Burgers equation.
 */
export class DifficultyNonlinearStepper extends NormalizedNonlinearStepper {
  /** The linear difficulties `gamma_j`. */
  readonly linearDifficulties: readonly Coefficient[];
  /** The nonlinear difficulties `delta`. */
  readonly nonlinearDifficulties: GeneralNonlinearScales;
  /** M. */
  readonly maximumAbsolute: number;

  /**
   * @param numSpatialDims The number of spatial dimensions D (default 1).
   * @param numPoints The number of points N per axis (default 48).
   * @param options Difficulties, M and the options of {@link GeneralNonlinearStepper}.
   */
  constructor(numSpatialDims = 1, numPoints = 48, options: DifficultyNonlinearStepperOptions = {}) {
    const fn = new.target.name;
    const { linearDifficulties, nonlinearDifficulties, maximumAbsolute, ...rest } = options;
    const gamma = checkCoefficientList(linearDifficulties ?? [0, 0, ((0.1 * 0.1) / 1) * 48 ** 2 * 2], fn, 'linearDifficulties', { minLength: 1 });
    const delta = checkCoefficientList(nonlinearDifficulties ?? [0, ((-1 * 0.1) / 1) * 48, 0], fn, 'nonlinearDifficulties', { length: 3 }) as GeneralNonlinearScales;
    const M = checkPositive(maximumAbsolute, 1, fn, 'maximumAbsolute');
    checkGrid(numSpatialDims, numPoints, fn);
    const grid = { numSpatialDims, numPoints, maximumAbsolute: M };
    super(numSpatialDims, numPoints, {
      ...rest,
      normalizedLinearCoefficients: extractNormalizedCoefficientsFromDifficulty(gamma, grid),
      normalizedNonlinearCoefficients: extractNormalizedNonlinearScalesFromDifficulty(delta, grid),
    });
    this.linearDifficulties = gamma;
    this.nonlinearDifficulties = delta;
    this.maximumAbsolute = M;
  }
}
