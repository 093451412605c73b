/**
 * Normalisation of initial conditions: zero mean, unit standard deviation, unit maximum,
 * and the affine rescale to given limits (min-max).
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { abs, add, div, max, mean, min, mul, std, sub } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkBool } from './base.js';

/** Which normalisations to apply, in this order: zero mean, then std one, then max one. */
export interface NormalizationOptions {
  /** Subtract the mean over the whole state (default true, as Exponax's `normalize_ic`). */
  zeroMean?: boolean;
  /** Divide by the (population) standard deviation; needs `zeroMean` (default false). */
  stdOne?: boolean;
  /** Divide by the maximum absolute value; excludes `stdOne` (default false). */
  maxOne?: boolean;
}

/**
 * Exponax 0.2.0's rules (`validate_normalization_options`): `stdOne` needs `zeroMean`
 * (the standard deviation of a field with an offset is not what "std one" means), and
 * `stdOne` and `maxOne` exclude each other.
 *
 * @param options - the flags; missing ones take the defaults zeroMean true, stdOne and
 *   maxOne false.
 * @returns the options with the defaults filled in.
 * @throws ArgumentError for an invalid combination or a flag that is not a boolean.
 */
export function validateNormalizationOptions(options: NormalizationOptions = {}): Required<NormalizationOptions> {
  return checkNormalization('validateNormalizationOptions', options);
}

/** {@link validateNormalizationOptions} with errors naming `fn` and its own defaults. */
export function checkNormalization(fn: string, options: NormalizationOptions, defaults: Required<NormalizationOptions> = { zeroMean: true, stdOne: false, maxOne: false }): Required<NormalizationOptions> {
  if (typeof options !== 'object' || options === null) throw new ArgumentError({ fn, arg: 'options', expected: 'an object', actual: fmtValue(options) });
  const zeroMean = checkBool(options.zeroMean ?? defaults.zeroMean, fn, 'zeroMean');
  const stdOne = checkBool(options.stdOne ?? defaults.stdOne, fn, 'stdOne');
  const maxOne = checkBool(options.maxOne ?? defaults.maxOne, fn, 'maxOne');
  if (stdOne && !zeroMean) {
    throw new ArgumentError({ fn, arg: 'stdOne', expected: 'stdOne only with zeroMean (a zero-mean state)', actual: 'stdOne true and zeroMean false' });
  }
  if (stdOne && maxOne) {
    throw new ArgumentError({ fn, arg: 'maxOne', expected: 'at most one of stdOne and maxOne', actual: 'both true' });
  }
  return { zeroMean, stdOne, maxOne };
}

/** `u / s` for a scalar tensor `s`, refusing a zero divisor (a constant or zero state). */
export function divideBy(u: Tensor, s: Tensor, fn: string, what: string): Tensor {
  const v = s.item();
  if (!(v > 0) || !Number.isFinite(v)) {
    throw new ArgumentError({ fn, arg: 'u', expected: `a state with a positive finite ${what}`, actual: `${what} ${fmtValue(v)}` });
  }
  return div(u, s);
}

/**
 * Normalises a state over all its entries (all channels together), as Exponax's
 * `normalize_ic`: `u - mean(u)` with `zeroMean`, then `u / std(u)` with `stdOne`, then
 * `u / max|u|` with `maxOne`. After it, the mean is zero to rounding (about 1e-17 times
 * the scale), the population standard deviation is 1 and the largest `|u|` is exactly 1.
 *
 * @param u - the state, any shape.
 * @param options - which normalisations (see {@link NormalizationOptions}); invalid
 *   combinations throw an ArgumentError.
 * @throws ArgumentError for an invalid combination, or a state whose standard deviation
 *   or maximum (the divisor) is zero.
 */
export function normalizeIc(u: Tensor, options: NormalizationOptions = {}): Tensor {
  return normalizeWith('normalizeIc', u, checkNormalization('normalizeIc', options));
}

/** {@link normalizeIc} with validated options and errors naming `fn`. */
export function normalizeWith(fn: string, u: Tensor, { zeroMean, stdOne, maxOne }: Required<NormalizationOptions>): Tensor {
  let v = u;
  if (zeroMean) v = sub(v, mean(v));
  if (stdOne) v = divideBy(v, std(v), fn, 'standard deviation');
  if (maxOne) v = divideBy(v, max(abs(v)), fn, 'maximum absolute value');
  return v;
}

/**
 * The affine map that sends the smallest entry of `u` to `low` and the largest to `high`:
 * `(u - min u) / max(u - min u) * (high - low) + low` (over all entries; a rescale, not a
 * clip). Exponax's `ClampingICGenerator` applies it.
 *
 * @throws ArgumentError for limits that are not finite with `low < high`, or a constant `u`.
 */
export function rescaleToLimits(u: Tensor, limits: readonly [number, number]): Tensor {
  return rescaleWith('rescaleToLimits', u, limits);
}

/** {@link rescaleToLimits} with errors naming `fn`. */
export function rescaleWith(fn: string, u: Tensor, limits: readonly [number, number]): Tensor {
  const ok = Array.isArray(limits) && limits.length === 2 && limits.every((v) => typeof v === 'number' && Number.isFinite(v)) && limits[0] < limits[1];
  if (!ok) throw new ArgumentError({ fn, arg: 'limits', expected: '[low, high] of finite numbers with low < high', actual: fmtValue(limits) });
  const [low, high] = limits;
  const shifted = sub(u, min(u));
  return add(mul(divideBy(shifted, max(shifted), fn, 'range (max - min)'), high - low), low);
}
