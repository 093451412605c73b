/**
 * Argument checks shared by the layers and data utilities of `src/nn/` (internal).
 *
 * @module
 */
import { ArgumentError, DTypeError, fmtValue } from '../errors.js';
import type { PRNGKey } from '../random/index.js';

/** The float dtypes a layer can be initialised in. */
export type ParamDType = 'float32' | 'float64';

/** Throws unless `key` is a PRNGKey (two unsigned 32-bit words). */
export function checkKey(key: unknown, fn: string): PRNGKey {
  const word = (w: unknown): boolean => typeof w === 'number' && Number.isInteger(w) && w >= 0 && w < 2 ** 32;
  if (typeof key !== 'object' || key === null || !word((key as PRNGKey).k0) || !word((key as PRNGKey).k1)) {
    throw new ArgumentError({ fn, arg: 'key', expected: 'a PRNGKey (from random.key(seed) or random.split)', actual: fmtValue(key) });
  }
  return key as PRNGKey;
}

/** Throws unless `value` is an integer `>= min` (a safe integer). */
export function checkInt(value: unknown, fn: string, arg: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const what = min === 1 ? 'a positive integer' : `an integer >= ${min}`;
    throw new ArgumentError({ fn, arg, expected: what, actual: fmtValue(value) });
  }
  return value;
}

/** The dtype option of an initialiser: float64 (default) or float32. */
export function checkParamDType(dtype: unknown, fn: string): ParamDType {
  if (dtype === undefined) return 'float64';
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new DTypeError({ fn, arg: 'dtype', expected: "'float32' or 'float64'", actual: fmtValue(dtype) });
  }
  return dtype;
}

/** Throws unless `options` is undefined or a plain object; returns it (or `{}`). */
export function checkOptions<T extends object>(options: T | undefined, fn: string, arg = 'options'): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ArgumentError({ fn, arg, expected: 'an options object', actual: fmtValue(options) });
  }
  return options;
}
