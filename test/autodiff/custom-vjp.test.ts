import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, type Tensor, add, customVjp, exp, grad, gradcheck, jvp, log1p, mul, sigmoid, sin, cos, sum,
  tensor, vjp, neg,
} from '../../src/index.js';

const softplus = customVjp(
  (x: Tensor) => log1p(exp(x)),
  (x: Tensor) => [log1p(exp(x)), x] as [Tensor, Tensor],
  (x: Tensor, g: Tensor) => [mul(g, sigmoid(x))],
);

test('the custom rule is used for the gradient and agrees with finite differences', () => {
  const x = tensor([-2, 0.1, 3]);
  const g = grad((v: Tensor) => sum(softplus(v)))(x) as Tensor;
  const s = Array.from(x.toTypedArray(), (v) => 1 / (1 + Math.exp(-v)));
  Array.from(g.toTypedArray()).forEach((v, i) => assert.ok(Math.abs(v - s[i]!) < 1e-15));
  const r = gradcheck((v: Tensor) => softplus(v), [x]);
  assert.ok(r.ok, r.message);
});

test('the rule is really called: a deliberately different rule changes the gradient', () => {
  let calls = 0;
  const twice = customVjp(
    (x: Tensor) => sin(x),
    (x: Tensor) => [sin(x), x] as [Tensor, Tensor],
    (x: Tensor, g: Tensor) => {
      calls++;
      return [mul(mul(g, cos(x)), 2)];
    },
  );
  const g = grad((v: Tensor) => sum(twice(v)))(tensor([0.5])) as Tensor;
  assert.is(calls, 1);
  assert.ok(Math.abs(g.item() - 2 * Math.cos(0.5)) < 1e-15);
  // ... and gradcheck notices that this rule is wrong.
  assert.not.ok(gradcheck((v: Tensor) => twice(v), [tensor([0.5, 1])]).ok);
});

test('without differentiation, fn runs and fwd/bwd do not', () => {
  let fwdCalls = 0;
  const f = customVjp(
    (x: Tensor) => mul(x, 3),
    (x: Tensor) => {
      fwdCalls++;
      return [mul(x, 3), null] as [Tensor, null];
    },
    (_r: null, g: Tensor) => [mul(g, 3)],
  );
  assert.equal(f(tensor([1, 2])).toArray(), [3, 6]);
  assert.is(fwdCalls, 0);
});

test('several arguments, tree output, null cotangents and zero-filled unused outputs', () => {
  const f = customVjp(
    (a: Tensor, b: Tensor) => ({ p: mul(a, b), q: add(a, b) }),
    (a: Tensor, b: Tensor) => [{ p: mul(a, b), q: add(a, b) }, [a, b]] as [{ p: Tensor; q: Tensor }, Tensor[]],
    ([, b]: Tensor[], g: { p: Tensor; q: Tensor }) => [add(mul(g.p, b!), g.q), null],
  );
  const a = tensor([1, 2]);
  const b = tensor([3, 4]);
  const [ga, gb] = grad((x: Tensor, y: Tensor) => sum(f(x, y).p), { argnums: [0, 1] })(a, b) as [Tensor, Tensor];
  assert.equal(ga.toArray(), [3, 4]);
  assert.equal(gb.toArray(), [0, 0]);
  const [, back] = vjp((x: Tensor) => f(x, b).q, a);
  assert.equal((back(tensor([1, 1]))[0] as Tensor).toArray(), [1, 1]);
});

test('second order: outer levels differentiate through fwd and bwd', () => {
  // d^2/dx^2 softplus(x) = sigmoid(x) (1 - sigmoid(x))
  const x = tensor([-1, 0.5, 2]);
  const d2 = grad((v: Tensor) => sum(grad((w: Tensor) => sum(softplus(w)))(v) as Tensor))(x) as Tensor;
  Array.from(d2.toTypedArray()).forEach((v, i) => {
    const s = 1 / (1 + Math.exp(-x.toTypedArray()[i]!));
    assert.ok(Math.abs(v - s * (1 - s)) < 1e-14, `${v} vs ${s * (1 - s)}`);
  });
  // forward mode through a custom rule
  const [, t] = jvp((v: Tensor) => softplus(v), [x], [tensor([1, 1, 1])]);
  Array.from((t as Tensor).toTypedArray()).forEach((v, i) => assert.ok(Math.abs(v - 1 / (1 + Math.exp(-x.toTypedArray()[i]!))) < 1e-15));
});

test('bad rules are reported', () => {
  const noPair = customVjp((x: Tensor) => x, ((x: Tensor) => x) as never, (_r: unknown, g: Tensor) => [g]);
  assert.throws(() => grad((v: Tensor) => sum(noPair(v)))(tensor([1])), (e: unknown) => e instanceof ArgumentError && /fwd/.test((e as Error).message));
  const wrongCount = customVjp((x: Tensor) => x, (x: Tensor) => [x, null] as [Tensor, null], () => []);
  assert.throws(() => grad((v: Tensor) => sum(wrongCount(v)))(tensor([1])), (e: unknown) => e instanceof ArgumentError && /bwd/.test((e as Error).message));
  const wrongShape = customVjp((x: Tensor) => neg(x), (x: Tensor) => [neg(x), null] as [Tensor, null], () => [tensor([1, 2, 3])]);
  assert.throws(() => grad((v: Tensor) => sum(wrongShape(v)))(tensor([1])), /bwd result 0/);
  assert.throws(() => customVjp(null as never, null as never, null as never), (e: unknown) => e instanceof ArgumentError);
});

test.run();
