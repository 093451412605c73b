/**
 * Generic assertions and small utilities for tests of tensor ops. Runs in Node and in
 * the browser (no Node built-ins).
 *
 * - {@link assertClose}: values within `atol + rtol * |expected|`, elementwise, NaN
 *   matching NaN, infinities matching exactly; shapes checked where both sides have one.
 * - {@link assertShape}, {@link assertDType}: the metadata of a tensor.
 * - {@link assertThrowsTyped}: a typed difftape error with the expected function and
 *   argument named in its details and its message.
 * - {@link flatten}, {@link shapeOf}: nested JS arrays to flat values and shape.
 * - {@link randomArray}, {@link randomTensor}: deterministic pseudo-random test data.
 * - {@link ravel}, {@link unravel}, {@link forEachIndex}: index arithmetic for writing
 *   naive reference implementations with plain loops.
 * - {@link ulpDistance}: the number of doubles between two numbers.
 *
 * @module
 */
import * as assert from 'uvu/assert';
import { DifftapeError } from '../../src/errors.js';
import { tensor } from '../../src/tensor/creation.js';
import type { DType } from '../../src/tensor/dtype.js';
import { Tensor } from '../../src/tensor/tensor.js';

/** Nested JS arrays of numbers (booleans count as 0/1). */
export type Nested = number | boolean | readonly Nested[];

/** What {@link assertClose} compares: a tensor, a typed array, nested arrays or a number. */
export type Comparable = Tensor | Nested | ArrayLike<number>;

/** Tolerances and options of {@link assertClose}. */
export interface CloseOptions {
  /** Relative tolerance (default 1e-12). */
  rtol?: number;
  /** Absolute tolerance (default 0). */
  atol?: number;
  /** When true (default), NaN equals NaN. When false, any NaN fails. */
  equalNaN?: boolean;
  /** When true, +0 and -0 must match too (default false). */
  signedZeros?: boolean;
  /** Prefix for failure messages. */
  message?: string;
}

function isTypedArray(x: unknown): x is ArrayLike<number> {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/** The shape of nested arrays (`[]` for a number); throws if they are ragged. */
export function shapeOf(x: Nested): number[] {
  const shape: number[] = [];
  for (let d: Nested = x; Array.isArray(d); d = (d as readonly Nested[])[0]!) shape.push(d.length);
  const check = (d: Nested, axis: number): void => {
    if (axis === shape.length) {
      if (Array.isArray(d)) throw new Error(`shapeOf: ragged nested array at depth ${axis}`);
      return;
    }
    if (!Array.isArray(d) || d.length !== shape[axis]) throw new Error(`shapeOf: ragged nested array at depth ${axis}`);
    for (const e of d as readonly Nested[]) check(e, axis + 1);
  };
  check(x, 0);
  return shape;
}

/** The values of a tensor, typed array, nested array or number, flat in row-major order. */
export function flatten(x: Comparable): number[] {
  if (x instanceof Tensor) return Array.from(x.toTypedArray() as ArrayLike<number>);
  if (isTypedArray(x)) return Array.from(x);
  const out: number[] = [];
  const walk = (d: Nested): void => {
    if (Array.isArray(d)) for (const e of d as readonly Nested[]) walk(e);
    else out.push(Number(d));
  };
  walk(x as Nested);
  return out;
}

/**
 * The shape carried by a value: a tensor's, a nested array's (depth >= 2) or a number's
 * (rank 0); undefined for typed arrays and flat JS arrays, which stand for row-major
 * values of any shape.
 */
function carriedShape(x: Comparable): number[] | undefined {
  if (x instanceof Tensor) return [...x.shape];
  if (isTypedArray(x)) return undefined;
  const shape = shapeOf(x as Nested);
  return shape.length === 1 ? undefined : shape;
}

function fmt(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/**
 * Asserts that `actual` and `expected` hold the same values within
 * `|a - e| <= atol + rtol * |e|` at every element.
 *
 * - Shapes: when both sides carry one (a tensor, nested arrays of depth >= 2, or a plain
 *   number, which is rank 0), they must be equal. A typed array or a flat JS array
 *   carries none: it is compared with the row-major values of the other side, whatever
 *   its shape (only the element count must agree); use {@link assertShape} as well
 *   where the shape matters.
 * - NaN matches NaN unless `equalNaN: false`; infinities must match exactly.
 * - With `rtol: 0, atol: 0` the comparison is exact (up to the sign of zero, unless
 *   `signedZeros`).
 *
 * The failure message lists the first few mismatching elements with their flat index.
 */
export function assertClose(actual: Comparable, expected: Comparable, options: CloseOptions = {}): void {
  const { rtol = 1e-12, atol = 0, equalNaN = true, signedZeros = false, message } = options;
  const prefix = message ? `${message}: ` : '';
  const sa = carriedShape(actual);
  const se = carriedShape(expected);
  if (sa !== undefined && se !== undefined && (sa.length !== se.length || sa.some((d, i) => d !== se[i]))) {
    assert.unreachable(`${prefix}shape [${sa}] differs from expected [${se}]`);
  }
  const a = flatten(actual);
  const e = flatten(expected);
  if (a.length !== e.length) assert.unreachable(`${prefix}${a.length} elements, expected ${e.length}`);
  const bad: string[] = [];
  let nBad = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = e[i]!;
    let ok: boolean;
    if (x !== x || y !== y) ok = equalNaN && x !== x && y !== y;
    else if (!Number.isFinite(x) || !Number.isFinite(y)) ok = x === y;
    else ok = Math.abs(x - y) <= atol + rtol * Math.abs(y);
    if (ok && signedZeros && x === 0 && y === 0) ok = Object.is(x, y);
    if (!ok) {
      nBad++;
      if (bad.length < 6) bad.push(`[${i}] ${fmt(x)} vs expected ${fmt(y)} (diff ${Math.abs(x - y)})`);
    }
  }
  if (nBad > 0) {
    assert.unreachable(`${prefix}${nBad} of ${a.length} elements differ (rtol ${rtol}, atol ${atol}):\n  ${bad.join('\n  ')}`);
  }
}

/** Asserts the values are exactly equal (NaN matches NaN; +0 and -0 match unless `signedZeros`). */
export function assertEqualValues(actual: Comparable, expected: Comparable, options: Omit<CloseOptions, 'rtol' | 'atol'> = {}): void {
  assertClose(actual, expected, { ...options, rtol: 0, atol: 0 });
}

/** Asserts a tensor's shape. */
export function assertShape(t: Tensor, shape: readonly number[], message?: string): void {
  assert.instance(t, Tensor, message ?? 'expected a Tensor');
  assert.equal([...t.shape], [...shape], `${message ? message + ': ' : ''}shape [${t.shape}], expected [${shape}]`);
}

/** Asserts a tensor's dtype. */
export function assertDType(t: Tensor, dtype: DType, message?: string): void {
  assert.instance(t, Tensor, message ?? 'expected a Tensor');
  assert.is(t.dtype, dtype, `${message ? message + ': ' : ''}dtype ${t.dtype}, expected ${dtype}`);
}

/** What {@link assertThrowsTyped} expects of the error. */
export interface ThrowsExpectation {
  /** The public function named in `details.fn` and in the message. */
  fn?: string;
  /** The argument named in `details.arg` and in the message. */
  arg?: string;
  /** Substrings that the message must contain. */
  includes?: readonly string[];
}

/**
 * Asserts that `f` throws an instance of `cls` (a {@link DifftapeError} subclass) whose
 * details and message name `fn` and `arg` when given, and whose message contains each
 * of `includes`. Returns the error for further checks.
 */
export function assertThrowsTyped<E extends DifftapeError>(
  f: () => unknown,
  cls: abstract new (...args: never[]) => E,
  expect: ThrowsExpectation = {},
): E {
  let caught: unknown;
  try {
    f();
  } catch (err) {
    caught = err;
  }
  if (caught === undefined) assert.unreachable(`expected ${cls.name} to be thrown, but nothing was`);
  if (!(caught instanceof cls)) {
    const what = caught instanceof Error ? `${caught.constructor.name}: ${caught.message}` : String(caught);
    assert.unreachable(`expected ${cls.name}, got ${what}`);
  }
  const err = caught as E;
  assert.ok(err instanceof DifftapeError, 'a difftape error');
  if (expect.fn !== undefined) {
    assert.is(err.info.fn, expect.fn, `details.fn (message: ${err.message})`);
    assert.ok(err.message.startsWith(expect.fn), `message names '${expect.fn}': ${err.message}`);
  }
  if (expect.arg !== undefined) {
    assert.is(err.info.arg, expect.arg, `details.arg (message: ${err.message})`);
    assert.ok(err.message.includes(`'${expect.arg}'`), `message names argument '${expect.arg}': ${err.message}`);
  }
  for (const s of expect.includes ?? []) assert.ok(err.message.includes(s), `message contains ${JSON.stringify(s)}: ${err.message}`);
  return err;
}

/** A deterministic generator (xorshift32) of numbers uniform in [0, 1). */
export function makeRandom(seed = 1): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** `n` deterministic pseudo-random numbers uniform in `[lo, hi)`; `integers` rounds them down. */
export function randomArray(n: number, options: { seed?: number; lo?: number; hi?: number; integers?: boolean } = {}): number[] {
  const { seed = 1, lo = -1, hi = 1, integers = false } = options;
  const rand = makeRandom(seed);
  return Array.from({ length: n }, () => {
    const v = lo + (hi - lo) * rand();
    return integers ? Math.floor(v) : v;
  });
}

/** A tensor of `shape` with {@link randomArray} values (float64 unless `dtype` is given). */
export function randomTensor(
  shape: readonly number[],
  options: { seed?: number; lo?: number; hi?: number; integers?: boolean; dtype?: DType } = {},
): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = randomArray(n, options);
  return tensor(Float64Array.from(values), { shape, dtype: options.dtype ?? 'float64' });
}

/** Row-major flat index of `index` in `shape`. */
export function ravel(index: readonly number[], shape: readonly number[]): number {
  let flat = 0;
  for (let i = 0; i < shape.length; i++) flat = flat * shape[i]! + index[i]!;
  return flat;
}

/** The multi-index of row-major flat index `flat` in `shape`. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    index[i] = flat % d;
    flat = Math.floor(flat / d);
  }
  return index;
}

/** Calls `f(index, flat)` for every multi-index of `shape` in row-major order. */
export function forEachIndex(shape: readonly number[], f: (index: number[], flat: number) => void): void {
  const n = shape.reduce((a, b) => a * b, 1);
  for (let i = 0; i < n; i++) f(unravel(i, shape), i);
}

/** The NumPy broadcast of two shapes, or undefined when they do not broadcast (reference implementation). */
export function broadcastShapesRef(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** The flat index into an array of `shape` of output `index` under broadcasting (right-aligned, size-1 axes pinned to 0). */
export function broadcastIndex(index: readonly number[], shape: readonly number[]): number {
  const lead = index.length - shape.length;
  let flat = 0;
  for (let i = 0; i < shape.length; i++) flat = flat * shape[i]! + (shape[i] === 1 ? 0 : index[lead + i]!);
  return flat;
}

const ulpView = new DataView(new ArrayBuffer(8));

function ordinal(x: number): bigint {
  ulpView.setFloat64(0, x);
  const b = ulpView.getBigInt64(0);
  return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
}

/** The number of doubles between `a` and `b` (0 for two NaNs, Infinity for NaN against a number). */
export function ulpDistance(a: number, b: number): number {
  if (a !== a || b !== b) return a !== a && b !== b ? 0 : Infinity;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}
