/**
 * CPU storage: a typed array in JS memory.
 *
 * @module
 */
import type { Backend, Storage } from '../backend.js';
import type { DType, TypedArray, TypedArrayFor } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/tensor.js';

/** A typed array owned by the CPU backend. */
export class CpuStorage implements Storage {
  constructor(
    readonly backend: Backend,
    readonly array: TypedArray,
  ) {}
}

/** The typed array behind a CPU tensor (the tensor may be a strided view of it). */
export function arrayOf<D extends DType>(x: Tensor & { dtype: D }): TypedArrayFor[D];
export function arrayOf(x: Tensor): TypedArray;
export function arrayOf(x: Tensor): TypedArray {
  const s = x.storage;
  if (!(s instanceof CpuStorage)) {
    throw new Error(`cpu backend: tensor #${x.id} lives on backend '${s.backend.name}'`);
  }
  return s.array;
}
