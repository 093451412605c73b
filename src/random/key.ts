/**
 * Functional, splittable PRNG keys on top of {@link threefry2x32}, and the
 * samplers that turn a key into arrays of random numbers.
 *
 * The design follows `jax.random`: a key is an immutable pair of 32-bit
 * words, randomness is a pure function of (key, position), and new
 * independent keys are derived with {@link split} or {@link foldIn} instead
 * of advancing hidden state. The same key always gives the same numbers, on
 * every JavaScript engine.
 *
 * ## The stream of a key
 *
 * Everything below is defined in terms of one object: the **block** `j`
 * (`j = 0, 1, 2, ...`) of a key `(k0, k1)`,
 *
 * ```text
 * block(key, j) = threefry2x32(k0, k1, c0 = floor(j / 2^32), c1 = j mod 2^32)
 * ```
 *
 * i.e. the counter is the 64-bit block index with its high word first (in
 * practice `c0 = 0`). The **word stream** of a key is the blocks' outputs
 * interleaved: word `2j` is `x0` of block `j`, word `2j + 1` is `x1`.
 *
 * - {@link randomBits}`(key, n)` = words `0 .. n-1` of the word stream.
 * - {@link split}`(key, n)[i]` = `block(key, i)` as a key `(x0, x1)`.
 * - {@link foldIn}`(key, d)` = `block(key, d)` as a key (for `0 <= d < 2^32`).
 * - {@link uniformFloat64}: sample `i` = `(x0 >>> 11) * 2^-21 + x1 * 2^-53`
 *   from block `i` (exactly `m / 2^53` with `m` a 53-bit integer).
 * - {@link uniformFloat32}: sample `i` = `(w >>> 8) * 2^-24` with `w` = word `i`.
 * - {@link normalFloat64}: Box-Muller on consecutive `uniformFloat64`
 *   samples `u[2p]`, `u[2p + 1]`:
 *   `r = sqrt(-2 log(1 - u[2p]))`, `t = 2π u[2p + 1]`,
 *   `z[2p] = r cos t`, `z[2p + 1] = r sin t`.
 * - {@link randint} / {@link permutation}: words are consumed in order from
 *   the word stream by a rejection sampler (see {@link randint}).
 *
 * Consequences: every sampler is *prefix-stable* (asking for fewer values
 * gives a prefix of the longer answer), and `split(key, n)[i]`,
 * `foldIn(key, i)` and block `i` of `key` are the same words. As in JAX, a
 * key must therefore be **used once**: either split/folded into new keys or
 * passed to one sampler, never both.
 *
 * ## Compatibility with JAX
 *
 * `key`, `split` and `foldIn` produce the same words as `jax.random.PRNGKey`,
 * `jax.random.split` and `jax.random.fold_in` under
 * `jax_threefry_partitionable=True` (the default since JAX 0.5.0); e.g.
 * `split(key(0), 3)` gives `(1797259609, 2579123966)`,
 * `(928981903, 3453687069)`, `(4146024105, 2718843009)`. The samplers
 * (`randomBits`, uniform, normal, ...) use their own, documented
 * constructions and do **not** reproduce JAX's sample values.
 *
 * ## Portability
 *
 * The integer parts are exact 32-bit arithmetic. The float samplers use only
 * exact operations (integer-to-double conversion, multiplication by powers of
 * two, `1 - u`), correctly rounded IEEE operations (`*`, `Math.sqrt`), and
 * `log`/`cos`/`sin` from `difftape`'s own deterministic math library
 * (`src/dmath`), never the engine-dependent `Math.log`/`Math.cos`/`Math.sin`.
 *
 * @module
 */

import { cos, log, sin } from '../dmath/index.js';
import { threefry2x32Into } from './threefry.js';

/**
 * A PRNG key: two unsigned 32-bit words. Keys are frozen plain objects;
 * create them with {@link key}, {@link keyFromWords}, {@link split} or
 * {@link foldIn}.
 */
export interface PRNGKey {
  /** First key word, an integer in `[0, 2^32)`. */
  readonly k0: number;
  /** Second key word, an integer in `[0, 2^32)`. */
  readonly k1: number;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_21 = 1 / 2097152; // 2^-21
const TWO_POW_MINUS_24 = 1 / 16777216; // 2^-24
const TWO_POW_MINUS_53 = 1 / 9007199254740992; // 2^-53
/** The double nearest to 2π (exactly `2 * Math.PI`). */
const TWO_PI = 6.283185307179586;
const INT32_MIN = -2147483648;
const INT32_LIMIT = 2147483648; // 2^31

/** Two-word scratch output for single blocks; never escapes this module. */
const scratch = new Uint32Array(2);

// ---------------------------------------------------------------------------
// Validation helpers
// ---------------------------------------------------------------------------

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Object.is(value, -0)) return '-0';
  if (typeof value === 'object' && value !== null) {
    return Array.isArray(value) ? 'an array' : 'an object';
  }
  return String(value);
}

function isUint32(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 0 &&
    value < TWO_POW_32
  );
}

function checkKey(fn: string, k: unknown): asserts k is PRNGKey {
  if (
    typeof k !== 'object' ||
    k === null ||
    !isUint32((k as { k0?: unknown }).k0) ||
    !isUint32((k as { k1?: unknown }).k1)
  ) {
    throw new TypeError(
      `${fn}: key must be a PRNGKey { k0, k1 } of unsigned 32-bit integers ` +
        `(create one with key(seed)), got ${describe(k)}`,
    );
  }
}

/** Non-negative safe integer; TypeError if not an integer, RangeError if < 0. */
function checkCount(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(
      `${fn}: ${name} must be a non-negative integer, got ${describe(value)}`,
    );
  }
  if (value < 0) {
    throw new RangeError(
      `${fn}: ${name} must be a non-negative integer, got ${describe(value)}`,
    );
  }
  return value;
}

function checkOut<T extends Float32Array | Float64Array>(
  fn: string,
  out: T | undefined,
  ctor: { new (length: number): T; readonly name: string },
  count: number,
): T {
  if (out === undefined) return new ctor(count);
  if (!(out instanceof ctor)) {
    throw new TypeError(`${fn}: out must be a ${ctor.name}, got ${describe(out)}`);
  }
  if (out.length < count) {
    throw new RangeError(
      `${fn}: out has length ${out.length} but count is ${count}`,
    );
  }
  return out;
}

function freezeKey(k0: number, k1: number): PRNGKey {
  return Object.freeze({ k0, k1 });
}

/** Block `j` of key `(k0, k1)` into `scratch`. */
function block(k0: number, k1: number, j: number): void {
  threefry2x32Into(k0, k1, (j / TWO_POW_32) >>> 0, j >>> 0, scratch, 0);
}

// ---------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------

/**
 * Creates a key from an integer seed, exactly like `jax.random.PRNGKey`.
 *
 * The seed is read as a 64-bit two's-complement integer `s`; the key is
 * `k0 = high 32 bits of s`, `k1 = low 32 bits of s`. For
 * `0 <= seed < 2^32` this is `(0, seed)`; for larger non-negative seeds,
 * `k0 = floor(seed / 2^32)`, `k1 = seed mod 2^32`. Negative seeds wrap as
 * in 64-bit two's complement, e.g. `key(-1)` is `(0xffffffff, 0xffffffff)`
 * and `key(-2^32)` is `(0xffffffff, 0)`; this matches JAX with
 * `jax_enable_x64` (with x64 disabled JAX truncates seeds to 32 bits first).
 * `-0` is treated as `0`.
 *
 * @param seed - a safe integer, `|seed| <= 2^53 - 1`.
 * @returns the frozen key.
 * @throws TypeError if `seed` is not a safe integer (a non-number, a
 *   fraction, `NaN`, `±Infinity`, or beyond `±(2^53 - 1)`).
 */
export function key(seed: number): PRNGKey {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new TypeError(
      `key: seed must be a safe integer (|seed| <= 2^53 - 1), got ${describe(seed)}`,
    );
  }
  // floor(seed / 2^32) is exact and its ToUint32 is the high word of the
  // 64-bit two's-complement value; ToUint32(seed) is the low word.
  return freezeKey(Math.floor(seed / TWO_POW_32) >>> 0, seed >>> 0);
}

/**
 * Wraps two raw words as a key, e.g. to rebuild a key saved as data or
 * produced by another Threefry implementation (`jax.random.key_data`).
 *
 * @param k0 - first word, an integer in `[0, 2^32)`.
 * @param k1 - second word, an integer in `[0, 2^32)`.
 * @returns the frozen key `{ k0, k1 }`.
 * @throws TypeError if either word is not an integer in `[0, 2^32)`.
 */
export function keyFromWords(k0: number, k1: number): PRNGKey {
  if (!isUint32(k0)) {
    throw new TypeError(
      `keyFromWords: k0 must be an integer in [0, 2^32), got ${describe(k0)}`,
    );
  }
  if (!isUint32(k1)) {
    throw new TypeError(
      `keyFromWords: k1 must be an integer in [0, 2^32), got ${describe(k1)}`,
    );
  }
  return freezeKey(k0, k1);
}

/**
 * Derives `n` new keys from `key`.
 *
 * Child `i` (`0 <= i < n`) is `threefry2x32(key.k0, key.k1, 0, i)` read as
 * `(k0, k1)` (for `i >= 2^32` the counter is `(floor(i / 2^32), i mod 2^32)`).
 * Children do not depend on `n`: `split(k, 5)[2]` equals `split(k, 3)[2]`
 * and {@link foldIn}`(k, 2)`. Identical to `jax.random.split` with
 * `jax_threefry_partitionable=True`.
 *
 * The parent key should not be used again after splitting.
 *
 * @param key - the parent key.
 * @param n - number of children, an integer `>= 1` (default 2).
 * @returns an array of `n` frozen keys.
 * @throws TypeError if `key` is not a key or `n` is not an integer.
 * @throws RangeError if `n < 1`.
 */
export function split(key: PRNGKey, n = 2): PRNGKey[] {
  checkKey('split', key);
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new TypeError(`split: n must be an integer >= 1, got ${describe(n)}`);
  }
  if (n < 1) {
    throw new RangeError(`split: n must be an integer >= 1, got ${describe(n)}`);
  }
  const { k0, k1 } = key;
  const children = new Array<PRNGKey>(n);
  for (let i = 0; i < n; i++) {
    block(k0, k1, i);
    children[i] = freezeKey(scratch[0]!, scratch[1]!);
  }
  return children;
}

/**
 * Derives a key from `key` and an integer, e.g. a step or worker index.
 *
 * The result is `threefry2x32(key.k0, key.k1, 0, d)` read as `(k0, k1)`,
 * where `d = data >>> 0` (negative `data` wraps as 32-bit two's
 * complement, so `-1` folds in `0xffffffff`). Same as `jax.random.fold_in`,
 * and the same as `split(key, n)[d]` for any `n > d`.
 *
 * @param key - the parent key.
 * @param data - an integer in `[-2^31, 2^32)`.
 * @returns the frozen derived key.
 * @throws TypeError if `key` is not a key or `data` is not an integer.
 * @throws RangeError if `data` is outside `[-2^31, 2^32)`.
 */
export function foldIn(key: PRNGKey, data: number): PRNGKey {
  checkKey('foldIn', key);
  if (typeof data !== 'number' || !Number.isSafeInteger(data)) {
    throw new TypeError(`foldIn: data must be an integer, got ${describe(data)}`);
  }
  if (data < INT32_MIN || data >= TWO_POW_32) {
    throw new RangeError(
      `foldIn: data must be in [-2^31, 2^32), got ${describe(data)}`,
    );
  }
  threefry2x32Into(key.k0, key.k1, 0, data >>> 0, scratch, 0);
  return freezeKey(scratch[0]!, scratch[1]!);
}

// ---------------------------------------------------------------------------
// Samplers
// ---------------------------------------------------------------------------

/**
 * `count` uniformly random 32-bit words: the first `count` words of the
 * key's word stream.
 *
 * Word `2j` is `x0` and word `2j + 1` is `x1` of
 * `threefry2x32(key.k0, key.k1, floor(j / 2^32), j mod 2^32)`; when `count`
 * is odd, `x1` of the last block is discarded. The result is prefix-stable
 * (`randomBits(k, 3)` is the first three words of `randomBits(k, 10)`). Only
 * the result array is allocated, so any `count` a `Uint32Array` can hold
 * (2^32 words and more) works.
 *
 * @param key - the key to draw from.
 * @param count - number of words, a non-negative integer.
 * @returns a new `Uint32Array` of length `count`.
 * @throws TypeError if `key` is not a key or `count` is not an integer.
 * @throws RangeError if `count < 0` (or exceeds the engine's typed-array
 *   limit).
 */
export function randomBits(key: PRNGKey, count: number): Uint32Array {
  checkKey('randomBits', key);
  checkCount('randomBits', 'count', count);
  const out = new Uint32Array(count);
  const { k0, k1 } = key;
  const pairs = Math.floor(count / 2);
  for (let j = 0; j < pairs; j++) {
    threefry2x32Into(k0, k1, (j / TWO_POW_32) >>> 0, j >>> 0, out, 2 * j);
  }
  if (count % 2 === 1) {
    block(k0, k1, pairs);
    out[count - 1] = scratch[0]!;
  }
  return out;
}

/**
 * `count` doubles uniform on `[0, 1)`, each with 53 random bits.
 *
 * Sample `i` uses block `i` (words `2i`, `2i + 1` of the word stream):
 * with `(hi, lo) = threefry2x32(key.k0, key.k1, 0, i)`,
 * `u = (hi >>> 11) * 2^-21 + lo * 2^-53 = ((hi >>> 11) * 2^32 + lo) / 2^53`.
 * Every operation is exact, so `u` is exactly `m / 2^53` for a uniform
 * 53-bit integer `m`; `0` is possible, `1` is not. Prefix-stable.
 *
 * @param key - the key to draw from.
 * @param count - number of samples, a non-negative integer.
 * @param out - optional destination of length `>= count`; entries
 *   `[0, count)` are overwritten and the rest left alone.
 * @returns `out`, or a new `Float64Array(count)`.
 * @throws TypeError for a bad key, non-integer count or non-`Float64Array` out.
 * @throws RangeError if `count < 0` or `out` is too short.
 */
export function uniformFloat64(
  key: PRNGKey,
  count: number,
  out?: Float64Array,
): Float64Array {
  checkKey('uniformFloat64', key);
  checkCount('uniformFloat64', 'count', count);
  const result = checkOut('uniformFloat64', out, Float64Array, count);
  const { k0, k1 } = key;
  for (let i = 0; i < count; i++) {
    block(k0, k1, i);
    result[i] =
      (scratch[0]! >>> 11) * TWO_POW_MINUS_21 + scratch[1]! * TWO_POW_MINUS_53;
  }
  return result;
}

/**
 * `count` single-precision floats uniform on `[0, 1)`, each with 24 random
 * bits.
 *
 * Sample `i` is `(w >>> 8) * 2^-24` where `w` is word `i` of the word stream
 * (the same words as `randomBits(key, count)`), i.e. exactly `m / 2^24` for
 * a uniform 24-bit integer `m`, representable in float32 without rounding.
 * Prefix-stable.
 *
 * @param key - the key to draw from.
 * @param count - number of samples, a non-negative integer.
 * @param out - optional destination of length `>= count`; entries
 *   `[0, count)` are overwritten.
 * @returns `out`, or a new `Float32Array(count)`.
 * @throws TypeError for a bad key, non-integer count or non-`Float32Array` out.
 * @throws RangeError if `count < 0` or `out` is too short.
 */
export function uniformFloat32(
  key: PRNGKey,
  count: number,
  out?: Float32Array,
): Float32Array {
  checkKey('uniformFloat32', key);
  checkCount('uniformFloat32', 'count', count);
  const result = checkOut('uniformFloat32', out, Float32Array, count);
  const { k0, k1 } = key;
  const pairs = Math.floor(count / 2);
  for (let j = 0; j < pairs; j++) {
    block(k0, k1, j);
    result[2 * j] = (scratch[0]! >>> 8) * TWO_POW_MINUS_24;
    result[2 * j + 1] = (scratch[1]! >>> 8) * TWO_POW_MINUS_24;
  }
  if (count % 2 === 1) {
    block(k0, k1, pairs);
    result[count - 1] = (scratch[0]! >>> 8) * TWO_POW_MINUS_24;
  }
  return result;
}

/** `uniformFloat64` sample `i` of key `(k0, k1)`. */
function uniform53(k0: number, k1: number, i: number): number {
  block(k0, k1, i);
  return (scratch[0]! >>> 11) * TWO_POW_MINUS_21 + scratch[1]! * TWO_POW_MINUS_53;
}

/**
 * `count` standard normal doubles (mean 0, variance 1) by the Box-Muller
 * transform.
 *
 * Let `u[i]` be sample `i` of {@link uniformFloat64}`(key, ...)` (block `i`).
 * Pair `p` uses `u[2p]` and `u[2p + 1]`:
 *
 * ```text
 * r        = Math.sqrt(-2 * log(1 - u[2p]))     // 1 - u is exact and in (0, 1]
 * t        = TWO_PI * u[2p + 1]                  // TWO_PI = 6.283185307179586
 * z[2p]    = r * cos(t)
 * z[2p+1]  = r * sin(t)
 * ```
 *
 * `log`, `cos` and `sin` are `difftape`'s deterministic implementations
 * from `src/dmath`, so the values are the same on every engine. When `count`
 * is odd the last pair's `sin` value is not computed. Prefix-stable.
 *
 * @param key - the key to draw from.
 * @param count - number of samples, a non-negative integer.
 * @param out - optional destination of length `>= count`; entries
 *   `[0, count)` are overwritten.
 * @returns `out`, or a new `Float64Array(count)`.
 * @throws TypeError for a bad key, non-integer count or non-`Float64Array` out.
 * @throws RangeError if `count < 0` or `out` is too short.
 */
export function normalFloat64(
  key: PRNGKey,
  count: number,
  out?: Float64Array,
): Float64Array {
  checkKey('normalFloat64', key);
  checkCount('normalFloat64', 'count', count);
  const result = checkOut('normalFloat64', out, Float64Array, count);
  const { k0, k1 } = key;
  for (let i = 0; i < count; i += 2) {
    const u1 = uniform53(k0, k1, i);
    const u2 = uniform53(k0, k1, i + 1);
    const r = Math.sqrt(-2 * log(1 - u1));
    const t = TWO_PI * u2;
    result[i] = r * cos(t);
    if (i + 1 < count) result[i + 1] = r * sin(t);
  }
  return result;
}

/**
 * Sequential reader of a key's word stream (word `2j` = `x0` of block `j`,
 * word `2j + 1` = `x1`).
 */
class WordStream {
  private readonly k0: number;
  private readonly k1: number;
  private nextBlock = 0;
  private spare = 0;
  private hasSpare = false;

  constructor(k: PRNGKey) {
    this.k0 = k.k0;
    this.k1 = k.k1;
  }

  next(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    block(this.k0, this.k1, this.nextBlock);
    this.nextBlock++;
    this.spare = scratch[1]!;
    this.hasSpare = true;
    return scratch[0]!;
  }
}

/**
 * Unbiased integer in `[0, m)` for `1 <= m <= 2^32`: take words `w` from the
 * stream until `w < 2^32 - (2^32 mod m)`, return `w mod m`.
 */
function boundedWord(stream: WordStream, m: number, limit: number): number {
  let w = stream.next();
  while (w >= limit) w = stream.next();
  return w % m;
}

/**
 * `count` integers uniform on `[low, high)` (high exclusive), without bias.
 *
 * Method (rejection sampling on the key's word stream): let
 * `m = high - low` (`1 <= m <= 2^32`) and `limit = 2^32 - (2^32 mod m)`, the
 * largest multiple of `m` not above `2^32`. Words `w` are read in order from
 * the word stream (the words of {@link randomBits}); a word with
 * `w >= limit` is discarded, otherwise the next output is
 * `low + (w mod m)`. Since `limit` is a multiple of `m`, every residue is
 * equally likely. At most half the words are rejected (on average fewer
 * than one extra word per output; none when `m` is a power of two). All
 * arithmetic is exact in doubles. Prefix-stable.
 *
 * @param key - the key to draw from.
 * @param count - number of samples, a non-negative integer.
 * @param low - smallest possible value, an integer `>= -2^31`.
 * @param high - one past the largest possible value, an integer with
 *   `low < high <= 2^31`.
 * @returns a new `Int32Array(count)`.
 * @throws TypeError for a bad key or non-integer count/low/high.
 * @throws RangeError if `count < 0`, the bounds leave the int32 range, or
 *   `high <= low`.
 */
export function randint(
  key: PRNGKey,
  count: number,
  low: number,
  high: number,
): Int32Array {
  checkKey('randint', key);
  checkCount('randint', 'count', count);
  if (typeof low !== 'number' || !Number.isSafeInteger(low)) {
    throw new TypeError(`randint: low must be an integer, got ${describe(low)}`);
  }
  if (typeof high !== 'number' || !Number.isSafeInteger(high)) {
    throw new TypeError(`randint: high must be an integer, got ${describe(high)}`);
  }
  if (low < INT32_MIN || high > INT32_LIMIT) {
    throw new RangeError(
      `randint: need -2^31 <= low < high <= 2^31, got low=${low}, high=${high}`,
    );
  }
  if (high <= low) {
    throw new RangeError(
      `randint: high must be greater than low, got low=${low}, high=${high}`,
    );
  }
  const out = new Int32Array(count);
  const m = high - low;
  const limit = TWO_POW_32 - (TWO_POW_32 % m);
  const stream = new WordStream(key);
  for (let i = 0; i < count; i++) {
    out[i] = low + boundedWord(stream, m, limit);
  }
  return out;
}

/**
 * A uniformly random permutation of `0, 1, ..., n - 1`.
 *
 * Method (Fisher-Yates / Durstenfeld): start from `a = [0, 1, ..., n-1]`;
 * for `i = n - 1` down to `1`, draw `j` uniform on `[0, i]` with the
 * rejection sampler of {@link randint} (`m = i + 1`), reading words in order
 * from the key's single word stream shared by all steps, then swap `a[i]`
 * and `a[j]`.
 *
 * @param key - the key to draw from.
 * @param n - length, an integer in `[0, 2^31]`.
 * @returns a new `Int32Array(n)`.
 * @throws TypeError for a bad key or non-integer `n`.
 * @throws RangeError if `n < 0` or `n > 2^31`.
 */
export function permutation(key: PRNGKey, n: number): Int32Array {
  checkKey('permutation', key);
  checkCount('permutation', 'n', n);
  if (n > INT32_LIMIT) {
    throw new RangeError(`permutation: n must be at most 2^31, got ${n}`);
  }
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  const stream = new WordStream(key);
  for (let i = n - 1; i >= 1; i--) {
    const m = i + 1;
    const j = boundedWord(stream, m, TWO_POW_32 - (TWO_POW_32 % m));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}
