/**
 * Random tensors from a {@link PRNGKey}. The streams are those documented in
 * `src/random/key.ts`, identical on every JavaScript engine; the same key always gives
 * the same tensor, so split keys for independent draws.
 *
 * @module
 */
import type { Backend } from '../backend/index.js';
import { ArgumentError, DTypeError, fmtValue } from '../errors.js';
import { type PRNGKey, normalFloat64, randint, uniformFloat64 } from '../random/key.js';
import { tensor } from './creation.js';
import { type FloatDType, isDType, isFloat } from './dtype.js';
import { type Shape, checkShape, sizeOf } from './shape.js';
import type { Tensor } from './tensor.js';

/** Options of the random float tensors. */
export interface RandomOptions {
  /** float64 (default) or float32. */
  dtype?: FloatDType;
  /** Backend to place the tensor on. */
  backend?: Backend;
}

function checkFloat(dtype: unknown, fn: string): FloatDType {
  if (dtype === undefined) return 'float64';
  if (!isDType(dtype) || !isFloat(dtype)) {
    throw new DTypeError({ fn, arg: 'dtype', expected: 'float32 or float64', actual: fmtValue(dtype) });
  }
  return dtype as FloatDType;
}

function checkKey(key: unknown, fn: string): PRNGKey {
  const word = (w: unknown): boolean => typeof w === 'number' && Number.isInteger(w) && w >= 0 && w < 2 ** 32;
  if (typeof key !== 'object' || key === null || !word((key as PRNGKey).k0) || !word((key as PRNGKey).k1)) {
    throw new ArgumentError({ fn, arg: 'key', expected: 'a PRNGKey (from key(seed) or split)', actual: fmtValue(key) });
  }
  return key as PRNGKey;
}

/**
 * The largest value of `dtype` below `high`. Rounding `low + (high - low) * u` (in
 * float64, or to float32) can reach `high` itself; such samples are moved here so the
 * interval stays half-open.
 */
function below(high: number, dtype: FloatDType): number {
  if (dtype === 'float32') {
    const f = new Float32Array([high]);
    if (f[0]! < high) return f[0]!; // high itself rounded down
    if (f[0] === 0) return -(2 ** -149);
    new Int32Array(f.buffer)[0]! += f[0]! > 0 ? -1 : 1; // one ulp toward -Infinity
    return f[0]!;
  }
  const f = new Float64Array([high]);
  if (f[0] === 0) return -Number.MIN_VALUE;
  new BigInt64Array(f.buffer)[0]! += f[0]! > 0 ? -1n : 1n;
  return f[0]!;
}

/** Uniform samples in `[low, high)` (default [0, 1)): `low + (high - low) * u`. */
export function randomUniform(key: PRNGKey, shape: Shape | number, options: RandomOptions & { low?: number; high?: number } = {}): Tensor {
  const fn = 'randomUniform';
  checkKey(key, fn);
  const s = checkShape(shape, fn);
  const dtype = checkFloat(options.dtype, fn);
  const { low = 0, high = 1 } = options;
  if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) {
    throw new ArgumentError({ fn, arg: 'high', expected: `finite bounds with low < high`, actual: `low ${low}, high ${high}` });
  }
  const u = uniformFloat64(key, sizeOf(s));
  if (low !== 0 || high !== 1) for (let i = 0; i < u.length; i++) u[i] = low + (high - low) * u[i]!;
  const top = below(high, dtype);
  const round = dtype === 'float32' ? Math.fround : (v: number) => v;
  for (let i = 0; i < u.length; i++) if (round(u[i]!) >= high) u[i] = top;
  return tensor(u, { shape: s, dtype, backend: options.backend });
}

/** Normal samples with the given `mean` (default 0) and standard deviation `std` (default 1). */
export function randomNormal(key: PRNGKey, shape: Shape | number, options: RandomOptions & { mean?: number; std?: number } = {}): Tensor {
  const fn = 'randomNormal';
  checkKey(key, fn);
  const s = checkShape(shape, fn);
  const dtype = checkFloat(options.dtype, fn);
  const { mean = 0, std = 1 } = options;
  if (!(Number.isFinite(mean) && Number.isFinite(std) && std >= 0)) {
    throw new ArgumentError({ fn, arg: 'std', expected: 'a finite mean and a finite std >= 0', actual: `mean ${mean}, std ${std}` });
  }
  const z = normalFloat64(key, sizeOf(s));
  if (mean !== 0 || std !== 1) for (let i = 0; i < z.length; i++) z[i] = mean + std * z[i]!;
  return tensor(z, { shape: s, dtype, backend: options.backend });
}

/** int32 samples uniform on the integers in `[low, high)`. */
export function randomInt(key: PRNGKey, shape: Shape | number, low: number, high: number, options: { backend?: Backend } = {}): Tensor {
  const fn = 'randomInt';
  checkKey(key, fn);
  const s = checkShape(shape, fn);
  for (const [arg, v] of [['low', low], ['high', high]] as const) {
    if (!Number.isInteger(v) || v < -(2 ** 31) || v > 2 ** 31) {
      throw new ArgumentError({ fn, arg, expected: 'an integer in [-2^31, 2^31]', actual: fmtValue(v) });
    }
  }
  if (!(low < high)) throw new ArgumentError({ fn, arg: 'high', expected: `an integer greater than low (${low})`, actual: fmtValue(high) });
  return tensor(randint(key, sizeOf(s), low, high), { shape: s, backend: options.backend });
}
