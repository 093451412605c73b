/**
 * The spectral toolkit: Fourier transforms of states, wavenumbers, derivative operators,
 * masks and scaling arrays, following Exponax's conventions.
 *
 * A state has shape `(C, N, ..., N)` (an optional leading batch axis is allowed): a
 * channel axis, then `D` spatial axes of `N` points each on the periodic domain
 * `(0, L)^D`, with `x_i = i L / N` (left end included, right end excluded). Its Fourier
 * representation is the real FFT over the spatial axes, shape `(C, N, ..., N//2 + 1)`:
 * full length on the first `D - 1` axes, the half spectrum on the last.
 *
 * @module
 */
import { ArgumentError, DTypeError, fmtValue } from '../errors.js';
import { irfftn, rfftn } from '../fft/transforms.js';
import { cast, complex, mul, prod, sum } from '../ops/index.js';
import { onesLike, tensor } from '../tensor/creation.js';
import { type FloatDType, realOf } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';

/** Options of the builders that produce tensors. */
export interface SpectralOptions {
  /** The real dtype of the result or of its parts (default float64). */
  dtype?: FloatDType;
}

/** Validates `(D, N)` and returns them. */
export function checkGrid(numSpatialDims: unknown, numPoints: unknown, fn: string): [number, number] {
  if (numSpatialDims !== 1 && numSpatialDims !== 2 && numSpatialDims !== 3) {
    throw new ArgumentError({ fn, arg: 'numSpatialDims', expected: '1, 2 or 3', actual: fmtValue(numSpatialDims) });
  }
  if (!Number.isInteger(numPoints) || (numPoints as number) < 1) {
    throw new ArgumentError({ fn, arg: 'numPoints', expected: 'a positive integer', actual: fmtValue(numPoints) });
  }
  return [numSpatialDims, numPoints as number];
}

/** `(N, ..., N)`: the spatial shape of a state in `D` dimensions. */
export function spatialShape(numSpatialDims: number, numPoints: number): number[] {
  return new Array<number>(numSpatialDims).fill(numPoints);
}

/** `(N, ..., N, N//2 + 1)`: the spatial shape of a state in Fourier space. */
export function wavenumberShape(numSpatialDims: number, numPoints: number): number[] {
  return [...spatialShape(numSpatialDims - 1, numPoints), Math.floor(numPoints / 2) + 1];
}

const SPACE_INDICES = [[-1], [-2, -1], [-3, -2, -1]] as const;

/** `(-D, ..., -1)`: the spatial axes of a state. */
export function spaceIndices(numSpatialDims: number): readonly number[] {
  return SPACE_INDICES[numSpatialDims - 1] ?? Array.from({ length: numSpatialDims }, (_, i) => i - numSpatialDims);
}

/** The real FFT of a state over its last `D` axes (NumPy's `rfftn`, unnormalised forward). */
export function spectralFft(u: Tensor, numSpatialDims: number): Tensor {
  return rfftn(u, undefined, spaceIndices(numSpatialDims));
}

/** The inverse of {@link spectralFft} to `N` points per axis (NumPy's `irfftn` with `s = (N,)*D`). */
export function spectralIfft(uHat: Tensor, numSpatialDims: number, numPoints: number): Tensor {
  return irfftn(uHat, spatialShape(numSpatialDims, numPoints), spaceIndices(numSpatialDims));
}

/** Integer wavenumbers of a full axis (`fftfreq(N) * N`) and of the half axis (`rfftfreq(N) * N`). */
function axisWavenumbers(numPoints: number, half: boolean): number[] {
  if (half) return Array.from({ length: Math.floor(numPoints / 2) + 1 }, (_, k) => k);
  const positive = Math.floor((numPoints - 1) / 2) + 1;
  return Array.from({ length: numPoints }, (_, k) => (k < positive ? k : k - numPoints));
}

/**
 * Per-axis values on the wavenumber grid: `f(axis, k)` evaluated on the meshgrid ("ij")
 * of the integer wavenumbers, shape `(D, N, ..., N//2 + 1)`.
 */
function onWavenumberGrid(numSpatialDims: number, numPoints: number, f: (axis: number, k: number) => number, dtype: FloatDType): Tensor {
  const shape = wavenumberShape(numSpatialDims, numPoints);
  const size = shape.reduce((a, b) => a * b, 1);
  const axes = shape.map((_, d) => axisWavenumbers(numPoints, d === numSpatialDims - 1));
  const out = new Float64Array(numSpatialDims * size);
  const idx = new Array<number>(numSpatialDims).fill(0);
  for (let flat = 0; flat < size; flat++) {
    for (let d = 0; d < numSpatialDims; d++) out[d * size + flat] = f(d, axes[d]![idx[d]!]!);
    for (let d = numSpatialDims - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
  return tensor(out, { shape: [numSpatialDims, ...shape], dtype });
}

/**
 * Integer wavenumber coordinates of the `D`-dimensional real FFT, shape
 * `(D, N, ..., N//2 + 1)`: axis d holds `fftfreq(N) * N` on the full axes (for even N the
 * Nyquist mode appears as `-N/2`) and `rfftfreq(N) * N` on the last.
 */
export function buildWavenumbers(numSpatialDims: number, numPoints: number, options: SpectralOptions = {}): Tensor {
  const [D, N] = checkGrid(numSpatialDims, numPoints, 'buildWavenumbers');
  return onWavenumberGrid(D, N, (_d, k) => k, options.dtype ?? 'float64');
}

/** Wavenumbers scaled by `2 pi / L` (physical angular wavenumbers), shape `(D, ..., N//2 + 1)`. */
export function buildScaledWavenumbers(numSpatialDims: number, domainExtent: number, numPoints: number, options: SpectralOptions = {}): Tensor {
  const [D, N] = checkGrid(numSpatialDims, numPoints, 'buildScaledWavenumbers');
  checkExtent(domainExtent, 'buildScaledWavenumbers');
  const scale = (2 * Math.PI) / domainExtent;
  return onWavenumberGrid(D, N, (_d, k) => scale * k, options.dtype ?? 'float64');
}

/** Throws unless `L` (the domain extent, or the argument `arg`) is a positive finite number; returns it. */
export function checkExtent(L: unknown, fn: string, arg = 'domainExtent'): number {
  if (typeof L !== 'number' || !(L > 0) || !Number.isFinite(L)) {
    throw new ArgumentError({ fn, arg, expected: 'a positive finite number', actual: fmtValue(L) });
  }
  return L;
}

/** Throws a DTypeError unless `dtype` is float32 or float64 (undefined: float64); returns it. */
export function checkFloatDType(dtype: unknown, fn: string): FloatDType {
  if (dtype === undefined) return 'float64';
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new DTypeError({ fn, arg: 'dtype', expected: "'float32' or 'float64'", actual: fmtValue(dtype) });
  }
  return dtype;
}

/**
 * The derivative operator in Fourier space, `i * (2 pi / L) * k`, a complex tensor of shape
 * `(D, ..., N//2 + 1)`; a derivative of order p along axis d is `op[d]^p`. The Nyquist mode
 * is not special-cased, as in Exponax.
 */
export function buildDerivativeOperator(numSpatialDims: number, domainExtent: number, numPoints: number, options: SpectralOptions = {}): Tensor {
  const k = buildScaledWavenumbers(numSpatialDims, domainExtent, numPoints, options);
  return complex(cast(0, k.dtype), k);
}

/** The complex dtype of the nonlinear terms for a derivative operator's dtype. */
export function fourierDType(derivativeOperator: Tensor): 'complex64' | 'complex128' {
  return derivativeOperator.dtype === 'complex64' ? 'complex64' : 'complex128';
}

/** `x` to the integer power `p >= 0` by repeated squaring, as JAX's `integer_pow`. */
export function integerPower(x: Tensor, p: number): Tensor {
  if (!Number.isInteger(p) || p < 0) throw new ArgumentError({ fn: 'integerPower', arg: 'p', expected: 'a non-negative integer', actual: fmtValue(p) });
  if (p === 0) return onesLike(x);
  let result: Tensor | undefined;
  let base = x;
  for (let n = p; n > 0; n >>= 1) {
    if (n & 1) result = result === undefined ? base : mul(result, base);
    if (n > 1) base = mul(base, base);
  }
  return result!;
}

/**
 * The Laplace operator of a derivative operator: `sum_d (i k_d)^order`, keeping a leading
 * axis of extent 1, shape `(1, ..., N//2 + 1)`. `order` must be even; `order = 4` gives
 * `sum_d k_d^4` (no mixed terms, not the biharmonic). `order = 0` gives ones (Exponax
 * 0.2.0).
 */
export function buildLaplaceOperator(derivativeOperator: Tensor, order = 2): Tensor {
  if (!Number.isInteger(order) || order < 0 || order % 2 !== 0) {
    throw new ArgumentError({ fn: 'buildLaplaceOperator', arg: 'order', expected: 'an even non-negative integer', actual: fmtValue(order) });
  }
  const terms = integerPower(derivativeOperator, order);
  if (order === 0) return terms.slice([0, 1]);
  return sum(terms, 0, { keepdims: true });
}

/**
 * `sum_d c_d (i k_d)^order` for a velocity `c` of length D, with a leading axis of extent
 * 1: the Fourier symbol of `c . grad` (order 1) or of `c . (grad ⊙ grad ⊙ grad)` (order 3).
 * `order` must be odd.
 */
export function buildGradientInnerProductOperator(derivativeOperator: Tensor, velocity: Tensor | readonly number[], order = 1): Tensor {
  const fn = 'buildGradientInnerProductOperator';
  if (!Number.isInteger(order) || order < 1 || order % 2 !== 1) {
    throw new ArgumentError({ fn, arg: 'order', expected: 'an odd positive integer', actual: fmtValue(order) });
  }
  const D = derivativeOperator.shape[0]!;
  const c = Array.isArray(velocity) ? tensor(velocity as number[]) : (velocity as Tensor);
  if (c.ndim !== 1 || c.shape[0] !== D) {
    throw new ArgumentError({ fn, arg: 'velocity', expected: `a vector of ${D} components`, actual: fmtValue(Array.isArray(velocity) ? velocity : c.shape) });
  }
  const powers = integerPower(derivativeOperator, order);
  const weights = cast(c, realOf(powers.dtype)).reshape([D, ...new Array<number>(derivativeOperator.ndim - 1).fill(1)]);
  return sum(mul(weights, powers), 0, { keepdims: true });
}

/**
 * A low-pass mask in Fourier space, bool of shape `(1, ..., N//2 + 1)`: with
 * `axisSeparate` (default) `|k_d| <= cutoff` on every axis (a hypercube, cutoff
 * inclusive), otherwise `||k||_2 <= cutoff` (a ball).
 */
export function lowPassFilterMask(numSpatialDims: number, numPoints: number, cutoff: number, options: { axisSeparate?: boolean } = {}): Tensor {
  const [D, N] = checkGrid(numSpatialDims, numPoints, 'lowPassFilterMask');
  if (typeof cutoff !== 'number' || Number.isNaN(cutoff)) {
    throw new ArgumentError({ fn: 'lowPassFilterMask', arg: 'cutoff', expected: 'a number', actual: fmtValue(cutoff) });
  }
  const k = buildWavenumbers(D, N).toTypedArray() as Float64Array;
  const shape = wavenumberShape(D, N);
  const size = k.length / D;
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    let keep = true;
    let norm2 = 0;
    for (let d = 0; d < D; d++) {
      const v = k[d * size + i]!;
      keep &&= Math.abs(v) <= cutoff;
      norm2 += v * v;
    }
    out[i] = (options.axisSeparate ?? true ? keep : Math.sqrt(norm2) <= cutoff) ? 1 : 0;
  }
  return tensor(out, { shape: [1, ...shape], dtype: 'bool' });
}

/** A mask that removes the Nyquist mode for even N (all true for odd N), shape `(1, ..., N//2 + 1)`. */
export function oddballFilterMask(numSpatialDims: number, numPoints: number): Tensor {
  const [D, N] = checkGrid(numSpatialDims, numPoints, 'oddballFilterMask');
  return lowPassFilterMask(D, N, N % 2 === 1 ? N : N / 2 - 1);
}

/** How {@link buildScalingArray} rescales raw FFT values. */
export type ScalingMode = 'norm_compensation' | 'reconstruction' | 'coef_extraction';

/**
 * Scaling arrays that convert raw `spectralFft` values into amplitudes, shape
 * `(1, ..., N//2 + 1)`: the product over axes of `N` at the zero (and, for even N, the
 * Nyquist) mode and `N / a` elsewhere, with a = 1 on full axes and b on the half axis:
 * "norm_compensation" a = b = 1 (plain `N^D`), "reconstruction" a = 1, b = 2,
 * "coef_extraction" a = b = 2.
 */
export function buildScalingArray(numSpatialDims: number, numPoints: number, mode: ScalingMode, options: SpectralOptions = {}): Tensor {
  const [D, N] = checkGrid(numSpatialDims, numPoints, 'buildScalingArray');
  const denominators: Record<ScalingMode, [number, number]> = {
    norm_compensation: [1, 1],
    reconstruction: [1, 2],
    coef_extraction: [2, 2],
  };
  const pair = denominators[mode];
  if (pair === undefined) {
    throw new ArgumentError({ fn: 'buildScalingArray', arg: 'mode', expected: "'norm_compensation', 'reconstruction' or 'coef_extraction'", actual: fmtValue(mode) });
  }
  const [full, half] = pair;
  const factor = (d: number, k: number): number => {
    const isHalf = d === D - 1;
    const special = k === 0 || (N % 2 === 0 && (isHalf ? k === N / 2 : k === -N / 2));
    return special ? N : N / (isHalf ? half : full);
  };
  return prod(onWavenumberGrid(D, N, factor, options.dtype ?? 'float64'), 0, { keepdims: true });
}
