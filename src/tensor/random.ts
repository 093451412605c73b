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
import { type FloatDType, isFloat } from './dtype.js';
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
  if (typeof dtype !== 'string' || !isFloat(dtype as FloatDType)) {
    throw new DTypeError({ fn, arg: 'dtype', expected: 'float32 or float64', actual: fmtValue(dtype) });
  }
  return dtype as FloatDType;
}

/** Uniform samples in `[low, high)` (default [0, 1)): `low + (high - low) * u`. */
export function randomUniform(key: PRNGKey, shape: Shape | number, options: RandomOptions & { low?: number; high?: number } = {}): Tensor {
  const fn = 'randomUniform';
  const s = checkShape(shape, fn);
  const { low = 0, high = 1 } = options;
  if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) {
    throw new ArgumentError({ fn, arg: 'high', expected: `finite bounds with low < high`, actual: `low ${low}, high ${high}` });
  }
  const u = uniformFloat64(key, sizeOf(s));
  if (low !== 0 || high !== 1) for (let i = 0; i < u.length; i++) u[i] = low + (high - low) * u[i]!;
  return tensor(u, { shape: s, dtype: checkFloat(options.dtype, fn), backend: options.backend });
}

/** Normal samples with the given `mean` (default 0) and standard deviation `std` (default 1). */
export function randomNormal(key: PRNGKey, shape: Shape | number, options: RandomOptions & { mean?: number; std?: number } = {}): Tensor {
  const fn = 'randomNormal';
  const s = checkShape(shape, fn);
  const { mean = 0, std = 1 } = options;
  if (!(Number.isFinite(mean) && Number.isFinite(std) && std >= 0)) {
    throw new ArgumentError({ fn, arg: 'std', expected: 'a finite mean and a finite std >= 0', actual: `mean ${mean}, std ${std}` });
  }
  const z = normalFloat64(key, sizeOf(s));
  if (mean !== 0 || std !== 1) for (let i = 0; i < z.length; i++) z[i] = mean + std * z[i]!;
  return tensor(z, { shape: s, dtype: checkFloat(options.dtype, fn), backend: options.backend });
}

/** int32 samples uniform on the integers in `[low, high)`. */
export function randomInt(key: PRNGKey, shape: Shape | number, low: number, high: number, options: { backend?: Backend } = {}): Tensor {
  const s = checkShape(shape, 'randomInt');
  return tensor(randint(key, sizeOf(s), low, high), { shape: s, backend: options.backend });
}
