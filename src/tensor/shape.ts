/**
 * Shape arithmetic: sizes, strides, broadcasting and axis normalisation. Pure functions
 * over plain number arrays, shared by every backend.
 *
 * @module
 */
import { ArgumentError, AxisError, ShapeError, fmtShape, fmtValue } from '../errors.js';

/** A tensor shape: one non-negative integer extent per axis. */
export type Shape = readonly number[];

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C-order) strides, in elements. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** True when `strides` describe a dense row-major layout of `shape` (size-1 axes ignored). */
export function isContiguous(shape: Shape, strides: readonly number[]): boolean {
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    if (d === 1) continue;
    if (strides[i] !== s) return false;
    s *= d;
  }
  return true;
}

/** Validates a user-supplied shape and returns a frozen copy. */
export function checkShape(shape: unknown, fn: string, arg = 'shape'): number[] {
  if (typeof shape === 'number') shape = [shape];
  if (!Array.isArray(shape)) {
    throw new ArgumentError({ fn, arg, expected: 'an array of non-negative integers', actual: fmtValue(shape) });
  }
  for (const d of shape) {
    if (!Number.isInteger(d) || (d as number) < 0) {
      throw new ShapeError({ fn, arg, expected: 'non-negative integer extents', actual: fmtValue(shape) });
    }
  }
  return (shape as number[]).slice();
}

/** True when two shapes are equal. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The NumPy broadcast of several shapes: axes are aligned on the right and each pair of
 * extents must be equal or contain a 1.
 */
export function broadcastShapes(fn: string, ...shapes: Shape[]): number[] {
  if (shapes.length === 2 && shapesEqual(shapes[0]!, shapes[1]!)) return shapes[0]!.slice();
  let rank = 0;
  for (const s of shapes) rank = Math.max(rank, s.length);
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const j = rank - s.length + i;
      const d = s[i]!;
      if (d === out[j] || d === 1) continue;
      if (out[j] === 1) {
        out[j] = d;
        continue;
      }
      throw new ShapeError({
        fn,
        arg: 'shapes',
        expected: 'shapes that broadcast together',
        actual: shapes.map(fmtShape).join(' and '),
      });
    }
  }
  return out;
}

/** Normalises a possibly negative axis for a tensor of rank `rank`. */
export function normalizeAxis(axis: number, rank: number, fn: string, arg = 'axis'): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new AxisError({ fn, arg, expected: `an integer in [${-rank}, ${rank - 1}]`, actual: fmtValue(axis) });
  }
  return axis < 0 ? axis + rank : axis;
}

/**
 * Normalises an axis list (or a single axis, or `undefined` meaning every axis) into
 * sorted, distinct, non-negative axes.
 */
export function normalizeAxes(
  axes: number | readonly number[] | undefined | null,
  rank: number,
  fn: string,
  arg = 'axis',
): number[] {
  if (axes === undefined || axes === null) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  if (!Array.isArray(list)) {
    throw new ArgumentError({ fn, arg, expected: 'an integer or an array of integers', actual: fmtValue(axes) });
  }
  const out = list.map((a) => normalizeAxis(a, rank, fn, arg));
  const sorted = [...out].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) {
      throw new AxisError({ fn, arg, expected: 'distinct axes', actual: fmtValue(list) });
    }
  }
  return sorted;
}

/** Checks that `perm` is a permutation of 0..rank-1 (negative entries allowed). */
export function checkPermutation(perm: readonly number[], rank: number, fn: string): number[] {
  if (!Array.isArray(perm) || perm.length !== rank) {
    throw new AxisError({ fn, arg: 'axes', expected: `a permutation of ${rank} axes`, actual: fmtValue(perm) });
  }
  const out = perm.map((a) => normalizeAxis(a, rank, fn, 'axes'));
  const seen = new Set(out);
  if (seen.size !== rank) {
    throw new AxisError({ fn, arg: 'axes', expected: `a permutation of ${rank} axes`, actual: fmtValue(perm) });
  }
  return out;
}
