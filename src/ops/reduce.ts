/**
 * Reductions along axes: sum, prod, max, min (primitives), and mean, variance, norm,
 * argmax, argmin, logsumexp built on them.
 *
 * @module
 */
import type { ReduceOp } from '../backend/index.js';
import { ArgumentError, DTypeError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { isComplex, isInexact, toFloat } from '../tensor/dtype.js';
import { type Shape, normalizeAxes, normalizeAxis, shapesEqual, sizeOf } from '../tensor/shape.js';
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { abs, add, cast, div, equal, exp, isFinite, log, mul, pow, sqrt, square, sub, where } from './elementwise.js';
import { toTensor } from './convert.js';
import { type Primitive, bind } from './primitive.js';
import { broadcastTo, reshape, squeeze, stopGradient } from './view.js';

/** Reduction axes: one axis, several, or all when omitted. */
export type Axes = number | readonly number[] | null | undefined;

/** Options of the reductions. */
export interface ReduceOptions {
  /** Keep reduced axes with extent 1 (default false). */
  keepdims?: boolean;
}

interface ReduceParams {
  op: ReduceOp;
  axes: number[];
}

// The primitive always keeps reduced axes; callers squeeze them when asked.
const reducePrim: Primitive<ReduceParams> = {
  name: 'reduce',
  forward: ([x], { op, axes }) => x!.storage.backend.reduce(op, x!, axes),
  vjp: (g, [x], y, { op, axes }) => {
    const gx = broadcastTo(g, x!.shape);
    if (op === 'sum') return [gx];
    if (op === 'max' || op === 'min') {
      // Ties share the gradient equally, as in JAX.
      const hit = cast(equal(x!, broadcastTo(y, x!.shape)), g.dtype);
      return [div(mul(gx, hit), broadcastTo(reduceKeep('sum', hit, axes), x!.shape))];
    }
    // prod: d/dx_i = product of the others, which stays finite when x_i = 0.
    const isZero = equal(x!, 0);
    const zeros = reduceKeep('sum', cast(isZero, g.dtype), axes);
    const nonzeroProd = broadcastTo(reduceKeep('prod', where(isZero, 1, x!), axes), x!.shape);
    const zb = broadcastTo(zeros, x!.shape);
    const others = where(equal(zb, 0), div(nonzeroProd, where(isZero, 1, x!)), where(equal(zb, 1), where(isZero, nonzeroProd, 0), 0));
    return [mul(gx, others)];
  },
};

function reduceKeep(op: ReduceOp, x: Tensor, axes: number[]): Tensor {
  return bind(reducePrim, [x], { op, axes });
}

function reduce(op: ReduceOp, fn: string, x: TensorLike, axis: Axes, options: ReduceOptions): Tensor {
  let t = toTensor(x, fn);
  const axes = normalizeAxes(axis, t.ndim, fn);
  if ((op === 'max' || op === 'min') && axes.some((a) => t.shape[a] === 0)) {
    throw new ShapeError({ fn, arg: 'x', expected: 'non-empty reduced axes (max and min have no identity)', actual: fmtShape(t.shape) });
  }
  if (t.dtype === 'bool' && (op === 'sum' || op === 'prod')) t = cast(t, 'int32');
  if (isComplex(t.dtype) && op !== 'sum') {
    throw new DTypeError({ fn, arg: 'x', expected: 'a real tensor (complex values have no order)', actual: t.dtype });
  }
  // Reducing axes of extent 1 (or none) leaves every value as it is: no kernel, a view.
  const kept = axes.every((a) => t.shape[a] === 1) ? t : reduceKeep(op, t, axes);
  return options.keepdims ? kept : squeeze(kept, axes);
}

/** Sum over `axis` (all axes by default). Booleans are counted as int32. */
export function sum(x: TensorLike, axis?: Axes, options: ReduceOptions = {}): Tensor {
  return reduce('sum', 'sum', x, axis, options);
}

/** Product over `axis` (all axes by default). */
export function prod(x: TensorLike, axis?: Axes, options: ReduceOptions = {}): Tensor {
  return reduce('prod', 'prod', x, axis, options);
}

/** Maximum over `axis` (all by default); NaN propagates. Ties share the gradient. */
export function max(x: TensorLike, axis?: Axes, options: ReduceOptions = {}): Tensor {
  return reduce('max', 'max', x, axis, options);
}

/** Minimum over `axis` (all by default); NaN propagates. Ties share the gradient. */
export function min(x: TensorLike, axis?: Axes, options: ReduceOptions = {}): Tensor {
  return reduce('min', 'min', x, axis, options);
}

/** Arithmetic mean over `axis` (all by default); integers give float64. */
export function mean(x: TensorLike, axis?: Axes, options: ReduceOptions = {}): Tensor {
  const t = toTensor(x, 'mean');
  const axes = normalizeAxes(axis, t.ndim, 'mean');
  const count = sizeOf(axes.map((a) => t.shape[a]!));
  const f = isInexact(t.dtype) ? t : cast(t, toFloat(t.dtype));
  return div(sum(f, axes, options), count);
}

/**
 * Variance over `axis` with `ddof` delta degrees of freedom (divides by `count - ddof`;
 * default 0, the population variance, as NumPy). For complex values it is the mean of
 * `|x - mean|^2`, a real number.
 */
export function variance(x: TensorLike, axis?: Axes, options: ReduceOptions & { ddof?: number } = {}): Tensor {
  const t = toTensor(x, 'variance');
  const axes = normalizeAxes(axis, t.ndim, 'variance');
  const count = sizeOf(axes.map((a) => t.shape[a]!));
  const ddof = options.ddof ?? 0;
  const centered = sub(t, mean(t, axes, { keepdims: true }));
  const sq = isComplex(t.dtype) ? square(abs(centered)) : square(centered);
  return div(sum(sq, axes, options), count - ddof);
}

/** Standard deviation: the square root of {@link variance}. */
export function std(x: TensorLike, axis?: Axes, options: ReduceOptions & { ddof?: number } = {}): Tensor {
  const t = toTensor(x, 'std');
  return sqrt(variance(t, normalizeAxes(axis, t.ndim, 'std'), options));
}

/**
 * Vector p-norm over `axis` (all axes by default): `ord` 2 (default), 1, Infinity,
 * -Infinity or any p > 0, `(sum |x|^p)^(1/p)` (|x| the modulus for complex values). The
 * 2-norm is not rescaled, so it overflows only where the sum of squares does.
 */
export function norm(x: TensorLike, ord = 2, axis?: Axes, options: ReduceOptions = {}): Tensor {
  const t = toTensor(x, 'norm');
  if (typeof ord !== 'number' || !(ord > 0 || ord === -Infinity)) {
    throw new ArgumentError({ fn: 'norm', arg: 'ord', expected: 'a number > 0, Infinity or -Infinity', actual: fmtValue(ord) });
  }
  const axes = normalizeAxes(axis, t.ndim, 'norm');
  if (ord === 2) return sqrt(sum(square(isComplex(t.dtype) ? abs(t) : t), axes, options));
  if (ord === 1) return sum(abs(t), axes, options);
  if (ord === Infinity) return max(abs(t), axes, options);
  if (ord === -Infinity) return min(abs(t), axes, options);
  return pow(sum(pow(abs(t), ord), axes, options), 1 / ord);
}

/** `log(sum(exp(x)))` over `axis`, computed stably by shifting by the maximum. */
export function logsumexp(x: TensorLike, axis?: Axes, options: ReduceOptions = {}): Tensor {
  const t = toTensor(x, 'logsumexp');
  const axes = normalizeAxes(axis, t.ndim, 'logsumexp');
  if (axes.some((a) => t.shape[a] === 0)) {
    throw new ShapeError({ fn: 'logsumexp', arg: 'x', expected: 'non-empty reduced axes', actual: fmtShape(t.shape) });
  }
  // The shift's gradient contributions cancel exactly, so it is held constant.
  const m = stopGradient(max(t, axes, { keepdims: true }));
  const safe = where(isFinite(m), m, 0);
  const r = add(log(sum(exp(sub(t, safe)), axes, { keepdims: true })), safe);
  return options.keepdims ? r : squeeze(r, axes);
}

function argReduce(op: 'argmax' | 'argmin', x: TensorLike, axis: number | undefined, options: ReduceOptions): Tensor {
  const t = toTensor(x, op);
  if (t.dtype === 'bool' || isComplex(t.dtype)) {
    throw new DTypeError({ fn: op, arg: 'x', expected: 'a real numeric dtype', actual: t.dtype });
  }
  if (axis === undefined) {
    if (t.size === 0) throw new ShapeError({ fn: op, arg: 'x', expected: 'a non-empty tensor', actual: fmtShape(t.shape) });
    const r = t.storage.backend.argReduce(op, reshape(t, [t.size]), 0);
    return options.keepdims ? reshape(r, t.shape.map(() => 1)) : reshape(r, []);
  }
  const a = normalizeAxis(axis, t.ndim, op);
  // Like max and min: only the reduced axis must be non-empty.
  if (t.shape[a] === 0) throw new ShapeError({ fn: op, arg: 'x', expected: `a non-empty axis ${a}`, actual: fmtShape(t.shape) });
  const r = t.storage.backend.argReduce(op, t, a);
  return options.keepdims ? r : squeeze(r, a);
}

/** int32 index of the first maximum along `axis` (of the flattened tensor by default). Not differentiable. */
export function argmax(x: TensorLike, axis?: number, options: ReduceOptions = {}): Tensor {
  return argReduce('argmax', x, axis, options);
}

/** int32 index of the first minimum along `axis` (of the flattened tensor by default). Not differentiable. */
export function argmin(x: TensorLike, axis?: number, options: ReduceOptions = {}): Tensor {
  return argReduce('argmin', x, axis, options);
}

/**
 * Sums `x` down to `shape`, the inverse of broadcasting: leading extra axes are summed
 * away and axes where `shape` has extent 1 are summed with keepdims. Used by every VJP
 * of a broadcasting op.
 */
export function sumTo(x: Tensor, shape: Shape): Tensor {
  if (shapesEqual(x.shape, shape)) return x;
  const lead = x.ndim - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < x.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && x.shape[i] !== 1)) axes.push(i);
  }
  return reshape(axes.length ? reduceKeep('sum', x, axes) : x, shape);
}
