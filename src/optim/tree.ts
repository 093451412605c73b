/**
 * Pairing the leaves of parameter-shaped trees (internal), and the learning-rate
 * argument of the optimizers.
 *
 * @module
 */
import { ArgumentError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { zerosLike } from '../tensor/creation.js';
import type { Tensor } from '../tensor/tensor.js';
import { type Tree, type TreeDef, treeDefsEqual, treeFlatten, treeUnflatten } from '../tensor/tree.js';
import type { Schedule } from './schedules.js';

/**
 * The leaves of `tree` and of each of `others`, checked to have `tree`'s structure and,
 * leaf by leaf, its shapes; `names[j]` names `others[j]` in errors.
 */
export function zipLeaves(fn: string, tree: Tree, others: readonly Tree[], names: readonly string[]): { def: TreeDef; leaves: Tensor[][] } {
  const { leaves, def } = treeFlatten(tree, fn);
  const rest = others.map((o, j) => {
    const flat = treeFlatten(o, fn);
    if (!treeDefsEqual(def, flat.def)) {
      const expected = 'the same tree structure as the parameters (and the optimizer state)';
      throw new ArgumentError({ fn, arg: names[j]!, expected, actual: 'a different structure' });
    }
    flat.leaves.forEach((t, i) => {
      const s = leaves[i]!.shape;
      if (t.shape.length !== s.length || t.shape.some((d, a) => d !== s[a])) {
        throw new ShapeError({ fn, arg: names[j]!, expected: `leaf ${i} of shape ${fmtShape(s)}`, actual: fmtShape(t.shape) });
      }
    });
    return flat.leaves;
  });
  return { def, leaves: [leaves, ...rest] };
}

/** A tree of `params`' structure with every tensor replaced by zeros of its shape and dtype. */
export function zerosTree(params: Tree, fn: string): Tree {
  const { def, leaves } = treeFlatten(params, fn);
  return rebuild(def, leaves.map((p) => zerosLike(p)));
}

/** Rebuilds a tree of structure `def` from its leaves. */
export function rebuild(def: TreeDef, leaves: readonly Tensor[]): Tree {
  return treeUnflatten(def, leaves) as Tree;
}

/** A learning rate (a finite number or a schedule) as a schedule that checks its values. */
export function toSchedule(learningRate: number | Schedule, fn: string): Schedule {
  if (typeof learningRate === 'number' && Number.isFinite(learningRate)) return () => learningRate;
  if (typeof learningRate !== 'function') {
    throw new ArgumentError({ fn, arg: 'learningRate', expected: 'a finite number or a schedule (step) => number', actual: fmtValue(learningRate) });
  }
  return (step) => {
    const lr = learningRate(step);
    if (typeof lr !== 'number' || !Number.isFinite(lr)) {
      throw new ArgumentError({ fn, arg: 'learningRate', expected: `a schedule returning finite numbers (at step ${step})`, actual: fmtValue(lr) });
    }
    return lr;
  };
}

/** Throws unless `count` is a non-negative integer; returns it. */
export function checkCount(count: unknown, fn: string): number {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
    throw new ArgumentError({ fn, arg: 'state.count', expected: 'a non-negative integer', actual: fmtValue(count) });
  }
  return count;
}

/** Throws unless `state` is an object; returns it. */
export function checkState<S>(state: S, fn: string): S {
  if (typeof state !== 'object' || state === null) {
    throw new ArgumentError({ fn, arg: 'state', expected: "an optimizer state from this optimizer's init or update", actual: fmtValue(state) });
  }
  return state;
}
