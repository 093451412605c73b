import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Tape, type Tensor, backward, cos, exp, mul, noGrad, sin, sum, tensor, withTape } from '../../src/index.js';
import { identity } from '../../src/ops/view.js';
import { getRecorder } from '../../src/ops/primitive.js';

test('a tape records exactly the ops that depend on watched tensors, in order', () => {
  const tape = new Tape();
  const c = tensor([2, 3]);
  const x = identity(tensor([0.5, 1]));
  withTape(tape, () => {
    tape.watch(x);
    const unrelated = mul(c, c);
    const y = sin(x);
    const z = mul(y, unrelated);
    return sum(z);
  });
  assert.equal(tape.entries.map((e) => e.name), ['sin', 'mul', 'reduce', 'reshape']);
});

test('backward walks the Wengert list and accumulates into the watched inputs', () => {
  const tape = new Tape();
  const x = identity(tensor([0.5, 1]));
  const out = withTape(tape, () => {
    tape.watch(x);
    return sum(mul(exp(x), x));
  });
  const [g] = backward(tape, [out], [tensor(1)], [x]);
  const expected = Array.from(x.toTypedArray(), (v) => Math.exp(v) * (1 + v));
  Array.from(g!.toTypedArray()).forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-14));
});

test('no recorder is installed outside differentiation, and paused tapes record nothing', () => {
  assert.is(getRecorder(), null);
  const tape = new Tape();
  const x = identity(tensor(1));
  withTape(tape, () => {
    tape.watch(x);
    assert.ok(getRecorder() !== null);
    noGrad(() => cos(x));
    assert.is(tape.entries.length, 0);
    cos(x);
  });
  assert.is(tape.entries.length, 1);
  assert.is(getRecorder(), null);
});

test('nested tapes: an op is recorded on every tape that watches an input', () => {
  const outer = new Tape();
  const inner = new Tape();
  const x = identity(tensor(0.3));
  let y!: Tensor;
  withTape(outer, () => {
    outer.watch(x);
    const x2 = identity(x);
    withTape(inner, () => {
      inner.watch(x2);
      y = sin(x2);
    });
  });
  assert.equal(outer.entries.map((e) => e.name), ['identity', 'sin']);
  assert.equal(inner.entries.map((e) => e.name), ['sin']);
  assert.ok(outer.watched.has(y) && inner.watched.has(y));
});

test('a VJP that returns a wrongly shaped cotangent is reported with the primitive name', () => {
  const tape = new Tape();
  const x = identity(tensor([1, 2]));
  withTape(tape, () => {
    tape.watch(x);
    tape.push({ name: 'broken', inputs: [x], outputs: [tensor(0)], vjp: () => [tensor([1, 2, 3])] });
  });
  const out = tape.entries[0]!.outputs[0]!;
  assert.throws(() => backward(tape, [out], [tensor(1)], [x]), /broken/);
});

test.run();
