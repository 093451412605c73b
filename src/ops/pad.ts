/**
 * Padding (constant, periodic, reflecting, edge) and rolling.
 *
 * Constant padding is a primitive whose adjoint is a slice. The other modes are index
 * maps: each padded axis is a `take` with indices computed once, so their gradients
 * (which must add up the contributions of repeated elements) come from `take`'s adjoint.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../errors.js';
import { isComplex } from '../tensor/dtype.js';
import { normalizeAxis } from '../tensor/shape.js';
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { tensor } from '../tensor/creation.js';
import { toTensor } from './convert.js';
import { take } from './gather.js';
import { concat } from './join.js';
import { type Primitive, bind } from './primitive.js';
import { reshape, slice } from './view.js';

/** Padding modes, as NumPy's `pad`. */
export type PadMode = 'constant' | 'wrap' | 'reflect' | 'symmetric' | 'edge';

/** Pad widths: one width for all sides, `[before, after]` for all axes, or one pair per axis. */
export type PadWidths = number | readonly [number, number] | readonly (readonly [number, number])[];

const padPrim: Primitive<{ widths: [number, number][]; value: number }> = {
  name: 'pad',
  forward: ([x], { widths, value }) => x!.storage.backend.padConstant(x!, widths, value),
  vjp: (g, [x], _y, { widths }) => [slice(g, ...widths.map(([b], i) => [b, b + x!.shape[i]!] as const))],
};

function normalizeWidths(widths: PadWidths, rank: number): [number, number][] {
  const bad = (): never => {
    throw new ArgumentError({ fn: 'pad', arg: 'widths', expected: `a non-negative integer, a [before, after] pair or ${rank} pairs`, actual: fmtValue(widths) });
  };
  let pairs: [number, number][];
  if (typeof widths === 'number') pairs = Array.from({ length: rank }, () => [widths, widths]);
  else if (Array.isArray(widths) && widths.length === 2 && typeof widths[0] === 'number') {
    const [b, a] = widths as unknown as readonly [number, number];
    pairs = Array.from({ length: rank }, () => [b, a]);
  } else if (Array.isArray(widths) && widths.length === rank && widths.every((w) => Array.isArray(w) && w.length === 2)) {
    pairs = (widths as readonly (readonly [number, number])[]).map(([b, a]) => [b, a]);
  } else return bad();
  if (pairs.some(([b, a]) => !Number.isInteger(b) || !Number.isInteger(a) || b < 0 || a < 0)) bad();
  return pairs;
}

/** Source index of padded position `p` (`i = p - before`) along an axis of extent n. */
function sourceIndex(mode: Exclude<PadMode, 'constant'>, i: number, n: number): number {
  const mod = (a: number, m: number): number => ((a % m) + m) % m;
  switch (mode) {
    case 'wrap':
      return mod(i, n);
    case 'edge':
      return Math.min(n - 1, Math.max(0, i));
    case 'reflect': {
      if (n === 1) return 0;
      const m = mod(i, 2 * (n - 1));
      return m < n ? m : 2 * (n - 1) - m;
    }
    case 'symmetric': {
      const m = mod(i, 2 * n);
      return m < n ? m : 2 * n - 1 - m;
    }
  }
}

/**
 * Pads `x` as NumPy's `pad`: `constant` (with `value`, default 0), `wrap` (periodic),
 * `reflect` (mirror without repeating the edge), `symmetric` (mirror repeating it) or
 * `edge` (repeat the edge value).
 */
export function pad(x: TensorLike, widths: PadWidths, options: { mode?: PadMode; value?: number } = {}): Tensor {
  const fn = 'pad';
  const t = toTensor(x, fn);
  const w = normalizeWidths(widths, t.ndim);
  const mode = options.mode ?? 'constant';
  if (!['constant', 'wrap', 'reflect', 'symmetric', 'edge'].includes(mode)) {
    throw new ArgumentError({ fn, arg: 'mode', expected: "'constant', 'wrap', 'reflect', 'symmetric' or 'edge'", actual: fmtValue(mode) });
  }
  const value = options.value ?? 0;
  if (typeof value !== 'number') throw new ArgumentError({ fn, arg: 'value', expected: 'a number', actual: fmtValue(value) });
  if (value !== 0 && isComplex(t.dtype)) {
    throw new ArgumentError({ fn, arg: 'value', expected: '0 for a complex tensor (pad with zeros, then add the constant)', actual: fmtValue(value) });
  }
  if (w.every(([b, a]) => b === 0 && a === 0)) return t;
  if (mode === 'constant') return bind(padPrim, [t], { widths: w, value });
  let out = t;
  w.forEach(([before, after], axis) => {
    if (before === 0 && after === 0) return;
    const n = t.shape[axis]!;
    if (n === 0) throw new ArgumentError({ fn, arg: 'x', expected: `a non-empty axis ${axis} for mode '${mode}'`, actual: 'extent 0' });
    const idx = Array.from({ length: n + before + after }, (_, p) => sourceIndex(mode, p - before, n));
    out = take(out, tensor(idx, { dtype: 'int32', backend: t.storage.backend }), axis);
  });
  return out;
}

/**
 * Shifts elements cyclically by `shift` along `axis` (as NumPy's `roll`); without an
 * axis the tensor is rolled as if flattened. Several axes take one shift each.
 */
export function roll(x: TensorLike, shift: number | readonly number[], axis?: number | readonly number[]): Tensor {
  const fn = 'roll';
  const t = toTensor(x, fn);
  if (axis === undefined) {
    if (typeof shift !== 'number') throw new ArgumentError({ fn, arg: 'shift', expected: 'a number when no axis is given', actual: fmtValue(shift) });
    return reshape(roll(reshape(t, [t.size]), shift, 0), t.shape);
  }
  const axes = typeof axis === 'number' ? [axis] : [...axis];
  const shifts = typeof shift === 'number' ? axes.map(() => shift) : [...shift];
  if (shifts.length !== axes.length || shifts.some((s) => !Number.isInteger(s))) {
    throw new ArgumentError({ fn, arg: 'shift', expected: `${axes.length} integer shifts`, actual: fmtValue(shift) });
  }
  // An axis may repeat (its shifts add up), as in NumPy.
  const norm = axes.map((ax) => normalizeAxis(ax, t.ndim, fn));
  let out = t;
  norm.forEach((a, k) => {
    const n = t.shape[a]!;
    const s = n === 0 ? 0 : ((shifts[k]! % n) + n) % n;
    if (s === 0) return;
    const at = (lo: number, hi: number) => out.shape.map((_, i) => (i === a ? ([lo, hi] as const) : null));
    out = concat([slice(out, ...at(n - s, n)), slice(out, ...at(0, n - s))], a);
  });
  return out;
}
