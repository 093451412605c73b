/**
 * Error metrics between states, with exactly Exponax 0.2.0's aggregation (the metrics
 * APEBench reports). All are compositions of difftape ops, hence differentiable (training
 * losses are the same functions).
 *
 * States are `(C, N, ..., N)` (channel axis, then 1 to 3 spatial axes of N points on
 * `(0, L)^D`); a metric returns a rank-0 tensor. Channels are aggregated separately and
 * their results **summed** (so a 2-channel nRMSE can reach 2), except for the correlation,
 * which averages. For a batch `(B, C, N, ...)`, use {@link meanMetric}.
 *
 * **Spatial aggregator** of one channel s, a consistent counterpart of the `L^p(Omega)`
 * norm (exact for band-limited fields with p = 2):
 *
 *     agg(s) = ( (L/N)^D sum_i |s_i|^p )^q,      q = 1/p unless given
 *
 * - absolute: `sum_c agg(u_c - r_c)`;
 * - normalized: `sum_c agg(u_c - r_c) / agg(r_c)`;
 * - symmetric: `sum_c 2 agg(u_c - r_c) / (agg(u_c) + agg(r_c))`.
 *
 * MAE, MSE, RMSE use (p, q) = (1, 1), (2, 1), (2, 1/2); the `n` and `s` prefixes select
 * the normalized and symmetric forms.
 *
 * **Fourier aggregator** of one channel: `h = fft(s)` (raw real FFT), entries with
 * `|h| < 1e-5` set to 0 (round-off guard, on the unnormalized values), an optional band
 * `low <= max_d |k_d| <= high` (a hypercube shell; defaults 0 and N//2 + 1), an optional
 * derivative `h (i k_d)^order` per axis d, then for each axis (one without a derivative)
 *
 *     ( (L/N)^D sum_k |h_k|^p / r_k )^q,      r = "reconstruction" scaling array
 *
 * summed over the derivative axes. With p = 2 and no band or derivative this equals the
 * spatial value by Parseval. `H1_*` adds the Fourier metric of the first derivative to
 * the plain one.
 *
 * @module
 */
import { ArgumentError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import {
  abs, add, checkTensor, div, less, logicalAnd, logicalNot, mean, mul, pow, slice, sqrt, square, stack, sub, sum, where,
} from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { inferGrid } from './fourier.js';
import { buildDerivativeOperator, buildScalingArray, integerPower, lowPassFilterMask, spaceIndices, spectralFft } from './spectral.js';

/** How {@link spatialNorm} combines a difference with the norms of the states. */
export type NormMode = 'absolute' | 'normalized' | 'symmetric';

/** Options every metric accepts. */
export interface MetricOptions {
  /** The extent L of the domain `(0, L)^D` (default 1, as APEBench uses). */
  domainExtent?: number;
}

/** Options of the aggregators. */
export interface AggregatorOptions extends MetricOptions {
  /** p (default 2). */
  innerExponent?: number;
  /** q (default 1/p). */
  outerExponent?: number;
}

/** Band and derivative options of the Fourier metrics. */
export interface FourierMetricOptions extends MetricOptions {
  /** Lowest kept wavenumber, inclusive, per axis (default 0). */
  low?: number;
  /** Highest kept wavenumber, inclusive, per axis (default N//2 + 1). */
  high?: number;
  /** Order of the derivative taken along every axis before aggregating (default none). */
  derivativeOrder?: number;
}

/** Options of {@link fourierAggregator} and {@link fourierNorm}. */
export interface FourierAggregatorOptions extends FourierMetricOptions {
  innerExponent?: number;
  outerExponent?: number;
}

/** Band options of the H1 metrics. */
export interface H1MetricOptions extends MetricOptions {
  low?: number;
  high?: number;
}

interface Resolved {
  D: number;
  N: number;
  L: number;
  p: number;
  q: number;
}

function checkNumber(v: unknown, fn: string, arg: string, positive: boolean): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (positive ? !(v > 0) : false)) {
    throw new ArgumentError({ fn, arg, expected: positive ? 'a positive finite number' : 'a finite number', actual: fmtValue(v) });
  }
  return v;
}

/** Validates the pair of states and returns the grid and exponents. */
function resolve(
  fn: string, u: unknown, r: unknown, options: AggregatorOptions, p: number, q: number | undefined, names: [string, string] = ['uPred', 'uRef'],
): Resolved {
  const [uName, rName] = names;
  const g = inferGrid(u, fn, uName);
  if (r !== undefined) {
    const rt = checkTensor(r, fn, rName);
    const ut = u as Tensor;
    if (rt.shape.length !== ut.shape.length || rt.shape.some((n, i) => n !== ut.shape[i])) {
      throw new ShapeError({ fn, arg: rName, expected: `the shape of ${uName}, ${fmtShape(ut.shape)}`, actual: fmtShape(rt.shape) });
    }
    inferGrid(rt, fn, rName);
  }
  const L = checkNumber(options.domainExtent ?? 1, fn, 'domainExtent', true);
  const pp = checkNumber(options.innerExponent ?? p, fn, 'innerExponent', true);
  const qq = checkNumber(options.outerExponent ?? q ?? 1 / pp, fn, 'outerExponent', false);
  return { D: g.numSpatialDims, N: g.numPoints, L, p: pp, q: qq };
}

/** `|x|^p`, exact for p = 1 and 2 (`|x|` may be complex: the result is real). */
function absPow(x: Tensor, p: number): Tensor {
  const a = abs(x);
  if (p === 1) return a;
  if (p === 2) return square(a);
  return pow(a, p);
}

/** `x^q`, with sqrt for q = 1/2. */
function outerPow(x: Tensor, q: number): Tensor {
  if (q === 1) return x;
  if (q === 0.5) return sqrt(x);
  return pow(x, q);
}

/** The spatial aggregator of every channel: `(C, N, ...)` to `(C,)`. */
function spatialPerChannel(s: Tensor, { D, N, L, p, q }: Resolved): Tensor {
  const total = sum(absPow(s, p), spaceIndices(D));
  return outerPow(mul(total, (L / N) ** D), q);
}

/** Combines per-channel aggregates of the difference, prediction and reference by mode, summed over channels. */
function combine(mode: NormMode, agg: (s: Tensor) => Tensor, u: Tensor, r: Tensor | undefined): Tensor {
  const d = agg(r === undefined ? u : sub(u, r));
  if (mode === 'absolute') return sum(d);
  const ref = agg(r!);
  if (mode === 'normalized') return sum(div(d, ref));
  return sum(div(mul(d, 2), add(agg(u), ref)));
}

function checkMode(mode: unknown, fn: string, r: unknown, allowed: readonly NormMode[]): NormMode {
  if (!allowed.includes(mode as NormMode)) {
    throw new ArgumentError({ fn, arg: 'mode', expected: allowed.map((m) => `'${m}'`).join(', '), actual: fmtValue(mode) });
  }
  if (mode !== 'absolute' && r === undefined) {
    throw new ArgumentError({ fn, arg: 'stateRef', expected: `a reference state for mode '${String(mode)}'`, actual: 'undefined' });
  }
  return mode as NormMode;
}

/** A channel-less field `(N, ..., N)` as a one-channel state. */
function withChannel(x: unknown, fn: string): Tensor {
  const t = checkTensor(x, fn, 'stateNoChannel');
  if (t.ndim < 1 || t.ndim > 3 || t.shape.some((n) => n !== t.shape[0])) {
    throw new ShapeError({ fn, arg: 'stateNoChannel', expected: 'a field (N), (N, N) or (N, N, N)', actual: fmtShape(t.shape) });
  }
  return t.expandDims(0);
}

/**
 * The spatial aggregator of one channel-less field `(N, ..., N)`:
 * `((L/N)^D sum |s|^p)^q`, a rank-0 tensor.
 */
export function spatialAggregator(stateNoChannel: Tensor, options: AggregatorOptions = {}): Tensor {
  const fn = 'spatialAggregator';
  const s = withChannel(stateNoChannel, fn);
  const res = resolve(fn, s, undefined, options, options.innerExponent ?? 2, options.outerExponent, ['stateNoChannel', '']);
  return spatialPerChannel(s, res).reshape([]);
}

/**
 * `sum_c` of the spatial aggregate of `state - stateRef` (or of `state` alone), plain
 * ("absolute"), divided by that of the reference ("normalized") or by the mean of those of
 * both states ("symmetric").
 */
export function spatialNorm(state: Tensor, stateRef?: Tensor, options: AggregatorOptions & { mode?: NormMode } = {}): Tensor {
  const fn = 'spatialNorm';
  const mode = checkMode(options.mode ?? 'absolute', fn, stateRef, ['absolute', 'normalized', 'symmetric']);
  const res = resolve(fn, state, stateRef, options, 2, undefined, ['state', 'stateRef']);
  return combine(mode, (s) => spatialPerChannel(s, res), state, stateRef);
}

function spatialMetric(fn: string, mode: NormMode, p: number, q: number, u: Tensor, r: Tensor | undefined, options: MetricOptions): Tensor {
  if (mode !== 'absolute' && r === undefined) {
    throw new ArgumentError({ fn, arg: 'uRef', expected: 'a reference state', actual: 'undefined' });
  }
  const res = resolve(fn, u, r, { domainExtent: options.domainExtent }, p, q);
  return combine(mode, (s) => spatialPerChannel(s, res), u, r);
}

/** Mean absolute error `sum_c (L/N)^D sum_i |u - r|` (against zero without `uRef`). */
export function MAE(uPred: Tensor, uRef?: Tensor, options: MetricOptions = {}): Tensor {
  return spatialMetric('MAE', 'absolute', 1, 1, uPred, uRef, options);
}

/** Normalized MAE `sum_c sum_i |u - r| / sum_i |r|`. */
export function nMAE(uPred: Tensor, uRef: Tensor, options: MetricOptions = {}): Tensor {
  return spatialMetric('nMAE', 'normalized', 1, 1, uPred, uRef, options);
}

/** Symmetric MAE `sum_c 2 sum_i |u - r| / (sum_i |u| + sum_i |r|)`. */
export function sMAE(uPred: Tensor, uRef: Tensor, options: MetricOptions = {}): Tensor {
  return spatialMetric('sMAE', 'symmetric', 1, 1, uPred, uRef, options);
}

/** Mean squared error `sum_c (L/N)^D sum_i |u - r|^2`. */
export function MSE(uPred: Tensor, uRef?: Tensor, options: MetricOptions = {}): Tensor {
  return spatialMetric('MSE', 'absolute', 2, 1, uPred, uRef, options);
}

/** Normalized MSE `sum_c sum_i |u - r|^2 / sum_i |r|^2`. */
export function nMSE(uPred: Tensor, uRef: Tensor, options: MetricOptions = {}): Tensor {
  return spatialMetric('nMSE', 'normalized', 2, 1, uPred, uRef, options);
}

/** Symmetric MSE `sum_c 2 MSE_c(u, r) / (MSE_c(u) + MSE_c(r))`. */
export function sMSE(uPred: Tensor, uRef: Tensor, options: MetricOptions = {}): Tensor {
  return spatialMetric('sMSE', 'symmetric', 2, 1, uPred, uRef, options);
}

/** Root mean squared error `sum_c sqrt((L/N)^D sum_i |u - r|^2)` (the root is per channel). */
export function RMSE(uPred: Tensor, uRef?: Tensor, options: MetricOptions = {}): Tensor {
  return spatialMetric('RMSE', 'absolute', 2, 0.5, uPred, uRef, options);
}

/** Normalized RMSE `sum_c ||u_c - r_c||_2 / ||r_c||_2`, APEBench's headline metric. */
export function nRMSE(uPred: Tensor, uRef: Tensor, options: MetricOptions = {}): Tensor {
  return spatialMetric('nRMSE', 'normalized', 2, 0.5, uPred, uRef, options);
}

/** Symmetric RMSE `sum_c 2 ||u_c - r_c|| / (||u_c|| + ||r_c||)`. */
export function sRMSE(uPred: Tensor, uRef: Tensor, options: MetricOptions = {}): Tensor {
  return spatialMetric('sRMSE', 'symmetric', 2, 0.5, uPred, uRef, options);
}

/**
 * The cosine similarity of each channel, averaged over channels:
 * `mean_c <u_c / ||u_c||, r_c / ||r_c||>` (no mean subtraction; flattened 2-norms).
 */
export function correlation(uPred: Tensor, uRef: Tensor): Tensor {
  const fn = 'correlation';
  const { D } = resolve(fn, uPred, uRef, {}, 2, undefined);
  const axes = spaceIndices(D);
  const normalize = (x: Tensor): Tensor => div(x, sqrt(sum(square(x), axes, { keepdims: true })));
  return mean(sum(mul(normalize(uPred), normalize(uRef)), axes));
}

function checkBand(fn: string, N: number, low: unknown, high: unknown): [number, number] | null {
  if (low === undefined && high === undefined) return null;
  const lo = low ?? 0;
  const hi = high ?? Math.floor(N / 2) + 1;
  if (typeof lo !== 'number' || !Number.isInteger(lo) || lo < 0) {
    throw new ArgumentError({ fn, arg: 'low', expected: 'a non-negative integer wavenumber', actual: fmtValue(low) });
  }
  if (typeof hi !== 'number' || !Number.isInteger(hi) || hi < lo) {
    throw new ArgumentError({ fn, arg: 'high', expected: `an integer wavenumber >= low (${lo})`, actual: fmtValue(high) });
  }
  return [lo, hi];
}

interface FourierResolved extends Resolved {
  band: [number, number] | null;
  order: number | undefined;
}

function resolveFourier(
  fn: string, u: unknown, r: unknown, options: FourierAggregatorOptions, p: number, q: number | undefined, names?: [string, string],
): FourierResolved {
  const res = resolve(fn, u, r, options, p, q, names);
  const band = checkBand(fn, res.N, options.low, options.high);
  const order = options.derivativeOrder;
  if (order !== undefined && (typeof order !== 'number' || !Number.isInteger(order) || order < 0)) {
    throw new ArgumentError({ fn, arg: 'derivativeOrder', expected: 'a non-negative integer', actual: fmtValue(order) });
  }
  return { ...res, band, order };
}

/** The Fourier aggregator of every channel: `(C, N, ...)` to `(C,)`. */
function fourierPerChannel(s: Tensor, { D, N, L, p, q, band, order }: FourierResolved): Tensor {
  const dtype = s.dtype === 'float32' ? 'float32' : 'float64';
  let h = spectralFft(s, D);
  // Round-off guard of Exponax: tiny coefficients would dominate normalized values.
  h = where(less(abs(h), 1e-5), 0, h);
  if (band !== null) {
    const [lo, hi] = band;
    const keep = logicalAnd(logicalNot(lowPassFilterMask(D, N, lo - 1)), lowPassFilterMask(D, N, hi));
    h = where(keep, h, 0);
  }
  // (C, Dd, ...): one entry per derivative axis (a single one without a derivative).
  const withAxes = order === undefined
    ? h.expandDims(1)
    : mul(h.expandDims(1), integerPower(buildDerivativeOperator(D, L, N, { dtype }), order));
  const recon = buildScalingArray(D, N, 'reconstruction', { dtype });
  const total = sum(div(absPow(withAxes, p), recon), spaceIndices(D));
  return sum(outerPow(mul(total, (L / N) ** D), q), 1);
}

/**
 * The Fourier aggregator of one channel-less field `(N, ..., N)`, a rank-0 tensor (see the
 * module notes for the band, derivative and scaling).
 */
export function fourierAggregator(stateNoChannel: Tensor, options: FourierAggregatorOptions = {}): Tensor {
  const fn = 'fourierAggregator';
  const s = withChannel(stateNoChannel, fn);
  const res = resolveFourier(fn, s, undefined, options, options.innerExponent ?? 2, options.outerExponent, ['stateNoChannel', '']);
  return fourierPerChannel(s, res).reshape([]);
}

/**
 * `sum_c` of the Fourier aggregate of `state - stateRef` (or of `state` alone), plain
 * ("absolute") or divided by that of the reference ("normalized").
 */
export function fourierNorm(state: Tensor, stateRef?: Tensor, options: FourierAggregatorOptions & { mode?: 'absolute' | 'normalized' } = {}): Tensor {
  const fn = 'fourierNorm';
  const mode = checkMode(options.mode ?? 'absolute', fn, stateRef, ['absolute', 'normalized']);
  const res = resolveFourier(fn, state, stateRef, options, 2, undefined, ['state', 'stateRef']);
  return combine(mode, (s) => fourierPerChannel(s, res), state, stateRef);
}

function fourierMetric(
  fn: string, mode: NormMode, p: number, q: number, u: Tensor, r: Tensor | undefined, options: FourierMetricOptions,
): Tensor {
  if (mode !== 'absolute' && r === undefined) {
    throw new ArgumentError({ fn, arg: 'uRef', expected: 'a reference state', actual: 'undefined' });
  }
  const { domainExtent, low, high, derivativeOrder } = options;
  const res = resolveFourier(fn, u, r, { domainExtent, low, high, derivativeOrder }, p, q);
  return combine(mode, (s) => fourierPerChannel(s, res), u, r);
}

/** MAE of the Fourier coefficients (not consistent with the L1 norm), optionally banded or of a derivative. */
export function fourierMAE(uPred: Tensor, uRef?: Tensor, options: FourierMetricOptions = {}): Tensor {
  return fourierMetric('fourierMAE', 'absolute', 1, 1, uPred, uRef, options);
}

/** Normalized Fourier MAE. */
export function fourierNMAE(uPred: Tensor, uRef: Tensor, options: FourierMetricOptions = {}): Tensor {
  return fourierMetric('fourierNMAE', 'normalized', 1, 1, uPred, uRef, options);
}

/** MSE in Fourier space (equal to {@link MSE} without band or derivative, by Parseval). */
export function fourierMSE(uPred: Tensor, uRef?: Tensor, options: FourierMetricOptions = {}): Tensor {
  return fourierMetric('fourierMSE', 'absolute', 2, 1, uPred, uRef, options);
}

/** Normalized Fourier MSE. */
export function fourierNMSE(uPred: Tensor, uRef: Tensor, options: FourierMetricOptions = {}): Tensor {
  return fourierMetric('fourierNMSE', 'normalized', 2, 1, uPred, uRef, options);
}

/** RMSE in Fourier space (the root per channel, as {@link RMSE}). */
export function fourierRMSE(uPred: Tensor, uRef?: Tensor, options: FourierMetricOptions = {}): Tensor {
  return fourierMetric('fourierRMSE', 'absolute', 2, 0.5, uPred, uRef, options);
}

/** Normalized Fourier RMSE. */
export function fourierNRMSE(uPred: Tensor, uRef: Tensor, options: FourierMetricOptions = {}): Tensor {
  return fourierMetric('fourierNRMSE', 'normalized', 2, 0.5, uPred, uRef, options);
}

type FourierFn = (u: Tensor, r: Tensor | undefined, o: FourierMetricOptions) => Tensor;

/** The Fourier metric plus that of the first derivative (same band). */
function h1(metric: FourierFn, u: Tensor, r: Tensor | undefined, options: H1MetricOptions): Tensor {
  const { domainExtent, low, high } = options;
  return add(metric(u, r, { domainExtent, low, high }), metric(u, r, { domainExtent, low, high, derivativeOrder: 1 }));
}

/** `fourierMAE + fourierMAE` of the first derivative. */
export function H1MAE(uPred: Tensor, uRef?: Tensor, options: H1MetricOptions = {}): Tensor {
  return h1((u, r, o) => fourierMetric('H1MAE', 'absolute', 1, 1, u, r, o), uPred, uRef, options);
}

/** `fourierNMAE + fourierNMAE` of the first derivative. */
export function H1NMAE(uPred: Tensor, uRef: Tensor, options: H1MetricOptions = {}): Tensor {
  return h1((u, r, o) => fourierMetric('H1NMAE', 'normalized', 1, 1, u, r, o), uPred, uRef, options);
}

/** `fourierMSE + fourierMSE` of the first derivative: a discrete squared H1 norm. */
export function H1MSE(uPred: Tensor, uRef?: Tensor, options: H1MetricOptions = {}): Tensor {
  return h1((u, r, o) => fourierMetric('H1MSE', 'absolute', 2, 1, u, r, o), uPred, uRef, options);
}

/** `fourierNMSE + fourierNMSE` of the first derivative. */
export function H1NMSE(uPred: Tensor, uRef: Tensor, options: H1MetricOptions = {}): Tensor {
  return h1((u, r, o) => fourierMetric('H1NMSE', 'normalized', 2, 1, u, r, o), uPred, uRef, options);
}

/** `fourierRMSE + fourierRMSE` of the first derivative. */
export function H1RMSE(uPred: Tensor, uRef?: Tensor, options: H1MetricOptions = {}): Tensor {
  return h1((u, r, o) => fourierMetric('H1RMSE', 'absolute', 2, 0.5, u, r, o), uPred, uRef, options);
}

/** `fourierNRMSE + fourierNRMSE` of the first derivative. */
export function H1NRMSE(uPred: Tensor, uRef: Tensor, options: H1MetricOptions = {}): Tensor {
  return h1((u, r, o) => fourierMetric('H1NRMSE', 'normalized', 2, 0.5, u, r, o), uPred, uRef, options);
}

/** A metric as {@link METRICS} holds it: prediction, reference and options. */
export type MetricFn = (uPred: Tensor, uRef: Tensor, options?: FourierMetricOptions) => Tensor;

/**
 * The metrics by their Exponax names (`"MAE"`, `"nRMSE"`, `"fourier_nRMSE"`, `"H1_MSE"`,
 * `"correlation"`, ...), as APEBench's metric keys name them. Spatial metrics and the
 * correlation ignore the band and derivative options; the H1 metrics ignore the
 * derivative order.
 */
export const METRICS: Readonly<Record<string, MetricFn>> = Object.freeze({
  MAE: (u, r, o = {}) => MAE(u, r, { domainExtent: o.domainExtent }),
  nMAE: (u, r, o = {}) => nMAE(u, r, { domainExtent: o.domainExtent }),
  sMAE: (u, r, o = {}) => sMAE(u, r, { domainExtent: o.domainExtent }),
  MSE: (u, r, o = {}) => MSE(u, r, { domainExtent: o.domainExtent }),
  nMSE: (u, r, o = {}) => nMSE(u, r, { domainExtent: o.domainExtent }),
  sMSE: (u, r, o = {}) => sMSE(u, r, { domainExtent: o.domainExtent }),
  RMSE: (u, r, o = {}) => RMSE(u, r, { domainExtent: o.domainExtent }),
  nRMSE: (u, r, o = {}) => nRMSE(u, r, { domainExtent: o.domainExtent }),
  sRMSE: (u, r, o = {}) => sRMSE(u, r, { domainExtent: o.domainExtent }),
  correlation: (u, r) => correlation(u, r),
  fourier_MAE: (u, r, o) => fourierMAE(u, r, o),
  fourier_nMAE: (u, r, o) => fourierNMAE(u, r, o),
  fourier_MSE: (u, r, o) => fourierMSE(u, r, o),
  fourier_nMSE: (u, r, o) => fourierNMSE(u, r, o),
  fourier_RMSE: (u, r, o) => fourierRMSE(u, r, o),
  fourier_nRMSE: (u, r, o) => fourierNRMSE(u, r, o),
  H1_MAE: (u, r, o = {}) => H1MAE(u, r, { domainExtent: o.domainExtent, low: o.low, high: o.high }),
  H1_nMAE: (u, r, o = {}) => H1NMAE(u, r, { domainExtent: o.domainExtent, low: o.low, high: o.high }),
  H1_MSE: (u, r, o = {}) => H1MSE(u, r, { domainExtent: o.domainExtent, low: o.low, high: o.high }),
  H1_nMSE: (u, r, o = {}) => H1NMSE(u, r, { domainExtent: o.domainExtent, low: o.low, high: o.high }),
  H1_RMSE: (u, r, o = {}) => H1RMSE(u, r, { domainExtent: o.domainExtent, low: o.low, high: o.high }),
  H1_nRMSE: (u, r, o = {}) => H1NRMSE(u, r, { domainExtent: o.domainExtent, low: o.low, high: o.high }),
});

/**
 * A per-sample metric averaged over a leading batch axis (Exponax's `mean_metric`): every
 * argument is a batch `(B, ...)` of the same B; `metric` is applied to each sample's
 * slices and the results are averaged. Bind options with a closure:
 * `meanMetric((u, r) => nRMSE(u, r, { domainExtent: 2 }), uBatch, rBatch)`.
 */
export function meanMetric(metric: (...samples: Tensor[]) => Tensor, ...batches: Tensor[]): Tensor {
  const fn = 'meanMetric';
  if (typeof metric !== 'function') throw new ArgumentError({ fn, arg: 'metric', expected: 'a function', actual: fmtValue(metric) });
  if (batches.length === 0) throw new ArgumentError({ fn, arg: 'batches', expected: 'at least one batched tensor', actual: 'none' });
  const ts = batches.map((b, i) => checkTensor(b, fn, `batches[${i}]`));
  const B = ts[0]!.ndim > 0 ? ts[0]!.shape[0]! : 0;
  ts.forEach((t, i) => {
    if (t.ndim === 0 || t.shape[0] !== B || B === 0) {
      throw new ShapeError({ fn, arg: `batches[${i}]`, expected: `a leading batch axis of extent ${B > 0 ? B : '>= 1'}`, actual: fmtShape(t.shape) });
    }
  });
  const values = Array.from({ length: B }, (_, b) => metric(...ts.map((t) => slice(t, b))));
  return mean(stack(values));
}
