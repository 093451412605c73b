/**
 * What every initial-condition generator shares: the {@link IcGenerator} interface, the
 * grid closed-form initial conditions are evaluated on, and argument checks.
 *
 * Generators follow Exponax 0.2.0 (`exponax.ic`): a generator is a distribution over
 * states; `generate(numPoints, key)` draws one state `(C, N, ..., N)` from it. The same
 * key always gives the same state, on every engine. Generators compute in float64 and
 * cast to float32 at the end when asked.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { cast } from '../../ops/index.js';
import { type PRNGKey, split as splitKey, uniformFloat64 } from '../../random/key.js';
import type { FloatDType } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkFloatDType, checkGrid } from '../spectral.js';

/** Options of one draw. */
export interface IcOptions {
  /** dtype of the state: float64 (default) or float32 (computed in float64, then rounded). */
  dtype?: FloatDType;
}

/**
 * A distribution of initial states on the periodic grid of `N` points per axis.
 *
 * `generate(numPoints, key)` returns a state of shape `(C, N, ..., N)` (`C` =
 * `numChannels`, `D` = `numSpatialDims` spatial axes). A key must be used once: pass a
 * fresh key (from `split`) for every draw.
 */
export interface IcGenerator {
  /** D, the number of spatial axes (1, 2 or 3). */
  readonly numSpatialDims: number;
  /** C, the number of channels of a state. */
  readonly numChannels: number;
  /** Draws one state `(C, N, ..., N)` from the distribution. */
  generate(numPoints: number, key: PRNGKey, options?: IcOptions): Tensor;
  /**
   * Draws the parameters of a closed-form initial condition (only generators whose states
   * have a formula: blobs, discontinuities, sine waves and wrappers of them).
   */
  genIcFun?(key: PRNGKey): IcFunction;
}

/** A closed-form initial condition: a function of the coordinates. */
export interface IcFunction {
  /** D, the number of coordinates. */
  readonly numSpatialDims: number;
  /** C, the number of channels of the result. */
  readonly numChannels: number;
  /** Evaluates on a grid `(D, N, ..., N)` (see {@link makeGrid}); returns `(C, N, ..., N)`. */
  evaluate(grid: Tensor): Tensor;
}

/** Casts a float64 state to the requested dtype. */
export function finish(u: Tensor, dtype: FloatDType): Tensor {
  return u.dtype === dtype ? u : cast(u, dtype);
}

/** Throws unless `key` is a PRNGKey; returns it. */
export function checkKey(key: unknown, fn: string): PRNGKey {
  const word = (w: unknown): boolean => typeof w === 'number' && Number.isInteger(w) && w >= 0 && w < 2 ** 32;
  if (typeof key !== 'object' || key === null || !word((key as PRNGKey).k0) || !word((key as PRNGKey).k1)) {
    throw new ArgumentError({ fn, arg: 'key', expected: 'a PRNGKey (from key(seed) or split)', actual: fmtValue(key) });
  }
  return key as PRNGKey;
}

/** `n` new keys from `key` (the random module's `split`, after checking the key). */
export function splitKeys(key: PRNGKey, n: number, fn: string): PRNGKey[] {
  return splitKey(checkKey(key, fn), n);
}

/** The dtype option of a generator (see {@link checkFloatDType}). */
export const checkDType = checkFloatDType;

/** Throws unless D is 1, 2 or 3; returns it. */
export function checkDims(numSpatialDims: unknown, fn: string): number {
  return checkGrid(numSpatialDims, 1, fn)[0];
}

/** Throws unless `v` is a finite number; returns it. */
export function checkFinite(v: unknown, fn: string, arg: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ArgumentError({ fn, arg, expected: 'a finite number', actual: fmtValue(v) });
  return v;
}

/** Throws unless `v` is a positive finite number; returns it. */
export function checkPositive(v: unknown, fn: string, arg: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) throw new ArgumentError({ fn, arg, expected: 'a positive finite number', actual: fmtValue(v) });
  return v;
}

/** Throws unless `v` is a non-negative finite number; returns it. */
export function checkNonNegative(v: unknown, fn: string, arg: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !(v >= 0)) throw new ArgumentError({ fn, arg, expected: 'a non-negative finite number', actual: fmtValue(v) });
  return v;
}

/** Throws unless `v` is an integer `>= min`; returns it. */
export function checkInteger(v: unknown, fn: string, arg: string, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new ArgumentError({ fn, arg, expected: `an integer >= ${min}`, actual: fmtValue(v) });
  }
  return v;
}

/** Throws unless `v` is a boolean; returns it. */
export function checkBool(v: unknown, fn: string, arg: string): boolean {
  if (typeof v !== 'boolean') throw new ArgumentError({ fn, arg, expected: 'a boolean', actual: fmtValue(v) });
  return v;
}

/** A closed interval `[low, high]` of finite numbers with `low <= high`. */
export type Range = readonly [number, number];

/** Throws unless `r` is a {@link Range} (and, with `positive`, `low > 0`); returns a copy. */
export function checkRange(r: unknown, fn: string, arg: string, options: { positive?: boolean } = {}): [number, number] {
  const ok = Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === 'number' && Number.isFinite(v)) && r[0] <= r[1];
  if (!ok || (options.positive && !(r[0] > 0))) {
    const what = options.positive ? '[low, high] with 0 < low <= high' : '[low, high] of finite numbers with low <= high';
    throw new ArgumentError({ fn, arg, expected: what, actual: fmtValue(r) });
  }
  return [r[0], r[1]];
}

/**
 * `count` numbers uniform on `[low, high)` from `key` (`low + (high - low) u` with `u` the
 * key's `uniformFloat64` stream); `low` itself when `low == high`.
 */
export function uniformIn(key: PRNGKey, count: number, [low, high]: Range): number[] {
  return Array.from(uniformFloat64(key, count), (u) => low + (high - low) * u);
}

/** True when a range is exactly `[0, 0]` (Exponax's "no offset"). */
export function isZeroRange(r: Range): boolean {
  return r[0] === 0 && r[1] === 0;
}
