/**
 * Convolutions: the "same"-size, stride-1, multi-channel convolution layers of neural PDE
 * emulators (APEBench's Conv, ResNet and dilated ResNet), over one or two spatial axes,
 * with zero or periodic padding and dilation.
 *
 * Like every deep-learning "convolution" this is a cross-correlation: the kernel is not
 * flipped. With odd kernel sizes `k` and centre `c = (k - 1) / 2`,
 *
 *     out[n, co, p] = sum_{ci, t} w[co, ci, t] * x[n, ci, p + (t - c) * dilation]
 *
 * per spatial axis, where reads outside the grid are 0 (`zero`) or wrap around
 * (`periodic`). The map is bilinear in `(x, w)`, and both of its adjoints are again
 * convolutions, so the VJP rules below are written with the same two primitives and
 * differentiate to any order:
 *
 * - `x-bar = conv(g, w~)` with `w~[ci, co, t] = w[co, ci, k - 1 - t]`: the kernel with its
 *   channel axes swapped and its spatial axes flipped. The tap offset `(t - c) d` becomes
 *   `-(t - c) d`, which is exactly the adjoint of the read at that offset, for zero padding
 *   (a read outside is dropped both ways) and periodic padding (a wrap is a permutation).
 * - `w-bar[co, ci, t] = sum_{n, p} g[n, co, p] x[n, ci, p + (t - c) d]`, the backend's
 *   `convWeightGrad`.
 *
 * @module
 */
import type { ConvSpec } from '../backend/backend.js';
import { ArgumentError, DTypeError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { isFloat } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkTensor } from './convert.js';
import { type Primitive, bind } from './primitive.js';
import { flip, swapAxes } from './view.js';

/** Options of {@link conv}. */
export interface ConvOptions {
  /**
   * How the convolution reads outside the grid: `'zero'` (default) pads with zeros,
   * `'periodic'` wraps around (a periodic domain, as in pseudo-spectral PDE data).
   */
  readonly padding?: 'zero' | 'periodic';
  /**
   * The spacing of the kernel taps: a positive integer for every spatial axis, or one per
   * spatial axis. Default 1 (adjacent taps).
   */
  readonly dilation?: number | readonly number[];
}

/**
 * The kernel of the input adjoint: channel axes swapped and spatial axes flipped,
 * `w~[ci, co, t] = w[co, ci, k - 1 - t]` (views, so this is differentiable too).
 */
function adjointKernel(w: Tensor): Tensor {
  const spatial = Array.from({ length: w.ndim - 2 }, (_, i) => i + 2);
  return flip(swapAxes(w, 0, 1), spatial);
}

const convPrim: Primitive<ConvSpec> = {
  name: 'conv',
  forward: ([x, w], spec) => x!.storage.backend.conv(x!, w!, spec),
  // y = conv(x, w)  =>  x-bar = conv(g, w~) and w-bar = convWeightGrad(x, g).
  vjp: (g, [x, w], _y, spec) => [
    bind(convPrim, [g, adjointKernel(w!)], spec),
    bind(weightGradPrim, [x!, g], { spec, kernelShape: w!.shape }),
  ],
};

const weightGradPrim: Primitive<{ spec: ConvSpec; kernelShape: readonly number[] }> = {
  name: 'convWeightGrad',
  forward: ([x, g], { spec, kernelShape }) => x!.storage.backend.convWeightGrad(x!, g!, spec, kernelShape),
  // dW = B(x, g) is bilinear with <B(x, g), H> = <g, conv(x, H)> for every kernel H, so
  // for the cotangent H of dW: x-bar = conv(., H)^T g = conv(g, H~) and g-bar = conv(x, H).
  vjp: (h, [x, g], _y, { spec }) => [
    bind(convPrim, [g!, adjointKernel(h)], spec),
    bind(convPrim, [x!, h], spec),
  ],
};

/** The validated padding and per-axis dilation of {@link conv}'s options. */
function convSpec(options: ConvOptions, D: number, fn: string): ConvSpec {
  if (typeof options !== 'object' || options === null) {
    throw new ArgumentError({ fn, arg: 'options', expected: 'an object { padding?, dilation? }', actual: fmtValue(options) });
  }
  const padding = options.padding ?? 'zero';
  if (padding !== 'zero' && padding !== 'periodic') {
    throw new ArgumentError({ fn, arg: 'options.padding', expected: "'zero' or 'periodic'", actual: fmtValue(padding) });
  }
  const d = options.dilation ?? 1;
  const dilation = typeof d === 'number' ? new Array<number>(D).fill(d) : Array.isArray(d) ? [...(d as readonly number[])] : null;
  if (dilation === null || dilation.length !== D || !dilation.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 1)) {
    throw new ArgumentError({
      fn, arg: 'options.dilation', expected: `a positive integer or ${D} positive integer${D > 1 ? 's' : ''} (one per spatial axis)`, actual: fmtValue(d),
    });
  }
  return { padding, dilation };
}

/**
 * A "same"-size, stride-1 convolution (cross-correlation, as in every deep-learning
 * library) of `x` `[N, Cin, L]` or `[N, Cin, H, W]` with the kernel `w` `[Cout, Cin, k]`
 * or `[Cout, Cin, kh, kw]` of odd sizes, giving `[N, Cout, L]` or `[N, Cout, H, W]`:
 *
 *     out[n, co, p] = sum_{ci, t} w[co, ci, t] * x[n, ci, p + (t - c) * dilation]
 *
 * with the centre `c = (k - 1) / 2` per spatial axis; reads outside the grid are 0 with
 * `padding: 'zero'` and wrap around with `padding: 'periodic'`. Add a bias with
 * `add(conv(x, w), reshape(b, [Cout, 1]))` (or `[Cout, 1, 1]`).
 *
 * Differentiable in both arguments, to any order: the input cotangent is the convolution
 * of the output cotangent with the channel-transposed, spatially flipped kernel, and the
 * kernel cotangent is `sum_{n, p} g[n, co, p] x[n, ci, p + (t - c) d]`.
 *
 * @param x - Input, float32 or float64, `[N, Cin, ...spatial]` with 1 or 2 spatial axes.
 * @param w - Kernel, float32 or float64, `[Cout, Cin, ...k]` with odd `k`, on `x`'s backend.
 * @param options - `padding` (`'zero'` by default or `'periodic'`) and `dilation` (1 by default).
 * @returns `[N, Cout, ...spatial]` in the promoted dtype of `x` and `w`.
 * @throws ShapeError when a rank is not 3 or 4, the ranks differ, the input channels do
 *   not match or a kernel size is even.
 * @throws DTypeError when `x` or `w` is not float32 or float64.
 * @throws ArgumentError when an argument is not a tensor, `w` lives on another backend,
 *   or `padding` or `dilation` is invalid.
 */
export function conv(x: Tensor, w: Tensor, options: ConvOptions = {}): Tensor {
  const fn = 'conv';
  checkTensor(x, fn, 'x');
  checkTensor(w, fn, 'w');
  for (const [t, arg] of [[x, 'x'], [w, 'w']] as const) {
    if (!isFloat(t.dtype)) throw new DTypeError({ fn, arg, expected: 'float32 or float64', actual: t.dtype });
  }
  if (w.storage.backend !== x.storage.backend) {
    throw new ArgumentError({ fn, arg: 'w', expected: `a tensor on backend '${x.storage.backend.name}'`, actual: `one on '${w.storage.backend.name}'` });
  }
  if (x.ndim !== 3 && x.ndim !== 4) {
    throw new ShapeError({ fn, arg: 'x', expected: '3 axes [N, Cin, L] or 4 axes [N, Cin, H, W]', actual: fmtShape(x.shape) });
  }
  const D = x.ndim - 2;
  const layout = D === 1 ? '[Cout, Cin, k]' : '[Cout, Cin, kh, kw]';
  if (w.ndim !== x.ndim) {
    throw new ShapeError({ fn, arg: 'w', expected: `${x.ndim} axes ${layout} to match x's shape ${fmtShape(x.shape)}`, actual: fmtShape(w.shape) });
  }
  if (w.shape[1] !== x.shape[1]) {
    throw new ShapeError({ fn, arg: 'w', expected: `${x.shape[1]} input channels (axis 1) to match x's shape ${fmtShape(x.shape)}`, actual: fmtShape(w.shape) });
  }
  if (!w.shape.slice(2).every((k) => k % 2 === 1)) {
    throw new ShapeError({ fn, arg: 'w', expected: `odd kernel sizes in ${layout}`, actual: fmtShape(w.shape) });
  }
  return bind(convPrim, [x, w], convSpec(options, D, fn));
}
