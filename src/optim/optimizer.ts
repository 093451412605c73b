/**
 * The optimizer interface (optax's `GradientTransformation`) and `applyUpdates`.
 *
 * @module
 */
import { add, cast } from '../ops/elementwise.js';
import type { Tree } from '../tensor/tree.js';
import { rebuild, zipLeaves } from './tree.js';

/**
 * A gradient transformation, as optax's: pure functions over plain trees, with no hidden
 * state. `init` builds the state for some parameters; `update` turns gradients (a tree of
 * the parameters' structure) and the current state into updates, to be **added** to the
 * parameters with {@link applyUpdates} (they already carry the minus sign and the
 * learning rate), and the next state. The state is a tree of tensors and numbers, so it
 * can be saved and restored (e.g. with `stringifyTree` / `parseTree`).
 *
 * @example
 * const opt = adam(1e-3);
 * let state = opt.init(params);
 * for (...) {
 *   const g = grad(loss)(params);
 *   const { updates, state: next } = opt.update(g, state);
 *   params = applyUpdates(params, updates);
 *   state = next;
 * }
 */
export interface Optimizer<S = unknown> {
  /** The initial state for `params` (which it does not modify). */
  init(params: Tree): S;
  /** The updates for `grads` and the state after this step (`state` is not modified). */
  update(grads: Tree, state: S): { updates: Tree; state: S };
}

/**
 * `params + updates`, leaf by leaf (optax's `apply_updates`): each result keeps its
 * parameter's dtype. Static values are kept.
 *
 * @throws ArgumentError if the trees differ in structure; ShapeError if a leaf's shape
 *   differs.
 */
export function applyUpdates<T extends Tree>(params: T, updates: Tree): T {
  const { def, leaves: [ps, us] } = zipLeaves('applyUpdates', params, [updates], ['updates']);
  return rebuild(def, ps!.map((p, i) => {
    const y = add(p, us![i]!);
    return y.dtype === p.dtype ? y : cast(y, p.dtype);
  })) as T;
}
