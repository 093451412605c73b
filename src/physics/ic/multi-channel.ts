/**
 * Multi-channel initial conditions: one generator per channel.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { concat } from '../../ops/index.js';
import type { PRNGKey } from '../../random/key.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkGrid } from '../spectral.js';
import { type IcFunction, type IcGenerator, type IcOptions, checkDType, splitKeys } from './base.js';

function checkParts<T extends { numSpatialDims: number; numChannels: number }>(parts: readonly T[], fn: string, arg: string, what: string): number {
  const ok = Array.isArray(parts) && parts.length > 0 &&
    parts.every((p) => typeof p === 'object' && p !== null && Number.isInteger(p.numChannels) && p.numSpatialDims === parts[0]!.numSpatialDims);
  if (!ok) throw new ArgumentError({ fn, arg, expected: `a non-empty array of ${what} of one spatial dimension`, actual: fmtValue(parts) });
  return parts[0]!.numSpatialDims;
}

/** Closed-form initial conditions stacked along the channel axis. */
export class MultiChannelIC implements IcFunction {
  readonly numSpatialDims: number;
  readonly numChannels: number;
  readonly initialConditions: readonly IcFunction[];

  /** @param initialConditions - one per channel group, all of the same dimension. */
  constructor(initialConditions: readonly IcFunction[]) {
    this.numSpatialDims = checkParts(initialConditions, 'MultiChannelIC', 'initialConditions', 'initial-condition functions');
    this.initialConditions = [...initialConditions];
    this.numChannels = this.initialConditions.reduce((c, f) => c + f.numChannels, 0);
  }

  /** Evaluates every part on the grid `(D, N, ..., N)` and concatenates the channels. */
  evaluate(grid: Tensor): Tensor {
    return concat(this.initialConditions.map((f) => f.evaluate(grid)), 0);
  }
}

/**
 * Several generators, one per channel (or channel group), concatenated along the channel
 * axis: a state `(C, N, ..., N)` with C the sum of the parts' channels. The key is split
 * into one key per generator (also for a single one), so repeating one generator gives
 * independent channels. Exponax 0.2.0's `RandomMultiChannelICGenerator`.
 */
export class RandomMultiChannelICGenerator implements IcGenerator {
  readonly numSpatialDims: number;
  readonly numChannels: number;
  readonly generators: readonly IcGenerator[];

  /** @param generators - at least one, all of the same dimension (the same object may repeat). */
  constructor(generators: readonly IcGenerator[]) {
    const fn = 'RandomMultiChannelICGenerator';
    this.numSpatialDims = checkParts(generators, fn, 'generators', 'IC generators');
    if (!generators.every((g) => typeof g.generate === 'function')) {
      throw new ArgumentError({ fn, arg: 'generators', expected: 'objects with a generate method', actual: fmtValue(generators) });
    }
    this.generators = [...generators];
    this.numChannels = this.generators.reduce((c, g) => c + g.numChannels, 0);
  }

  /** One draw, `(C, N, ..., N)`. */
  generate(numPoints: number, key: PRNGKey, options: IcOptions = {}): Tensor {
    const fn = 'RandomMultiChannelICGenerator.generate';
    checkGrid(this.numSpatialDims, numPoints, fn);
    const dtype = checkDType(options.dtype, fn);
    const keys = splitKeys(key, this.generators.length, fn);
    return concat(this.generators.map((g, i) => g.generate(numPoints, keys[i]!, { dtype })), 0);
  }

  /** The parts' closed forms with the same keys as {@link generate}; every part must have one. */
  genIcFun(key: PRNGKey): MultiChannelIC {
    const fn = 'RandomMultiChannelICGenerator.genIcFun';
    if (!this.generators.every((g) => typeof g.genIcFun === 'function')) {
      throw new ArgumentError({ fn, arg: 'this', expected: 'generators that all have a closed form (genIcFun)', actual: 'a generator without one' });
    }
    const keys = splitKeys(key, this.generators.length, fn);
    return new MultiChannelIC(this.generators.map((g, i) => g.genIcFun!(keys[i]!)));
  }
}
