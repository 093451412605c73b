/**
 * The affine layer `y = x W^T + b`, with Equinox's `eqx.nn.Linear` initialisation.
 *
 * @module
 */
import { ArgumentError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { checkTensor } from '../ops/convert.js';
import { add } from '../ops/elementwise.js';
import { matmul } from '../ops/matmul.js';
import { matrixTranspose } from '../ops/view.js';
import { type PRNGKey, split } from '../random/index.js';
import { randomUniform } from '../tensor/random.js';
import type { Tensor } from '../tensor/tensor.js';
import { type ParamDType, checkInt, checkKey, checkOptions, checkParamDType } from './checks.js';

/** The parameters of one linear layer (a plain object, so it is a tree). */
export type LinearParams = {
  /** The weight matrix, shape `[outSize, inSize]` (as Equinox and PyTorch store it). */
  weight: Tensor;
  /** The bias, shape `[outSize]`. */
  bias: Tensor;
};

/**
 * Parameters of a linear layer from `inSize` to `outSize` features, initialised as
 * Equinox's `eqx.nn.Linear` does (which is also PyTorch's `nn.Linear` default):
 *
 * ```text
 * [wkey, bkey] = split(key, 2)
 * lim    = 1 / sqrt(inSize)
 * weight ~ U(-lim, lim), shape [outSize, inSize], drawn from wkey
 * bias   ~ U(-lim, lim), shape [outSize],         drawn from bkey
 * ```
 *
 * The uniform draws are {@link randomUniform}'s (`low: -lim, high: lim`), so the same
 * key gives the same parameters on every engine; the values are not JAX's, whose
 * samplers differ (the key words are the same).
 *
 * @param key - the PRNG key; use it for nothing else afterwards.
 * @param inSize - number of input features, a positive integer.
 * @param outSize - number of output features, a positive integer.
 * @param options - `dtype`: `'float64'` (default) or `'float32'`.
 * @throws ArgumentError for a bad key or sizes; DTypeError for another dtype.
 */
export function initLinear(key: PRNGKey, inSize: number, outSize: number, options?: { dtype?: ParamDType }): LinearParams {
  const fn = 'initLinear';
  checkKey(key, fn);
  checkInt(inSize, fn, 'inSize', 1);
  checkInt(outSize, fn, 'outSize', 1);
  const dtype = checkParamDType(checkOptions(options, fn).dtype, fn);
  const [wkey, bkey] = split(key, 2) as [PRNGKey, PRNGKey];
  const lim = 1 / Math.sqrt(inSize);
  return {
    weight: randomUniform(wkey, [outSize, inSize], { low: -lim, high: lim, dtype }),
    bias: randomUniform(bkey, [outSize], { low: -lim, high: lim, dtype }),
  };
}

/** Validates a layer's parameters; returns `[inSize, outSize]`. */
export function checkLinearParams(params: unknown, fn: string, arg = 'params'): [number, number] {
  if (typeof params !== 'object' || params === null) {
    throw new ArgumentError({ fn, arg, expected: 'linear-layer parameters { weight, bias }', actual: fmtValue(params) });
  }
  const { weight, bias } = params as Partial<LinearParams>;
  const w = checkTensor(weight, fn, `${arg}.weight`);
  const b = checkTensor(bias, fn, `${arg}.bias`);
  if (w.ndim !== 2) throw new ShapeError({ fn, arg: `${arg}.weight`, expected: 'a matrix [outSize, inSize]', actual: fmtShape(w.shape) });
  if (b.ndim !== 1 || b.shape[0] !== w.shape[0]) {
    const expected = `shape [${w.shape[0]}] to match weight ${fmtShape(w.shape)}`;
    throw new ShapeError({ fn, arg: `${arg}.bias`, expected, actual: fmtShape(b.shape) });
  }
  return [w.shape[1]!, w.shape[0]!];
}

/**
 * The linear layer applied to the last axis of `x`: `[..., inSize]` to `[..., outSize]`,
 * `x @ weight^T + bias`. Leading axes are batch axes (a vector `[inSize]` gives
 * `[outSize]`). Differentiable in `params` and `x`.
 *
 * @throws ArgumentError if a parameter or `x` is not a tensor; ShapeError if the shapes
 *   do not fit (`x`'s last axis must be `inSize`).
 */
export function linear(params: LinearParams, x: Tensor): Tensor {
  const fn = 'linear';
  const [inSize] = checkLinearParams(params, fn);
  const t = checkTensor(x, fn, 'x');
  if (t.ndim === 0 || t.shape[t.ndim - 1] !== inSize) {
    throw new ShapeError({ fn, arg: 'x', expected: `shape [..., ${inSize}]`, actual: fmtShape(t.shape) });
  }
  return add(matmul(t, matrixTranspose(params.weight)), params.bias);
}
