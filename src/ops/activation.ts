/**
 * Activation functions and softmax, composed from primitives (their gradients follow).
 *
 * @module
 */
import { ShapeError, fmtShape } from '../errors.js';
import { normalizeAxis } from '../tensor/shape.js';
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { toTensor } from './convert.js';
import { abs, add, div, erf, exp, isFinite, log, log1p, mul, neg, pow, relu, sigmoid, sub, tanh, where, greater } from './elementwise.js';
import { max, sum } from './reduce.js';
import { stopGradient } from './view.js';

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

/**
 * `x - max(x)` along `axis` (kept), with the maximum held constant: softmax does not
 * depend on the shift, so its gradient contributions cancel. Shifting first (rather than
 * subtracting `logsumexp` from `x`) keeps the results accurate for large `|x|`: `x - m`
 * is exact near the maximum, where `x - (m + log(sum))` would round at the scale of `m`.
 */
function shiftByMax(t: Tensor, axis: number, fn: string): Tensor {
  if (t.shape[axis] === 0) {
    throw new ShapeError({ fn, arg: 'x', expected: `a non-empty axis ${axis}`, actual: fmtShape(t.shape) });
  }
  const m = stopGradient(max(t, axis, { keepdims: true }));
  return sub(t, where(isFinite(m), m, 0));
}

/** `log(softmax(x))` along `axis` (default last), computed stably. */
export function logSoftmax(x: TensorLike, axis = -1): Tensor {
  const t = toTensor(x, 'logSoftmax');
  const a = normalizeAxis(axis, t.ndim, 'logSoftmax');
  const s = shiftByMax(t, a, 'logSoftmax');
  return sub(s, log(sum(exp(s), a, { keepdims: true })));
}

/** `exp(x) / sum(exp(x))` along `axis` (default last), computed stably. */
export function softmax(x: TensorLike, axis = -1): Tensor {
  const t = toTensor(x, 'softmax');
  const a = normalizeAxis(axis, t.ndim, 'softmax');
  const e = exp(shiftByMax(t, a, 'softmax'));
  return div(e, sum(e, a, { keepdims: true }));
}
