/**
 * Trees of tensors: nested arrays and plain objects whose leaves are tensors, such as a
 * network's parameters. Gradients, optimizers and serialisation work on whole trees.
 *
 * Values that are not tensors (numbers, strings, booleans, null) may sit in a tree as
 * static data: they are kept in the structure, not in the list of leaves, so `treeMap`
 * and gradients pass them through unchanged. Object keys are visited in sorted order,
 * so the leaf order does not depend on how an object was built.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../errors.js';
import { Tensor } from './tensor.js';

/** A value that may sit in a tree without being a leaf. */
export type Static = number | string | boolean | null | undefined;

/** A tensor, a static value, or an array or plain object of trees. */
export type Tree = Tensor | Static | readonly Tree[] | { readonly [key: string]: Tree };

/** The structure of a tree with its leaves taken out. */
export type TreeDef =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'static'; readonly value: Static }
  | { readonly kind: 'array'; readonly children: readonly TreeDef[] }
  | { readonly kind: 'object'; readonly keys: readonly string[]; readonly children: readonly TreeDef[] };

/** A tree in the same shape as `T` with its tensors replaced by `L`. */
export type TreeOf<T, L> = T extends Tensor
  ? L
  : T extends Static
    ? T
    : T extends readonly unknown[]
      ? { [K in keyof T]: TreeOf<T[K], L> }
      : { [K in keyof T]: TreeOf<T[K], L> };

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function isStatic(x: unknown): x is Static {
  return x === null || x === undefined || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean';
}

/** The leaves of a tree in a deterministic order, and its structure. */
export function treeFlatten(tree: Tree, fn = 'treeFlatten'): { leaves: Tensor[]; def: TreeDef } {
  const leaves: Tensor[] = [];
  const visit = (node: unknown, path: string): TreeDef => {
    if (node instanceof Tensor) {
      leaves.push(node);
      return { kind: 'leaf' };
    }
    if (isStatic(node)) return { kind: 'static', value: node };
    if (Array.isArray(node)) return { kind: 'array', children: node.map((c, i) => visit(c, `${path}[${i}]`)) };
    if (isPlainObject(node)) {
      const keys = Object.keys(node).sort();
      return { kind: 'object', keys, children: keys.map((k) => visit(node[k], `${path}.${k}`)) };
    }
    throw new ArgumentError({ fn, arg: path || 'tree', expected: 'a tensor, array, plain object or static value', actual: fmtValue(node) });
  };
  const def = visit(tree, '');
  return { leaves, def };
}

/** Rebuilds a tree from its structure and leaves (in `treeFlatten` order). */
export function treeUnflatten<L = Tensor>(def: TreeDef, leaves: readonly L[]): unknown {
  let i = 0;
  const build = (d: TreeDef): unknown => {
    switch (d.kind) {
      case 'leaf':
        if (i >= leaves.length) throw new ArgumentError({ fn: 'treeUnflatten', arg: 'leaves', expected: 'more leaves', actual: `${leaves.length}` });
        return leaves[i++];
      case 'static':
        return d.value;
      case 'array':
        return d.children.map(build);
      case 'object': {
        const out: Record<string, unknown> = {};
        d.keys.forEach((k, j) => (out[k] = build(d.children[j]!)));
        return out;
      }
    }
  };
  const out = build(def);
  if (i !== leaves.length) {
    throw new ArgumentError({ fn: 'treeUnflatten', arg: 'leaves', expected: `${i} leaves`, actual: `${leaves.length}` });
  }
  return out;
}

/** True when two tree structures are identical (static values included). */
export function treeDefsEqual(a: TreeDef, b: TreeDef): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'leaf') return true;
  if (a.kind === 'static') {
    const v = (b as typeof a).value;
    // NaN is a legitimate static value (a hyperparameter), equal to itself here.
    return a.value === v || (Number.isNaN(a.value) && Number.isNaN(v));
  }
  const bb = b as typeof a;
  if (a.kind === 'object') {
    const keys = (bb as typeof a).keys;
    if (a.keys.length !== keys.length || a.keys.some((k, i) => k !== keys[i])) return false;
  }
  return a.children.length === bb.children.length && a.children.every((c, i) => treeDefsEqual(c, bb.children[i]!));
}

/**
 * Maps `f` over the tensors of `tree` (and the corresponding tensors of `others`, which
 * must have the same structure), keeping static values.
 */
export function treeMap<T extends Tree>(
  f: (x: Tensor, ...rest: Tensor[]) => Tensor,
  tree: T,
  ...others: Tree[]
): TreeOf<T, Tensor> {
  if (typeof f !== 'function') throw new ArgumentError({ fn: 'treeMap', arg: 'f', expected: 'a function', actual: fmtValue(f) });
  const { leaves, def } = treeFlatten(tree, 'treeMap');
  const rest = others.map((o, j) => {
    const flat = treeFlatten(o, 'treeMap');
    if (!treeDefsEqual(def, flat.def)) {
      throw new ArgumentError({ fn: 'treeMap', arg: `others[${j}]`, expected: 'the same tree structure as tree', actual: 'a different structure' });
    }
    return flat.leaves;
  });
  return treeUnflatten(def, leaves.map((x, i) => f(x, ...rest.map((r) => r[i]!)))) as TreeOf<T, Tensor>;
}

/** The tensors of a tree, in `treeFlatten` order. */
export function treeLeaves(tree: Tree): Tensor[] {
  return treeFlatten(tree, 'treeLeaves').leaves;
}
