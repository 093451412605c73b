/**
 * Joining and splitting: concat, stack, split.
 *
 * @module
 */
import { ArgumentError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { promoteTypes } from '../tensor/dtype.js';
import { normalizeAxis } from '../tensor/shape.js';
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { toTensor } from './convert.js';
import { cast } from './elementwise.js';
import { type Primitive, bind } from './primitive.js';
import { expandDims, slice } from './view.js';

const concatPrim: Primitive<{ axis: number; shape: number[] }> = {
  name: 'concat',
  forward: (xs, { axis, shape }) => xs[0]!.storage.backend.concat(xs, axis, shape),
  vjp: (g, xs, _y, { axis }) => {
    let start = 0;
    return xs.map((x) => {
      const n = x.shape[axis]!;
      const part = slice(g, ...x.shape.map((_, i) => (i === axis ? ([start, start + n] as const) : null)));
      start += n;
      return part;
    });
  },
};

/** Joins tensors along an existing `axis`; other extents must agree. Dtypes are promoted. */
export function concat(xs: readonly TensorLike[], axis = 0): Tensor {
  const fn = 'concat';
  if (!Array.isArray(xs) || xs.length === 0) {
    throw new ArgumentError({ fn, arg: 'xs', expected: 'a non-empty array of tensors', actual: fmtValue(xs) });
  }
  const ts = xs.map((x, i) => toTensor(x, fn, `xs[${i}]`));
  const first = ts[0]!;
  const a = normalizeAxis(axis, first.ndim, fn);
  const dtype = ts.reduce((d, t) => promoteTypes(d, t.dtype), first.dtype);
  ts.forEach((t, i) => {
    const ok = t.ndim === first.ndim && t.shape.every((d, j) => j === a || d === first.shape[j]);
    if (!ok) {
      throw new ShapeError({ fn, arg: `xs[${i}]`, expected: `shape ${fmtShape(first.shape)} except along axis ${a}`, actual: fmtShape(t.shape) });
    }
    if (t.storage.backend !== first.storage.backend) {
      throw new ArgumentError({ fn, arg: `xs[${i}]`, expected: `backend '${first.storage.backend.name}'`, actual: `'${t.storage.backend.name}'` });
    }
  });
  if (ts.length === 1) return cast(first, dtype);
  const shape = [...first.shape];
  shape[a] = ts.reduce((n, t) => n + t.shape[a]!, 0);
  return bind(concatPrim, ts.map((t) => cast(t, dtype)), { axis: a, shape });
}

/** Stacks equal-shape tensors along a new `axis`. */
export function stack(xs: readonly TensorLike[], axis = 0): Tensor {
  const fn = 'stack';
  if (!Array.isArray(xs) || xs.length === 0) {
    throw new ArgumentError({ fn, arg: 'xs', expected: 'a non-empty array of tensors', actual: fmtValue(xs) });
  }
  const ts = xs.map((x, i) => toTensor(x, fn, `xs[${i}]`));
  const a = normalizeAxis(axis, ts[0]!.ndim + 1, fn);
  ts.forEach((t, i) => {
    if (fmtShape(t.shape) !== fmtShape(ts[0]!.shape)) {
      throw new ShapeError({ fn, arg: `xs[${i}]`, expected: `shape ${fmtShape(ts[0]!.shape)}`, actual: fmtShape(t.shape) });
    }
  });
  return concat(ts.map((t) => expandDims(t, a)), a);
}

/**
 * Splits along `axis` into `sections` equal parts, or at the given sorted indices
 * (as NumPy's `split`). The parts are views.
 */
export function split(x: TensorLike, sections: number | readonly number[], axis = 0): Tensor[] {
  const fn = 'split';
  const t = toTensor(x, fn);
  const a = normalizeAxis(axis, t.ndim, fn);
  const n = t.shape[a]!;
  let cuts: number[];
  if (typeof sections === 'number') {
    if (!Number.isInteger(sections) || sections < 1 || n % sections !== 0) {
      throw new ArgumentError({ fn, arg: 'sections', expected: `a positive divisor of ${n}`, actual: fmtValue(sections) });
    }
    cuts = Array.from({ length: sections - 1 }, (_, i) => ((i + 1) * n) / sections);
  } else {
    cuts = [...sections];
    if (cuts.some((c, i) => !Number.isInteger(c) || c < 0 || c > n || (i > 0 && c < cuts[i - 1]!))) {
      throw new ArgumentError({ fn, arg: 'sections', expected: `sorted integer indices in [0, ${n}]`, actual: fmtValue(sections) });
    }
  }
  const bounds = [0, ...cuts, n];
  return bounds.slice(1).map((end, i) => slice(t, ...t.shape.map((_, j) => (j === a ? ([bounds[i]!, end] as const) : null))));
}
