/**
 * Diffused noise: white noise smoothed by one exact step of the heat equation.
 *
 * @module
 */
import { cast, exp, mul, square, sum } from '../../ops/index.js';
import type { PRNGKey } from '../../random/key.js';
import type { Tensor } from '../../tensor/tensor.js';
import { buildScaledWavenumbers, checkGrid, spectralFft, spectralIfft } from '../spectral.js';
import { type IcGenerator, type IcOptions, checkDType, checkDims, checkKey, checkNonNegative, checkPositive, finish } from './base.js';
import { checkNormalization, type NormalizationOptions, normalizeWith } from './normalize.js';
import { WhiteNoise } from './white-noise.js';

/** Options of {@link DiffusedNoise} (Exponax 0.2.0's defaults). */
export interface DiffusedNoiseOptions extends NormalizationOptions {
  /** L, the domain extent of the diffusion step (default 1; better adjust `intensity`). */
  domainExtent?: number;
  /** nu in the damping `exp(-nu |k|^2)` (default 1e-3). */
  intensity?: number;
}

/**
 * White noise `N(0, 1)` diffused by one exact step (dt = 1) of `u_t = nu Laplace u`: every
 * Fourier mode is multiplied by `exp(-intensity |k|^2)` (k the angular wavenumber
 * `2 pi / L` times the integer one), so the expected power spectrum is
 * `exp(-2 intensity |k|^2)` times the flat white-noise one. Then normalised: `zeroMean`
 * (default true), `stdOne` (default false, needs `zeroMean`), `maxOne` (default false,
 * excludes `stdOne`). Exponax 0.2.0's `DiffusedNoise` (the same in 0.1).
 */
export class DiffusedNoise implements IcGenerator {
  readonly numSpatialDims: number;
  readonly numChannels = 1;
  readonly domainExtent: number;
  readonly intensity: number;
  readonly normalization: Required<NormalizationOptions>;
  private readonly noise: WhiteNoise;

  /**
   * @param numSpatialDims - D, 1, 2 or 3.
   * @param options - see {@link DiffusedNoiseOptions}.
   */
  constructor(numSpatialDims: number, options: DiffusedNoiseOptions = {}) {
    const fn = 'DiffusedNoise';
    this.numSpatialDims = checkDims(numSpatialDims, fn);
    this.domainExtent = checkPositive(options.domainExtent ?? 1, fn, 'domainExtent');
    this.intensity = checkNonNegative(options.intensity ?? 1e-3, fn, 'intensity');
    this.normalization = checkNormalization(fn, options);
    this.noise = new WhiteNoise(this.numSpatialDims);
  }

  /** The damping `exp(-intensity |k|^2)` on the Fourier grid, `(1, N, ..., N//2 + 1)`. */
  damping(numPoints: number): Tensor {
    const [D, N] = checkGrid(this.numSpatialDims, numPoints, 'DiffusedNoise.damping');
    const k2 = sum(square(buildScaledWavenumbers(D, this.domainExtent, N)), 0, { keepdims: true });
    return exp(mul(k2, -this.intensity));
  }

  /** One draw, `(1, N, ..., N)`. */
  generate(numPoints: number, key: PRNGKey, options: IcOptions = {}): Tensor {
    const fn = 'DiffusedNoise.generate';
    const [D, N] = checkGrid(this.numSpatialDims, numPoints, fn);
    const dtype = checkDType(options.dtype, fn);
    const noiseHat = spectralFft(this.noise.generate(N, checkKey(key, fn)), D);
    const u = spectralIfft(mul(noiseHat, cast(this.damping(N), noiseHat.dtype)), D, N);
    return finish(normalizeWith(fn, u, this.normalization), dtype);
  }
}
