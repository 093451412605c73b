/**
 * Sets of initial conditions: many independent draws stacked along a sample axis.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { stack } from '../../ops/index.js';
import type { PRNGKey } from '../../random/key.js';
import { zeros } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkGrid, spatialShape } from '../spectral.js';
import { type IcOptions, checkDType, checkInteger, checkKey, splitKeys } from './base.js';
import type { IcGenerator } from './base.js';
import { checkGenerator } from './clamping.js';

/** Arguments of {@link buildIcSet}. */
export interface IcSetOptions extends IcOptions {
  /** N, points per axis. */
  numPoints: number;
  /** S, how many states to draw (0 gives an empty set). */
  numSamples: number;
  /** The key the whole set derives from. */
  key: PRNGKey;
}

/**
 * `numSamples` independent draws of `generator`, stacked: shape `(S, C, N, ..., N)`.
 *
 * Keys as Exponax's `build_ic_set`: a chain `key, sub = split(key)` per sample, sample `s`
 * drawn with the `sub` of step `s`. The first samples therefore do not depend on
 * `numSamples`: a set of 10 starts with the set of 5. APEBench draws its training set
 * from `key(0)` and its test set from `key(773)`.
 */
export function buildIcSet(generator: IcGenerator, options: IcSetOptions): Tensor {
  const fn = 'buildIcSet';
  const gen = checkGenerator(generator, fn);
  if (typeof options !== 'object' || options === null) {
    throw new ArgumentError({ fn, arg: 'options', expected: '{numPoints, numSamples, key}', actual: fmtValue(options) });
  }
  const [D, N] = checkGrid(gen.numSpatialDims, options.numPoints, fn);
  const S = checkInteger(options.numSamples, fn, 'numSamples', 0);
  const dtype = checkDType(options.dtype, fn);
  let k = checkKey(options.key, fn);
  if (S === 0) return zeros([0, gen.numChannels, ...spatialShape(D, N)], { dtype });
  const samples: Tensor[] = [];
  for (let s = 0; s < S; s++) {
    const [next, sub] = splitKeys(k, 2, fn);
    k = next!;
    samples.push(gen.generate(N, sub!, { dtype }));
  }
  return stack(samples, 0);
}
