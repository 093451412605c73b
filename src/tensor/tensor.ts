/**
 * The tensor: an immutable, strided view of typed storage on some backend.
 *
 * Nothing in difftape mutates a tensor after it is made, so views (transpose, slice,
 * broadcast, reshape of dense data) share storage freely. Operations are functions in
 * `src/ops/`; the methods on this class (`x.add(y)`, `x.sum()`) are attached there.
 *
 * @module
 */
import type { Storage } from '../backend/backend.js';
import { ArgumentError, DTypeError, fmtShape } from '../errors.js';
import { type DType, type TypedArray, isComplex } from './dtype.js';
import { type Shape, contiguousStrides, isContiguous, sizeOf } from './shape.js';

let nextId = 1;

/** An n-dimensional array of one dtype. Create one with `tensor`, `zeros`, `arange`, ... */
export class Tensor {
  /** Extent of each axis. */
  readonly shape: Shape;
  /** Element type. */
  readonly dtype: DType;
  /** Number of elements. */
  readonly size: number;
  /** Step in storage elements per unit step of each axis (0 on broadcast axes). */
  readonly strides: readonly number[];
  /** Storage index of element `[0, ..., 0]`. */
  readonly offset: number;
  /** The backend storage this tensor views. */
  readonly storage: Storage;
  /** A process-unique number, handy for debugging and for stable printing of graphs. */
  readonly id: number;
  /** True when the elements are dense and row-major in storage. */
  readonly isContiguous: boolean;

  /**
   * Low-level constructor; prefer the creation functions. `shape` and `strides` are
   * copied (not frozen, which would slow every op down: treat them as read-only).
   */
  constructor(storage: Storage, shape: Shape, dtype: DType, strides?: readonly number[], offset = 0) {
    this.storage = storage;
    this.shape = shape.slice();
    this.dtype = dtype;
    this.size = sizeOf(shape);
    this.strides = strides === undefined ? contiguousStrides(shape) : strides.slice();
    this.offset = offset;
    this.id = nextId++;
    this.isContiguous = strides === undefined || isContiguous(shape, strides);
  }

  /** Number of axes. */
  get ndim(): number {
    return this.shape.length;
  }

  /** The elements in row-major order, as a new typed array of this tensor's dtype. */
  toTypedArray(): TypedArray {
    return this.storage.backend.read(this);
  }

  /**
   * The elements in row-major order, read asynchronously: works on every backend,
   * including WebGPU, whose device memory has no synchronous readback.
   */
  async data(): Promise<TypedArray> {
    const b = this.storage.backend;
    return b.readAsync ? b.readAsync(this) : b.read(this);
  }

  /**
   * The elements as nested JS arrays of numbers (bool as 0/1); a scalar gives a number.
   * A complex element becomes the pair `[re, im]`.
   */
  toArray(): NestedNumbers {
    return nest<NestedNumbers>(this, (flat, i) => flat[i]!, (flat, i) => [flat[2 * i]!, flat[2 * i + 1]!]) as NestedNumbers;
  }

  /** The single element of a size-1 real tensor, as a number (bool as 0/1). */
  item(): number {
    if (this.size !== 1) {
      throw new ArgumentError({ fn: 'item', arg: 'this', expected: 'a tensor with one element', actual: `shape ${fmtShape(this.shape)}` });
    }
    if (isComplex(this.dtype)) {
      throw new DTypeError({ fn: 'item', arg: 'this', expected: 'a real tensor (take real() or imag() first)', actual: this.dtype });
    }
    return this.toTypedArray()[0]!;
  }

  /** A short description with the values, e.g. `tensor([1,2], float64)` or `tensor([1+2i], complex128)`. */
  toString(): string {
    const num = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));
    const fmt = (v: NestedStrings): string => (Array.isArray(v) ? `[${v.map(fmt).join(',')}]` : v);
    const body = this.size > 1000
      ? `shape ${fmtShape(this.shape)}`
      : fmt(nest<string>(this, (f, i) => num(f[i]!), (f, i) => {
        const im = f[2 * i + 1]!;
        return `${num(f[2 * i]!)}${im < 0 || Object.is(im, -0) || im !== im ? '' : '+'}${num(im)}i`;
      }));
    return `tensor(${body}, ${this.dtype})`;
  }
}

type NestedStrings = string | NestedStrings[];

/** Nested arrays of `x`'s elements in row-major order, each made by `real` or `complex`. */
function nest<T>(
  x: Tensor, real: (flat: TypedArray, i: number) => T, complex: (flat: TypedArray, i: number) => T,
): T | Nested<T> {
  const flat = x.toTypedArray();
  const elem = isComplex(x.dtype) ? complex : real;
  if (x.shape.length === 0) return elem(flat, 0);
  let pos = 0;
  const build = (axis: number): Nested<T> => {
    const n = x.shape[axis]!;
    const out: (T | Nested<T>)[] = new Array(n);
    const last = axis === x.shape.length - 1;
    for (let i = 0; i < n; i++) out[i] = last ? elem(flat, pos++) : build(axis + 1);
    return out;
  };
  return build(0);
}

type Nested<T> = (T | Nested<T>)[];

/** Nested arrays of numbers, the plain-JS form of a tensor. */
export type NestedNumbers = number | NestedNumbers[];

/** Anything an op accepts where a tensor is expected: a tensor or a JS number. */
export type TensorLike = Tensor | number;
