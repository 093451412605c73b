/**
 * Differentiable discrete Fourier transforms with NumPy's `numpy.fft` semantics.
 *
 * Three primitives carry everything: `dft` (complex to complex), `rdft` (real to the
 * half spectrum along the last axis) and `irdft` (half spectrum to real, pocketfft's
 * C2R). Padding and truncation to a requested length, moving the real axis last and the
 * norm scaling are ordinary ops around them, so their gradients come for free.
 *
 * Adjoints, with the complex cotangent convention dL/dx + i dL/dy:
 * - `dft` with scale s and sign -+ is a complex-linear map whose adjoint is the same
 *   transform with the opposite sign and the same scale.
 * - `rdft` keeps frequencies 0..n/2 of a real signal. Its adjoint is
 *   `Re(sum_k g_k e^{+2 pi i jk/n})` over the kept frequencies only, i.e. the C2R inverse
 *   of `g * w` with w = 1 at frequency 0 and at n/2 (even n) and 1/2 in between: the
 *   C2R inverse doubles the interior frequencies, which the forward map counted once.
 *   This is why the adjoint of rfft is not irfft.
 * - `irdft` counts interior frequencies twice and ignores the imaginary parts of the
 *   zero and Nyquist frequencies; its adjoint is `rdft(g) * w'` with w' = 1 at those
 *   frequencies and 2 in between (the imaginary parts there come out zero, as they must).
 *
 * @module
 */
import { ArgumentError, AxisError, DTypeError, fmtValue } from '../errors.js';
import { toTensor } from '../ops/convert.js';
import { cast, mul } from '../ops/elementwise.js';
import { pad } from '../ops/pad.js';
import { type Primitive, bind } from '../ops/primitive.js';
import { moveAxis, slice } from '../ops/view.js';
import { tensor } from '../tensor/creation.js';
import { complexOf, isComplex, realOf, toFloat } from '../tensor/dtype.js';
import { normalizeAxis } from '../tensor/shape.js';
import type { Tensor, TensorLike } from '../tensor/tensor.js';

/** Normalisation modes, as NumPy's `norm` argument. */
export type FftNorm = 'backward' | 'ortho' | 'forward';

interface DftParams {
  axes: number[];
  inverse: boolean;
  scale: number;
}

const dftPrim: Primitive<DftParams> = {
  name: 'fft',
  forward: ([x], { axes, inverse, scale }) => x!.storage.backend.fft(x!, axes, inverse, scale),
  vjp: (g, _x, _y, p) => [bind(dftPrim, [g], { ...p, inverse: !p.inverse })],
};

/** Weights along the half-spectrum axis of length m for signal length n. */
function halfWeights(n: number, interior: number, like: Tensor): Tensor {
  const m = Math.floor(n / 2) + 1;
  const w = new Float64Array(m).fill(interior);
  w[0] = 1;
  if (n % 2 === 0) w[m - 1] = 1;
  return tensor(w, { dtype: realOf(like.dtype), backend: like.storage.backend });
}

const rdftPrim: Primitive<{ axes: number[]; scale: number }> = {
  name: 'rfft',
  forward: ([x], { axes, scale }) => x!.storage.backend.rfft(x!, axes, scale),
  vjp: (g, [x], _y, { axes, scale }) => {
    const n = x!.shape.at(-1)!;
    return [bind(irdftPrim, [mul(g, halfWeights(n, 0.5, g))], { axes, n, scale })];
  },
};

const irdftPrim: Primitive<{ axes: number[]; n: number; scale: number }> = {
  name: 'irfft',
  forward: ([x], { axes, n, scale }) => x!.storage.backend.irfft(x!, axes, n, scale),
  vjp: (g, _x, _y, { axes, n, scale }) => [mul(bind(rdftPrim, [g], { axes, scale }), halfWeights(n, 2, g))],
};

function checkNorm(norm: unknown, fn: string): FftNorm {
  if (norm !== 'backward' && norm !== 'ortho' && norm !== 'forward') {
    throw new ArgumentError({ fn, arg: 'norm', expected: "'backward', 'ortho' or 'forward'", actual: fmtValue(norm) });
  }
  return norm;
}

/** The factor a transform of N points applies under `norm`. */
function scaleFor(norm: FftNorm, count: number, inverse: boolean): number {
  if (norm === 'ortho') return 1 / Math.sqrt(count);
  return (norm === 'forward') !== inverse ? 1 / count : 1;
}

function checkLength(n: unknown, fn: string, arg: string): number {
  if (!Number.isInteger(n) || (n as number) < 1) {
    throw new ArgumentError({ fn, arg, expected: 'a positive integer length', actual: fmtValue(n) });
  }
  return n as number;
}

/**
 * NumPy's `_cook_nd_args`: the transformed axes (normalised, distinct) and the length
 * along each. Without `s` the lengths are the input's; without `axes`, they are the last
 * `s.length` axes, or all axes.
 */
function resolveAxes(
  x: Tensor, s: readonly number[] | undefined, axes: readonly number[] | undefined, fn: string,
): [number[], (number | undefined)[]] {
  // The 1-D functions pass [n] and [axis]; their messages name those arguments.
  const oneD = !fn.endsWith('n') && !fn.endsWith('2');
  const [sArg, axesArg] = oneD ? ['n', 'axis'] : ['s', 'axes'];
  if (s !== undefined && !Array.isArray(s)) {
    throw new ArgumentError({ fn, arg: sArg, expected: 'an array of lengths', actual: fmtValue(s) });
  }
  if (axes !== undefined && !Array.isArray(axes)) {
    throw new ArgumentError({ fn, arg: axesArg, expected: 'an array of axes', actual: fmtValue(axes) });
  }
  const raw = axes ?? (s === undefined ? x.shape.map((_, i) => i) : s.map((_, i) => i - s.length));
  if (s !== undefined && s.length !== raw.length) {
    throw new ArgumentError({ fn, arg: sArg, expected: `one length per axis (${raw.length})`, actual: fmtValue(s) });
  }
  const ax = raw.map((a) => normalizeAxis(a, x.ndim, fn, axesArg));
  if (new Set(ax).size !== ax.length) throw new AxisError({ fn, arg: axesArg, expected: 'distinct axes', actual: fmtValue(raw) });
  return [ax, ax.map((_, i) => (s === undefined ? undefined : checkLength(s[i], fn, sArg)))];
}

/** Zero-pads or truncates `x` at the end of `axis` to length `n`. */
function fitLength(x: Tensor, axis: number, n: number): Tensor {
  const cur = x.shape[axis]!;
  if (n === cur) return x;
  if (n < cur) return slice(x, ...x.shape.map((_, i) => (i === axis ? ([0, n] as const) : null)));
  return pad(x, x.shape.map((_, i) => (i === axis ? ([0, n - cur] as [number, number]) : ([0, 0] as [number, number]))));
}

function complexInput(a: TensorLike, fn: string): Tensor {
  const x = toTensor(a, fn, 'a');
  return isComplex(x.dtype) ? x : cast(x, complexOf(toFloat(x.dtype)));
}

/** `x` zero-padded or truncated to `lengths` along `ax`; empty transform axes are refused. */
function fitAll(x: Tensor, ax: readonly number[], lengths: readonly number[], fn: string): Tensor {
  ax.forEach((axis, i) => (x = fitLength(x, axis, lengths[i]!)));
  for (const axis of ax) if (x.shape[axis] === 0) checkLength(0, fn, 'a');
  return x;
}

const product = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

function c2c(a: TensorLike, s: readonly number[] | undefined, axes: readonly number[] | undefined, norm: unknown, inverse: boolean, fn: string): Tensor {
  const nm = checkNorm(norm, fn);
  const x = complexInput(a, fn);
  const [ax, given] = resolveAxes(x, s, axes, fn);
  if (ax.length === 0) return x;
  const lengths = ax.map((axis, i) => given[i] ?? x.shape[axis]!);
  return bind(dftPrim, [fitAll(x, ax, lengths, fn)], { axes: ax, inverse, scale: scaleFor(nm, product(lengths), inverse) });
}

/**
 * Applies `f` with the last of `ax` (the real axis) moved to the end of `x`, passing the
 * axes renumbered accordingly, and moves the result's last axis back.
 */
function realAxisLast(x: Tensor, ax: readonly number[], f: (y: Tensor, axes: number[]) => Tensor): Tensor {
  const last = ax.at(-1)!;
  if (last === x.ndim - 1) return f(x, [...ax]);
  const moved = ax.map((a) => (a === last ? x.ndim - 1 : a > last ? a - 1 : a));
  return moveAxis(f(moveAxis(x, last, -1), moved), -1, last);
}

/**
 * The DFT along one axis (NumPy's `fft.fft`): `X_k = sum_j x_j exp(-2 pi i j k / n)`.
 * Real input is promoted to complex. With `n`, the input is zero-padded or truncated to
 * that length first. `norm` "backward" (default) leaves the forward transform unscaled,
 * "ortho" scales by 1/sqrt(n), "forward" by 1/n.
 */
export function fft(a: TensorLike, n?: number, axis = -1, norm: FftNorm = 'backward'): Tensor {
  return c2c(a, n === undefined ? undefined : [n], [axis], norm, false, 'fft');
}

/** The inverse DFT along one axis (NumPy's `fft.ifft`), scaled by 1/n under the default norm. */
export function ifft(a: TensorLike, n?: number, axis = -1, norm: FftNorm = 'backward'): Tensor {
  return c2c(a, n === undefined ? undefined : [n], [axis], norm, true, 'ifft');
}

/** The n-dimensional DFT over `axes` (default: all, or the last `s.length`), as NumPy's `fftn`. */
export function fftn(a: TensorLike, s?: readonly number[], axes?: readonly number[], norm: FftNorm = 'backward'): Tensor {
  return c2c(a, s, axes, norm, false, 'fftn');
}

/** The n-dimensional inverse DFT, as NumPy's `ifftn`. */
export function ifftn(a: TensorLike, s?: readonly number[], axes?: readonly number[], norm: FftNorm = 'backward'): Tensor {
  return c2c(a, s, axes, norm, true, 'ifftn');
}

/** The 2-D DFT over the last two axes (by default), as NumPy's `fft2`. */
export function fft2(a: TensorLike, s?: readonly number[], axes: readonly number[] = [-2, -1], norm: FftNorm = 'backward'): Tensor {
  return c2c(a, s, axes, norm, false, 'fft2');
}

/** The 2-D inverse DFT over the last two axes (by default), as NumPy's `ifft2`. */
export function ifft2(a: TensorLike, s?: readonly number[], axes: readonly number[] = [-2, -1], norm: FftNorm = 'backward'): Tensor {
  return c2c(a, s, axes, norm, true, 'ifft2');
}

function r2c(a: TensorLike, s: readonly number[] | undefined, axes: readonly number[] | undefined, norm: unknown, fn: string): Tensor {
  const nm = checkNorm(norm, fn);
  const t = toTensor(a, fn, 'a');
  if (isComplex(t.dtype)) {
    throw new DTypeError({ fn, arg: 'a', expected: 'a real tensor (use fft for complex input)', actual: t.dtype });
  }
  const x = cast(t, toFloat(t.dtype));
  const [ax, given] = resolveAxes(x, s, axes, fn);
  requireAxes(ax, fn);
  const lengths = ax.map((axis, i) => given[i] ?? x.shape[axis]!);
  const scale = scaleFor(nm, product(lengths), false);
  return realAxisLast(fitAll(x, ax, lengths, fn), ax, (y, moved) => bind(rdftPrim, [y], { axes: moved, scale }));
}

function requireAxes(ax: readonly number[], fn: string): void {
  if (ax.length === 0) throw new ArgumentError({ fn, arg: 'axes', expected: 'at least one axis', actual: '[]' });
}

/**
 * The DFT of real input along one axis, keeping the n//2 + 1 non-negative frequencies
 * (NumPy's `fft.rfft`). Complex input is rejected.
 */
export function rfft(a: TensorLike, n?: number, axis = -1, norm: FftNorm = 'backward'): Tensor {
  return r2c(a, n === undefined ? undefined : [n], [axis], norm, 'rfft');
}

/** The n-dimensional real DFT (NumPy's `rfftn`): the last of `axes` keeps the half spectrum. */
export function rfftn(a: TensorLike, s?: readonly number[], axes?: readonly number[], norm: FftNorm = 'backward'): Tensor {
  return r2c(a, s, axes, norm, 'rfftn');
}

/** The 2-D real DFT over the last two axes (by default), as NumPy's `rfft2`. */
export function rfft2(a: TensorLike, s?: readonly number[], axes: readonly number[] = [-2, -1], norm: FftNorm = 'backward'): Tensor {
  return r2c(a, s, axes, norm, 'rfft2');
}

function c2r(a: TensorLike, s: readonly number[] | undefined, axes: readonly number[] | undefined, norm: unknown, fn: string): Tensor {
  const nm = checkNorm(norm, fn);
  const x = toTensor(a, fn, 'a');
  if (!isComplex(x.dtype)) {
    throw new DTypeError({ fn, arg: 'a', expected: 'a complex half spectrum (build one with complex(re, im))', actual: x.dtype });
  }
  const [ax, given] = resolveAxes(x, s, axes, fn);
  requireAxes(ax, fn);
  const n = given.at(-1) ?? 2 * (x.shape[ax.at(-1)!]! - 1);
  if (n < 1) {
    throw new ArgumentError({ fn, arg: 'n', expected: 'a positive output length (give n: the input has one frequency)', actual: String(n) });
  }
  // Output lengths; the real axis takes n//2 + 1 frequencies from the input.
  const lengths = ax.map((axis, i) => (i === ax.length - 1 ? n : given[i] ?? x.shape[axis]!));
  const bins = lengths.map((l, i) => (i === ax.length - 1 ? Math.floor(n / 2) + 1 : l));
  const scale = scaleFor(nm, product(lengths), true);
  return realAxisLast(fitAll(x, ax, bins, fn), ax, (y, moved) => bind(irdftPrim, [y], { axes: moved, n, scale }));
}

/**
 * The inverse of `rfft` (NumPy's `fft.irfft`): a real signal of length `n` (default
 * `2 * (m - 1)` for m input frequencies) from its half spectrum, zero-padded or truncated
 * to n//2 + 1 frequencies. As in pocketfft, the imaginary parts of the zero frequency
 * and, for even n, of the Nyquist frequency are ignored. Real input is rejected.
 */
export function irfft(a: TensorLike, n?: number, axis = -1, norm: FftNorm = 'backward'): Tensor {
  return c2r(a, n === undefined ? undefined : [n], [axis], norm, 'irfft');
}

/** The n-dimensional inverse of `rfftn` (NumPy's `irfftn`); `s` gives the output lengths. */
export function irfftn(a: TensorLike, s?: readonly number[], axes?: readonly number[], norm: FftNorm = 'backward'): Tensor {
  return c2r(a, s, axes, norm, 'irfftn');
}

/** The 2-D inverse of `rfft2` over the last two axes (by default), as NumPy's `irfft2`. */
export function irfft2(a: TensorLike, s?: readonly number[], axes: readonly number[] = [-2, -1], norm: FftNorm = 'backward'): Tensor {
  return c2r(a, s, axes, norm, 'irfft2');
}
