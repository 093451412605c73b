/**
 * Threefry-2x32 with 20 rounds: the counter-based block function behind
 * `difftape`'s random numbers.
 *
 * Threefry is the Threefish block cipher (from the Skein hash) cut down to a
 * fast, statistically strong but **not cryptographic** bijection of a
 * 64-bit counter under a 64-bit key. It was introduced by Salmon, Moraes,
 * Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3" (SC 2011),
 * shipped in the Random123 library, and is the generator behind
 * `jax.random`. This implementation reproduces Random123's
 * `threefry2x32<20>` known-answer vectors exactly.
 *
 * ## The function, precisely
 *
 * All words are unsigned 32-bit integers and every `+` below is addition
 * modulo 2^32. `rotl(x, r)` is a 32-bit left rotation. Given a key
 * `(k0, k1)` and a counter `(c0, c1)`:
 *
 * ```text
 * ks0 = k0;  ks1 = k1;  ks2 = k0 ^ k1 ^ 0x1BD11BDA      (key-schedule parity)
 * R   = [13, 15, 26, 6, 17, 29, 16, 24]                  (rotation constants)
 * x0  = c0 + ks0;  x1 = c1 + ks1
 * for r in 0..19:
 *     x0 = x0 + x1
 *     x1 = rotl(x1, R[r mod 8]) ^ x0
 *     if r mod 4 == 3:                                   (key injection)
 *         s  = (r + 1) / 4                               (s = 1, 2, 3, 4, 5)
 *         x0 = x0 + ks[s mod 3]
 *         x1 = x1 + ks[(s + 1) mod 3] + s
 * return (x0, x1)
 * ```
 *
 * Known answers (Random123 `kat_vectors`, also used by JAX and TensorFlow):
 *
 * | key (k0, k1)             | counter (c0, c1)         | output (x0, x1)          |
 * | ------------------------ | ------------------------ | ------------------------ |
 * | 0x00000000, 0x00000000   | 0x00000000, 0x00000000   | 0x6b200159, 0x99ba4efe   |
 * | 0xffffffff, 0xffffffff   | 0xffffffff, 0xffffffff   | 0x1cb996fc, 0xbb002be7   |
 * | 0x13198a2e, 0x03707344   | 0x243f6a88, 0x85a308d3   | 0xc4923a9c, 0x483df7a0   |
 *
 * ## Portability
 *
 * Only 32-bit integer operations are used (`+` followed by `| 0` or
 * `>>> 0`, `<<`, `>>>`, `^`). Each is exactly specified by ECMAScript, so
 * every conforming engine (V8, SpiderMonkey, JavaScriptCore, ...) produces
 * bit-identical output. No floating-point arithmetic is involved.
 *
 * @module
 */

/** The Skein/Threefish key-schedule parity constant for 32-bit words. */
export const THREEFRY_PARITY_32 = 0x1bd11bda;

/**
 * The eight rotation constants of Threefry-2x32; round `r` (0-based) rotates
 * by `THREEFRY_ROTATIONS_2X32[r % 8]`.
 */
export const THREEFRY_ROTATIONS_2X32: readonly number[] = Object.freeze([
  13, 15, 26, 6, 17, 29, 16, 24,
]);

/** Number of rounds used by {@link threefry2x32} (Random123's default for 2x32). */
export const THREEFRY_ROUNDS = 20;

/**
 * A writable, index-addressable destination for 32-bit words, such as a
 * `Uint32Array` or a plain `number[]`.
 */
export interface WordSink {
  [index: number]: number;
}

/**
 * Threefry-2x32-20 of counter `(c0, c1)` under key `(k0, k1)`, written into
 * `out[offset]` (`x0`) and `out[offset + 1]` (`x1`) as unsigned 32-bit
 * numbers. Allocates nothing.
 *
 * Each argument is first reduced to an unsigned 32-bit word with the
 * ECMAScript `ToUint32` conversion (the `>>> 0` operator), so `-1` means
 * `0xffffffff`. Pass integers in `[0, 2^32)` to avoid surprises.
 *
 * See the module documentation for the exact definition.
 *
 * @param k0 - first key word.
 * @param k1 - second key word.
 * @param c0 - first counter word.
 * @param c1 - second counter word.
 * @param out - destination; receives two words.
 * @param offset - index of the first destination slot (default 0).
 */
export function threefry2x32Into(
  k0: number,
  k1: number,
  c0: number,
  c1: number,
  out: WordSink,
  offset = 0,
): void {
  // Words are held as signed int32 internally (`| 0`), which is the same
  // bit pattern as the unsigned word; they are converted back with `>>> 0`.
  const ks0 = k0 | 0;
  const ks1 = k1 | 0;
  const ks2 = (ks0 ^ ks1 ^ THREEFRY_PARITY_32) | 0;
  let x0 = ((c0 | 0) + ks0) | 0;
  let x1 = ((c1 | 0) + ks1) | 0;

  // Rounds 0-3: rotations 13, 15, 26, 6.
  x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  // Injection s = 1.
  x0 = (x0 + ks1) | 0; x1 = (x1 + ks2 + 1) | 0;

  // Rounds 4-7: rotations 17, 29, 16, 24.
  x0 = (x0 + x1) | 0; x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  // Injection s = 2.
  x0 = (x0 + ks2) | 0; x1 = (x1 + ks0 + 2) | 0;

  // Rounds 8-11.
  x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  // Injection s = 3.
  x0 = (x0 + ks0) | 0; x1 = (x1 + ks1 + 3) | 0;

  // Rounds 12-15.
  x0 = (x0 + x1) | 0; x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  // Injection s = 4.
  x0 = (x0 + ks1) | 0; x1 = (x1 + ks2 + 4) | 0;

  // Rounds 16-19.
  x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  // Injection s = 5.
  x0 = (x0 + ks2) | 0; x1 = (x1 + ks0 + 5) | 0;

  out[offset] = x0 >>> 0;
  out[offset + 1] = x1 >>> 0;
}

/**
 * Threefry-2x32-20 of counter `(c0, c1)` under key `(k0, k1)`.
 *
 * Returns a fresh `[x0, x1]` pair of unsigned 32-bit numbers; use
 * {@link threefry2x32Into} in hot loops to avoid the allocation. Arguments
 * are reduced with `ToUint32` (`>>> 0`) exactly as in
 * {@link threefry2x32Into}.
 *
 * @example
 * ```ts
 * threefry2x32(0, 0, 0, 0); // [0x6b200159, 0x99ba4efe]
 * ```
 *
 * @param k0 - first key word.
 * @param k1 - second key word.
 * @param c0 - first counter word.
 * @param c1 - second counter word.
 * @returns the two output words `[x0, x1]`.
 */
export function threefry2x32(
  k0: number,
  k1: number,
  c0: number,
  c1: number,
): [number, number] {
  const out: [number, number] = [0, 0];
  threefry2x32Into(k0, k1, c0, c1, out, 0);
  return out;
}
