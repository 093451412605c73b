/**
 * `difftape/random`: counter-based, splittable pseudo-random numbers that are
 * bit-identical on every JavaScript engine.
 *
 * Built on Threefry-2x32-20 ({@link threefry2x32}); keys, derivation and the
 * exact stream construction of every sampler are documented in `./key.ts`.
 *
 * @example
 * ```ts
 * import { key, split, normalFloat64 } from './random/index.js';
 * const [k1, k2] = split(key(42));
 * const noise = normalFloat64(k1, 1024);
 * ```
 *
 * @module
 */

export {
  THREEFRY_PARITY_32,
  THREEFRY_ROTATIONS_2X32,
  THREEFRY_ROUNDS,
  threefry2x32,
  threefry2x32Into,
} from './threefry.js';
export type { WordSink } from './threefry.js';

export {
  foldIn,
  key,
  keyFromWords,
  normalFloat64,
  permutation,
  randint,
  randomBits,
  split,
  uniformFloat32,
  uniformFloat64,
} from './key.js';
export type { PRNGKey } from './key.js';
