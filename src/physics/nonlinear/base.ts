/**
 * The base of the pseudo-spectral nonlinear terms: dealiasing and the transforms.
 *
 * A nonlinear term maps a Fourier state `u_hat` to `N_hat(u_hat)`: derivatives are taken
 * in Fourier space, products in physical space. Following Exponax 0.2.0, a Fourier
 * quantity is multiplied by the dealiasing mask before each inverse transform
 * (pre-dealiasing) and after each forward transform (post-dealiasing). The mask keeps
 * `|k_d| <= fraction * (N//2) - 1` on every axis (fraction 2/3 is Orszag's rule for
 * quadratic terms; 1/2 suits cubic ones).
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { cast, mul } from '../../ops/index.js';
import type { ComplexDType } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkGrid, lowPassFilterMask, spectralFft, spectralIfft } from '../spectral.js';

/** Grid and dealiasing options shared by all nonlinear terms. */
export interface NonlinearOptions {
  /** Fraction of the highest resolved mode kept by dealiasing; null: no dealiasing. */
  dealiasingFraction?: number | null;
  /** Complex dtype of Fourier states (default complex128). */
  dtype?: ComplexDType;
}

/**
 * `fraction` unless it was left out (`undefined`), then `fallback`; an explicit `null`
 * stays null (no dealiasing), unlike `fraction ?? fallback`. Throws, naming `fn`, unless
 * the result is null or a number in (0, 1].
 */
export function dealiasingOr(fraction: unknown, fallback: number | null, fn: string): number | null {
  const value = fraction === undefined ? fallback : fraction;
  if (value !== null && (typeof value !== 'number' || !(value > 0) || value > 1)) {
    throw new ArgumentError({ fn, arg: 'dealiasingFraction', expected: 'a number in (0, 1] or null', actual: fmtValue(value) });
  }
  return value;
}

/** Evaluates a nonlinear term in Fourier space, with the dealiased transforms it needs. */
export abstract class NonlinearFun {
  readonly numSpatialDims: number;
  readonly numPoints: number;
  /** The dealiasing mask as a complex tensor `(1, ..., N//2 + 1)` of 0/1, or null. */
  readonly dealiasingMask: Tensor | null;

  constructor(numSpatialDims: number, numPoints: number, options: NonlinearOptions = {}) {
    [this.numSpatialDims, this.numPoints] = checkGrid(numSpatialDims, numPoints, new.target.name);
    const fraction = dealiasingOr(options.dealiasingFraction, null, new.target.name);
    this.dealiasingMask = fraction === null
      ? null
      : cast(lowPassFilterMask(this.numSpatialDims, this.numPoints, fraction * Math.floor(this.numPoints / 2) - 1), options.dtype ?? 'complex128');
  }

  /** `u_hat` with the aliased modes zeroed (identity without a mask). */
  dealias(uHat: Tensor): Tensor {
    return this.dealiasingMask === null ? uHat : mul(uHat, this.dealiasingMask);
  }

  /** The real FFT over the spatial axes, post-dealiased. */
  fft(u: Tensor): Tensor {
    return this.dealias(spectralFft(u, this.numSpatialDims));
  }

  /**
   * The inverse real FFT over the spatial axes, of the pre-dealiased input (so callers need
   * not dealias first: the mask is 0/1, applying it twice changes nothing).
   */
  ifft(uHat: Tensor): Tensor {
    return this.ifftDealiased(this.dealias(uHat));
  }

  /**
   * The inverse real FFT of a spectrum that is already dealiased, such as a Fourier
   * multiplier (a derivative, an inverse Laplacian) times `dealias(u_hat)`: the mask is
   * 0/1, so masking the state once equals masking every product of it, and saves one
   * multiplication per transform.
   */
  ifftDealiased(uHat: Tensor): Tensor {
    return spectralIfft(uHat, this.numSpatialDims, this.numPoints);
  }

  /** `N_hat(u_hat)`. The channel axis is axis `-(D + 1)`; any axes before it are batch axes. */
  abstract apply(uHat: Tensor): Tensor;

  /** The term as a plain function, for the integrators. */
  get term(): (uHat: Tensor) => Tensor {
    return (uHat) => this.apply(uHat);
  }
}

/** The zero nonlinearity (linear PDEs). */
export class ZeroNonlinearFun extends NonlinearFun {
  apply(uHat: Tensor): Tensor {
    return mul(uHat, 0);
  }
}
