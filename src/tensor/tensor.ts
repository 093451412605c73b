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
import { ArgumentError, fmtShape } from '../errors.js';
import type { DType, TypedArray } from './dtype.js';
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

  /** Low-level constructor; prefer the creation functions. */
  constructor(storage: Storage, shape: Shape, dtype: DType, strides?: readonly number[], offset = 0) {
    this.storage = storage;
    this.shape = Object.freeze(shape.slice());
    this.dtype = dtype;
    this.size = sizeOf(shape);
    this.strides = Object.freeze(strides ? strides.slice() : contiguousStrides(shape));
    this.offset = offset;
    this.id = nextId++;
  }

  /** Number of axes. */
  get ndim(): number {
    return this.shape.length;
  }

  /** True when the elements are dense and row-major in storage. */
  get isContiguous(): boolean {
    return isContiguous(this.shape, this.strides);
  }

  /** The elements in row-major order, as a new typed array of this tensor's dtype. */
  toTypedArray(): TypedArray {
    return this.storage.backend.read(this);
  }

  /** The elements as nested JS arrays of numbers (bool as 0/1); a scalar gives a number. */
  toArray(): NestedNumbers {
    const flat = this.toTypedArray();
    if (this.shape.length === 0) return flat[0]!;
    let pos = 0;
    const build = (axis: number): NestedNumbers => {
      const n = this.shape[axis]!;
      const out: NestedNumbers[] = new Array(n);
      if (axis === this.shape.length - 1) {
        for (let i = 0; i < n; i++) out[i] = flat[pos++]!;
      } else {
        for (let i = 0; i < n; i++) out[i] = build(axis + 1);
      }
      return out;
    };
    return build(0);
  }

  /** The single element of a size-1 tensor, as a number (bool as 0/1). */
  item(): number {
    if (this.size !== 1) {
      throw new ArgumentError({ fn: 'item', arg: 'this', expected: 'a tensor with one element', actual: `shape ${fmtShape(this.shape)}` });
    }
    return this.toTypedArray()[0]!;
  }

  /** A short description with the values, e.g. `tensor([1,2], float64)`. */
  toString(): string {
    const fmt = (v: NestedNumbers): string =>
      Array.isArray(v) ? `[${v.map(fmt).join(',')}]` : Object.is(v, -0) ? '-0' : String(v);
    const body = this.size > 1000 ? `shape ${fmtShape(this.shape)}` : fmt(this.toArray());
    return `tensor(${body}, ${this.dtype})`;
  }
}

/** Nested arrays of numbers, the plain-JS form of a tensor. */
export type NestedNumbers = number | NestedNumbers[];

/** Anything an op accepts where a tensor is expected: a tensor or a JS number. */
export type TensorLike = Tensor | number;
