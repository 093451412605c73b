/**
 * Helpers for the dmath tests: bit-level distances between doubles, a deterministic
 * generator of inputs over chosen ranges, and the "error below 1 ulp" test.
 * No Node built-ins, so the tests also run bundled in a browser.
 */
import { lastDirection } from './reference.js';

const dv = new DataView(new ArrayBuffer(8));

export function fromBits(hi: number, lo: number): number {
  dv.setUint32(0, hi >>> 0);
  dv.setUint32(4, lo >>> 0);
  return dv.getFloat64(0);
}

/** Position of x on the number line of doubles (+0 and -0 both map to 0). */
export function ordinal(x: number): bigint {
  dv.setFloat64(0, x);
  const b = dv.getBigInt64(0);
  return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
}

/** Number of doubles between a and b; 0 for two NaNs, Infinity for NaN against a number. */
export function ulps(a: number, b: number): number {
  if (a !== a || b !== b) return a !== a && b !== b ? 0 : Infinity;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}

/** Next double up (k > 0) or down (k < 0), |k| steps. */
export function step(x: number, k: number): number {
  dv.setFloat64(0, x);
  const b = dv.getBigInt64(0);
  const o = (b < 0n ? -(b & 0x7fffffffffffffffn) : b) + BigInt(k);
  dv.setBigInt64(0, o < 0n ? -o | -0x8000000000000000n : o);
  return dv.getFloat64(0);
}

let seed = 0x2545f491;

/** Restart the generator, so that a test's inputs do not depend on the tests before it. */
export function reseed(s: number): void {
  seed = s;
}

/** xorshift32, uniform in [0, 1). */
export function rand(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}
export function uniform(a: number, b: number): number {
  return a + (b - a) * rand();
}
export function randInt(a: number, b: number): number {
  return a + Math.floor(rand() * (b - a + 1));
}
/** Random double with unbiased exponent in [emin, emax] (-1023 gives subnormals), random mantissa. */
export function logUniform(emin: number, emax: number, signed = true): number {
  const e = randInt(emin, emax);
  const x = fromBits(((e + 1023) << 20) | randInt(0, 0xfffff), randInt(0, 0xffffffff));
  return signed && rand() < 0.5 ? -x : x;
}

/** n inputs: each fixed point with its two neighbours on either side, then the generators in turn. */
export function inputs(n: number, gens: (() => number)[], fixed: number[] = []): number[] {
  const out: number[] = [];
  for (const x of fixed) for (let k = -2; k <= 2; k++) out.push(step(x, k));
  for (let i = 0; out.length < n; i++) out.push(gens[i % gens.length]());
  return out;
}

/**
 * Whether y is faithful, i.e. one of the two doubles bracketing the true value, i.e. its
 * error is below 1 ulp. `truth` is the reference just computed (it sets lastDirection).
 */
export function faithful(y: number, truth: number): boolean {
  if (Object.is(y, truth) || y === truth) return true;
  const d = lastDirection();
  return d !== 0 && y === step(truth, d);
}

/**
 * FNV-1a over the 64-bit patterns of the outputs, as 8 hex digits. NaNs hash as one
 * pattern: JS leaves NaN payloads and signs to the engine, and V8's tiers differ in them.
 */
export function checksum(values: number[]): string {
  let h = 0x811c9dc5;
  for (const v of values) {
    if (v === v) {
      dv.setFloat64(0, v);
    } else {
      dv.setUint32(0, 0x7ff80000);
      dv.setUint32(4, 0);
    }
    for (let i = 0; i < 8; i++) h = Math.imul(h ^ dv.getUint8(i), 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
