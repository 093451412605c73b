import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, DTypeError, ShapeError, type Tensor, add, arange, cos, exp, grad, hvp, jacobian, jvp, log,
  matmul, mul, neg, noGrad, random, randomNormal, sin, stopGradient, sum, square, tanh, tensor, valueAndGrad,
  vjp, zeros,
} from '../../src/index.js';

const close = (a: Tensor | number, b: Tensor | number, tol = 1e-12): void => {
  const x = typeof a === 'number' ? [a] : Array.from(a.toTypedArray());
  const y = typeof b === 'number' ? [b] : Array.from(b.toTypedArray());
  assert.is(x.length, y.length, 'length');
  x.forEach((v, i) => assert.ok(Math.abs(v - y[i]!) <= tol * (1 + Math.abs(y[i]!)), `element ${i}: ${v} vs ${y[i]}`));
};

test('grad of elementary functions matches analytic derivatives', () => {
  const x = tensor([-1.3, 0.2, 0.9, 2.5]);
  close(grad((v: Tensor) => sum(sin(v)))(x), cos(x));
  close(grad((v: Tensor) => sum(exp(v)))(x), exp(x));
  close(grad((v: Tensor) => sum(mul(v, v)))(x), mul(x, 2));
  close(grad((v: Tensor) => sum(tanh(v)))(x), tensor(Array.from(x.toTypedArray(), (v) => 1 - Math.tanh(v) ** 2)), 1e-14);
});

test('grad with respect to several arguments and over trees', () => {
  const f = (a: Tensor, b: Tensor) => sum(mul(a, b));
  const a = tensor([1, 2, 3]);
  const b = tensor([4, 5, 6]);
  const [ga, gb] = grad(f, { argnums: [0, 1] })(a, b) as [Tensor, Tensor];
  close(ga, b);
  close(gb, a);
  close(grad(f, { argnums: 1 })(a, b) as Tensor, a);
  const params = { w: tensor([[1, 2], [3, 4]]), layers: [{ b: tensor([0.5, -0.5]) }], name: 'mlp', scale: 3 };
  const loss = (p: typeof params) => sum(square(add(matmul(p.w, p.layers[0]!.b), p.scale)));
  const g = grad(loss)(params) as typeof params;
  assert.is(g.name, 'mlp');
  assert.is(g.scale, 3);
  // d/dw sum((w b + s)^2) = 2 (w b + s) b^T ; d/db = 2 w^T (w b + s)
  const r = add(matmul(params.w, params.layers[0]!.b), 3);
  close(g.w, mul(mul(r.reshape([2, 1]), params.layers[0]!.b.reshape([1, 2])), 2));
  close(g.layers[0]!.b, mul(matmul(params.w.transpose(), r), 2));
});

test('valueAndGrad and hasAux', () => {
  const x = tensor([1, 2]);
  const [v, g] = valueAndGrad((t: Tensor) => sum(square(t)))(x) as [Tensor, Tensor];
  close(v, 5);
  close(g, tensor([2, 4]));
  const [g2, aux] = grad((t: Tensor) => [sum(t), t.mul(10)] as const, { hasAux: true })(x);
  close(g2, tensor([1, 1]));
  close(aux, tensor([10, 20]));
});

test('a gradient that does not depend on the input is zero, with the input shape', () => {
  const g = grad((_x: Tensor) => sum(tensor([1, 2, 3])))(tensor([[1, 2], [3, 4]])) as Tensor;
  assert.equal(g.shape, [2, 2]);
  close(g, zeros([2, 2]));
  close(grad((x: Tensor) => sum(x))(tensor(3)) as Tensor, 1);
});

test('reused intermediates accumulate cotangents (fan-out)', () => {
  const f = (x: Tensor) => {
    const y = sin(x);
    return sum(add(mul(y, y), y));
  };
  const x = tensor([0.3, 1.1]);
  close(grad(f)(x), tensor(Array.from(x.toTypedArray(), (v) => (2 * Math.sin(v) + 1) * Math.cos(v))), 1e-14);
});

test('grad of grad gives second derivatives; third order too', () => {
  const x = tensor([0.4, 1.7]);
  const d1 = grad((v: Tensor) => sum(sin(v)));
  const d2 = grad((v: Tensor) => sum(d1(v) as Tensor));
  const d3 = grad((v: Tensor) => sum(d2(v) as Tensor));
  close(d2(x), neg(sin(x)));
  close(d3(x), neg(cos(x)));
  // A mixed derivative where the inner function closes over the outer variable:
  // d/dx [x * d/dy (x * y)] = d/dx [x * x] = 2x (no perturbation confusion).
  const outer = grad((xv: Tensor) => mul(xv, grad((yv: Tensor) => mul(xv, yv))(tensor(5)) as Tensor));
  close(outer(tensor(3)), 6);
});

test('vjp with a tree output and several inputs', () => {
  const f = (a: Tensor, b: Tensor) => ({ s: mul(a, b), d: [sin(a)] });
  const a = tensor([0.5, 1]);
  const b = tensor([2, 3]);
  const [out, back] = vjp(f, a, b);
  close(out.s, tensor([1, 3]));
  const [ga, gb] = back({ s: tensor([1, 1]), d: [tensor([1, 0])] }) as [Tensor, Tensor];
  close(ga, tensor([2 + Math.cos(0.5), 3]));
  close(gb, a);
  assert.throws(() => back({ s: tensor([1, 1]) } as never), (e: unknown) => e instanceof ArgumentError);
  assert.throws(() => back({ s: tensor([1, 1, 1]), d: [tensor([1, 0])] }), (e: unknown) => e instanceof ShapeError);
});

test('jvp equals the Jacobian times the tangent, including through matmul', () => {
  const A = randomNormal(random.key(1), [4, 3]);
  const x = randomNormal(random.key(2), [3]);
  const t = randomNormal(random.key(3), [3]);
  const f = (v: Tensor) => tanh(matmul(A, v));
  const [y, yt] = jvp(f, [x], [t]);
  close(y, f(x));
  const J = jacobian(f, x);
  assert.equal(J.shape, [4, 3]);
  close(yt as Tensor, matmul(J, t), 1e-13);
  // Jacobian of an elementwise function is diagonal.
  const Jd = jacobian((v: Tensor) => sin(v), x);
  close(Jd, mul(tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), cos(x)));
});

test('hvp of a quadratic form is (A + A^T) v', () => {
  const A = tensor([[2, 1, 0], [0, 3, -1], [4, 0, 1]]);
  const x = tensor([0.1, -0.2, 0.3]);
  const v = tensor([1, 2, -1]);
  const h = hvp((y: Tensor) => sum(mul(y, matmul(A, y))), x, v) as Tensor;
  close(h, matmul(add(A, A.transpose()), v));
});

test('stopGradient and noGrad cut differentiation', () => {
  const x = tensor([1, 2]);
  close(grad((v: Tensor) => sum(mul(v, stopGradient(v))))(x), x);
  close(grad((v: Tensor) => sum(add(mul(v, 2), noGrad(() => mul(v, v)))))(x), tensor([2, 2]));
  // A gradient taken inside noGrad still works on its own.
  close(noGrad(() => grad((v: Tensor) => sum(square(v)))(x)) as Tensor, tensor([2, 4]));
});

test('gradients keep the dtype of float32 inputs', () => {
  const x = tensor([1, 2], { dtype: 'float32' });
  const g = grad((v: Tensor) => sum(mul(v, tensor([0.5, 0.25]))))(x) as Tensor;
  assert.is(g.dtype, 'float32');
  close(g, tensor([0.5, 0.25]));
});

test('integer inputs get zero gradients; integer outputs are rejected', () => {
  const idx = arange(3);
  const g = grad((i: Tensor) => sum(mul(i, 2.5)))(idx) as Tensor;
  close(g, zeros([3]));
  assert.throws(() => grad((i: Tensor) => sum(i))(idx), (e: unknown) => e instanceof DTypeError && /grad/.test((e as Error).message));
});

test('grad rejects non-scalar results, bad argnums and non-functions', () => {
  assert.throws(() => grad((x: Tensor) => mul(x, 2))(tensor([1, 2])), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => grad((x: Tensor) => sum(x), { argnums: 2 })(tensor([1])), (e: unknown) => e instanceof ArgumentError && /argnums/.test((e as Error).message));
  assert.throws(() => grad('f' as never), (e: unknown) => e instanceof ArgumentError);
  assert.throws(() => grad((() => 3) as never)(tensor(1) as never), (e: unknown) => e instanceof ArgumentError);
  assert.throws(() => jvp((x: Tensor) => x, [tensor([1, 2])], [tensor([1])]), (e: unknown) => e instanceof ShapeError);
  assert.throws(() => jvp((x: Tensor) => x, [tensor([1])], [] as never), (e: unknown) => e instanceof ArgumentError);
});

test('log-det style composite: gradient of sum(log(x)) is 1/x', () => {
  const x = tensor([0.5, 2, 4]);
  close(grad((v: Tensor) => sum(log(v)))(x), tensor([2, 0.5, 0.25]));
});

test.run();
