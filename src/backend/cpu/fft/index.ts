/**
 * The CPU FFT engine: unnormalized complex and real discrete Fourier transforms over
 * dense row-major float64 arrays (no tensors, no autodiff). Complex arrays are
 * interleaved: element `k` is `(re, im)` at slots `2k, 2k + 1`.
 *
 *     forward:  X_k = sum_j x_j e^{-2 pi i j k/n}
 *     inverse:  x_j = sum_k X_k e^{+2 pi i j k/n}        (no 1/n: the caller scales)
 *
 * Any `n >= 1`: lengths `2^a 3^b 5^c` run a Stockham autosort mixed-radix FFT (radix 4,
 * 8, 2, 3, 5 butterflies), every other length Bluestein's chirp-z algorithm over such a
 * length (see `plan.ts`). Real transforms of even length use the half-length complex FFT
 * (see `real.ts`). All twiddles, chirps and constants come from `dmath`'s `cos`/`sin`
 * with exact integer angle reduction, so results are bit-identical in every JS engine.
 * fft.js is not used: this path measured faster for n = 256, 1024, 4096
 * (bench/fft-engine.ts).
 *
 * Batched layout: a transform along a non-last axis treats each `[n][inner]` block as
 * `inner` independent lanes (the Stockham inner loop runs over the lanes; no
 * transposition). Along the last axis, rows are transformed in place of a transposition
 * too: consecutive rows are batched into chunks of about 8192 complex values and each
 * Stockham stage runs once per chunk (transposing blocks of rows into lanes measured
 * slower). No allocation happens per row.
 *
 * Results are deterministic functions of `(data, shape, axis)`: the same call gives the
 * same bits in every engine. A row transformed inside a batch gives the same bits as the
 * row alone; a transform along a non-last axis (`inner > 1`) may differ from the same
 * sequence transformed alone in the last bits (another radix order).
 *
 * Plans (stages, twiddles, chirp filters) and scratch buffers are cached per length in
 * module-level maps, built lazily and kept for the life of the module (scratch above 4 MiB
 * is allocated per call instead). Nothing is thread-safe or re-entrant, which in JS only
 * means: do not call the engine from inside itself; each worker has its own module
 * instance and caches.
 *
 * Inputs are never modified. Outputs are fresh arrays unless `out` is passed, which must
 * not overlap the input (checked).
 *
 * @module
 */
import { allocate } from '../../../tensor/dtype.js';
import { ArgumentError, AxisError, ShapeError, fmtShape, fmtValue } from '../../../errors.js';
import { blocksPerChunk, getPlan, transformBlocks } from './plan.js';
import { getRealPlan, realForwardRows, realInverseRows } from './real.js';

export { cisInto } from './twiddle.js';
export { factorize, nextFastSize } from './plan.js';

function checkShape(fn: string, shape: readonly number[]): number {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw new ShapeError({ fn, arg: 'shape', expected: 'an array of non-negative integers', actual: fmtValue(shape) });
  }
  return shape.reduce((a, d) => a * d, 1);
}

function checkData(fn: string, arg: string, data: unknown, length: number, shape: readonly number[], what: string): void {
  if (!(data instanceof Float64Array)) {
    throw new ArgumentError({ fn, arg, expected: 'a Float64Array', actual: fmtValue(data) });
  }
  if (data.length !== length) {
    throw new ShapeError({ fn, arg, expected: `${length} slots (${what} of shape ${fmtShape(shape)})`, actual: `length ${data.length}` });
  }
}

function overlaps(a: Float64Array, b: Float64Array): boolean {
  if (a.buffer !== b.buffer || a.length === 0 || b.length === 0) return false;
  const a0 = a.byteOffset;
  const b0 = b.byteOffset;
  return a0 < b0 + b.byteLength && b0 < a0 + a.byteLength;
}

/** `out` checked (length, type, no overlap with `data`), or a fresh array. */
function output(fn: string, out: Float64Array | undefined, length: number, shape: readonly number[], what: string, data: Float64Array): Float64Array {
  if (out === undefined) return allocate('float64', length, false);
  checkData(fn, 'out', out, length, shape, what);
  if (overlaps(out, data)) {
    throw new ArgumentError({ fn, arg: 'out', expected: 'an array that does not overlap data', actual: 'an overlapping view' });
  }
  return out;
}

function checkLength(fn: string, arg: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new ArgumentError({ fn, arg, expected: 'a transform length >= 1', actual: fmtValue(n) });
  }
}

/**
 * The unnormalized 1-D DFT of a dense complex array along `axis`:
 * `out[..., k, ...] = sum_j data[..., j, ...] e^{-+2 pi i j k/n}` (minus sign forward,
 * plus sign when `inverse`), `n = shape[axis] >= 1`.
 *
 * @param data interleaved complex, `2 * prod(shape)` slots, row-major; not modified.
 * @param shape the complex array's shape.
 * @param axis the axis to transform (negative counts from the end).
 * @param inverse the sign of the exponent (no `1/n` scaling either way).
 * @param out optional destination of the same length as `data`; must not overlap it.
 * @returns `out`, or a fresh array, holding the transform in the same shape.
 */
export function complexAlongAxis(
  data: Float64Array, shape: readonly number[], axis: number, inverse: boolean, out?: Float64Array,
): Float64Array {
  const fn = 'complexAlongAxis';
  const size = checkShape(fn, shape);
  const nd = shape.length;
  if (!Number.isInteger(axis) || axis < -nd || axis >= nd) {
    throw new AxisError({ fn, arg: 'axis', expected: `an integer in [${-nd}, ${nd})`, actual: fmtValue(axis) });
  }
  const ax = axis < 0 ? axis + nd : axis;
  checkData(fn, 'data', data, 2 * size, shape, 'complex array');
  const n = shape[ax]!;
  checkLength(fn, `shape[${ax}]`, n);
  const res = output(fn, out, 2 * size, shape, 'complex array', data);
  if (size === 0) return res;
  if (n === 1) {
    res.set(data);
    return res;
  }
  let outer = 1;
  for (let i = 0; i < ax; i++) outer *= shape[i]!;
  const inner = size / (outer * n);
  const plan = getPlan(n);
  const block = 2 * n * inner;
  const per = blocksPerChunk(n * inner);
  for (let b = 0; b < outer; b += per) {
    const off = b * block;
    transformBlocks(plan, data, off, res, off, inner, Math.min(per, outer - b), inverse === true);
  }
  return res;
}

/**
 * NumPy's unnormalized `rfft` along the last axis: for real dense `data` of `shape`
 * `[..., n]`, the complex half spectrum `X_k = sum_j x_j e^{-2 pi i jk/n}`,
 * `k = 0..floor(n/2)`, dense with shape `[..., floor(n/2) + 1]` (interleaved). The
 * imaginary parts of DC and (even n) Nyquist are exactly zero.
 *
 * @param data real, `prod(shape)` values, row-major; not modified.
 * @param shape the real array's shape (at least one axis; `n = shape[-1] >= 1`).
 * @param out optional destination of `2 prod(shape[:-1]) (floor(n/2) + 1)` slots; must not
 *   overlap `data`.
 * @returns `out`, or a fresh array, holding the half spectra.
 */
export function realForwardLastAxis(data: Float64Array, shape: readonly number[], out?: Float64Array): Float64Array {
  const fn = 'realForwardLastAxis';
  const size = checkShape(fn, shape);
  if (shape.length === 0) {
    throw new ShapeError({ fn, arg: 'shape', expected: 'at least one axis', actual: fmtShape(shape) });
  }
  checkData(fn, 'data', data, size, shape, 'real array');
  const n = shape[shape.length - 1]!;
  checkLength(fn, `shape[${shape.length - 1}]`, n);
  const rows = size / n;
  const bins = (n >> 1) + 1;
  const res = output(fn, out, 2 * rows * bins, [...shape.slice(0, -1), bins], 'complex half spectrum', data);
  if (rows === 0) return res;
  realForwardRows(getRealPlan(n), data, res, rows);
  return res;
}

/**
 * The unnormalized complex-to-real inverse along the last axis (NumPy's
 * `irfft(x, n) * n`, pocketfft semantics): for complex dense `data` of `shape`
 * `[..., floor(n/2) + 1]`,
 *
 *     out_j = Re X_0 + 2 sum_{k=1}^{(n-1)/2} Re(X_k e^{2 pi i jk/n}) + [n even] Re X_{n/2} (-1)^j
 *
 * i.e. the imaginary parts of DC and (even n) Nyquist are ignored. Returns real dense
 * `[..., n]`. The caller pads or truncates the spectrum to `floor(n/2) + 1` bins first.
 *
 * @param data interleaved complex, `2 prod(shape)` slots, row-major; not modified.
 * @param shape the spectrum's shape; its last axis must be `floor(n/2) + 1`.
 * @param n the output length along the last axis (`>= 1`).
 * @param out optional destination of `prod(shape[:-1]) n` values; must not overlap `data`.
 * @returns `out`, or a fresh array, holding the real signals.
 */
export function realInverseLastAxis(data: Float64Array, shape: readonly number[], n: number, out?: Float64Array): Float64Array {
  const fn = 'realInverseLastAxis';
  const size = checkShape(fn, shape);
  if (shape.length === 0) {
    throw new ShapeError({ fn, arg: 'shape', expected: 'at least one axis', actual: fmtShape(shape) });
  }
  checkLength(fn, 'n', n);
  const bins = (n >> 1) + 1;
  const last = shape[shape.length - 1]!;
  if (last !== bins) {
    throw new ShapeError({ fn, arg: 'shape', expected: `last axis ${bins} (= floor(n/2) + 1 for n = ${n})`, actual: fmtShape(shape) });
  }
  checkData(fn, 'data', data, 2 * size, shape, 'complex array');
  const rows = size / bins;
  const res = output(fn, out, rows * n, [...shape.slice(0, -1), n], 'real array', data);
  if (rows === 0) return res;
  realInverseRows(getRealPlan(n), data, res, rows);
  return res;
}
