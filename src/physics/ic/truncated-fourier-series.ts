/**
 * Random truncated Fourier series: white noise low-pass filtered to a few modes.
 *
 * @module
 */
import { ArgumentError } from '../../errors.js';
import { add, cast, mean, mul, sub } from '../../ops/index.js';
import type { PRNGKey } from '../../random/key.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkGrid, lowPassFilterMask, spectralFft, spectralIfft } from '../spectral.js';
import { type IcGenerator, type IcOptions, type Range, checkBool, checkDType, checkDims, checkInteger, checkRange, finish, isZeroRange, splitKeys, uniformIn } from './base.js';
import { checkNormalization, normalizeWith } from './normalize.js';
import { WhiteNoise } from './white-noise.js';

/** Options of {@link RandomTruncatedFourierSeries} (Exponax 0.2.0's defaults). */
export interface RandomTruncatedFourierSeriesOptions {
  /** Highest integer wavenumber kept on every axis, `|k_d| <= cutoff` (default 5). */
  cutoff?: number;
  /** The mean is drawn uniformly from this range (default `[0, 0]`: zero mean). */
  offsetRange?: Range;
  /** Divide by the standard deviation (default false; only with `offsetRange` `[0, 0]`). */
  stdOne?: boolean;
  /** Divide by the maximum absolute value (default false; excludes `stdOne`). */
  maxOne?: boolean;
}

/**
 * A random band-limited state: a truncated Fourier series with random coefficients.
 *
 * Exponax 0.2.0's algorithm: draw white noise `N(0, 1)` on the grid (key split in two:
 * noise, offset), take its real FFT, keep the modes with `|k_d| <= cutoff` on every axis
 * (a hypercube), set the mean to an offset drawn uniformly from `offsetRange`, transform
 * back, then normalise (zero mean when the offset range is `[0, 0]`, then `stdOne`,
 * `maxOne`). The kept coefficients are therefore complex Gaussian with independent,
 * uniformly distributed phases, and nothing above the cutoff has energy. In 1-D the
 * state is `o + sum_{k=1..cutoff} a_k cos(2 pi k x / L + phi_k)`.
 *
 * One departure from Exponax 0.2.0: there the offset is written into the raw FFT value
 * of the zero mode, which makes the mean `offset / N^D` rather than the offset its
 * documentation promises (and Exponax 0.1 delivered); here the mean is the offset.
 *
 * Validation (0.2.0): `stdOne` needs `offsetRange` `[0, 0]`; `stdOne` and `maxOne`
 * exclude each other.
 */
export class RandomTruncatedFourierSeries implements IcGenerator {
  readonly numSpatialDims: number;
  readonly numChannels = 1;
  readonly cutoff: number;
  readonly offsetRange: Range;
  readonly stdOne: boolean;
  readonly maxOne: boolean;
  private readonly noise: WhiteNoise;

  /**
   * @param numSpatialDims - D, 1, 2 or 3.
   * @param options - see {@link RandomTruncatedFourierSeriesOptions}.
   */
  constructor(numSpatialDims: number, options: RandomTruncatedFourierSeriesOptions = {}) {
    const fn = 'RandomTruncatedFourierSeries';
    this.numSpatialDims = checkDims(numSpatialDims, fn);
    this.cutoff = checkInteger(options.cutoff ?? 5, fn, 'cutoff', 0);
    this.offsetRange = checkRange(options.offsetRange ?? [0, 0], fn, 'offsetRange');
    this.stdOne = checkBool(options.stdOne ?? false, fn, 'stdOne');
    this.maxOne = checkBool(options.maxOne ?? false, fn, 'maxOne');
    if (this.stdOne && !isZeroRange(this.offsetRange)) {
      throw new ArgumentError({ fn, arg: 'stdOne', expected: 'stdOne only with offsetRange [0, 0] (zero mean)', actual: `offsetRange [${this.offsetRange.join(', ')}]` });
    }
    checkNormalization(fn, { zeroMean: isZeroRange(this.offsetRange), stdOne: this.stdOne, maxOne: this.maxOne });
    this.noise = new WhiteNoise(this.numSpatialDims);
  }

  /** One draw, `(1, N, ..., N)`. */
  generate(numPoints: number, key: PRNGKey, options: IcOptions = {}): Tensor {
    const fn = 'RandomTruncatedFourierSeries.generate';
    const [D, N] = checkGrid(this.numSpatialDims, numPoints, fn);
    const dtype = checkDType(options.dtype, fn);
    const [noiseKey, offsetKey] = splitKeys(key, 2, fn);
    const noiseHat = spectralFft(this.noise.generate(N, noiseKey!), D);
    const mask = cast(lowPassFilterMask(D, N, this.cutoff), noiseHat.dtype);
    const filtered = spectralIfft(mul(noiseHat, mask), D, N);
    const offset = uniformIn(offsetKey!, 1, this.offsetRange)[0]!;
    const u = add(sub(filtered, mean(filtered)), offset);
    const zeroMean = isZeroRange(this.offsetRange);
    return finish(normalizeWith(fn, u, { zeroMean, stdOne: this.stdOne, maxOne: this.maxOne }), dtype);
  }
}
