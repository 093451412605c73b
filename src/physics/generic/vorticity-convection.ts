/**
 * The generic 2-D vorticity-convection stepper (decaying turbulence, or Kolmogorov flow
 * with forcing).
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { VorticityConvection2d, VorticityConvection2dKolmogorov, checkInjectionMode } from '../nonlinear/vorticity-convection.js';
import { Stepper } from '../stepper.js';
import { setup, dealiasingOr } from '../steppers/common.js';
import { type Coefficient, buildGenericLinearOperator, checkCoefficientList, checkNonNegativeInteger, checkScalarCoefficient, inDType } from './common.js';
import type { GenericStepperOptions } from './convection.js';

/** Options of {@link GeneralVorticityConvectionStepper}. */
export interface GeneralVorticityConvectionStepperOptions extends GenericStepperOptions {
  /** The vorticity convection scale b (default 1). */
  vorticityConvectionScale?: Coefficient;
  /** The linear coefficients `a_j` by derivative order (default `[0, 0, 0.001]`: viscosity 1e-3). */
  linearCoefficients?: readonly Coefficient[];
  /** The forced wavenumber k along the last axis (default 4). */
  injectionMode?: number;
  /**
   * The forcing intensity gamma (default 0: no forcing, decaying flow). A nonzero number, or
   * any tensor, selects the Kolmogorov variant.
   */
  injectionScale?: Coefficient;
}

/**
 * The 2-D incompressible Navier-Stokes equations in vorticity form with isotropic linear
 * terms on `(0, L)^2`, periodic, one channel (the vorticity omega):
 *
 *     omega_t + b (u . grad) omega = sum_j a_j (1 . grad^j) omega + f,
 *
 * with the velocity `u = (d psi / d x_1, -d psi / d x_0)` from the streamfunction
 * `psi = Laplace^-1 omega` ({@link VorticityConvection2d}). With `injectionScale` gamma
 * nonzero, the Kolmogorov forcing `f = -k gamma cos(k (2 pi / L) x_1)` at
 * `k = injectionMode` is added ({@link VorticityConvection2dKolmogorov}; the prefactor is
 * exact for L = 2 pi). The default `[0, 0, 0.001]` is a viscosity of 1e-3 (Re = 1000 on the
 * unit square). Linear part exact, convection by ETDRK (order 2 by default) with
 * dealiasing. Exponax has no normalized or difficulty variant of this family.
 */
export class GeneralVorticityConvectionStepper extends Stepper {
  /** The vorticity convection scale b. */
  readonly vorticityConvectionScale: Coefficient;
  /** The linear coefficients `a_j`. */
  readonly linearCoefficients: readonly Coefficient[];
  /** The forced wavenumber k. */
  readonly injectionMode: number;
  /** The forcing intensity gamma (0: none). */
  readonly injectionScale: Coefficient;

  /**
   * @param numSpatialDims The number of spatial dimensions; must be 2.
   * @param domainExtent The extent L of the domain `(0, L)^2`.
   * @param numPoints The number of points N per axis.
   * @param dt The time step.
   * @param options Coefficients, forcing, ETDRK order (default 2), dealiasing fraction (default
   *   2/3), contour points (default 16) and radius (default 1), dtype (default float64).
   */
  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: GeneralVorticityConvectionStepperOptions = {}) {
    const fn = new.target.name;
    if (numSpatialDims !== 2) {
      throw new ArgumentError({ fn, arg: 'numSpatialDims', expected: '2 (vorticity convection is two-dimensional)', actual: fmtValue(numSpatialDims) });
    }
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    const b = checkScalarCoefficient(options.vorticityConvectionScale ?? 1, fn, 'vorticityConvectionScale');
    const a = checkCoefficientList(options.linearCoefficients ?? [0, 0, 0.001], fn, 'linearCoefficients', { minLength: 1 });
    const gamma = checkScalarCoefficient(options.injectionScale ?? 0, fn, 'injectionScale');
    // Exponax reads the mode only for the forced variant; it must then be on the grid.
    const mode = gamma === 0
      ? checkNonNegativeInteger(options.injectionMode, 4, fn, 'injectionMode')
      : checkInjectionMode(options.injectionMode ?? 4, numSpatialDims, numPoints, fn);
    const common = {
      convectionScale: inDType(b, options.dtype),
      dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, fn),
    };
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      linearOperator: buildGenericLinearOperator(deriv, a),
      nonlinearFun: gamma === 0
        ? new VorticityConvection2d(numSpatialDims, numPoints, deriv, common)
        : new VorticityConvection2dKolmogorov(numSpatialDims, numPoints, deriv, { ...common, injectionMode: mode, injectionScale: inDType(gamma, options.dtype) }),
    });
    this.vorticityConvectionScale = b;
    this.linearCoefficients = a;
    this.injectionMode = mode;
    this.injectionScale = gamma;
  }
}
