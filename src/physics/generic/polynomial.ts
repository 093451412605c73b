/**
 * Generic polynomial (reaction-diffusion) PDEs, in the physical, normalized and
 * difficulty interfaces.
 *
 * @module
 */
import { PolynomialNonlinearFun } from '../nonlinear/convection.js';
import { checkGrid } from '../spectral.js';
import { Stepper } from '../stepper.js';
import { setup, dealiasingOr } from '../steppers/common.js';
import { type Coefficient, buildGenericLinearOperator, checkCoefficientList, fourierDType, inDType } from './common.js';
import type { GenericStepperOptions } from './convection.js';
import { extractNormalizedCoefficientsFromDifficulty } from './conversions.js';

/** Options of {@link GeneralPolynomialStepper}. */
export interface GeneralPolynomialStepperOptions extends GenericStepperOptions {
  /** The linear coefficients `a_j` by derivative order (default `[10, 0, 1]`). */
  linearCoefficients?: readonly Coefficient[];
  /**
   * The polynomial coefficients `c_k` of `sum_k c_k u^k`, from order 0 (default
   * `[0, 0, -10]`; with the default linear part a Fisher-KPP equation `u_t = Laplace u +
   * 10 u (1 - u)`).
   */
  polynomialCoefficients?: readonly Coefficient[];
}

/**
 * A pointwise polynomial nonlinearity plus isotropic linear terms on `(0, L)^D`, periodic,
 * one channel (reaction-diffusion equations):
 *
 *     u_t = sum_k c_k u^k + sum_j a_j (1 . grad^j) u.
 *
 * A linear reaction is better given as `a_0` (integrated exactly) than as `c_1`. The
 * default dealiasing (2/3) suits quadratic polynomials; use 1/2 for cubic ones. Linear
 * part exact, nonlinearity by ETDRK (order 2 by default).
 */
export class GeneralPolynomialStepper extends Stepper {
  /** The linear coefficients `a_j`. */
  readonly linearCoefficients: readonly Coefficient[];
  /** The polynomial coefficients `c_k`. */
  readonly polynomialCoefficients: readonly Coefficient[];

  /**
   * @param numSpatialDims The number of spatial dimensions D (1, 2 or 3).
   * @param domainExtent The extent L of the domain `(0, L)^D`.
   * @param numPoints The number of points N per axis.
   * @param dt The time step.
   * @param options Coefficients, ETDRK order (default 2), dealiasing fraction (default 2/3),
   *   contour points (default 16) and radius (default 1), dtype (default float64).
   */
  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: GeneralPolynomialStepperOptions = {}) {
    const fn = new.target.name;
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const a = checkCoefficientList(options.linearCoefficients ?? [10, 0, 1], fn, 'linearCoefficients', { minLength: 1 });
    const c = checkCoefficientList(options.polynomialCoefficients ?? [0, 0, -10], fn, 'polynomialCoefficients');
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      linearOperator: buildGenericLinearOperator(deriv, a),
      nonlinearFun: new PolynomialNonlinearFun(numSpatialDims, numPoints, {
        coefficients: c.map((ck) => inDType(ck, options.dtype)),
        dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, fn),
        dtype: fourierDType(deriv),
      }),
    });
    this.linearCoefficients = a;
    this.polynomialCoefficients = c;
  }
}

/** Options of {@link NormalizedPolynomialStepper}. */
export interface NormalizedPolynomialStepperOptions extends GenericStepperOptions {
  /**
   * The normalized coefficients `alpha_j = a_j dt / L^j` (default
   * `[10 * 0.001 / 10^0, 0, 1 * 0.001 / 10^2]`).
   */
  normalizedLinearCoefficients?: readonly Coefficient[];
  /** The normalized polynomial coefficients `beta_k = c_k dt` (default `[0, 0, -10 * 0.001]`). */
  normalizedPolynomialCoefficients?: readonly Coefficient[];
}

/**
 * {@link GeneralPolynomialStepper} on the unit domain with a unit time step. The defaults
 * are a Fisher-KPP equation (the physical defaults on L = 10 with dt = 0.001).
 */
export class NormalizedPolynomialStepper extends GeneralPolynomialStepper {
  /** The normalized coefficients `alpha_j`. */
  readonly normalizedLinearCoefficients: readonly Coefficient[];
  /** The normalized polynomial coefficients `beta_k`. */
  readonly normalizedPolynomialCoefficients: readonly Coefficient[];

  /**
   * @param numSpatialDims The number of spatial dimensions D (1, 2 or 3).
   * @param numPoints The number of points N per axis.
   * @param options Normalized coefficients and the options of {@link GeneralPolynomialStepper}.
   */
  constructor(numSpatialDims: number, numPoints: number, options: NormalizedPolynomialStepperOptions = {}) {
    const fn = new.target.name;
    const { normalizedLinearCoefficients, normalizedPolynomialCoefficients, ...rest } = options;
    const alpha = checkCoefficientList(
      normalizedLinearCoefficients ?? [(10 * 0.001) / 10 ** 0, 0, (1 * 0.001) / 10 ** 2], fn, 'normalizedLinearCoefficients', { minLength: 1 });
    const beta = checkCoefficientList(normalizedPolynomialCoefficients ?? [0, 0, -10 * 0.001], fn, 'normalizedPolynomialCoefficients');
    super(numSpatialDims, 1, numPoints, 1, { ...rest, linearCoefficients: alpha, polynomialCoefficients: beta });
    this.normalizedLinearCoefficients = alpha;
    this.normalizedPolynomialCoefficients = beta;
  }
}

/** Options of {@link DifficultyPolynomialStepper}. */
export interface DifficultyPolynomialStepperOptions extends GenericStepperOptions {
  /**
   * The linear difficulties `gamma_j` (default
   * `[10 * 0.001 / 10^0 * 48^0, 0, 1 * 0.001 / 10^2 * 48^2 * 2^1]`).
   */
  linearDifficulties?: readonly Coefficient[];
  /**
   * The polynomial difficulties, equal to the normalized polynomial coefficients since the
   * terms have no derivative (default `[0, 0, -10 * 0.001]`).
   */
  polynomialDifficulties?: readonly Coefficient[];
}

/**
 * {@link NormalizedPolynomialStepper} set by difficulties: `alpha_j = gamma_j /
 * (N^j 2^(j-1) D)` (`alpha_0 = gamma_0`) and `beta_k = delta_k`. The defaults are a
 * Fisher-KPP equation.
 */
export class DifficultyPolynomialStepper extends NormalizedPolynomialStepper {
  /** The linear difficulties `gamma_j`. */
  readonly linearDifficulties: readonly Coefficient[];
  /** The polynomial difficulties `delta_k`. */
  readonly polynomialDifficulties: readonly Coefficient[];

  /**
   * @param numSpatialDims The number of spatial dimensions D (default 1).
   * @param numPoints The number of points N per axis (default 48).
   * @param options Difficulties and the options of {@link GeneralPolynomialStepper}.
   */
  constructor(numSpatialDims = 1, numPoints = 48, options: DifficultyPolynomialStepperOptions = {}) {
    const fn = new.target.name;
    const { linearDifficulties, polynomialDifficulties, ...rest } = options;
    const gamma = checkCoefficientList(
      linearDifficulties ?? [((10 * 0.001) / 10 ** 0) * 48 ** 0, 0, ((1 * 0.001) / 10 ** 2) * 48 ** 2 * 2 ** 1], fn, 'linearDifficulties', { minLength: 1 });
    const delta = checkCoefficientList(polynomialDifficulties ?? [0, 0, -10 * 0.001], fn, 'polynomialDifficulties');
    checkGrid(numSpatialDims, numPoints, fn);
    super(numSpatialDims, numPoints, {
      ...rest,
      normalizedLinearCoefficients: extractNormalizedCoefficientsFromDifficulty(gamma, { numSpatialDims, numPoints }),
      normalizedPolynomialCoefficients: delta,
    });
    this.linearDifficulties = gamma;
    this.polynomialDifficulties = delta;
  }
}
