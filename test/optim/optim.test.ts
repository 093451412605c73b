/**
 * src/optim: schedules against their optax formulas (and hand-derived values), sgd
 * (plain, momentum, Nesterov) and adam against scalar re-implementations over several
 * steps on a tree with static values, schedules inside optimizers, convergence on a
 * quadratic, serialisable and unmodified states, applyUpdates, and typed errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, ShapeError, type Tensor, type Tree, mul, parseTree, scalar, square, stringifyTree, sub, sum, tensor, treeFlatten,
  treeUnflatten, valueAndGrad, zeros,
} from '../../src/index.js';
import {
  type AdamState, type Optimizer, type Schedule, adam, applyUpdates, constantSchedule, cosineDecay, exponentialDecay, sgd,
  warmupCosineDecay,
} from '../../src/optim/index.js';
import { assertClose, assertDType, assertEqualValues, assertShape, assertThrowsTyped, flatten, randomTensor } from '../helpers/assert-close.js';

const STEPS = [0, 1, 2, 5, 10, 37, 50, 99, 100, 101, 150, 250, 800, 1000, 5000];

/** Every value of a schedule against `expected`, relatively within `rtol`. */
function checkSchedule(s: Schedule, expected: (step: number) => number, steps = STEPS, rtol = 1e-14): void {
  for (const step of steps) {
    const v = s(step);
    const e = expected(step);
    assert.ok(Math.abs(v - e) <= rtol * Math.abs(e) + 1e-300, `step ${step}: ${v} vs ${e}`);
  }
}

/** The parameter-shaped trees of these tests: two tensors, with static values beside them. */
type Params = { w: Tensor; layers: { b: Tensor; act: string }[]; scale: number };
const makeTree = (w: Tensor, b: Tensor): Params => ({ w, layers: [{ b, act: 'tanh' }], scale: 2 });
const params0 = (): Params => makeTree(randomTensor([2, 3], { seed: 1 }), randomTensor([4], { seed: 2 }));
/** The gradient tree of step t (deterministic pseudo-random values). */
const gradsAt = (t: number): Params => makeTree(randomTensor([2, 3], { seed: 100 + t }), randomTensor([4], { seed: 200 + t, lo: -3, hi: 3 }));
/** The tensor elements of a tree, flat, in leaf order. */
const values = (tree: Tree): number[] => treeFlatten(tree).leaves.flatMap((t) => flatten(t));

// ---------------------------------------------------------------------------------------
// Schedules

test('constantSchedule', () => {
  const s = constantSchedule(3e-4);
  for (const step of STEPS) assert.is(s(step), 3e-4);
});

test('exponentialDecay: the optax formula, transitionBegin, staircase, endValue', () => {
  const s = exponentialDecay({ initValue: 1e-3, transitionSteps: 100, decayRate: 0.94 });
  checkSchedule(s, (t) => 1e-3 * 0.94 ** (t / 100));
  assert.is(s(0), 1e-3);
  assertClose([s(800)], [1e-3 * 0.94 ** 8], { rtol: 1e-15 });
  assertClose([s(800)], [0.0006095689385410816], { rtol: 1e-15 }); // 0.94^8 = 0.6095689385410816
  assertClose([s(50)], [1e-3 * Math.sqrt(0.94)], { rtol: 1e-15 });

  const begin = exponentialDecay({ initValue: 2, transitionSteps: 10, decayRate: 0.5, transitionBegin: 20 });
  checkSchedule(begin, (t) => (t <= 20 ? 2 : 2 * 0.5 ** ((t - 20) / 10)));
  assert.is(begin(20), 2);
  assert.is(begin(30), 1);
  assert.is(begin(40), 0.5);

  const stair = exponentialDecay({ initValue: 1, transitionSteps: 100, decayRate: 0.9, staircase: true });
  checkSchedule(stair, (t) => 0.9 ** Math.floor(t / 100));
  assert.is(stair(99), 1);
  assertClose([stair(199)], [0.9], { rtol: 1e-15 });

  const floor = exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 0.5, endValue: 0.1 });
  checkSchedule(floor, (t) => Math.max(0.5 ** (t / 10), 0.1));
  assert.is(floor(1000), 0.1);
  const ceiling = exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 1.5, endValue: 2 });
  checkSchedule(ceiling, (t) => Math.min(1.5 ** (t / 10), 2));
  assert.is(ceiling(1000), 2);
  assertClose([ceiling(10)], [1.5], { rtol: 1e-15 });
});

test('cosineDecay: the optax formula, clamped after decaySteps', () => {
  const s = cosineDecay({ initValue: 0.1, decaySteps: 1000 });
  checkSchedule(s, (t) => 0.1 * (0.5 * (1 + Math.cos((Math.PI * Math.min(t, 1000)) / 1000))), STEPS, 1e-13);
  assert.is(s(0), 0.1);
  assertClose([s(500)], [0.05], { rtol: 1e-15 });
  assertClose([s(1000)], [0], { atol: 1e-18 });
  assert.is(s(5000), s(1000));
  const a = cosineDecay({ initValue: 2, decaySteps: 100, alpha: 0.1 });
  checkSchedule(a, (t) => 2 * (0.9 * 0.5 * (1 + Math.cos((Math.PI * Math.min(t, 100)) / 100)) + 0.1), STEPS, 1e-13);
  assertClose([a(50)], [2 * (0.9 * 0.5 + 0.1)], { rtol: 1e-15 });
  assertClose([a(100)], [0.2], { rtol: 1e-15 });
  assertClose([a(100000)], [0.2], { rtol: 1e-15 });
});

test('warmupCosineDecay: linear warm-up to the peak, then cosine to the end value', () => {
  const o = { initValue: 1e-4, peakValue: 1e-2, warmupSteps: 100, decaySteps: 1000, endValue: 1e-3 };
  const s = warmupCosineDecay(o);
  const alpha = o.endValue / o.peakValue;
  checkSchedule(s, (t) => {
    if (t < 100) return (o.initValue - o.peakValue) * (1 - t / 100) + o.peakValue;
    const c = Math.min(t - 100, 900);
    return o.peakValue * ((1 - alpha) * 0.5 * (1 + Math.cos((Math.PI * c) / 900)) + alpha);
  }, STEPS, 1e-13);
  assertClose([s(0)], [1e-4], { rtol: 1e-14 }); // (init - peak) * 1 + peak, rounded as optax
  assertClose([s(50)], [(1e-4 + 1e-2) / 2], { rtol: 1e-14 });
  assert.is(s(100), 1e-2);
  assertClose([s(550)], [(1e-2 + 1e-3) / 2], { rtol: 1e-14 });
  assertClose([s(1000)], [1e-3], { rtol: 1e-14 });
  assertClose([s(1e6)], [1e-3], { rtol: 1e-14 });
  // Defaults: from 0, to 0; no warm-up.
  const d = warmupCosineDecay({ peakValue: 1, warmupSteps: 10, decaySteps: 20 });
  assert.is(d(0), 0);
  assertClose([d(5)], [0.5], { rtol: 1e-15 });
  assert.is(d(10), 1);
  assertClose([d(15)], [0.5], { rtol: 1e-15 });
  assertClose([d(20)], [0], { atol: 1e-16 });
  const n = warmupCosineDecay({ initValue: 5, peakValue: 2, warmupSteps: 0, decaySteps: 10 });
  assert.is(n(0), 2);
  assertClose([n(5)], [1], { rtol: 1e-15 });
});

// ---------------------------------------------------------------------------------------
// SGD

/** optax.sgd on plain numbers, element by element: the updates of each step. */
function sgdRef(lr: (t: number) => number, steps: number, momentum?: number, nesterov = false): number[][] {
  let trace: number[] | undefined;
  const out: number[][] = [];
  for (let t = 0; t < steps; t++) {
    const g = values(gradsAt(t));
    let d = g;
    if (momentum !== undefined) {
      const prev = trace ?? g.map(() => 0);
      trace = g.map((gi, i) => gi + momentum * prev[i]!);
      d = nesterov ? g.map((gi, i) => gi + momentum * trace![i]!) : trace;
    }
    out.push(d.map((di) => di * -lr(t)));
  }
  return out;
}

/** Runs `opt` for `steps` steps of gradsAt; returns the updates of each step and the final params. */
function run<S>(opt: Optimizer<S>, steps: number): { updates: Tree[]; params: Params; state: S } {
  let params = params0();
  let state = opt.init(params);
  const updates: Tree[] = [];
  for (let t = 0; t < steps; t++) {
    const r = opt.update(gradsAt(t), state);
    updates.push(r.updates);
    params = applyUpdates(params, r.updates);
    state = r.state;
  }
  return { updates, params, state };
}

test('sgd: plain, momentum and Nesterov against a scalar re-implementation of optax.sgd', () => {
  const cases: [string, Optimizer<unknown>, number[][]][] = [
    ['plain', sgd(0.1), sgdRef(() => 0.1, 6)],
    ['momentum', sgd(0.1, { momentum: 0.9 }), sgdRef(() => 0.1, 6, 0.9)],
    ['nesterov', sgd(0.05, { momentum: 0.8, nesterov: true }), sgdRef(() => 0.05, 6, 0.8, true)],
    ['momentum 0', sgd(0.1, { momentum: 0 }), sgdRef(() => 0.1, 6)],
    ['nesterov without momentum', sgd(0.1, { nesterov: true }), sgdRef(() => 0.1, 6)],
  ];
  for (const [label, opt, ref] of cases) {
    const { updates, params } = run(opt, 6);
    updates.forEach((u, t) => {
      assertEqualValues(values(u), ref[t]!, { message: `${label} step ${t}` });
      const ut = u as Params;
      assert.is(ut.scale, 2, 'static values pass through');
      assert.is(ut.layers[0]!.act, 'tanh');
    });
    const expected = values(params0()).map((p, i) => ref.reduce((acc, u) => acc + u[i]!, p));
    assertClose(values(params), expected, { rtol: 1e-14, message: label });
  }
});

test('sgd: a schedule is evaluated at the number of updates done before each one', () => {
  const seen: number[] = [];
  const lr = (t: number): number => {
    seen.push(t);
    return 0.5 / (1 + t);
  };
  const { updates, state } = run(sgd(lr, { momentum: 0.5 }), 5);
  assert.equal(seen, [0, 1, 2, 3, 4]);
  assert.is(state.count, 5);
  const ref = sgdRef((t) => 0.5 / (1 + t), 5, 0.5);
  updates.forEach((u, t) => assertEqualValues(values(u), ref[t]!));
  const decay = exponentialDecay({ initValue: 0.1, transitionSteps: 2, decayRate: 0.5 });
  const r = run(sgd(decay), 4);
  const ref2 = sgdRef((t) => 0.1 * 0.5 ** (t / 2), 4);
  r.updates.forEach((u, t) => assertClose(values(u), ref2[t]!, { rtol: 1e-14 }));
});

// ---------------------------------------------------------------------------------------
// Adam

/** optax.adam on plain numbers, element by element: the updates of each step. */
function adamRef(lr: (t: number) => number, steps: number, b1 = 0.9, b2 = 0.999, eps = 1e-8): number[][] {
  let m = values(params0()).map(() => 0);
  let v = m.slice();
  const out: number[][] = [];
  for (let t = 0; t < steps; t++) {
    const g = values(gradsAt(t));
    m = g.map((gi, i) => (1 - b1) * gi + b1 * m[i]!);
    v = g.map((gi, i) => (1 - b2) * gi * gi + b2 * v[i]!);
    const c1 = 1 - b1 ** (t + 1);
    const c2 = 1 - b2 ** (t + 1);
    out.push(m.map((mi, i) => -lr(t) * ((mi / c1) / (Math.sqrt(v[i]! / c2) + eps))));
  }
  return out;
}

test('adam against a scalar re-implementation of optax.adam (defaults, options, schedules)', () => {
  const warm = warmupCosineDecay({ peakValue: 1e-2, warmupSteps: 3, decaySteps: 10, endValue: 1e-4 });
  const warmRef = (t: number): number => (t < 3 ? 1e-2 * (t / 3) : 1e-2 * ((1 - 1e-2) * 0.5 * (1 + Math.cos((Math.PI * (t - 3)) / 7)) + 1e-2));
  const cases: [string, Optimizer<AdamState>, number[][]][] = [
    ['defaults', adam(1e-3), adamRef(() => 1e-3, 8)],
    ['options', adam(0.05, { b1: 0.5, b2: 0.75, eps: 1e-3 }), adamRef(() => 0.05, 8, 0.5, 0.75, 1e-3)],
    ['b1 0, eps 0', adam(0.1, { b1: 0, eps: 0 }), adamRef(() => 0.1, 8, 0, 0.999, 0)],
    ['warmup cosine', adam(warm), adamRef(warmRef, 8)],
    ['exponential decay', adam(exponentialDecay({ initValue: 1e-2, transitionSteps: 3, decayRate: 0.7 })), adamRef((t) => 1e-2 * 0.7 ** (t / 3), 8)],
  ];
  for (const [label, opt, ref] of cases) {
    const { updates, params, state } = run(opt, 8);
    updates.forEach((u, t) => assertClose(values(u), ref[t]!, { rtol: 1e-12, atol: 1e-300, message: `${label} step ${t}` }));
    assert.is(state.count, 8);
    assert.is((state.mu as Params).scale, 2);
    const expected = values(params0()).map((p, i) => ref.reduce((acc, u) => acc + u[i]!, p));
    assertClose(values(params), expected, { rtol: 1e-12, message: label });
  }
  // The first Adam step of a constant rate is -lr * sign(g) up to eps.
  const first = adam(0.1).update(gradsAt(0), adam(0.1).init(params0())).updates;
  assertClose(values(first), values(gradsAt(0)).map((g) => -0.1 * Math.sign(g)), { rtol: 1e-6 });
});

test('adam keeps float32 parameters in float32', () => {
  const p = { w: randomTensor([3], { seed: 3, dtype: 'float32' }) };
  const opt = adam(0.01);
  const state = opt.init(p);
  assertDType((state.mu as { w: Tensor }).w, 'float32');
  const r = opt.update({ w: randomTensor([3], { seed: 4, dtype: 'float32' }) }, state);
  assertDType((r.updates as { w: Tensor }).w, 'float32');
  assertDType((r.state.nu as { w: Tensor }).w, 'float32');
  assertDType(applyUpdates(p, r.updates).w, 'float32');
});

test('adam minimises a quadratic', () => {
  const c = tensor([1.5, -2, 0.25, 3]);
  const w = tensor([1, 10, 0.5, 2]);
  const loss = (p: { x: Tensor }): Tensor => sum(mul(w, square(sub(p.x, c))));
  const step = valueAndGrad(loss);
  const opt = adam(0.05);
  let params = { x: zeros([4]) };
  let state = opt.init(params);
  const first = step(params)[0].item();
  for (let t = 0; t < 1500; t++) {
    const [, g] = step(params);
    const r = opt.update(g, state);
    params = applyUpdates(params, r.updates);
    state = r.state;
  }
  const last = step(params)[0].item();
  assert.ok(last < 1e-8 * first, `loss ${first} -> ${last}`);
  assertClose(params.x, c, { atol: 1e-4 });
});

// ---------------------------------------------------------------------------------------
// State

test('the state is a plain tree: a JSON round trip continues the run exactly', () => {
  for (const opt of [adam(1e-2), sgd(0.1, { momentum: 0.9, nesterov: true }), sgd(0.1)] as Optimizer<Tree>[]) {
    const { state } = run(opt, 3);
    // By hand: the leaves as nested arrays of numbers next to the structure.
    const { leaves, def } = treeFlatten(state);
    const json = JSON.stringify({ def, leaves: leaves.map((t) => ({ shape: t.shape, data: t.toArray() })) });
    const back = JSON.parse(json) as { def: typeof def; leaves: { shape: number[]; data: number[] }[] };
    const restored = treeUnflatten(back.def, back.leaves.map((l) => tensor(l.data, { shape: l.shape }))) as Tree;
    assert.equal(values(restored), values(state));
    // With io's tree serialisation.
    const parsed = parseTree(stringifyTree(state));
    const a = opt.update(gradsAt(3), state);
    for (const s of [restored, parsed]) {
      const b = opt.update(gradsAt(3), s);
      assertEqualValues(values(b.updates), values(a.updates));
      assertEqualValues(values(b.state), values(a.state));
      assert.is((b.state as { count: number }).count, 4);
    }
  }
});

test('init and update do not modify their arguments', () => {
  const p = params0();
  const before = values(p);
  for (const opt of [adam(0.1), sgd(0.1, { momentum: 0.5 })] as Optimizer<Tree>[]) {
    const s0 = opt.init(p);
    assert.equal(values(p), before);
    const s0Values = values(s0);
    assert.ok(s0Values.every((v) => v === 0), 'zero initial state');
    const g = gradsAt(0);
    const gValues = values(g);
    const r = opt.update(g, s0);
    assert.is((s0 as { count: number }).count, 0);
    assert.equal(values(s0), s0Values);
    assert.equal(values(g), gValues);
    assert.is((r.state as { count: number }).count, 1);
    // Same inputs, same outputs: no hidden state.
    assertEqualValues(values(opt.update(g, s0).updates), values(r.updates));
  }
  assert.equal(sgd(0.1).init(p), { count: 0, trace: null });
});

// ---------------------------------------------------------------------------------------
// applyUpdates and errors

test('applyUpdates: leafwise sums that keep dtypes and static values', () => {
  const p = { a: tensor([1, 2]), b: [tensor([[3]], { dtype: 'float32' }), 'static', 7] };
  const u = { a: tensor([0.5, -1]), b: [tensor([[0.25]]), 'static', 7] };
  const r = applyUpdates(p, u);
  assertEqualValues(r.a, [1.5, 1]);
  assertDType(r.b[0] as Tensor, 'float32');
  assertEqualValues(r.b[0] as Tensor, [[3.25]]);
  assert.equal(r.b.slice(1), ['static', 7]);
  assertShape(applyUpdates(scalar(1), scalar(2)), []);
  assertEqualValues(applyUpdates(scalar(1), scalar(2)), 3);
});

test('typed errors for bad arguments and mismatched trees', () => {
  const bad = <T>(v: unknown): T => v as T;
  const p = { a: tensor([1, 2]), b: [tensor([3])] };
  assertThrowsTyped(() => applyUpdates(p, { a: tensor([1, 2]) }), ArgumentError, { fn: 'applyUpdates', arg: 'updates' });
  assertThrowsTyped(() => applyUpdates(p, { a: tensor([1, 2]), c: [tensor([3])] }), ArgumentError, { fn: 'applyUpdates', arg: 'updates' });
  assertThrowsTyped(() => applyUpdates(p, { a: tensor([1, 2]), b: [tensor([3]), tensor([4])] }), ArgumentError, { fn: 'applyUpdates', arg: 'updates' });
  assertThrowsTyped(() => applyUpdates(p, { a: tensor([1, 2, 3]), b: [tensor([3])] }), ShapeError, { fn: 'applyUpdates', arg: 'updates', includes: ['[2]', '[3]'] });
  assertThrowsTyped(() => applyUpdates(p, { a: tensor([1, 2]), b: [scalar(3)] }), ShapeError, { fn: 'applyUpdates', arg: 'updates' });
  assertThrowsTyped(() => applyUpdates(bad({ a: new Date() }), {}), ArgumentError, { fn: 'applyUpdates' });

  assertThrowsTyped(() => sgd(bad('0.1')), ArgumentError, { fn: 'sgd', arg: 'learningRate' });
  assertThrowsTyped(() => sgd(NaN), ArgumentError, { fn: 'sgd', arg: 'learningRate' });
  assertThrowsTyped(() => sgd(0.1, { momentum: -0.5 }), ArgumentError, { fn: 'sgd', arg: 'momentum' });
  assertThrowsTyped(() => sgd(0.1, { nesterov: bad(1) }), ArgumentError, { fn: 'sgd', arg: 'nesterov' });
  assertThrowsTyped(() => adam(Infinity), ArgumentError, { fn: 'adam', arg: 'learningRate' });
  assertThrowsTyped(() => adam(0.1, { b1: 1 }), ArgumentError, { fn: 'adam', arg: 'b1' });
  assertThrowsTyped(() => adam(0.1, { b2: -0.1 }), ArgumentError, { fn: 'adam', arg: 'b2' });
  assertThrowsTyped(() => adam(0.1, { eps: -1 }), ArgumentError, { fn: 'adam', arg: 'eps' });

  const opt = adam(0.1);
  const s = opt.init(p);
  assertThrowsTyped(() => opt.update({ a: tensor([1, 2]) }, s), ArgumentError, { fn: 'adam.update', arg: 'grads' });
  assertThrowsTyped(() => opt.update({ a: tensor([1]), b: [tensor([3])] }, s), ShapeError, { fn: 'adam.update', arg: 'grads' });
  assertThrowsTyped(() => opt.update(p, bad(null)), ArgumentError, { fn: 'adam.update', arg: 'state' });
  assertThrowsTyped(() => opt.update(p, { ...s, count: -1 }), ArgumentError, { fn: 'adam.update', arg: 'state.count' });
  const nanRate = adam(() => NaN);
  assertThrowsTyped(() => nanRate.update(p, nanRate.init(p)), ArgumentError, { fn: 'adam', arg: 'learningRate', includes: ['step 0'] });
  const mom = sgd(0.1, { momentum: 0.9 });
  assertThrowsTyped(() => mom.update(p, { count: 0, trace: null }), ArgumentError, { fn: 'sgd.update', arg: 'state.trace' });
  assertThrowsTyped(() => mom.update({ a: tensor([1, 2]), b: tensor([3]) }, mom.init(p)), ArgumentError, { fn: 'sgd.update', arg: 'grads' });

  assertThrowsTyped(() => constantSchedule(NaN), ArgumentError, { fn: 'constantSchedule', arg: 'value' });
  assertThrowsTyped(() => exponentialDecay({ initValue: 1, transitionSteps: 0, decayRate: 0.5 }), ArgumentError, { fn: 'exponentialDecay', arg: 'transitionSteps' });
  assertThrowsTyped(() => exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 0 }), ArgumentError, { fn: 'exponentialDecay', arg: 'decayRate' });
  assertThrowsTyped(() => exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 0.5, transitionBegin: -1 }), ArgumentError, { fn: 'exponentialDecay', arg: 'transitionBegin' });
  assertThrowsTyped(() => exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 0.5, staircase: bad('no') }), ArgumentError, { fn: 'exponentialDecay', arg: 'staircase' });
  assertThrowsTyped(() => exponentialDecay(bad(undefined)), ArgumentError, { fn: 'exponentialDecay', arg: 'options' });
  assertThrowsTyped(() => cosineDecay({ initValue: 1, decaySteps: 0 }), ArgumentError, { fn: 'cosineDecay', arg: 'decaySteps' });
  assertThrowsTyped(() => cosineDecay({ initValue: 1, decaySteps: 10, alpha: NaN }), ArgumentError, { fn: 'cosineDecay', arg: 'alpha' });
  assertThrowsTyped(() => warmupCosineDecay({ peakValue: 1, warmupSteps: 10, decaySteps: 10 }), ArgumentError, { fn: 'warmupCosineDecay', arg: 'decaySteps' });
  assertThrowsTyped(() => warmupCosineDecay({ peakValue: 1, warmupSteps: -1, decaySteps: 10 }), ArgumentError, { fn: 'warmupCosineDecay', arg: 'warmupSteps' });
  assertThrowsTyped(() => warmupCosineDecay({ peakValue: bad('1'), warmupSteps: 1, decaySteps: 10 }), ArgumentError, { fn: 'warmupCosineDecay', arg: 'peakValue' });
});

test.run();
