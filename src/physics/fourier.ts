/**
 * Fourier-space analysis of states, following Exponax 0.2.0: grids, spectral derivatives,
 * spectra, Fourier coefficients, resampling between resolutions, evaluation of the Fourier
 * series at arbitrary points and periodic wrapping for plots.
 *
 * A state has shape `(C, N, ..., N)`: a channel axis and `D` spatial axes of `N` points on
 * `(0, L)^D`, `x_i = i L / N`. The number of spatial dimensions is read from the rank
 * (`D = ndim - 1`), as in Exponax; states carry no batch axis here.
 *
 * @module
 */
import { ArgumentError, DTypeError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import {
  abs, checkTensor, complex, concat, cos, div, imag, matmul, mul, pad, real, reshape, round, scatterAdd, sin, slice,
  square, sub, where,
} from '../ops/index.js';
import { tensor, zeros } from '../tensor/creation.js';
import { type FloatDType, isFloat, realOf } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  type ScalingMode, buildDerivativeOperator, buildScaledWavenumbers, buildScalingArray, buildWavenumbers, checkExtent, checkGrid,
  integerPower, oddballFilterMask, spectralFft, spectralIfft,
} from './spectral.js';

/** The discretisation read off a state `(C, N, ..., N)`. */
export interface StateGrid {
  /** D = ndim - 1. */
  numSpatialDims: number;
  /** N, the extent of every spatial axis. */
  numPoints: number;
  /** C, the extent of the leading axis. */
  numChannels: number;
  /** The state's real dtype. */
  dtype: FloatDType;
}

/**
 * Checks that `state` is a real tensor `(C, N, ..., N)` with 1 to 3 spatial axes of one
 * extent, and returns its discretisation. Throws a `ShapeError` or `DTypeError` naming
 * `fn` and `arg` otherwise.
 */
export function inferGrid(state: unknown, fn: string, arg = 'state'): StateGrid {
  const t = checkTensor(state, fn, arg);
  if (!isFloat(t.dtype)) {
    throw new DTypeError({ fn, arg, expected: 'a real floating-point state (float32 or float64)', actual: t.dtype });
  }
  const spatial = t.shape.slice(1);
  if (t.ndim < 2 || t.ndim > 4 || spatial.some((n) => n !== spatial[0]) || spatial[0]! < 1) {
    throw new ShapeError({ fn, arg, expected: 'a state (C, N), (C, N, N) or (C, N, N, N) with equal spatial extents', actual: fmtShape(t.shape) });
  }
  return { numSpatialDims: t.ndim - 1, numPoints: spatial[0]!, numChannels: t.shape[0]!, dtype: t.dtype };
}

/** Throws unless `p` is a non-negative integer. */
function checkOrder(p: unknown, fn: string, arg = 'order'): number {
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 0) {
    throw new ArgumentError({ fn, arg, expected: 'a non-negative integer', actual: fmtValue(p) });
  }
  return p;
}

/** Options of {@link makeGrid}. */
export interface GridOptions {
  /** Include the right end `x = L` (N + 1 points per axis, for plotting; default false). */
  full?: boolean;
  /** Shift the coordinates by `-L/2`, to `(-L/2, L/2)` (default false). */
  zeroCentered?: boolean;
  /** Real dtype of the grid (default float64). */
  dtype?: FloatDType;
}

/**
 * The coordinates of the grid, shape `(D, M, ..., M)` with "ij" indexing: entry
 * `[d, i_0, ..., i_{D-1}]` is `x_{i_d} = i_d L / N` (M = N points; M = N + 1 with `full`,
 * whose last point is exactly L). With `zeroCentered`, `L/2` is subtracted. In 1-D the
 * leading axis is a singleton: `(1, N)`.
 */
export function makeGrid(numSpatialDims: number, domainExtent: number, numPoints: number, options: GridOptions = {}): Tensor {
  const fn = 'makeGrid';
  const [D, N] = checkGrid(numSpatialDims, numPoints, fn);
  const L = checkExtent(domainExtent, fn);
  const M = (options.full ?? false) ? N + 1 : N;
  const shift = (options.zeroCentered ?? false) ? L / 2 : 0;
  const dx = L / N; // NumPy's linspace(0, L, N, endpoint=False) computes i * (L / N)
  const axis = Array.from({ length: M }, (_, i) => (i === N ? L : i * dx) - shift);
  const size = M ** D;
  const out = new Float64Array(D * size);
  for (let d = 0; d < D; d++) {
    // Along axis d the index changes every M^(D-1-d) entries.
    const inner = M ** (D - 1 - d);
    for (let flat = 0; flat < size; flat++) out[d * size + flat] = axis[Math.floor(flat / inner) % M]!;
  }
  return tensor(out, { shape: [D, ...new Array<number>(D).fill(M)], dtype: options.dtype ?? 'float64' });
}

/**
 * Periodic padding of one point at the right end of every axis after the first:
 * `(C, N, ..., N)` becomes `(C, N + 1, ..., N + 1)` with `u[..., N] = u[..., 0]`. Meant for
 * plotting on the closed domain `[0, L]^D` (see {@link makeGrid} with `full`).
 */
export function wrapBc(u: Tensor): Tensor {
  const t = checkTensor(u, 'wrapBc', 'u');
  if (t.ndim < 2) throw new ShapeError({ fn: 'wrapBc', arg: 'u', expected: 'a channel axis and at least one spatial axis', actual: fmtShape(t.shape) });
  return pad(t, t.shape.map((_, i) => (i === 0 ? [0, 0] : [0, 1]) as [number, number]), { mode: 'wrap' });
}

/** Options of {@link derivative}. */
export interface DerivativeOptions {
  /** Order p of the derivative along each axis (default 1). */
  order?: number;
}

/**
 * The spectral derivative of a state: the field `d^p u / dx_d^p` for every axis d, computed
 * as `ifft((i k_d)^p fft(u))` with `k_d = 2 pi k / L`. A one-channel state `(1, N, ...)`
 * gives `(D, N, ...)` (the gradient for p = 1); a C-channel state gives `(C, D, N, ...)`.
 * The Nyquist mode is not treated specially (Exponax's choice): for even N, odd orders of a
 * field with energy at the Nyquist mode lose it, as the inverse real FFT ignores the
 * imaginary part there.
 */
export function derivative(field: Tensor, domainExtent: number, options: DerivativeOptions = {}): Tensor {
  const fn = 'derivative';
  const { numSpatialDims: D, numPoints: N, numChannels: C, dtype } = inferGrid(field, fn, 'field');
  const L = checkExtent(domainExtent, fn);
  const p = checkOrder(options.order ?? 1, fn);
  const op = integerPower(buildDerivativeOperator(D, L, N, { dtype }), p);
  const uHat = spectralFft(field, D);
  const dHat = C === 1 ? mul(op, uHat) : mul(uHat.expandDims(1), op);
  return spectralIfft(dHat, D, N);
}

/** How {@link getSpectrum} combines the modes of one radial shell in 2-D and 3-D. */
export type RadialBinning = 'sum' | 'average';

/** Options of {@link getSpectrum}. */
export interface SpectrumOptions {
  /** Power (energy) spectrum when true (default), amplitude spectrum when false. */
  power?: boolean;
  /** Sum (default) or average the modes of a shell; no effect in 1-D. */
  radialBinning?: RadialBinning;
}

/**
 * Bin index of every entry of the half-spectrum grid: the shell `[k - 1/2, k + 1/2)` of
 * `||k||_2` for k = 0..N//2, or `N//2 + 1` for the corners beyond the last shell; and
 * the number of entries per shell.
 */
function radialBins(D: number, N: number): { index: Int32Array; counts: Float64Array } {
  const k = buildWavenumbers(D, N).toTypedArray() as Float64Array;
  const size = k.length / D;
  const last = Math.floor(N / 2);
  const index = new Int32Array(size);
  const counts = new Float64Array(last + 1);
  for (let i = 0; i < size; i++) {
    let k2 = 0;
    for (let d = 0; d < D; d++) k2 += k[d * size + i]! * k[d * size + i]!;
    // sqrt of an integer is never a half-integer, so rounding decides the shell exactly.
    const b = Math.floor(Math.sqrt(k2) + 0.5);
    index[i] = b <= last ? b : last + 1;
    if (b <= last) counts[b]! += 1;
  }
  return { index, counts };
}

/**
 * The spectrum of a state, shape `(C, N//2 + 1)`, Exponax 0.2.0 semantics.
 *
 * With `s = fft(u)` (the raw real FFT) and `r` the "reconstruction" scaling array (`N^D`,
 * halved on interior modes of the last axis), each stored mode contributes
 *
 * - amplitude (`power: false`): `|s| / r`, the amplitude of its cosine/sine pair;
 * - power (default): `0.5 |s|^2 / (N^D r)`, its share of the energy `0.5 mean(u^2)`, so
 *   that a shell sum over all modes reproduces `0.5 mean(u^2)` (Parseval) for every mode
 *   class: zero, interior, Nyquist, on or off the last axis. (0.1.0 used `0.5 |s/r|^2`,
 *   which counted interior modes of the last axis twice as much as the others.)
 *
 * In 1-D the result is this per-mode value. In 2-D and 3-D the modes are binned by
 * `||k||_2` into the shells `[k - 1/2, k + 1/2)`, k = 0..N//2, and summed
 * (`radialBinning: 'sum'`, default) or averaged over the modes of the half-spectrum grid
 * in the shell (`'average'`); corner modes beyond `N//2 + 1/2` are dropped.
 */
export function getSpectrum(state: Tensor, options: SpectrumOptions = {}): Tensor {
  const fn = 'getSpectrum';
  const { numSpatialDims: D, numPoints: N, numChannels: C, dtype } = inferGrid(state, fn);
  const power = options.power ?? true;
  if (typeof power !== 'boolean') throw new ArgumentError({ fn, arg: 'power', expected: 'a boolean', actual: fmtValue(power) });
  const binning = options.radialBinning ?? 'sum';
  if (binning !== 'sum' && binning !== 'average') {
    throw new ArgumentError({ fn, arg: 'radialBinning', expected: "'sum' or 'average'", actual: fmtValue(binning) });
  }
  const uHat = spectralFft(state, D);
  const recon = buildScalingArray(D, N, 'reconstruction', { dtype });
  const magnitude = power ? div(mul(square(abs(uHat)), 0.5), mul(recon, N ** D)) : div(abs(uHat), recon);
  if (D === 1) return magnitude;
  const { index, counts } = radialBins(D, N);
  const K = counts.length;
  const flat = reshape(magnitude, [C, index.length]);
  const binned = slice(scatterAdd(zeros([C, K + 1], { dtype }), tensor(index, { dtype: 'int32' }), flat, 1), null, [0, K]);
  if (binning === 'sum') return binned;
  return div(binned, tensor(counts.map((c) => Math.max(c, 1)), { dtype }));
}

/** Options of {@link getFourierCoefficients}. */
export interface FourierCoefficientOptions {
  /**
   * The scaling divided out of the raw FFT (default "coef_extraction": a mode's cosine
   * and sine amplitudes read directly off the real and minus the imaginary part); null
   * keeps the raw values.
   */
  scalingCompensationMode?: ScalingMode | null;
  /**
   * Decimals to round to, half to even (default 5, which hides float32 FFT round-off);
   * null: no rounding. Rounding has no gradient.
   */
  round?: number | null;
}

/**
 * The Fourier coefficients of a state, complex `(C, N, ..., N//2 + 1)`: its real FFT over
 * the spatial axes divided by a scaling array, optionally rounded (real and imaginary
 * parts separately). With the default "coef_extraction" scaling, `3 + 1.5 sin(2 pi x / L)`
 * reads `[3, -1.5i, 0, ...]`.
 */
export function getFourierCoefficients(state: Tensor, options: FourierCoefficientOptions = {}): Tensor {
  const fn = 'getFourierCoefficients';
  const { numSpatialDims: D, numPoints: N, dtype } = inferGrid(state, fn);
  const mode = options.scalingCompensationMode === undefined ? 'coef_extraction' : options.scalingCompensationMode;
  const decimals = options.round === undefined ? 5 : options.round;
  if (decimals !== null && (typeof decimals !== 'number' || !Number.isInteger(decimals))) {
    throw new ArgumentError({ fn, arg: 'round', expected: 'an integer number of decimals or null', actual: fmtValue(decimals) });
  }
  let c = spectralFft(state, D);
  if (mode !== null) c = div(c, buildScalingArray(D, N, mode, { dtype }));
  if (decimals === null) return c;
  const factor = 10 ** decimals;
  const r = (x: Tensor): Tensor => div(round(mul(x, factor)), factor);
  return complex(r(real(c)), r(imag(c)));
}

/** Along full axis `axis`: the first `a` and last `b` entries of x, then zeros up to `size`. */
function placeFullAxis(x: Tensor, axis: number, a: number, b: number, size: number): Tensor {
  const n = x.shape[axis]!;
  const spec = (start: number, stop: number) => x.shape.map((_, i) => (i === axis ? [start, stop] : null) as [number, number] | null);
  const parts = [slice(x, ...spec(0, a))];
  if (size > a + b) {
    const shape = [...x.shape];
    shape[axis] = size - a - b;
    parts.push(zeros(shape, { dtype: x.dtype }));
  }
  if (b > 0) parts.push(slice(x, ...spec(n - b, n)));
  return parts.length === 1 ? parts[0]! : concat(parts, axis);
}

/** Options of {@link mapBetweenResolutions}. */
export interface ResolutionOptions {
  /** Zero the Nyquist mode of the even grid involved (default true). */
  oddballZero?: boolean;
}

/**
 * A state resampled to `newNumPoints` points per axis by moving its Fourier modes (Exponax's
 * `map_between_resolutions`): the modes common to both grids (the blocks of the smaller
 * resolution M: wavenumbers `0..ceil(M/2) - 1` and `-floor(M/2)..-1` on full axes, `0..M//2`
 * on the last) are copied, rescaled from `N_old^D` to `N_new^D`, and the others are zero.
 * With `oddballZero`, the Nyquist modes of an even old grid are zeroed before upsampling
 * and those of an even new grid after downsampling. A band-limited state is reproduced
 * exactly. The same resolution returns the state unchanged.
 */
export function mapBetweenResolutions(state: Tensor, newNumPoints: number, options: ResolutionOptions = {}): Tensor {
  const fn = 'mapBetweenResolutions';
  const { numSpatialDims: D, numPoints: old } = inferGrid(state, fn);
  if (!Number.isInteger(newNumPoints) || newNumPoints < 1) {
    throw new ArgumentError({ fn, arg: 'newNumPoints', expected: 'a positive integer', actual: fmtValue(newNumPoints) });
  }
  const oddball = options.oddballZero ?? true;
  const neu = newNumPoints;
  if (old === neu) return state;
  let hat = div(spectralFft(state, D), old ** D);
  if (neu > old && old % 2 === 0 && oddball) hat = where(oddballFilterMask(D, old), hat, 0);
  const M = Math.min(old, neu);
  const half = Math.floor(M / 2);
  const left = M % 2 === 0 ? half : half + 1;
  for (let axis = 1; axis < D; axis++) hat = placeFullAxis(hat, axis, left, half, neu);
  hat = placeFullAxis(hat, D, half + 1, 0, Math.floor(neu / 2) + 1);
  hat = mul(hat, neu ** D);
  if (neu < old && neu % 2 === 0 && oddball) hat = where(oddballFilterMask(D, neu), hat, 0);
  return spectralIfft(hat, D, neu);
}

/** Options of {@link FourierInterpolator}. */
export interface InterpolatorOptions {
  /** The extent L of the domain (default 1). */
  domainExtent?: number;
}

/**
 * The Fourier series of a state, evaluated anywhere (Exponax's `FourierInterpolator`):
 *
 *     u_c(x) = Re sum_k s_c[k] exp(i (2 pi / L) k . x)
 *
 * over the stored half-spectrum modes, with `s = fft(u) / r` ("reconstruction" scaling,
 * which doubles interior modes of the last axis for their missing conjugates). Outside
 * `[0, L)^D` the periodic extension is evaluated. A band-limited state (no energy at or
 * beyond the Nyquist mode) is reproduced exactly. Each point costs O(N^D); evaluation is
 * differentiable in the state and in the points.
 */
export class FourierInterpolator {
  readonly numSpatialDims: number;
  readonly domainExtent: number;
  readonly numPoints: number;
  readonly numChannels: number;
  /** `fft(u) / r`, complex `(C, N, ..., N//2 + 1)`. */
  readonly stateHatScaled: Tensor;
  /** Angular wavenumbers `(2 pi / L) k`, `(D, N, ..., N//2 + 1)`. */
  readonly wavenumbers: Tensor;

  constructor(state: Tensor, options: InterpolatorOptions = {}) {
    const fn = 'FourierInterpolator';
    const g = inferGrid(state, fn);
    this.numSpatialDims = g.numSpatialDims;
    this.numPoints = g.numPoints;
    this.numChannels = g.numChannels;
    this.domainExtent = checkExtent(options.domainExtent ?? 1, fn);
    const D = g.numSpatialDims;
    this.stateHatScaled = div(spectralFft(state, D), buildScalingArray(D, g.numPoints, 'reconstruction', { dtype: g.dtype }));
    this.wavenumbers = buildScaledWavenumbers(D, this.domainExtent, g.numPoints, { dtype: g.dtype });
  }

  /**
   * The series at the points `x`: shape `(D,)` for one point, giving `(C,)`, or
   * `(D, ...P)` for many, giving `(C, ...P)`.
   */
  evaluate(x: Tensor | readonly number[] | readonly (readonly number[])[]): Tensor {
    const fn = 'FourierInterpolator.evaluate';
    const D = this.numSpatialDims;
    const t = Array.isArray(x) ? tensor(x as number[][], { dtype: realOf(this.wavenumbers.dtype) }) : checkTensor(x, fn, 'x');
    if (t.ndim < 1 || t.shape[0] !== D) {
      throw new ShapeError({ fn, arg: 'x', expected: `points of shape (${D},) or (${D}, ...)`, actual: fmtShape(t.shape) });
    }
    if (!isFloat(t.dtype)) throw new DTypeError({ fn, arg: 'x', expected: 'real coordinates', actual: t.dtype });
    const rest = t.shape.slice(1);
    const P = rest.reduce((a, b) => a * b, 1);
    const K = this.wavenumbers.size / D;
    // phase[k, p] = sum_d k_d x_d, then Re(s e^{i phase}) = Re s cos - Im s sin.
    const phase = matmul(reshape(this.wavenumbers, [D, K]).transpose(), reshape(t, [D, P]));
    const s = reshape(this.stateHatScaled, [this.numChannels, K]);
    const values = sub(matmul(real(s), cos(phase)), matmul(imag(s), sin(phase)));
    return reshape(values, [this.numChannels, ...rest]);
  }
}
