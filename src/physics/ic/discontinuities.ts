/**
 * Discontinuities: sums of constant values on random axis-aligned boxes.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { add, cast, greater, less, logicalAnd, mul } from '../../ops/index.js';
import type { PRNGKey } from '../../random/key.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkGrid } from '../spectral.js';
import { type IcFunction, type IcGenerator, type IcOptions, type Range, checkDType, checkDims, checkInteger, checkPositive, checkRange, finish, splitKeys, uniformIn } from './base.js';
import { makeGrid } from '../fourier.js';
import { checkIcGrid } from './gaussian-blobs.js';
import { checkNormalization, type NormalizationOptions, normalizeWith } from './normalize.js';

/** One box: `value` where `lower_d < x_d < upper_d` on every axis (strict), 0 elsewhere. */
export interface Discontinuity {
  readonly lowerLimits: readonly number[];
  readonly upperLimits: readonly number[];
  readonly value: number;
}

/**
 * The sum of several {@link Discontinuity} boxes, then normalised (`zeroMean` default
 * true here, as Exponax's `Discontinuities`; `stdOne` needs `zeroMean`; `stdOne` and
 * `maxOne` exclude each other). One channel; piecewise constant.
 */
export class Discontinuities implements IcFunction {
  readonly numSpatialDims: number;
  readonly numChannels = 1;
  readonly discontinuities: readonly Discontinuity[];
  readonly normalization: Required<NormalizationOptions>;

  /**
   * @param discontinuities - at least one box, all with D limits per side.
   * @param options - normalisation (see {@link NormalizationOptions}).
   */
  constructor(discontinuities: readonly Discontinuity[], options: NormalizationOptions = {}) {
    const fn = 'Discontinuities';
    const first = Array.isArray(discontinuities) ? discontinuities[0] : undefined;
    const D = first !== undefined && Array.isArray(first.lowerLimits) ? first.lowerLimits.length : 0;
    const valid = (b: Discontinuity): boolean =>
      typeof b === 'object' && b !== null && Number.isFinite(b.value) &&
      Array.isArray(b.lowerLimits) && Array.isArray(b.upperLimits) && b.lowerLimits.length === D && b.upperLimits.length === D &&
      [...b.lowerLimits, ...b.upperLimits].every((v) => Number.isFinite(v));
    if (D < 1 || D > 3 || !discontinuities.every(valid)) {
      throw new ArgumentError({ fn, arg: 'discontinuities', expected: 'a non-empty array of boxes {lowerLimits, upperLimits, value} with 1 to 3 finite limits per side', actual: fmtValue(discontinuities) });
    }
    this.numSpatialDims = D;
    this.discontinuities = discontinuities.map((b) => ({ lowerLimits: [...b.lowerLimits], upperLimits: [...b.upperLimits], value: b.value }));
    this.normalization = checkNormalization(fn, options);
  }

  /** Evaluates on a grid `(D, N, ..., N)`; returns `(1, N, ..., N)`. */
  evaluate(grid: Tensor): Tensor {
    const fn = 'Discontinuities.evaluate';
    checkIcGrid(grid, this.numSpatialDims, fn);
    let u: Tensor | undefined;
    for (const b of this.discontinuities) {
      let inside: Tensor | undefined;
      for (let d = 0; d < this.numSpatialDims; d++) {
        const x = grid.slice([d, d + 1]);
        const axis = logicalAnd(greater(x, b.lowerLimits[d]!), less(x, b.upperLimits[d]!));
        inside = inside === undefined ? axis : logicalAnd(inside, axis);
      }
      const box = mul(cast(inside!, grid.dtype), b.value);
      u = u === undefined ? box : add(u, box);
    }
    return normalizeWith(fn, u!, this.normalization);
  }
}

/** Options of {@link RandomDiscontinuities} (Exponax 0.2.0's defaults). */
export interface RandomDiscontinuitiesOptions extends NormalizationOptions {
  /** L: the extent of the grid, and of the range of the box limits (default 1). */
  domainExtent?: number;
  /** How many boxes are summed (default 3). */
  numDiscontinuities?: number;
  /** Each box's value is uniform on this range (default `[-1, 1]`). */
  valueRange?: Range;
}

/**
 * A sum of `numDiscontinuities` random boxes (see {@link Discontinuities}), evaluated on the
 * grid `x_i = i L / N` of the generator's own `domainExtent`. Every box has, per axis, two
 * limits uniform on `[0, L)` (the smaller one is the lower limit) and a value uniform on
 * `valueRange`. Normalisation: `zeroMean` (default false here), `stdOne` (default false,
 * needs `zeroMean`), `maxOne` (default false, excludes `stdOne`).
 *
 * Keys as Exponax 0.2.0: the key is split into one key per box; per axis the box's key
 * is split in three (two limits, and the key carried on), and the last carried key draws
 * the value.
 */
export class RandomDiscontinuities implements IcGenerator {
  readonly numSpatialDims: number;
  readonly numChannels = 1;
  readonly domainExtent: number;
  readonly numDiscontinuities: number;
  readonly valueRange: Range;
  readonly normalization: Required<NormalizationOptions>;

  /**
   * @param numSpatialDims - D, 1, 2 or 3.
   * @param options - see {@link RandomDiscontinuitiesOptions}.
   */
  constructor(numSpatialDims: number, options: RandomDiscontinuitiesOptions = {}) {
    const fn = 'RandomDiscontinuities';
    this.numSpatialDims = checkDims(numSpatialDims, fn);
    this.domainExtent = checkPositive(options.domainExtent ?? 1, fn, 'domainExtent');
    this.numDiscontinuities = checkInteger(options.numDiscontinuities ?? 3, fn, 'numDiscontinuities', 1);
    this.valueRange = checkRange(options.valueRange ?? [-1, 1], fn, 'valueRange');
    this.normalization = checkNormalization(fn, options, { zeroMean: false, stdOne: false, maxOne: false });
  }

  /** Draws the boxes and their values. */
  genIcFun(key: PRNGKey): Discontinuities {
    const fn = 'RandomDiscontinuities.genIcFun';
    const extent: Range = [0, this.domainExtent];
    const boxes = splitKeys(key, this.numDiscontinuities, fn).map((k): Discontinuity => {
      const lowerLimits: number[] = [];
      const upperLimits: number[] = [];
      let carried = k;
      for (let d = 0; d < this.numSpatialDims; d++) {
        const [k1, k2, next] = splitKeys(carried, 3, fn);
        carried = next!;
        const a = uniformIn(k1!, 1, extent)[0]!;
        const b = uniformIn(k2!, 1, extent)[0]!;
        lowerLimits.push(Math.min(a, b));
        upperLimits.push(Math.max(a, b));
      }
      return { lowerLimits, upperLimits, value: uniformIn(carried, 1, this.valueRange)[0]! };
    });
    return new Discontinuities(boxes, this.normalization);
  }

  /** One draw, `(1, N, ..., N)`. */
  generate(numPoints: number, key: PRNGKey, options: IcOptions = {}): Tensor {
    const fn = 'RandomDiscontinuities.generate';
    const [D, N] = checkGrid(this.numSpatialDims, numPoints, fn);
    const dtype = checkDType(options.dtype, fn);
    return finish(this.genIcFun(key).evaluate(makeGrid(D, this.domainExtent, N)), dtype);
  }
}
