/**
 * White noise: independent normal values at the grid points.
 *
 * @module
 */
import type { PRNGKey } from '../../random/key.js';
import { randomNormal } from '../../tensor/random.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkGrid, spatialShape } from '../spectral.js';
import { type IcGenerator, type IcOptions, checkDType, checkDims, checkKey, checkNonNegative, finish } from './base.js';

/** Options of {@link WhiteNoise}. */
export interface WhiteNoiseOptions {
  /** Standard deviation of every value (default 1). */
  std?: number;
}

/**
 * Independent normal values `N(0, std^2)` at every grid point, one channel: shape
 * `(1, N, ..., N)`. No normalisation (Exponax 0.2.0's `WhiteNoise`, the building block of
 * the spectral generators; its expected power spectrum is flat, `E|u_hat_k|^2 = std^2 N^D`).
 */
export class WhiteNoise implements IcGenerator {
  readonly numSpatialDims: number;
  readonly numChannels = 1;
  readonly std: number;

  /**
   * @param numSpatialDims - D, 1, 2 or 3.
   * @param options - `std` (default 1).
   */
  constructor(numSpatialDims: number, options: WhiteNoiseOptions = {}) {
    this.numSpatialDims = checkDims(numSpatialDims, 'WhiteNoise');
    this.std = checkNonNegative(options.std ?? 1, 'WhiteNoise', 'std');
  }

  /** One draw, `(1, N, ..., N)`. */
  generate(numPoints: number, key: PRNGKey, options: IcOptions = {}): Tensor {
    const fn = 'WhiteNoise.generate';
    const [D, N] = checkGrid(this.numSpatialDims, numPoints, fn);
    const dtype = checkDType(options.dtype, fn);
    return finish(randomNormal(checkKey(key, fn), [1, ...spatialShape(D, N)], { std: this.std }), dtype);
  }
}
