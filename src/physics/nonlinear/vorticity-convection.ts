/**
 * The vorticity convection of the 2-D Navier-Stokes equations in streamfunction-vorticity
 * form, with optional Kolmogorov forcing.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { add, cast, equal, logicalAnd, mul, notEqual, reciprocal, real, where } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { buildLaplaceOperator, buildScalingArray, buildWavenumbers, fourierDType } from '../spectral.js';
import { NonlinearFun, type NonlinearOptions, dealiasingOr } from './base.js';
import { scaled } from './convection.js';

/** Options of {@link VorticityConvection2d}. */
export interface VorticityConvectionOptions extends NonlinearOptions {
  /** The convection scale b (default 1). */
  convectionScale?: number | Tensor;
}

/**
 * `1/Laplace` in Fourier space with `fill` where the symbol vanishes (the mean mode), as a
 * tensor of the derivative operator's complex dtype.
 */
export function inverseLaplaceOperator(derivativeOperator: Tensor, fill: number): Tensor {
  const laplace = real(buildLaplaceOperator(derivativeOperator, 2));
  const nonzero = notEqual(laplace, 0);
  return cast(where(nonzero, reciprocal(where(nonzero, laplace, 1)), fill), derivativeOperator.dtype);
}

/**
 * The vorticity convection `-b (u . grad) omega` on the right-hand side, for a vorticity
 * omega in 2-D (one channel; any leading axes are batch axes). The velocity comes from
 * the streamfunction `psi = Laplace^-1 omega` as `u = d psi / d x_1`,
 * `v = -d psi / d x_0` (x_0 the first spatial axis, x_1 the last); the inverse Laplacian
 * is taken as 1 at the mean mode, as in Exponax. Evaluated pseudo-spectrally: u, v,
 * `d omega/d x_0` and `d omega/d x_1` are formed in Fourier space, dealiased and
 * transformed, multiplied in physical space, and the product transformed back
 * (post-dealiased).
 */
export class VorticityConvection2d extends NonlinearFun {
  readonly derivativeOperator: Tensor;
  readonly convectionScale: number | Tensor;
  /** `1/Laplace` (1 at the mean mode), complex, `(1, N, N//2 + 1)`. */
  readonly inverseLaplacian: Tensor;
  // i k_0, i k_1 and -i k_0, each (1, N, N//2 + 1).
  private readonly derivatives: readonly [Tensor, Tensor, Tensor];

  constructor(numSpatialDims: number, numPoints: number, derivativeOperator: Tensor, options: VorticityConvectionOptions = {}) {
    if (numSpatialDims !== 2) {
      throw new ArgumentError({ fn: new.target.name, arg: 'numSpatialDims', expected: '2 (vorticity convection is two-dimensional)', actual: fmtValue(numSpatialDims) });
    }
    super(numSpatialDims, numPoints, {
      ...options, dtype: options.dtype ?? fourierDType(derivativeOperator),
      dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, new.target.name),
    });
    this.derivativeOperator = derivativeOperator;
    this.convectionScale = options.convectionScale ?? 1;
    this.inverseLaplacian = inverseLaplaceOperator(derivativeOperator, 1);
    const d0 = derivativeOperator.slice([0, 1]);
    this.derivatives = [d0, derivativeOperator.slice([1, 2]), d0.neg()];
  }

  apply(uHat: Tensor): Tensor {
    const [d0, d1, minusD0] = this.derivatives;
    const w = this.dealias(uHat);
    const psiHat = mul(this.inverseLaplacian, w);
    const u = this.ifftDealiased(mul(d1, psiHat));
    const v = this.ifftDealiased(mul(minusD0, psiHat));
    const dwdx = this.ifftDealiased(mul(d0, w));
    const dwdy = this.ifftDealiased(mul(d1, w));
    const convection = add(mul(u, dwdx), mul(v, dwdy));
    return mul(this.fft(convection), scaled(this.convectionScale, -1));
  }
}

/** Options of {@link VorticityConvection2dKolmogorov}. */
export interface KolmogorovOptions {
  /** The forced wavenumber k (default 4). */
  injectionMode?: number;
  /** The forcing intensity gamma (default 1). */
  injectionScale?: number | Tensor;
}

/** Throws unless the injection mode is an integer wavenumber present on axis 1 of the grid. */
export function checkInjectionMode(k: unknown, numSpatialDims: number, numPoints: number, fn: string): number {
  // Axis 1 is the half (rfft) axis in 2-D and a full axis in 3-D.
  const highest = numSpatialDims === 2 ? Math.floor(numPoints / 2) : Math.ceil(numPoints / 2) - 1;
  if (!Number.isInteger(k) || (k as number) < 0 || (k as number) > highest) {
    throw new ArgumentError({ fn, arg: 'injectionMode', expected: `an integer wavenumber in [0, ${highest}]`, actual: fmtValue(k) });
  }
  return k as number;
}

/**
 * A mask `(1, ..., N//2 + 1)`, true only at the integer wavenumber with `k_1 = mode` and
 * every other component 0.
 */
export function injectionMask(numSpatialDims: number, numPoints: number, mode: number): Tensor {
  const k = buildWavenumbers(numSpatialDims, numPoints);
  let mask = equal(k.slice(1), mode);
  for (let d = 0; d < numSpatialDims; d++) if (d !== 1) mask = logicalAnd(mask, equal(k.slice(d), 0));
  return mask.expandDims(0);
}

/**
 * {@link VorticityConvection2d} plus the Kolmogorov forcing of the vorticity,
 * `f = -k gamma cos(k (2 pi / L) x_1)` (the curl of the velocity forcing
 * `gamma sin(k (2 pi / L) x_1) e_0` when `L = 2 pi`; for other L, Exponax 0.2.0 keeps the
 * prefactor k without the 2 pi / L). It is one constant Fourier entry at `(k_0, k_1) =
 * (0, k)`: `-k gamma` times the "coef_extraction" scaling there, added to the convection.
 */
export class VorticityConvection2dKolmogorov extends VorticityConvection2d {
  readonly injectionMode: number;
  readonly injectionScale: number | Tensor;
  /** The forcing in Fourier space, complex, `(1, N, N//2 + 1)`. */
  readonly injection: Tensor;

  constructor(numSpatialDims: number, numPoints: number, derivativeOperator: Tensor, options: VorticityConvectionOptions & KolmogorovOptions = {}) {
    super(numSpatialDims, numPoints, derivativeOperator, options);
    const mode = checkInjectionMode(options.injectionMode ?? 4, numSpatialDims, numPoints, new.target.name);
    const gamma = options.injectionScale ?? 1;
    const scaling = buildScalingArray(numSpatialDims, numPoints, 'coef_extraction');
    const forcing = mul(where(injectionMask(numSpatialDims, numPoints, mode), scaling, 0), scaled(gamma, -mode));
    this.injectionMode = mode;
    this.injectionScale = gamma;
    this.injection = cast(forcing, derivativeOperator.dtype);
  }

  override apply(uHat: Tensor): Tensor {
    return add(super.apply(uHat), this.injection);
  }
}
