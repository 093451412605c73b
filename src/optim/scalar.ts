/**
 * Scalar `pow` and `cos` for schedules and bias corrections (internal). `Math.pow` and
 * `Math.cos` differ between JavaScript engines in the last bit on some inputs; these go
 * through the CPU backend's kernels, which use difftape's deterministic `dmath`, so a
 * learning rate (and hence a training run) is the same on every engine.
 *
 * @module
 */
import { cpu } from '../backend/index.js';
import { cos, pow } from '../ops/elementwise.js';
import { scalar } from '../tensor/creation.js';

const on = { backend: cpu, dtype: 'float64' } as const;

/** `base ** exponent`, within 1 ulp of the exact value and identical on every engine. */
export function powScalar(base: number, exponent: number): number {
  return pow(scalar(base, on), scalar(exponent, on)).item();
}

/** `cos(x)`, identical on every engine. */
export function cosScalar(x: number): number {
  return cos(scalar(x, on)).item();
}
