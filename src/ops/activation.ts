/**
 * Activation functions and softmax, composed from primitives (their gradients follow).
 *
 * @module
 */
import { normalizeAxis } from '../tensor/shape.js';
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { toTensor } from './convert.js';
import { abs, add, erf, exp, log1p, mul, neg, pow, relu, sigmoid, sub, tanh, where, greater } from './elementwise.js';
import { logsumexp } from './reduce.js';

const SQRT_2_OVER_PI = 0.7978845608028654;
const SQRT_HALF = 0.7071067811865476;

/**
 * Gaussian error linear unit. With `approximate: true` (the default, as `jax.nn.gelu`)
 * `0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))`; with `false` the exact
 * `0.5 x (1 + erf(x / sqrt 2))` (PyTorch's default).
 */
export function gelu(x: TensorLike, options: { approximate?: boolean } = {}): Tensor {
  const t = toTensor(x, 'gelu');
  if (options.approximate ?? true) {
    const inner = mul(add(t, mul(pow(t, 3), 0.044715)), SQRT_2_OVER_PI);
    return mul(mul(t, 0.5), add(tanh(inner), 1));
  }
  return mul(mul(t, 0.5), add(erf(mul(t, SQRT_HALF)), 1));
}

/** `log(1 + e^x)`, computed as `relu(x) + log1p(e^-|x|)` so it neither overflows nor underflows. */
export function softplus(x: TensorLike): Tensor {
  const t = toTensor(x, 'softplus');
  return add(relu(t), log1p(exp(neg(abs(t)))));
}

/** `x * sigmoid(x)` (also called swish). */
export function silu(x: TensorLike): Tensor {
  const t = toTensor(x, 'silu');
  return mul(t, sigmoid(t));
}

/** `x` for positive x, `slope * x` otherwise (default slope 0.01). */
export function leakyRelu(x: TensorLike, slope = 0.01): Tensor {
  const t = toTensor(x, 'leakyRelu');
  return where(greater(t, 0), t, mul(t, slope));
}

/** `log(softmax(x))` along `axis` (default last), computed stably. */
export function logSoftmax(x: TensorLike, axis = -1): Tensor {
  const t = toTensor(x, 'logSoftmax');
  const a = normalizeAxis(axis, t.ndim, 'logSoftmax');
  return sub(t, logsumexp(t, a, { keepdims: true }));
}

/** `exp(x) / sum(exp(x))` along `axis` (default last), computed stably. */
export function softmax(x: TensorLike, axis = -1): Tensor {
  return exp(logSoftmax(x, axis));
}
