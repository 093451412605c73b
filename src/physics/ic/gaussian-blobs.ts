/**
 * Gaussian blobs: a mean of axis-aligned Gaussian bumps at random positions.
 *
 * @module
 */
import { ArgumentError, ShapeError, fmtShape, fmtValue } from '../../errors.js';
import { add, div, exp, mul, square, sub } from '../../ops/index.js';
import type { PRNGKey } from '../../random/key.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkGrid } from '../spectral.js';
import { type IcFunction, type IcGenerator, type IcOptions, type Range, checkBool, checkDType, checkDims, checkInteger, checkPositive, checkRange, finish, splitKeys, uniformIn } from './base.js';
import { makeGrid } from '../fourier.js';

/** Throws unless `grid` is a tensor `(D, N, ..., N)` with D spatial axes. */
export function checkIcGrid(grid: Tensor, numSpatialDims: number, fn: string): void {
  if (grid.ndim !== numSpatialDims + 1 || grid.shape[0] !== numSpatialDims) {
    throw new ShapeError({ fn, arg: 'grid', expected: `coordinates of shape (${numSpatialDims}, N${', N'.repeat(numSpatialDims - 1)})`, actual: fmtShape(grid.shape) });
  }
}

/**
 * One Gaussian blob with a diagonal covariance:
 * `g(x) = exp(-1/2 sum_d (x_d - mu_d)^2 / sigma_d^2)` (not periodised), or `1 - g(x)` with
 * `oneComplement`. One channel.
 */
export class GaussianBlob implements IcFunction {
  readonly numSpatialDims: number;
  readonly numChannels = 1;
  /** mu, one coordinate per axis. */
  readonly position: readonly number[];
  /** sigma_d^2, the diagonal of the covariance. */
  readonly variances: readonly number[];
  readonly oneComplement: boolean;

  /**
   * @param position - the centre mu (D coordinates).
   * @param variances - the variances sigma_d^2 > 0 (D values).
   * @param options - `oneComplement` (default false): return `1 - g`.
   */
  constructor(position: readonly number[], variances: readonly number[], options: { oneComplement?: boolean } = {}) {
    const fn = 'GaussianBlob';
    const D = checkDims(Array.isArray(position) ? position.length : NaN, fn);
    if (!position.every((v) => Number.isFinite(v))) throw new ArgumentError({ fn, arg: 'position', expected: 'finite coordinates', actual: fmtValue(position) });
    if (!Array.isArray(variances) || variances.length !== D || !variances.every((v) => Number.isFinite(v) && v > 0)) {
      throw new ArgumentError({ fn, arg: 'variances', expected: `${D} positive finite numbers`, actual: fmtValue(variances) });
    }
    this.numSpatialDims = D;
    this.position = [...position];
    this.variances = [...variances];
    this.oneComplement = checkBool(options.oneComplement ?? false, fn, 'oneComplement');
  }

  /** Evaluates on a grid `(D, N, ..., N)`; returns `(1, N, ..., N)`. */
  evaluate(grid: Tensor): Tensor {
    checkIcGrid(grid, this.numSpatialDims, 'GaussianBlob.evaluate');
    let q: Tensor | undefined;
    for (let d = 0; d < this.numSpatialDims; d++) {
      const term = div(square(sub(grid.slice([d, d + 1]), this.position[d]!)), this.variances[d]!);
      q = q === undefined ? term : add(q, term);
    }
    const g = exp(mul(q!, -0.5));
    return this.oneComplement ? sub(1, g) : g;
  }
}

/** The mean of several {@link GaussianBlob}s. One channel. */
export class GaussianBlobs implements IcFunction {
  readonly numSpatialDims: number;
  readonly numChannels = 1;
  readonly blobs: readonly GaussianBlob[];

  /** @param blobs - at least one blob, all of the same dimension. */
  constructor(blobs: readonly GaussianBlob[]) {
    if (!Array.isArray(blobs) || blobs.length === 0 || !blobs.every((b) => b instanceof GaussianBlob && b.numSpatialDims === blobs[0]!.numSpatialDims)) {
      throw new ArgumentError({ fn: 'GaussianBlobs', arg: 'blobs', expected: 'a non-empty array of GaussianBlob of one dimension', actual: fmtValue(blobs) });
    }
    this.blobs = [...blobs];
    this.numSpatialDims = blobs[0]!.numSpatialDims;
  }

  /** Evaluates on a grid `(D, N, ..., N)`; returns `(1, N, ..., N)`. */
  evaluate(grid: Tensor): Tensor {
    checkIcGrid(grid, this.numSpatialDims, 'GaussianBlobs.evaluate');
    let s: Tensor | undefined;
    for (const b of this.blobs) s = s === undefined ? b.evaluate(grid) : add(s, b.evaluate(grid));
    return div(s!, this.blobs.length);
  }
}

/** Options of {@link RandomGaussianBlobs} (Exponax 0.2.0's defaults). */
export interface RandomGaussianBlobsOptions {
  /** L: the extent of the grid the blobs are evaluated on, and the scale of the ranges (default 1). */
  domainExtent?: number;
  /** How many blobs are averaged (default 1). */
  numBlobs?: number;
  /** Each centre coordinate is uniform on `positionRange * L` (default `[0.4, 0.6]`). */
  positionRange?: Range;
  /** Each variance sigma_d^2 is uniform on `varianceRange * L` (default `[0.005, 0.01]`; scaled by L, not L^2, as Exponax). */
  varianceRange?: Range;
  /** Return `1 - blob` for every blob (default false); Gray-Scott's first channel uses it. */
  oneComplement?: boolean;
}

/**
 * The mean of `numBlobs` random Gaussian blobs (see {@link GaussianBlob}), evaluated on the
 * grid `x_i = i L / N` of the generator's own `domainExtent`. One channel, values in
 * `(0, 1]` (`[0, 1)` with `oneComplement`), no normalisation.
 *
 * Keys as Exponax 0.2.0: for every blob `key, sub = split(key)`, then `sub` is split into
 * a position key and a variance key, each drawing D uniform values.
 */
export class RandomGaussianBlobs implements IcGenerator {
  readonly numSpatialDims: number;
  readonly numChannels = 1;
  readonly domainExtent: number;
  readonly numBlobs: number;
  readonly positionRange: Range;
  readonly varianceRange: Range;
  readonly oneComplement: boolean;

  /**
   * @param numSpatialDims - D, 1, 2 or 3.
   * @param options - see {@link RandomGaussianBlobsOptions}.
   */
  constructor(numSpatialDims: number, options: RandomGaussianBlobsOptions = {}) {
    const fn = 'RandomGaussianBlobs';
    this.numSpatialDims = checkDims(numSpatialDims, fn);
    this.domainExtent = checkPositive(options.domainExtent ?? 1, fn, 'domainExtent');
    this.numBlobs = checkInteger(options.numBlobs ?? 1, fn, 'numBlobs', 1);
    this.positionRange = checkRange(options.positionRange ?? [0.4, 0.6], fn, 'positionRange');
    this.varianceRange = checkRange(options.varianceRange ?? [0.005, 0.01], fn, 'varianceRange', { positive: true });
    this.oneComplement = checkBool(options.oneComplement ?? false, fn, 'oneComplement');
  }

  /** Draws the blobs' centres and variances. */
  genIcFun(key: PRNGKey): GaussianBlobs {
    const fn = 'RandomGaussianBlobs.genIcFun';
    const L = this.domainExtent;
    const scaled = (r: Range): Range => [r[0] * L, r[1] * L];
    const blobs: GaussianBlob[] = [];
    let k = key;
    for (let i = 0; i < this.numBlobs; i++) {
      const [next, sub] = splitKeys(k, 2, fn);
      k = next!;
      const [positionKey, varianceKey] = splitKeys(sub!, 2, fn);
      const position = uniformIn(positionKey!, this.numSpatialDims, scaled(this.positionRange));
      const variances = uniformIn(varianceKey!, this.numSpatialDims, scaled(this.varianceRange));
      blobs.push(new GaussianBlob(position, variances, { oneComplement: this.oneComplement }));
    }
    return new GaussianBlobs(blobs);
  }

  /** One draw, `(1, N, ..., N)`. */
  generate(numPoints: number, key: PRNGKey, options: IcOptions = {}): Tensor {
    const fn = 'RandomGaussianBlobs.generate';
    const [D, N] = checkGrid(this.numSpatialDims, numPoints, fn);
    const dtype = checkDType(options.dtype, fn);
    return finish(this.genIcFun(key).evaluate(makeGrid(D, this.domainExtent, N)), dtype);
  }
}
