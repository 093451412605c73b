/**
 * Sample frequencies and spectrum shifts, as NumPy's `fftfreq`, `rfftfreq`, `fftshift`
 * and `ifftshift`.
 *
 * @module
 */
import type { Backend } from '../backend/index.js';
import { ArgumentError, fmtValue } from '../errors.js';
import { toTensor } from '../ops/convert.js';
import { roll } from '../ops/pad.js';
import { tensor } from '../tensor/creation.js';
import { normalizeAxes } from '../tensor/shape.js';
import type { Tensor, TensorLike } from '../tensor/tensor.js';

function checkArgs(n: unknown, d: unknown, fn: string): [number, number] {
  if (!Number.isInteger(n) || (n as number) < 1) {
    throw new ArgumentError({ fn, arg: 'n', expected: 'a positive integer', actual: fmtValue(n) });
  }
  if (typeof d !== 'number' || !Number.isFinite(d) || d === 0) {
    throw new ArgumentError({ fn, arg: 'd', expected: 'a finite non-zero sample spacing', actual: fmtValue(d) });
  }
  return [n as number, d];
}

/**
 * The frequencies of the `fft` of `n` samples spaced `d` apart: `[0, 1, ..., (n-1)//2,
 * -(n//2), ..., -1] / (d n)`, computed as NumPy does (integer times `1 / (n d)`).
 */
export function fftfreq(n: number, d = 1, options: { backend?: Backend } = {}): Tensor {
  const [count, spacing] = checkArgs(n, d, 'fftfreq');
  const val = 1 / (count * spacing);
  const half = Math.floor((count - 1) / 2) + 1;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = (i < half ? i : i - count) * val;
  return tensor(out, { backend: options.backend });
}

/** The frequencies of the `rfft` of `n` samples spaced `d` apart: `[0, 1, ..., n//2] / (d n)`. */
export function rfftfreq(n: number, d = 1, options: { backend?: Backend } = {}): Tensor {
  const [count, spacing] = checkArgs(n, d, 'rfftfreq');
  const val = 1 / (count * spacing);
  const out = new Float64Array(Math.floor(count / 2) + 1);
  for (let i = 0; i < out.length; i++) out[i] = i * val;
  return tensor(out, { backend: options.backend });
}

function shift(x: TensorLike, axes: number | readonly number[] | undefined, fn: string, sign: 1 | -1): Tensor {
  const t = toTensor(x, fn);
  const ax = normalizeAxes(axes, t.ndim, fn, 'axes');
  if (ax.length === 0) return t;
  return roll(t, ax.map((a) => sign * Math.floor(t.shape[a]! / 2)), ax);
}

/** Moves the zero frequency to the centre of the given axes (default: all), as NumPy's `fftshift`. */
export function fftshift(x: TensorLike, axes?: number | readonly number[]): Tensor {
  return shift(x, axes, 'fftshift', 1);
}

/** The inverse of {@link fftshift} (they differ for odd lengths), as NumPy's `ifftshift`. */
export function ifftshift(x: TensorLike, axes?: number | readonly number[]): Tensor {
  return shift(x, axes, 'ifftshift', -1);
}
