/**
 * The multilayer perceptron of Equinox's `eqx.nn.MLP`: linear layers with an activation
 * between them, parameters as a plain tree.
 *
 * @module
 */
import { ArgumentError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { checkTensor } from '../ops/convert.js';
import { relu } from '../ops/elementwise.js';
import { type PRNGKey, split } from '../random/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type Tree, treeFlatten } from '../tensor/tree.js';
import { type ParamDType, checkInt, checkKey, checkOptions, checkParamDType } from './checks.js';
import { type LinearParams, checkLinearParams, initLinear, linear } from './linear.js';

/** The parameters of an MLP: its linear layers, first to last. */
export type MlpParams = {
  /** `depth + 1` layers: `inSize -> widthSize -> ... -> widthSize -> outSize`. */
  layers: LinearParams[];
};

/** The architecture of an MLP, as `eqx.nn.MLP`'s constructor arguments. */
export interface MlpOptions {
  /** Input features, a positive integer. */
  inSize: number;
  /** Output features, a positive integer. */
  outSize: number;
  /** Features of every hidden layer, a positive integer. */
  widthSize: number;
  /** Number of hidden layers, an integer >= 0 (so `depth + 1` linear layers). */
  depth: number;
  /** Parameter dtype: `'float64'` (default) or `'float32'`. */
  dtype?: ParamDType;
}

/** The sizes `[inSize, widthSize x depth, outSize]` of validated options. */
function layerSizes(options: MlpOptions, fn: string): number[] {
  if (typeof options !== 'object' || options === null) {
    throw new ArgumentError({ fn, arg: 'options', expected: 'an object { inSize, outSize, widthSize, depth }', actual: fmtValue(options) });
  }
  const inSize = checkInt(options.inSize, fn, 'options.inSize', 1);
  const outSize = checkInt(options.outSize, fn, 'options.outSize', 1);
  const width = checkInt(options.widthSize, fn, 'options.widthSize', 1);
  const depth = checkInt(options.depth, fn, 'options.depth', 0);
  return [inSize, ...Array<number>(depth).fill(width), outSize];
}

/**
 * Parameters of an MLP, initialised as `eqx.nn.MLP` does: `depth` hidden layers of
 * `widthSize` features, so `depth + 1` linear layers (`inSize -> widthSize`,
 * `widthSize -> widthSize` `depth - 1` times, `widthSize -> outSize`; with `depth` 0 a
 * single layer `inSize -> outSize`). The key is split into `depth + 1` keys and layer
 * `i` is {@link initLinear}`(keys[i], ...)`, i.e. uniform on `±1/sqrt(fan_in)`.
 *
 * @throws ArgumentError for a bad key or sizes; DTypeError for another dtype.
 */
export function initMlp(key: PRNGKey, options: MlpOptions): MlpParams {
  const fn = 'initMlp';
  checkKey(key, fn);
  const sizes = layerSizes(options, fn);
  const dtype = checkParamDType(options.dtype, fn);
  const keys = split(key, sizes.length - 1);
  return { layers: keys.map((k, i) => initLinear(k, sizes[i]!, sizes[i + 1]!, { dtype })) };
}

/** Options of {@link mlp}. */
export interface MlpApplyOptions {
  /** Applied after every layer but the last (default: {@link relu}). */
  activation?: (t: Tensor) => Tensor;
  /** Applied after the last layer (default: identity). */
  finalActivation?: (t: Tensor) => Tensor;
}

/**
 * The MLP applied to the last axis of `x` (`[..., inSize]` to `[..., outSize]`; leading
 * axes are a batch): each layer but the last is followed by `activation` (default
 * `relu`), the last by `finalActivation` (default identity), as `eqx.nn.MLP.__call__`.
 * Differentiable in the parameters and `x`.
 *
 * @throws ArgumentError for malformed parameters or non-function activations;
 *   ShapeError when consecutive layers or `x` do not fit.
 */
export function mlp(params: MlpParams, x: Tensor, options?: MlpApplyOptions): Tensor {
  const fn = 'mlp';
  const layers = (params as Partial<MlpParams> | null)?.layers;
  if (!Array.isArray(layers) || layers.length === 0) {
    throw new ArgumentError({ fn, arg: 'params.layers', expected: 'a non-empty array of linear layers', actual: fmtValue(layers) });
  }
  let width = -1;
  layers.forEach((layer, i) => {
    const [n, m] = checkLinearParams(layer, fn, `params.layers[${i}]`);
    if (i > 0 && n !== width) {
      throw new ShapeError({ fn, arg: `params.layers[${i}].weight`, expected: `${width} input features`, actual: fmtShape(layer.weight.shape) });
    }
    width = m;
  });
  const { activation = relu, finalActivation = (t: Tensor) => t } = checkOptions(options, fn);
  for (const [arg, f] of [['options.activation', activation], ['options.finalActivation', finalActivation]] as const) {
    if (typeof f !== 'function') throw new ArgumentError({ fn, arg, expected: 'a function', actual: fmtValue(f) });
  }
  const t = checkTensor(x, fn, 'x');
  const inSize = layers[0]!.weight.shape[1]!;
  if (t.ndim === 0 || t.shape[t.ndim - 1] !== inSize) {
    throw new ShapeError({ fn, arg: 'x', expected: `shape [..., ${inSize}]`, actual: fmtShape(t.shape) });
  }
  let h = t;
  layers.forEach((layer, i) => {
    h = linear(layer, h);
    h = i < layers.length - 1 ? activation(h) : finalActivation(h);
  });
  return h;
}

/**
 * The total number of elements over the tensors of a tree (static values count
 * nothing), e.g. the number of trainable parameters of a network: 12,254 for an MLP
 * 30-64-64-64-30 (`inSize` 30, `outSize` 30, `widthSize` 64, `depth` 3).
 */
export function parameterCount(tree: Tree): number {
  return treeFlatten(tree, 'parameterCount').leaves.reduce((n, t) => n + t.size, 0);
}

/**
 * The number of parameters of an MLP of the given architecture without building it:
 * `(in*w + w) + (depth-1)*(w*w + w) + (w*out + out)` (or `in*out + out` for depth 0).
 * E.g. 23,409,900 for 900-3000-3000-3000-900.
 */
export function mlpParameterCount(options: MlpOptions): number {
  const sizes = layerSizes(options, 'mlpParameterCount');
  let n = 0;
  for (let i = 0; i + 1 < sizes.length; i++) n += sizes[i]! * sizes[i + 1]! + sizes[i + 1]!;
  return n;
}
