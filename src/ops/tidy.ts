/**
 * `tidy`: run a computation and release the memory of its intermediates.
 *
 * @module
 */
import { registeredBackends } from '../backend/index.js';
import { ArgumentError, fmtValue } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { type Tree, treeFlatten } from '../tensor/tree.js';
import { getRecorder } from './primitive.js';

/**
 * Runs `fn` and releases the storage of every tensor it created except those in its
 * result (a tensor or a tree of tensors), so that later allocations reuse that memory
 * instead of asking the JS engine for new buffers. A released tensor that is used again
 * raises an error rather than reading reused memory, so do not let tensors made inside
 * escape except through the result.
 *
 * While a gradient is being taken, the tape still needs the intermediates, and `tidy`
 * simply runs `fn`. Scopes nest; what an inner scope returns belongs to the outer one.
 *
 * @example
 * let u = u0;
 * for (let t = 0; t < 1000; t++) u = tidy(() => stepper.step(u));
 */
export function tidy<T extends Tree>(fn: () => T): T {
  if (typeof fn !== 'function') throw new ArgumentError({ fn: 'tidy', arg: 'fn', expected: 'a function', actual: fmtValue(fn) });
  if (getRecorder() !== null) return fn();
  // Every registered backend gets a scope (backends registered inside fn get none).
  const backends = registeredBackends();
  for (const b of backends) b.openScope();
  let result: T;
  try {
    result = fn();
  } catch (e) {
    for (const b of backends) b.closeScope([]);
    throw e;
  }
  const keep = (result instanceof Tensor ? [result] : treeFlatten(result, 'tidy').leaves).map((t) => t.storage);
  for (const b of backends) b.closeScope(keep);
  return result;
}

/**
 * Frees the storage of every tensor in `tree` now, so that later allocations can reuse
 * it; using such a tensor afterwards (or a view sharing its storage) raises an error.
 * Inside a gradient computation the tape may still need the values, so nothing is freed.
 */
export function dispose(tree: Tree): void {
  if (getRecorder() !== null) return;
  for (const t of tree instanceof Tensor ? [tree] : treeFlatten(tree, 'dispose').leaves) t.storage.backend.release(t.storage);
}
