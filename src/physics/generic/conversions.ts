/**
 * Conversions between the three interfaces of the generic steppers (Exponax's
 * `exponax.stepper.generic` utilities):
 *
 * - **physical**: coefficients `a_j` of `u_t = sum_j a_j (1 . grad^j) u + ...` on the
 *   domain `(0, L)^D` with time step `dt`;
 * - **normalized**: the same PDE on `(0, 1)^D` with `dt = 1`. Only the combinations
 *   `alpha_j = a_j dt / L^j` (and `beta_1 = b_1 dt / L`, `beta_2 = b_2 dt / L^2`,
 *   `beta_k = c_k dt` for polynomial terms) affect the discrete dynamics;
 * - **difficulty**: normalized values rescaled by the resolution so that they read as
 *   stability numbers of the most compact explicit finite-difference scheme:
 *   `gamma_j = alpha_j N^j 2^(j-1) D` (`|gamma_1|` is the CFL number of upwind advection,
 *   `gamma_2 <= 1` is FTCS diffusion's stability limit), `gamma_0 = alpha_0`, and for the
 *   nonlinear terms `delta_1 = beta_1 M N D`, `delta_2 = beta_2 M N^2 D`,
 *   `delta_0 = beta_0`, with M the largest absolute value the state is expected to take.
 *   Keeping gammas fixed while raising N makes the physics slower (alpha_j ~ N^-j): use
 *   the normalized interface to keep the physics fixed.
 *
 * Every function performs the arithmetic in the same order as Exponax, so numbers give
 * the same doubles; powers come from `dmath`'s `pow`, which is exact when the result is
 * representable (integer powers of N, of 2 and of an integer extent). A coefficient may
 * also be a scalar tensor, so a difficulty or normalized value can be differentiated
 * through the conversion.
 *
 * @module
 */
import { pow } from '../../dmath/index.js';
import { ArgumentError, fmtValue } from '../../errors.js';
import { div, mul } from '../../ops/index.js';
import { checkGrid } from '../spectral.js';
import { type Coefficient, checkCoefficientList, checkScalarCoefficient } from './common.js';

/** The physical discretisation a normalization refers to. */
export interface CoefficientNormalization {
  /** The domain extent L (positive). */
  domainExtent: number;
  /** The time step dt (finite, nonzero). */
  dt: number;
}

/** The grid a difficulty refers to. */
export interface DifficultyGrid {
  /** The number of spatial dimensions D (1, 2 or 3). */
  numSpatialDims: number;
  /** The number of points N per axis. */
  numPoints: number;
}

/** The grid and the state's scale that a nonlinear difficulty refers to. */
export interface NonlinearDifficultyGrid extends DifficultyGrid {
  /** M, the largest absolute value of the state the stepper is applied to (positive). */
  maximumAbsolute: number;
}

/** The three scales of {@link GeneralNonlinearFun}: quadratic, convection, gradient norm. */
export type GeneralNonlinearScales<T extends Coefficient = Coefficient> = readonly [T, T, T];

// ---- arithmetic on numbers or scalar tensors, left to right as written ------------------

function times(a: number, b: number): number;
function times(a: Coefficient, b: number): Coefficient;
function times(a: Coefficient, b: number): Coefficient {
  return typeof a === 'number' ? a * b : mul(a, b);
}

function over(a: number, b: number): number;
function over(a: Coefficient, b: number): Coefficient;
function over(a: Coefficient, b: number): Coefficient {
  return typeof a === 'number' ? a / b : div(a, b);
}

function checkNormalization(options: CoefficientNormalization, fn: string, needsExtent = true): void {
  if (typeof options !== 'object' || options === null) {
    throw new ArgumentError({ fn, arg: 'options', expected: '{ domainExtent, dt }', actual: fmtValue(options) });
  }
  const { domainExtent, dt } = options;
  if (needsExtent && (typeof domainExtent !== 'number' || !Number.isFinite(domainExtent) || !(domainExtent > 0))) {
    throw new ArgumentError({ fn, arg: 'domainExtent', expected: 'a positive finite number', actual: fmtValue(domainExtent) });
  }
  if (typeof dt !== 'number' || !Number.isFinite(dt) || dt === 0) {
    throw new ArgumentError({ fn, arg: 'dt', expected: 'a finite nonzero number', actual: fmtValue(dt) });
  }
}

function checkDifficulty(options: DifficultyGrid, fn: string): [number, number] {
  if (typeof options !== 'object' || options === null) {
    throw new ArgumentError({ fn, arg: 'options', expected: '{ numSpatialDims, numPoints }', actual: fmtValue(options) });
  }
  return checkGrid(options.numSpatialDims, options.numPoints, fn);
}

function checkNonlinearDifficulty(options: NonlinearDifficultyGrid, fn: string): [number, number, number] {
  const [D, N] = checkDifficulty(options, fn);
  const M = options.maximumAbsolute;
  if (typeof M !== 'number' || !Number.isFinite(M) || !(M > 0)) {
    throw new ArgumentError({ fn, arg: 'maximumAbsolute', expected: 'a positive finite number', actual: fmtValue(M) });
  }
  return [D, N, M];
}

function mapList<T extends Coefficient>(values: readonly T[], fn: string, arg: string, f: (c: T, j: number) => T): T[] {
  return checkCoefficientList(values, fn, arg).map((c, j) => f(c as T, j));
}

// ---- physical <-> normalized ------------------------------------------------------------

/**
 * Normalized linear coefficients from physical ones: `alpha_j = a_j dt / L^j`
 * (`coefficients[j]` belongs to the j-th derivative).
 */
export function normalizeCoefficients(coefficients: readonly number[], options: CoefficientNormalization): number[];
export function normalizeCoefficients(coefficients: readonly Coefficient[], options: CoefficientNormalization): Coefficient[];
export function normalizeCoefficients(coefficients: readonly Coefficient[], options: CoefficientNormalization): Coefficient[] {
  const fn = 'normalizeCoefficients';
  checkNormalization(options, fn);
  return mapList(coefficients, fn, 'coefficients', (c, j) => over(times(c, options.dt), pow(options.domainExtent, j)));
}

/** Physical linear coefficients from normalized ones: `a_j = alpha_j / dt * L^j`. */
export function denormalizeCoefficients(normalizedCoefficients: readonly number[], options: CoefficientNormalization): number[];
export function denormalizeCoefficients(normalizedCoefficients: readonly Coefficient[], options: CoefficientNormalization): Coefficient[];
export function denormalizeCoefficients(normalizedCoefficients: readonly Coefficient[], options: CoefficientNormalization): Coefficient[] {
  const fn = 'denormalizeCoefficients';
  checkNormalization(options, fn);
  return mapList(normalizedCoefficients, fn, 'normalizedCoefficients', (c, j) => times(over(c, options.dt), pow(options.domainExtent, j)));
}

/**
 * The normalized convection scale `beta_1 = b_1 dt / L`, where b_1 is the scale of the
 * convection term (`u_t + b_1 1/2 (u^2)_x = ...` in 1-D).
 */
export function normalizeConvectionScale(convectionScale: number, options: CoefficientNormalization): number;
export function normalizeConvectionScale(convectionScale: Coefficient, options: CoefficientNormalization): Coefficient;
export function normalizeConvectionScale(convectionScale: Coefficient, options: CoefficientNormalization): Coefficient {
  const fn = 'normalizeConvectionScale';
  checkNormalization(options, fn);
  return over(times(checkScalarCoefficient(convectionScale, fn, 'convectionScale'), options.dt), options.domainExtent);
}

/** The physical convection scale `b_1 = beta_1 / dt * L`. */
export function denormalizeConvectionScale(normalizedConvectionScale: number, options: CoefficientNormalization): number;
export function denormalizeConvectionScale(normalizedConvectionScale: Coefficient, options: CoefficientNormalization): Coefficient;
export function denormalizeConvectionScale(normalizedConvectionScale: Coefficient, options: CoefficientNormalization): Coefficient {
  const fn = 'denormalizeConvectionScale';
  checkNormalization(options, fn);
  return times(over(checkScalarCoefficient(normalizedConvectionScale, fn, 'normalizedConvectionScale'), options.dt), options.domainExtent);
}

/**
 * The normalized gradient-norm scale `beta_2 = b_2 dt / L^2`, where b_2 is the scale of
 * the gradient-norm term (`u_t + b_2 1/2 |grad u|^2 = ...`).
 */
export function normalizeGradientNormScale(gradientNormScale: number, options: CoefficientNormalization): number;
export function normalizeGradientNormScale(gradientNormScale: Coefficient, options: CoefficientNormalization): Coefficient;
export function normalizeGradientNormScale(gradientNormScale: Coefficient, options: CoefficientNormalization): Coefficient {
  const fn = 'normalizeGradientNormScale';
  checkNormalization(options, fn);
  return over(times(checkScalarCoefficient(gradientNormScale, fn, 'gradientNormScale'), options.dt), pow(options.domainExtent, 2));
}

/** The physical gradient-norm scale `b_2 = beta_2 / dt * L^2`. */
export function denormalizeGradientNormScale(normalizedGradientNormScale: number, options: CoefficientNormalization): number;
export function denormalizeGradientNormScale(normalizedGradientNormScale: Coefficient, options: CoefficientNormalization): Coefficient;
export function denormalizeGradientNormScale(normalizedGradientNormScale: Coefficient, options: CoefficientNormalization): Coefficient {
  const fn = 'denormalizeGradientNormScale';
  checkNormalization(options, fn);
  return times(over(checkScalarCoefficient(normalizedGradientNormScale, fn, 'normalizedGradientNormScale'), options.dt), pow(options.domainExtent, 2));
}

/**
 * Normalized polynomial scales `beta_k = c_k dt` of `sum_k c_k u^k` (no derivative, so the
 * domain extent plays no part; it may be omitted).
 */
export function normalizePolynomialScales(polynomialScales: readonly number[], options: Partial<CoefficientNormalization> & { dt: number }): number[];
export function normalizePolynomialScales(polynomialScales: readonly Coefficient[], options: Partial<CoefficientNormalization> & { dt: number }): Coefficient[];
export function normalizePolynomialScales(polynomialScales: readonly Coefficient[], options: Partial<CoefficientNormalization> & { dt: number }): Coefficient[] {
  const fn = 'normalizePolynomialScales';
  checkNormalization(options as CoefficientNormalization, fn, false);
  return mapList(polynomialScales, fn, 'polynomialScales', (c) => times(c, options.dt));
}

/** Physical polynomial scales `c_k = beta_k / dt`. */
export function denormalizePolynomialScales(normalizedPolynomialScales: readonly number[], options: Partial<CoefficientNormalization> & { dt: number }): number[];
export function denormalizePolynomialScales(normalizedPolynomialScales: readonly Coefficient[], options: Partial<CoefficientNormalization> & { dt: number }): Coefficient[];
export function denormalizePolynomialScales(normalizedPolynomialScales: readonly Coefficient[], options: Partial<CoefficientNormalization> & { dt: number }): Coefficient[] {
  const fn = 'denormalizePolynomialScales';
  checkNormalization(options as CoefficientNormalization, fn, false);
  return mapList(normalizedPolynomialScales, fn, 'normalizedPolynomialScales', (c) => over(c, options.dt));
}

// ---- normalized <-> difficulty ----------------------------------------------------------

/**
 * Linear difficulties from normalized coefficients:
 * `gamma_0 = alpha_0` and `gamma_j = alpha_j N^j 2^(j-1) D` for j >= 1.
 */
export function reduceNormalizedCoefficientsToDifficulty(normalizedCoefficients: readonly number[], options: DifficultyGrid): number[];
export function reduceNormalizedCoefficientsToDifficulty(normalizedCoefficients: readonly Coefficient[], options: DifficultyGrid): Coefficient[];
export function reduceNormalizedCoefficientsToDifficulty(normalizedCoefficients: readonly Coefficient[], options: DifficultyGrid): Coefficient[] {
  const fn = 'reduceNormalizedCoefficientsToDifficulty';
  const [D, N] = checkDifficulty(options, fn);
  return mapList(normalizedCoefficients, fn, 'normalizedCoefficients', (alpha, j) => (j === 0 ? alpha : times(times(times(alpha, pow(N, j)), pow(2, j - 1)), D)));
}

/**
 * Normalized coefficients from linear difficulties:
 * `alpha_0 = gamma_0` and `alpha_j = gamma_j / (N^j 2^(j-1) D)` for j >= 1.
 */
export function extractNormalizedCoefficientsFromDifficulty(difficulties: readonly number[], options: DifficultyGrid): number[];
export function extractNormalizedCoefficientsFromDifficulty(difficulties: readonly Coefficient[], options: DifficultyGrid): Coefficient[];
export function extractNormalizedCoefficientsFromDifficulty(difficulties: readonly Coefficient[], options: DifficultyGrid): Coefficient[] {
  const fn = 'extractNormalizedCoefficientsFromDifficulty';
  const [D, N] = checkDifficulty(options, fn);
  return mapList(difficulties, fn, 'difficulties', (gamma, j) => (j === 0 ? gamma : over(gamma, pow(N, j) * pow(2, j - 1) * D)));
}

/** The convection difficulty `delta_1 = beta_1 M N D`. */
export function reduceNormalizedConvectionScaleToDifficulty(normalizedConvectionScale: number, options: NonlinearDifficultyGrid): number;
export function reduceNormalizedConvectionScaleToDifficulty(normalizedConvectionScale: Coefficient, options: NonlinearDifficultyGrid): Coefficient;
export function reduceNormalizedConvectionScaleToDifficulty(normalizedConvectionScale: Coefficient, options: NonlinearDifficultyGrid): Coefficient {
  const fn = 'reduceNormalizedConvectionScaleToDifficulty';
  const [D, N, M] = checkNonlinearDifficulty(options, fn);
  return times(times(times(checkScalarCoefficient(normalizedConvectionScale, fn, 'normalizedConvectionScale'), M), N), D);
}

/** The normalized convection scale `beta_1 = delta_1 / (M N D)`. */
export function extractNormalizedConvectionScaleFromDifficulty(convectionDifficulty: number, options: NonlinearDifficultyGrid): number;
export function extractNormalizedConvectionScaleFromDifficulty(convectionDifficulty: Coefficient, options: NonlinearDifficultyGrid): Coefficient;
export function extractNormalizedConvectionScaleFromDifficulty(convectionDifficulty: Coefficient, options: NonlinearDifficultyGrid): Coefficient {
  const fn = 'extractNormalizedConvectionScaleFromDifficulty';
  const [D, N, M] = checkNonlinearDifficulty(options, fn);
  return over(checkScalarCoefficient(convectionDifficulty, fn, 'convectionDifficulty'), M * N * D);
}

/** The gradient-norm difficulty `delta_2 = beta_2 M N^2 D`. */
export function reduceNormalizedGradientNormScaleToDifficulty(normalizedGradientNormScale: number, options: NonlinearDifficultyGrid): number;
export function reduceNormalizedGradientNormScaleToDifficulty(normalizedGradientNormScale: Coefficient, options: NonlinearDifficultyGrid): Coefficient;
export function reduceNormalizedGradientNormScaleToDifficulty(normalizedGradientNormScale: Coefficient, options: NonlinearDifficultyGrid): Coefficient {
  const fn = 'reduceNormalizedGradientNormScaleToDifficulty';
  const [D, N, M] = checkNonlinearDifficulty(options, fn);
  return times(times(times(checkScalarCoefficient(normalizedGradientNormScale, fn, 'normalizedGradientNormScale'), M), pow(N, 2)), D);
}

/** The normalized gradient-norm scale `beta_2 = delta_2 / (M N^2 D)`. */
export function extractNormalizedGradientNormScaleFromDifficulty(gradientNormDifficulty: number, options: NonlinearDifficultyGrid): number;
export function extractNormalizedGradientNormScaleFromDifficulty(gradientNormDifficulty: Coefficient, options: NonlinearDifficultyGrid): Coefficient;
export function extractNormalizedGradientNormScaleFromDifficulty(gradientNormDifficulty: Coefficient, options: NonlinearDifficultyGrid): Coefficient {
  const fn = 'extractNormalizedGradientNormScaleFromDifficulty';
  const [D, N, M] = checkNonlinearDifficulty(options, fn);
  return over(checkScalarCoefficient(gradientNormDifficulty, fn, 'gradientNormDifficulty'), M * pow(N, 2) * D);
}

/**
 * Difficulties of the three scales of the general nonlinear term (quadratic, single-channel
 * convection, gradient norm): `(delta_0, delta_1, delta_2) = (beta_0, beta_1 M N D,
 * beta_2 M N^2 D)` (a polynomial term has no derivative, so its difficulty is its
 * normalized scale).
 */
export function reduceNormalizedNonlinearScalesToDifficulty(normalizedNonlinearScales: GeneralNonlinearScales<number>, options: NonlinearDifficultyGrid): [number, number, number];
export function reduceNormalizedNonlinearScalesToDifficulty(normalizedNonlinearScales: GeneralNonlinearScales, options: NonlinearDifficultyGrid): [Coefficient, Coefficient, Coefficient];
export function reduceNormalizedNonlinearScalesToDifficulty(normalizedNonlinearScales: GeneralNonlinearScales, options: NonlinearDifficultyGrid): [Coefficient, Coefficient, Coefficient] {
  const fn = 'reduceNormalizedNonlinearScalesToDifficulty';
  checkNonlinearDifficulty(options, fn);
  const [b0, b1, b2] = checkCoefficientList(normalizedNonlinearScales, fn, 'normalizedNonlinearScales', { length: 3 }) as GeneralNonlinearScales;
  return [b0, reduceNormalizedConvectionScaleToDifficulty(b1, options), reduceNormalizedGradientNormScaleToDifficulty(b2, options)];
}

/**
 * Normalized scales of the general nonlinear term from its difficulties:
 * `(beta_0, beta_1, beta_2) = (delta_0, delta_1 / (M N D), delta_2 / (M N^2 D))`.
 */
export function extractNormalizedNonlinearScalesFromDifficulty(nonlinearDifficulties: GeneralNonlinearScales<number>, options: NonlinearDifficultyGrid): [number, number, number];
export function extractNormalizedNonlinearScalesFromDifficulty(nonlinearDifficulties: GeneralNonlinearScales, options: NonlinearDifficultyGrid): [Coefficient, Coefficient, Coefficient];
export function extractNormalizedNonlinearScalesFromDifficulty(nonlinearDifficulties: GeneralNonlinearScales, options: NonlinearDifficultyGrid): [Coefficient, Coefficient, Coefficient] {
  const fn = 'extractNormalizedNonlinearScalesFromDifficulty';
  checkNonlinearDifficulty(options, fn);
  const [d0, d1, d2] = checkCoefficientList(nonlinearDifficulties, fn, 'nonlinearDifficulties', { length: 3 }) as GeneralNonlinearScales;
  return [d0, extractNormalizedConvectionScaleFromDifficulty(d1, options), extractNormalizedGradientNormScaleFromDifficulty(d2, options)];
}

