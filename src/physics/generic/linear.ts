/**
 * Generic linear PDEs `u_t = sum_j a_j (1 . grad^j) u`, in the physical, normalized and
 * difficulty interfaces.
 *
 * @module
 */
import type { FloatDType } from '../../tensor/dtype.js';
import { checkGrid } from '../spectral.js';
import { Stepper } from '../stepper.js';
import { setup } from '../steppers/common.js';
import { type Coefficient, buildGenericLinearOperator, checkCoefficientList, checkNonNegativeInteger, checkScalarCoefficient } from './common.js';
import { extractNormalizedCoefficientsFromDifficulty } from './conversions.js';

/** Options of {@link GeneralLinearStepper}. */
export interface GeneralLinearStepperOptions {
  /**
   * The coefficients `a_j`, indexed by derivative order from 0; the length sets the highest
   * derivative (default `[0, -0.1, 0.01]`: advection to the right with speed 0.1 plus
   * diffusion 0.01).
   */
  linearCoefficients?: readonly Coefficient[];
  /** float64 (default) or float32. */
  dtype?: FloatDType;
}

/**
 * The general linear PDE with isotropic derivative terms on `(0, L)^D`, periodic:
 *
 *     u_t = sum_j a_j (1 . grad^j) u,    in 1-D   u_t = sum_j a_j d^j u / dx^j,
 *
 * where `1 . grad^j` is the sum over the axes of the j-th partial derivatives (`j = 1`
 * advects diagonally with the same speed along every axis; `j = 4` is `sum_d d_d^4`, not
 * the biharmonic). In Fourier space `L = sum_j sum_d a_j (i k_d)^j`, so `D a_0` at order 0, and the
 * step `u+ = exp(dt L) u` is exact (ETDRK order 0), so the stepper is unconditionally
 * stable.
 *
 * All terms are on the right-hand side, so signs follow from `i^j`: j = 0 negative is a
 * drag; j = 1 negative advects to the right (+x); j = 2 positive diffuses; j = 3 positive
 * moves to the right; j = 4 negative is a hyper-diffusion. Only `a_j dt / L^j` affects the
 * dynamics (see {@link NormalizedLinearStepper} and `normalizeCoefficients`). One channel.
 */
export class GeneralLinearStepper extends Stepper {
  /** The coefficients `a_j`. */
  readonly linearCoefficients: readonly Coefficient[];

  /**
   * @param numSpatialDims The number of spatial dimensions D (1, 2 or 3).
   * @param domainExtent The extent L of the domain `(0, L)^D`.
   * @param numPoints The number of points N per axis (left end included, right excluded).
   * @param dt The time step.
   * @param options The coefficients and the dtype.
   */
  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: GeneralLinearStepperOptions = {}) {
    const fn = new.target.name;
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const a = checkCoefficientList(options.linearCoefficients ?? [0, -0.1, 0.01], fn, 'linearCoefficients', { minLength: 1 });
    super({
      numSpatialDims, domainExtent, numPoints, dt, dtype: options.dtype,
      numChannels: 1,
      order: 0,
      linearOperator: buildGenericLinearOperator(deriv, a),
      nonlinearFun: null,
    });
    this.linearCoefficients = a;
  }
}

/** Options of {@link NormalizedLinearStepper}. */
export interface NormalizedLinearStepperOptions {
  /**
   * The normalized coefficients `alpha_j = a_j dt / L^j` (default `[0, -0.5, 0.01]`:
   * advection by half the domain per step plus diffusion).
   */
  normalizedLinearCoefficients?: readonly Coefficient[];
  /** float64 (default) or float32. */
  dtype?: FloatDType;
}

/**
 * {@link GeneralLinearStepper} on the unit domain with a unit time step (`L = 1`,
 * `dt = 1`): `u_t = sum_j alpha_j (1 . grad^j) u` with the normalized coefficients
 * `alpha_j = a_j dt / L^j` of a physical problem.
 */
export class NormalizedLinearStepper extends GeneralLinearStepper {
  /** The normalized coefficients `alpha_j`. */
  readonly normalizedLinearCoefficients: readonly Coefficient[];

  /**
   * @param numSpatialDims The number of spatial dimensions D (1, 2 or 3).
   * @param numPoints The number of points N per axis.
   * @param options The normalized coefficients and the dtype.
   */
  constructor(numSpatialDims: number, numPoints: number, options: NormalizedLinearStepperOptions = {}) {
    const alpha = checkCoefficientList(options.normalizedLinearCoefficients ?? [0, -0.5, 0.01], new.target.name, 'normalizedLinearCoefficients', { minLength: 1 });
    super(numSpatialDims, 1, numPoints, 1, { linearCoefficients: alpha, dtype: options.dtype });
    this.normalizedLinearCoefficients = alpha;
  }
}

/** Options of {@link DifficultyLinearStepper}. */
export interface DifficultyLinearStepperOptions {
  /**
   * The difficulties `gamma_j = alpha_j N^j 2^(j-1) D` (`gamma_0 = alpha_0`); default
   * `[0, -2]`: advection with CFL number 2.
   */
  linearDifficulties?: readonly Coefficient[];
  /** float64 (default) or float32. */
  dtype?: FloatDType;
}

/**
 * {@link NormalizedLinearStepper} set by difficulties, which scale with the resolution so
 * that they read as the stability numbers of the most compact explicit finite-difference
 * scheme (for advection `|gamma_1|` is the CFL number): `alpha_j = gamma_j /
 * (N^j 2^(j-1) D)` for j >= 1 and `alpha_0 = gamma_0`.
 */
export class DifficultyLinearStepper extends NormalizedLinearStepper {
  /** The difficulties `gamma_j`. */
  readonly linearDifficulties: readonly Coefficient[];

  /**
   * @param numSpatialDims The number of spatial dimensions D (default 1).
   * @param numPoints The number of points N per axis (default 48).
   * @param options The difficulties and the dtype.
   */
  constructor(numSpatialDims = 1, numPoints = 48, options: DifficultyLinearStepperOptions = {}) {
    const fn = new.target.name;
    const gamma = checkCoefficientList(options.linearDifficulties ?? [0, -2], fn, 'linearDifficulties', { minLength: 1 });
    checkGrid(numSpatialDims, numPoints, fn);
    const alpha = extractNormalizedCoefficientsFromDifficulty(gamma, { numSpatialDims, numPoints });
    super(numSpatialDims, numPoints, { normalizedLinearCoefficients: alpha, dtype: options.dtype });
    this.linearDifficulties = gamma;
  }
}

/** Options of {@link DifficultyLinearStepperSimple}. */
export interface DifficultyLinearStepperSimpleOptions {
  /** The single difficulty gamma (default -2). */
  difficulty?: Coefficient;
  /**
   * The derivative order j the difficulty belongs to (default 1: advection). Not an
   * ETDRK order: linear steppers are exact.
   */
  order?: number;
  /** float64 (default) or float32. */
  dtype?: FloatDType;
}

/**
 * {@link DifficultyLinearStepper} with one term: the difficulties are
 * `[0, ..., 0, difficulty]` with `difficulty` at index `order`.
 */
export class DifficultyLinearStepperSimple extends DifficultyLinearStepper {
  /** The difficulty gamma. */
  readonly difficulty: Coefficient;
  /** The derivative order it belongs to. */
  readonly derivativeOrder: number;

  /**
   * @param numSpatialDims The number of spatial dimensions D (default 1).
   * @param numPoints The number of points N per axis (default 48).
   * @param options The difficulty, its derivative order and the dtype.
   */
  constructor(numSpatialDims = 1, numPoints = 48, options: DifficultyLinearStepperSimpleOptions = {}) {
    const fn = new.target.name;
    const difficulty = checkScalarCoefficient(options.difficulty ?? -2, fn, 'difficulty');
    const order = checkNonNegativeInteger(options.order, 1, fn, 'order');
    const difficulties: Coefficient[] = [...new Array<number>(order).fill(0), difficulty];
    super(numSpatialDims, numPoints, { linearDifficulties: difficulties, dtype: options.dtype });
    this.difficulty = difficulty;
    this.derivativeOrder = order;
  }
}

/**
 * @deprecated The misspelled name Exponax 0.1 used; use {@link DifficultyLinearStepperSimple}.
 */
export const DiffultyLinearStepperSimple = DifficultyLinearStepperSimple;
/** @deprecated Use {@link DifficultyLinearStepperSimple}. */
export type DiffultyLinearStepperSimple = DifficultyLinearStepperSimple;
