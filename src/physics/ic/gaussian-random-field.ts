/**
 * Gaussian random fields with a power-law spectrum.
 *
 * @module
 */
import { cast, equal, mul, norm, pow, where } from '../../ops/index.js';
import type { PRNGKey } from '../../random/key.js';
import type { Tensor } from '../../tensor/tensor.js';
import { buildScaledWavenumbers, checkGrid, spectralFft, spectralIfft } from '../spectral.js';
import { type IcGenerator, type IcOptions, checkDType, checkDims, checkFinite, checkKey, checkPositive, finish } from './base.js';
import { checkNormalization, type NormalizationOptions, normalizeWith } from './normalize.js';
import { WhiteNoise } from './white-noise.js';

/** Options of {@link GaussianRandomField} (Exponax 0.2.0's defaults). */
export interface GaussianRandomFieldOptions extends NormalizationOptions {
  /** L, the domain extent the wavenumbers are scaled with (default 1). */
  domainExtent?: number;
  /** p in `E|u_hat_k|^2 ~ |k|^-p` (default 3). */
  powerlawExponent?: number;
}

/**
 * A Gaussian random field whose power spectrum follows a power law,
 * `E|u_hat_k|^2 ~ |k|^-p` (k the angular wavenumber `2 pi / L` times the integer one).
 *
 * Exponax 0.2.0's algorithm: draw white noise `N(0, 1)` on the grid, take its real FFT,
 * multiply every mode by the amplitude `|k|^(-p/2)` (the zero mode by 1), transform back,
 * then normalise: `zeroMean` (default true), `stdOne` (default false, needs `zeroMean`),
 * `maxOne` (default false, excludes `stdOne`).
 */
export class GaussianRandomField implements IcGenerator {
  readonly numSpatialDims: number;
  readonly numChannels = 1;
  readonly domainExtent: number;
  readonly powerlawExponent: number;
  readonly normalization: Required<NormalizationOptions>;
  private readonly noise: WhiteNoise;

  /**
   * @param numSpatialDims - D, 1, 2 or 3.
   * @param options - see {@link GaussianRandomFieldOptions}.
   */
  constructor(numSpatialDims: number, options: GaussianRandomFieldOptions = {}) {
    const fn = 'GaussianRandomField';
    this.numSpatialDims = checkDims(numSpatialDims, fn);
    this.domainExtent = checkPositive(options.domainExtent ?? 1, fn, 'domainExtent');
    this.powerlawExponent = checkFinite(options.powerlawExponent ?? 3, fn, 'powerlawExponent');
    this.normalization = checkNormalization(fn, options);
    this.noise = new WhiteNoise(this.numSpatialDims);
  }

  /** The amplitude `|k|^(-p/2)` (1 at k = 0) on the Fourier grid, `(1, N, ..., N//2 + 1)`. */
  amplitude(numPoints: number): Tensor {
    const [D, N] = checkGrid(this.numSpatialDims, numPoints, 'GaussianRandomField.amplitude');
    const kNorm = norm(buildScaledWavenumbers(D, this.domainExtent, N), 2, 0, { keepdims: true });
    const zero = equal(kNorm, 0);
    return where(zero, 1, pow(where(zero, 1, kNorm), -this.powerlawExponent / 2));
  }

  /** One draw, `(1, N, ..., N)`. */
  generate(numPoints: number, key: PRNGKey, options: IcOptions = {}): Tensor {
    const fn = 'GaussianRandomField.generate';
    const [D, N] = checkGrid(this.numSpatialDims, numPoints, fn);
    const dtype = checkDType(options.dtype, fn);
    const noiseHat = spectralFft(this.noise.generate(N, checkKey(key, fn)), D);
    const u = spectralIfft(mul(noiseHat, cast(this.amplitude(N), noiseHat.dtype)), D, N);
    return finish(normalizeWith(fn, u, this.normalization), dtype);
  }
}
