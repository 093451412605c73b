/**
 * CPU storage: a typed array in JS memory.
 *
 * @module
 */
import type { Backend, Storage } from '../backend.js';
import { type DType, type TypedArray, type TypedArrayFor, countScope, releaseArray } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/tensor.js';

/** The storages created in each open scope, innermost last. */
const scopes: CpuStorage[][] = [];
const RELEASED = new Float64Array(0);

/** A typed array owned by the CPU backend. */
export class CpuStorage implements Storage {
  /** The elements; emptied when a closed scope releases this storage. */
  array: TypedArray;
  released = false;

  constructor(
    readonly backend: Backend,
    array: TypedArray,
  ) {
    this.array = array;
    scopes.at(-1)?.push(this);
  }
}

/** Opens a scope: storages created until it closes may be released when it does. */
export function openScope(): void {
  scopes.push([]);
  countScope(1);
}

/**
 * Closes the innermost scope. Storages in `keep` (and any sharing their arrays) move to
 * the enclosing scope; the others are released: their arrays go back to `allocate`, and
 * a tensor still holding one fails loudly instead of reading reused memory.
 */
export function closeScope(keep: readonly Storage[]): void {
  const created = scopes.pop() ?? [];
  countScope(-1);
  const kept = new Set(keep);
  const keptArrays = new Set<TypedArray>();
  for (const s of created) if (kept.has(s)) keptArrays.add(s.array);
  const parent = scopes.at(-1);
  for (const s of created) {
    if (kept.has(s) || keptArrays.has(s.array)) {
      parent?.push(s);
    } else if (!s.released) {
      releaseArray(s.array);
      s.released = true;
      s.array = RELEASED;
    }
  }
}

/** Releases one storage now, as a closing scope would. */
export function releaseStorage(s: Storage): void {
  if (!(s instanceof CpuStorage) || s.released) return;
  releaseArray(s.array);
  s.released = true;
  s.array = RELEASED;
}

/** The typed array behind a CPU tensor (the tensor may be a strided view of it). */
export function arrayOf<D extends DType>(x: Tensor & { dtype: D }): TypedArrayFor[D];
export function arrayOf(x: Tensor): TypedArray;
export function arrayOf(x: Tensor): TypedArray {
  const s = x.storage;
  if (!(s instanceof CpuStorage)) {
    throw new Error(`cpu backend: tensor #${x.id} lives on backend '${s.backend.name}'`);
  }
  if (s.released) {
    throw new Error(`cpu backend: tensor #${x.id} was released when the tidy() scope that made it closed; return it from the scope to keep it`);
  }
  return s.array;
}
