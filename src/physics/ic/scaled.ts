/**
 * Scaling a generator's states by a constant.
 *
 * @module
 */
import { ArgumentError } from '../../errors.js';
import { mul } from '../../ops/index.js';
import type { PRNGKey } from '../../random/key.js';
import type { Tensor } from '../../tensor/tensor.js';
import { type IcFunction, type IcGenerator, type IcOptions, checkDType, checkFinite } from './base.js';
import { checkGenerator } from './clamping.js';

/** A closed-form initial condition times a constant. */
export class ScaledIC implements IcFunction {
  readonly numSpatialDims: number;
  readonly numChannels: number;

  /**
   * @param ic - the initial condition.
   * @param scale - the factor.
   */
  constructor(readonly ic: IcFunction, readonly scale: number) {
    checkFinite(scale, 'ScaledIC', 'scale');
    this.numSpatialDims = ic.numSpatialDims;
    this.numChannels = ic.numChannels;
  }

  /** `scale * ic(grid)`. */
  evaluate(grid: Tensor): Tensor {
    return mul(this.ic.evaluate(grid), this.scale);
  }
}

/**
 * Draws from another generator (same key) and multiplies the state by `scale` (in
 * float64, before any cast). Best combined with `maxOne` or `stdOne` states, to set the
 * amplitude. Exponax 0.2.0's `ScaledICGenerator`.
 */
export class ScaledICGenerator implements IcGenerator {
  readonly numSpatialDims: number;
  readonly numChannels: number;
  readonly generator: IcGenerator;
  readonly scale: number;

  /**
   * @param generator - the generator drawn from.
   * @param scale - the factor, a finite number.
   */
  constructor(generator: IcGenerator, scale: number) {
    const fn = 'ScaledICGenerator';
    this.generator = checkGenerator(generator, fn);
    this.scale = checkFinite(scale, fn, 'scale');
    this.numSpatialDims = generator.numSpatialDims;
    this.numChannels = generator.numChannels;
  }

  /** One draw of the inner generator, times `scale`. */
  generate(numPoints: number, key: PRNGKey, options: IcOptions = {}): Tensor {
    const dtype = checkDType(options.dtype, 'ScaledICGenerator.generate');
    const u = mul(this.generator.generate(numPoints, key), this.scale);
    return dtype === 'float64' ? u : u.cast(dtype);
  }

  /** The inner closed form, scaled (the inner generator must have one). */
  genIcFun(key: PRNGKey): ScaledIC {
    if (typeof this.generator.genIcFun !== 'function') {
      throw new ArgumentError({ fn: 'ScaledICGenerator.genIcFun', arg: 'this', expected: 'an inner generator with a closed form (genIcFun)', actual: 'one without' });
    }
    return new ScaledIC(this.generator.genIcFun(key), this.scale);
  }
}
