/**
 * Sums of sine waves in one dimension.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { abs, add, max, mul, sin, std } from '../../ops/index.js';
import type { PRNGKey } from '../../random/key.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkGrid } from '../spectral.js';
import { type IcFunction, type IcGenerator, type IcOptions, type Range, checkBool, checkDType, checkDims, checkFinite, checkInteger, checkPositive, checkRange, finish, isZeroRange, splitKeys, uniformIn } from './base.js';
import { makeGrid } from '../fourier.js';
import { checkIcGrid } from './gaussian-blobs.js';
import { divideBy } from './normalize.js';

/** Normalisation of the sine-wave initial conditions (their own rules, see {@link SineWaves1d}). */
export interface SineNormalizationOptions {
  /** Divide by the standard deviation (default false; only without an offset). */
  stdOne?: boolean;
  /** Divide by the maximum absolute value (default false; excludes `stdOne`). */
  maxOne?: boolean;
}

/** Options of {@link SineWaves1d}. */
export interface SineWaves1dOptions extends SineNormalizationOptions {
  /** o, a constant added to the sum (default 0). */
  offset?: number;
}

/**
 * `u(x) = o + sum_j a_j sin(k_j (2 pi / L) x + phi_j)` on one axis, one channel; then
 * `u / std(u)` with `stdOne` or `u / max|u|` with `maxOne` (Exponax 0.2.0's
 * `SineWaves1d`: no mean is subtracted, so `stdOne` is refused with a non-zero offset,
 * and `stdOne` and `maxOne` exclude each other).
 */
export class SineWaves1d implements IcFunction {
  readonly numSpatialDims = 1;
  readonly numChannels = 1;
  readonly domainExtent: number;
  readonly amplitudes: readonly number[];
  readonly wavenumbers: readonly number[];
  readonly phases: readonly number[];
  readonly offset: number;
  readonly stdOne: boolean;
  readonly maxOne: boolean;

  /**
   * @param domainExtent - L.
   * @param amplitudes - a_j.
   * @param wavenumbers - k_j (integers give periodic states), as many as amplitudes.
   * @param phases - phi_j in radians, as many as amplitudes.
   * @param options - `offset`, `stdOne`, `maxOne`.
   */
  constructor(domainExtent: number, amplitudes: readonly number[], wavenumbers: readonly number[], phases: readonly number[], options: SineWaves1dOptions = {}) {
    const fn = 'SineWaves1d';
    this.domainExtent = checkPositive(domainExtent, fn, 'domainExtent');
    const finiteList = (v: unknown, arg: string): number[] => {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw new ArgumentError({ fn, arg, expected: 'an array of finite numbers', actual: fmtValue(v) });
      }
      return [...v];
    };
    this.amplitudes = finiteList(amplitudes, 'amplitudes');
    this.wavenumbers = finiteList(wavenumbers, 'wavenumbers');
    this.phases = finiteList(phases, 'phases');
    if (this.wavenumbers.length !== this.amplitudes.length || this.phases.length !== this.amplitudes.length) {
      throw new ArgumentError({ fn, arg: 'wavenumbers', expected: 'as many amplitudes, wavenumbers and phases', actual: `${this.amplitudes.length}, ${this.wavenumbers.length} and ${this.phases.length}` });
    }
    this.offset = checkFinite(options.offset ?? 0, fn, 'offset');
    [this.stdOne, this.maxOne] = checkSineNormalization(fn, options, this.offset !== 0, 'offset 0');
  }

  /** Evaluates on a grid `(1, N)`; returns `(1, N)`. */
  evaluate(grid: Tensor): Tensor {
    const fn = 'SineWaves1d.evaluate';
    checkIcGrid(grid, 1, fn);
    let u: Tensor = mul(grid, 0);
    this.amplitudes.forEach((a, j) => {
      const arg = add(mul(grid, this.wavenumbers[j]! * ((2 * Math.PI) / this.domainExtent)), this.phases[j]!);
      u = add(u, mul(sin(arg), a));
    });
    u = add(u, this.offset);
    if (this.stdOne) u = divideBy(u, std(u), fn, 'standard deviation');
    if (this.maxOne) u = divideBy(u, max(abs(u)), fn, 'maximum absolute value');
    return u;
  }
}

function checkSineNormalization(fn: string, options: SineNormalizationOptions, hasOffset: boolean, requirement: string): [boolean, boolean] {
  const stdOne = checkBool(options.stdOne ?? false, fn, 'stdOne');
  const maxOne = checkBool(options.maxOne ?? false, fn, 'maxOne');
  if (stdOne && hasOffset) throw new ArgumentError({ fn, arg: 'stdOne', expected: `stdOne only with ${requirement} (no mean is subtracted)`, actual: 'stdOne true with an offset' });
  if (stdOne && maxOne) throw new ArgumentError({ fn, arg: 'maxOne', expected: 'at most one of stdOne and maxOne', actual: 'both true' });
  return [stdOne, maxOne];
}

/** Options of {@link RandomSineWaves1d} (Exponax 0.2.0's defaults). */
export interface RandomSineWaves1dOptions extends SineNormalizationOptions {
  /** L: the extent of the grid (default 1). */
  domainExtent?: number;
  /** The waves have wavenumbers `1, 2, ..., cutoff` (default 5). */
  cutoff?: number;
  /** Each amplitude is uniform on this range (default `[-1, 1]`). */
  amplitudeRange?: Range;
  /** Each phase is uniform on this range (default `[0, 2 pi]`). */
  phaseRange?: Range;
  /** The offset is uniform on this range (default `[0, 0]`: none). */
  offsetRange?: Range;
}

/**
 * Random {@link SineWaves1d} with wavenumbers `1..cutoff`, evaluated on the grid
 * `x_i = i L / N` of the generator's own `domainExtent`. One dimension only. Keys as
 * Exponax 0.2.0: split in three (amplitudes, phases, offset). Validation: `stdOne` only
 * with `offsetRange` `[0, 0]`; `stdOne` and `maxOne` exclude each other.
 */
export class RandomSineWaves1d implements IcGenerator {
  readonly numSpatialDims = 1;
  readonly numChannels = 1;
  readonly domainExtent: number;
  readonly cutoff: number;
  readonly amplitudeRange: Range;
  readonly phaseRange: Range;
  readonly offsetRange: Range;
  readonly stdOne: boolean;
  readonly maxOne: boolean;

  /**
   * @param numSpatialDims - must be 1.
   * @param options - see {@link RandomSineWaves1dOptions}.
   */
  constructor(numSpatialDims: number, options: RandomSineWaves1dOptions = {}) {
    const fn = 'RandomSineWaves1d';
    if (checkDims(numSpatialDims, fn) !== 1) throw new ArgumentError({ fn, arg: 'numSpatialDims', expected: '1 (sine waves are one-dimensional)', actual: fmtValue(numSpatialDims) });
    this.domainExtent = checkPositive(options.domainExtent ?? 1, fn, 'domainExtent');
    this.cutoff = checkInteger(options.cutoff ?? 5, fn, 'cutoff', 1);
    this.amplitudeRange = checkRange(options.amplitudeRange ?? [-1, 1], fn, 'amplitudeRange');
    this.phaseRange = checkRange(options.phaseRange ?? [0, 2 * Math.PI], fn, 'phaseRange');
    this.offsetRange = checkRange(options.offsetRange ?? [0, 0], fn, 'offsetRange');
    [this.stdOne, this.maxOne] = checkSineNormalization(fn, options, !isZeroRange(this.offsetRange), 'offsetRange [0, 0]');
  }

  /** Draws the amplitudes, phases and offset. */
  genIcFun(key: PRNGKey): SineWaves1d {
    const [amplitudeKey, phaseKey, offsetKey] = splitKeys(key, 3, 'RandomSineWaves1d.genIcFun');
    return new SineWaves1d(
      this.domainExtent,
      uniformIn(amplitudeKey!, this.cutoff, this.amplitudeRange),
      Array.from({ length: this.cutoff }, (_, j) => j + 1),
      uniformIn(phaseKey!, this.cutoff, this.phaseRange),
      { offset: uniformIn(offsetKey!, 1, this.offsetRange)[0]!, stdOne: this.stdOne, maxOne: this.maxOne },
    );
  }

  /** One draw, `(1, N)`. */
  generate(numPoints: number, key: PRNGKey, options: IcOptions = {}): Tensor {
    const fn = 'RandomSineWaves1d.generate';
    const [, N] = checkGrid(1, numPoints, fn);
    const dtype = checkDType(options.dtype, fn);
    return finish(this.genIcFun(key).evaluate(makeGrid(1, this.domainExtent, N)), dtype);
  }
}
