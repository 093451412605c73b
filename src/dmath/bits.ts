/**
 * Bit-level access to float64 values, shared by every dmath function.
 *
 * The algorithms in this folder are the fdlibm ones (Sun Microsystems, 1993-2004, with
 * FreeBSD msun improvements): they test and edit the high and low 32-bit words of a
 * double, exactly as the C sources do with GET_HIGH_WORD / SET_LOW_WORD. One module-level
 * buffer is reused so that no hot path allocates. The word order is detected once, so
 * the code is also correct on a big-endian engine.
 *
 * fdlibm notice: Copyright (C) 1993-2004 by Sun Microsystems, Inc. All rights reserved.
 * Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved.
 */

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
const u32 = new Uint32Array(f64.buffer);

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = LITTLE_ENDIAN ? 0 : 1;

/** High word (sign, exponent, top 20 mantissa bits) of `x`, as a signed int32. */
export function highWord(x: number): number {
  f64[0] = x;
  return i32[HI];
}

/** Low word (bottom 32 mantissa bits) of `x`, as an unsigned int32. */
export function lowWord(x: number): number {
  f64[0] = x;
  return u32[LO];
}

/** The double whose high and low words are `hi` and `lo` (taken modulo 2^32). */
export function fromWords(hi: number, lo: number): number {
  i32[HI] = hi;
  u32[LO] = lo;
  return f64[0];
}

/** `x` with its high word replaced by `hi`. */
export function withHigh(x: number, hi: number): number {
  f64[0] = x;
  i32[HI] = hi;
  return f64[0];
}

/** `x` with its low word replaced by `lo`; `withLow(x, 0)` keeps the top 21 mantissa bits. */
export function withLow(x: number, lo: number): number {
  f64[0] = x;
  u32[LO] = lo;
  return f64[0];
}

/**
 * 2^k for -1074 <= k <= 1023, by table: building it from words costs two 32-bit stores
 * and a 64-bit load, which stalls store-to-load forwarding and slowed exp by half.
 * The table is filled by exact doubling and halving.
 */
const POW2 = new Float64Array(1074 + 1024);
for (let k = 0, v = 1; k <= 1023; k++, v *= 2) POW2[1074 + k] = v;
for (let k = 0, v = 1; k <= 1074; k++, v /= 2) POW2[1074 - k] = v;

/** 2^k for integer -1074 <= k <= 1023. */
export function twoTo(k: number): number {
  return POW2[1074 + k];
}

const TWO_P1023 = fromWords(0x7fe00000, 0); // 2^1023
const TWO_M969 = fromWords(0x03600000, 0); // 2^-1022 * 2^53

/**
 * x * 2^n with a single rounding (musl's scalbn): large shifts are split so that only
 * the last multiplication can round, which matters when the result is subnormal.
 */
export function scalbn(x: number, n: number): number {
  let y = x;
  if (n > 1023) {
    y *= TWO_P1023;
    n -= 1023;
    if (n > 1023) {
      y *= TWO_P1023;
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    // Scale by 2^-969, not 2^-1022, so that the intermediate stays normal.
    y *= TWO_M969;
    n += 969;
    if (n < -1022) {
      y *= TWO_M969;
      n += 969;
      if (n < -1022) n = -1022;
    }
  }
  return y * twoTo(n);
}
