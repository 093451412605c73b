/**
 * Trees of tensors: flatten/unflatten, treeMap, structure checks, and gradients with
 * respect to tree-structured arguments.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, type Tensor, type Tree, add, grad, mul, sin, sum, tensor, treeFlatten, treeLeaves, treeMap,
  treeUnflatten, valueAndGrad,
} from '../../src/index.js';
import { throwsTyped } from '../helpers/checks.js';
import { treeDefsEqual } from '../../src/tensor/tree.js';

const a = tensor([1, 2]);
const b = tensor([[3]]);
const c = tensor(4);

test('treeFlatten visits object keys in sorted order and keeps static values', () => {
  const tree = { z: a, a: [b, 'relu', { y: c, x: null }], m: 3, n: undefined, t: true };
  const { leaves, def } = treeFlatten(tree);
  assert.equal(leaves.map((l) => l.id), [b.id, c.id, a.id]);
  const back = treeUnflatten(def, leaves) as typeof tree;
  assert.equal(Object.keys(back), ['a', 'm', 'n', 't', 'z']);
  assert.ok(back.z === a && back.a[0] === b && (back.a[2] as { y: Tensor }).y === c);
  assert.is(back.a[1], 'relu');
  assert.is(back.m, 3);
  assert.is(back.n, undefined);
  assert.ok('n' in back);
  assert.is(back.t, true);
  assert.is((back.a[2] as { x: null }).x, null);
  // The leaf order does not depend on how the object was built.
  const again = treeFlatten({ a: [b, 'relu', { x: null, y: c }], t: true, n: undefined, m: 3, z: a });
  assert.equal(again.leaves.map((l) => l.id), leaves.map((l) => l.id));
  assert.ok(treeDefsEqual(again.def, def));
});

test('round trips: leaves, arrays, nested empties, objects without prototype', () => {
  const trees: Tree[] = [a, [], {}, [[], {}], 5, null, 'x', [a, [b, [c]]], { k: [{}, [a]] }];
  for (const t of trees) {
    const { leaves, def } = treeFlatten(t);
    assert.equal(treeUnflatten(def, leaves), t);
    assert.equal(treeLeaves(t).length, leaves.length);
  }
  const bare = Object.create(null) as Record<string, Tensor>;
  bare['w'] = a;
  assert.equal(treeLeaves(bare).map((l) => l.id), [a.id]);
  // Unflatten with other leaves (any type).
  const { def } = treeFlatten({ p: a, q: [b, 1] });
  assert.equal(treeUnflatten(def, ['P', 'Q']), { p: 'P', q: ['Q', 1] });
});

test('treeUnflatten checks the number of leaves', () => {
  const { def } = treeFlatten([a, b]);
  throwsTyped(() => treeUnflatten(def, [a]), ArgumentError, 'treeUnflatten', 'leaves');
  throwsTyped(() => treeUnflatten(def, [a, b, c]), ArgumentError, 'treeUnflatten', 'leaves');
});

test('treeMap over one and several trees', () => {
  const t1 = { w: tensor([1, 2]), b: tensor(3), act: 'tanh', layers: [tensor([1]), 2] };
  const t2 = { layers: [tensor([10]), 2], act: 'tanh', b: tensor(30), w: tensor([10, 20]) };
  const t3 = { w: tensor([100, 200]), b: tensor(300), act: 'tanh', layers: [tensor([100]), 2] };
  const doubled = treeMap((x) => mul(x, 2), t1);
  assert.equal(doubled.w.toArray(), [2, 4]);
  assert.equal(doubled.b.toArray(), 6);
  assert.is(doubled.act, 'tanh');
  assert.is(doubled.layers[1], 2);
  const summed = treeMap((x, y, z) => add(add(x, y!), z!), t1, t2, t3);
  assert.equal(summed.w.toArray(), [111, 222]);
  assert.equal(summed.b.toArray(), 333);
  assert.equal((summed.layers[0] as Tensor).toArray(), [111]);
  assert.equal(treeMap((x) => x, []), []);
  // Static NaN values (say a hyperparameter) match themselves.
  const n1 = { w: a, eps: NaN };
  const n2 = { w: b, eps: NaN };
  assert.ok(Number.isNaN(treeMap((x) => x, n1, n2).eps));
});

test('treeMap rejects trees of other structure', () => {
  const t = { w: a, b: [b, c] };
  const bad: Tree[] = [
    { w: a, b: [b] },
    { w: a, b: [b, 1] },
    { w: a, c: [b, c] },
    { w: a, b: { 0: b, 1: c } },
    [a, [b, c]],
    { w: a, b: [b, c], extra: 1 },
  ];
  for (const o of bad) throwsTyped(() => treeMap((x) => x, t, t, o), ArgumentError, 'treeMap', 'others[1]');
  // Static values are part of the structure.
  throwsTyped(() => treeMap((x) => x, { w: a, act: 'relu' }, { w: b, act: 'tanh' }), ArgumentError, 'treeMap', 'others[0]');
  assert.not.ok(treeDefsEqual(treeFlatten({ 'a\u0000b': a, c: b }).def, treeFlatten({ a, 'b\u0000c': b }).def));
});

test('non-plain objects are rejected with the path named', () => {
  class Params {
    w = a;
  }
  throwsTyped(() => treeFlatten({ layers: [{ w: a }, new Params()] } as never), ArgumentError, 'treeFlatten', '.layers[1]');
  throwsTyped(() => treeFlatten([a, new Float64Array(2)] as never), ArgumentError, 'treeFlatten', '[1]');
  throwsTyped(() => treeFlatten({ m: new Map() } as never), ArgumentError, 'treeFlatten', '.m');
  throwsTyped(() => treeFlatten({ f: () => 1 } as never), ArgumentError, 'treeFlatten', '.f');
  throwsTyped(() => treeFlatten(new Date() as never), ArgumentError, 'treeFlatten', 'tree');
  throwsTyped(() => treeLeaves({ s: Symbol('s') } as never), ArgumentError, 'treeLeaves', '.s');
  throwsTyped(() => treeMap((x) => x, { d: new Date() } as never), ArgumentError, 'treeMap', '.d');
  throwsTyped(() => treeMap(null as never, { w: a }), ArgumentError, 'treeMap', 'f');
});

test('grad over a tree argument gives a tree of the same structure', () => {
  const params = { w: tensor([0.5, -1.5]), b: tensor(0.25), scale: 3, nested: [tensor([[2]]), 'tag'] };
  const loss = (p: typeof params): Tensor =>
    sum(mul(sin(add(mul(p.w, p.scale), p.b)), mul((p.nested[0] as Tensor), 1)));
  const g = grad(loss)(params);
  assert.equal(Object.keys(g).sort(), ['b', 'nested', 'scale', 'w']);
  assert.is(g.scale, 3);
  assert.is(g.nested[1], 'tag');
  // Analytic: L = 2 * sum(sin(3 w + b)).
  const cw = [0.5, -1.5].map((w) => 2 * 3 * Math.cos(3 * w + 0.25));
  g.w.toTypedArray().forEach((v, i) => assert.ok(Math.abs(v - cw[i]!) < 1e-12));
  const cb = [0.5, -1.5].reduce((s, w) => s + 2 * Math.cos(3 * w + 0.25), 0);
  assert.ok(Math.abs(g.b.item() - cb) < 1e-12);
  const cn = [0.5, -1.5].reduce((s, w) => s + Math.sin(3 * w + 0.25), 0);
  assert.ok(Math.abs((g.nested[0] as Tensor).item() - cn) < 1e-12);
  assert.equal((g.nested[0] as Tensor).shape, [1, 1]);
  // With two tree arguments.
  const [, [g1, g2]] = valueAndGrad((p: { u: Tensor }, q: Tensor[]) => sum(mul(p.u, q[0]!)), { argnums: [0, 1] })(
    { u: tensor([1, 2]) }, [tensor([3, 4])],
  ) as [Tensor, [{ u: Tensor }, Tensor[]]];
  assert.equal(g1.u.toArray(), [3, 4]);
  assert.equal(g2[0]!.toArray(), [1, 2]);
});

test.run();
