/**
 * Rescaling a generator's states to given limits.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import type { PRNGKey } from '../../random/key.js';
import type { Tensor } from '../../tensor/tensor.js';
import { type IcGenerator, type IcOptions, checkDType } from './base.js';
import { rescaleWith } from './normalize.js';

/** Throws unless `g` looks like an {@link IcGenerator}. */
export function checkGenerator(g: unknown, fn: string, arg = 'generator'): IcGenerator {
  const ok = typeof g === 'object' && g !== null && typeof (g as IcGenerator).generate === 'function' &&
    Number.isInteger((g as IcGenerator).numSpatialDims) && Number.isInteger((g as IcGenerator).numChannels);
  if (!ok) throw new ArgumentError({ fn, arg, expected: 'an IC generator (an object with numSpatialDims, numChannels and generate)', actual: fmtValue(g) });
  return g as IcGenerator;
}

/**
 * Draws from another generator and maps the state affinely so that its minimum becomes
 * `limits[0]` and its maximum `limits[1]` (over all entries): a min-max rescale, not a
 * clip, despite the Exponax name `ClampingICGenerator` kept here. The rescale is done
 * in float64, before any cast to float32. APEBench's `clamp;LO;HI;...` configurations
 * (e.g. Fisher-KPP's `clamp;0.0;1.0;fourier;5;false;false`) use it.
 */
export class ClampingICGenerator implements IcGenerator {
  readonly numSpatialDims: number;
  readonly numChannels: number;
  readonly generator: IcGenerator;
  readonly limits: readonly [number, number];

  /**
   * @param generator - the generator drawn from.
   * @param limits - `[low, high]`, finite with `low < high` (default `[0, 1]`).
   */
  constructor(generator: IcGenerator, limits: readonly [number, number] = [0, 1]) {
    const fn = 'ClampingICGenerator';
    this.generator = checkGenerator(generator, fn);
    const ok = Array.isArray(limits) && limits.length === 2 && limits.every((v) => typeof v === 'number' && Number.isFinite(v)) && limits[0] < limits[1];
    if (!ok) throw new ArgumentError({ fn, arg: 'limits', expected: '[low, high] of finite numbers with low < high', actual: fmtValue(limits) });
    this.limits = [limits[0], limits[1]];
    this.numSpatialDims = generator.numSpatialDims;
    this.numChannels = generator.numChannels;
  }

  /** One draw of the inner generator (same key), rescaled to the limits. */
  generate(numPoints: number, key: PRNGKey, options: IcOptions = {}): Tensor {
    const fn = 'ClampingICGenerator.generate';
    const dtype = checkDType(options.dtype, fn);
    const u = rescaleWith(fn, this.generator.generate(numPoints, key), this.limits);
    return dtype === 'float64' ? u : u.cast(dtype);
  }
}
