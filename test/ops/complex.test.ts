/**
 * Complex tensors: storage, creation, arithmetic against plain JS complex math, the
 * gradient convention (cotangent = dL/dx + i dL/dy), dtype rules and errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, DTypeError, ShapeError, type Tensor, abs, add, angle, argmax, cast, complex, concat, conj, div, equal, exp, eye,
  fromArray, full, grad, gradcheck, imag, matmul, max, mean, mul, notEqual, pad, parseNpy, promoteTypes, real,
  reciprocal, serializeNpy, sin, slice, square, sub, sum, tensor, transpose, variance, where, zeros,
} from '../../src/index.js';
import { throwsTyped } from '../helpers/checks.js';

type C = [number, number];
const cmul = ([a, b]: C, [c, d]: C): C => [a * c - b * d, a * d + b * c];
const cdiv = ([a, b]: C, [c, d]: C): C => {
  const m = c * c + d * d;
  return [(a * c + b * d) / m, (b * c - a * d) / m];
};
const pairs = (t: Tensor): C[] => t.toArray() as unknown as C[];
const closePairs = (got: C[], want: C[], tol = 1e-15): void => {
  assert.is(got.length, want.length);
  got.forEach(([r, i], k) => {
    const [wr, wi] = want[k]!;
    assert.ok(Math.abs(r - wr) <= tol * (1 + Math.abs(wr)) && Math.abs(i - wi) <= tol * (1 + Math.abs(wi)), `element ${k}: ${r}+${i}i vs ${wr}+${wi}i`);
  });
};

const A: C[] = [[1, 0.5], [-2, 3], [0.5, -1], [0, 0.25]];
const B: C[] = [[0.3, -1.2], [2, 2], [-0.7, 0.1], [1.5, 0]];
const za = complex(tensor(A.map((p) => p[0])), tensor(A.map((p) => p[1])));
const zb = complex(tensor(B.map((p) => p[0])), tensor(B.map((p) => p[1])));

test('storage is interleaved; creation from parts and from interleaved arrays', () => {
  assert.is(za.dtype, 'complex128');
  assert.equal(za.shape, [4]);
  assert.equal(Array.from(za.toTypedArray()), A.flat());
  const f = fromArray(new Float64Array([1, 2, 3, 4]), [2], { dtype: 'complex128' });
  assert.equal(f.toArray(), [[1, 2], [3, 4]]);
  assert.is(fromArray(new Float32Array([1, 2]), [], { dtype: 'complex64' }).dtype, 'complex64');
  assert.equal(full([2], 3, { dtype: 'complex64' }).toArray(), [[3, 0], [3, 0]]);
  assert.equal(eye(2, 2, 0, { dtype: 'complex128' }).toArray(), [[[1, 0], [0, 0]], [[0, 0], [1, 0]]]);
  assert.equal(tensor([1, 2], { dtype: 'complex128' }).toArray(), [[1, 0], [2, 0]]);
  assert.is(complex(tensor([1], { dtype: 'float32' }), 2).dtype, 'complex64');
  assert.is(String(complex(tensor([1, -0.5]), tensor([-2, 0]))), 'tensor([1-2i,-0.5+0i], complex128)');
  throwsTyped(() => complex(za, 1), DTypeError, 'complex', 're');
  throwsTyped(() => fromArray(new Float64Array(3), undefined, { dtype: 'complex128' }), ShapeError, 'fromArray', 'array');
  throwsTyped(() => fromArray(new Int32Array(2), undefined, { dtype: 'complex128' }), DTypeError, 'fromArray', 'dtype');
});

test('real and imag are views of the same storage; conj and angle', () => {
  const re = real(za);
  const im = imag(za);
  assert.ok(re.storage === za.storage && im.storage === za.storage);
  assert.equal(re.toArray(), A.map((p) => p[0]));
  assert.equal(im.toArray(), A.map((p) => p[1]));
  assert.equal(pairs(conj(za)), A.map(([r, i]) => [r, -i]));
  closePairs((angle(za).toArray() as number[]).map((v) => [v, 0]), A.map(([r, i]) => [Math.atan2(i, r), 0]), 3e-16);
  assert.equal(real(tensor([1, 2])).toArray(), [1, 2]);
  assert.equal(imag(tensor([1, 2])).toArray(), [0, 0]);
  throwsTyped(() => angle(tensor([1])), DTypeError, 'angle', 'z');
  throwsTyped(() => complex(1, 2).item(), DTypeError, 'item', 'this');
});

test('arithmetic matches complex math, with broadcasting and real operands', () => {
  closePairs(pairs(mul(za, zb)), A.map((a, k) => cmul(a, B[k]!)));
  closePairs(pairs(div(za, zb)), A.map((a, k) => cdiv(a, B[k]!)));
  closePairs(pairs(add(za, zb)), A.map((a, k) => [a[0] + B[k]![0], a[1] + B[k]![1]]));
  closePairs(pairs(sub(za, 2)), A.map(([r, i]) => [r - 2, i]));
  closePairs(pairs(mul(za, tensor([1, 2, 3, 4]))), A.map(([r, i], k) => [r * (k + 1), i * (k + 1)]));
  closePairs(pairs(square(za)), A.map((a) => cmul(a, a)));
  closePairs(pairs(reciprocal(za)), A.map((a) => cdiv([1, 0], a)));
  closePairs(pairs(exp(za)), A.map(([r, i]) => [Math.exp(r) * Math.cos(i), Math.exp(r) * Math.sin(i)]), 1e-15);
  assert.equal(abs(za).toArray(), A.map(([r, i]) => Math.hypot(r, i)));
  const outer = mul(za.reshape([4, 1]), zb.reshape([1, 4]));
  assert.equal(outer.shape, [4, 4]);
  closePairs(pairs(outer.reshape([16])), A.flatMap((a) => B.map((b) => cmul(a, b))));
  assert.equal(equal(za, za).toArray(), [1, 1, 1, 1]);
  assert.equal(notEqual(za, conj(za)).toArray(), [1, 1, 1, 1]);
  // Division by zero follows NumPy's arrangement (inf/nan parts), not an exception.
  const q = div(complex(1, 1), complex(0, 0)).toTypedArray();
  assert.ok(Number.isNaN(q[0]!) || !Number.isFinite(q[0]!));
});

test('complex64 arithmetic rounds each part to float32', () => {
  const a = complex(tensor([0.1], { dtype: 'float32' }), tensor([0.2], { dtype: 'float32' }));
  const p = mul(a, a).toTypedArray();
  const r = Math.fround(0.1);
  const i = Math.fround(0.2);
  assert.is(p[0], Math.fround(r * r - i * i));
  assert.is(p[1], Math.fround(r * i + i * r));
});

test('dtype promotion with complex operands', () => {
  assert.is(promoteTypes('float64', 'complex64'), 'complex128');
  assert.is(promoteTypes('float32', 'complex64'), 'complex64');
  assert.is(promoteTypes('int32', 'complex64'), 'complex64');
  assert.is(promoteTypes('complex64', 'complex128'), 'complex128');
  assert.is(add(za, tensor([1], { dtype: 'float32' })).dtype, 'complex128');
  assert.is(cast(za, 'complex64').dtype, 'complex64');
  assert.equal(pairs(cast(tensor([1.5, -2]), 'complex128')), [[1.5, 0], [-2, 0]]);
  throwsTyped(() => cast(za, 'float64'), DTypeError, 'cast', 'dtype');
});

test('reductions, views and movement carry (re, im) pairs together', () => {
  const m = complex(tensor([[1, 2, 3], [4, 5, 6]]), tensor([[-1, 0, 1], [2, 2, 2]]));
  assert.equal(pairs(sum(m, 0)), [[5, 1], [7, 2], [9, 3]]);
  assert.equal(sum(m).toArray(), [21, 6]);
  assert.equal(pairs(mean(m, 1)), [[2, 0], [5, 2]]);
  assert.equal((transpose(m).toArray() as C[][])[2], [[3, 1], [6, 2]]);
  assert.equal((slice(m, 1, [null, null, -1]).toArray() as C[]), [[6, 2], [5, 2], [4, 2]]);
  assert.equal(pairs(concat([slice(m, 0), slice(m, 1)])), [[1, -1], [2, 0], [3, 1], [4, 2], [5, 2], [6, 2]]);
  assert.equal(pairs(pad(slice(m, 0), [1, 0])), [[0, 0], [1, -1], [2, 0], [3, 1]]);
  assert.equal(pairs(pad(slice(m, 0), 1, { mode: 'wrap' })), [[3, 1], [1, -1], [2, 0], [3, 1], [1, -1]]);
  assert.equal(pairs(where(tensor([true, false, true]), slice(m, 0), 0)), [[1, -1], [0, 0], [3, 1]]);
  // variance of complex values is real: mean |x - mean|^2
  const v = variance(complex(tensor([0, 2]), tensor([0, 0])));
  assert.is(v.dtype, 'float64');
  assert.is(v.item(), 1);
});

test('the gradient convention: cotangent = dL/dx + i dL/dy', () => {
  // L = |z|^2 = x^2 + y^2: dL/dx + i dL/dy = 2x + 2iy = 2z
  const g = grad((z: Tensor) => sum(square(abs(z))))(za);
  closePairs(pairs(g), A.map(([r, i]) => [2 * r, 2 * i]));
  // L = Re(z): gradient 1; L = Im(z): gradient i
  assert.equal(pairs(grad((z: Tensor) => sum(real(z)))(za)), A.map(() => [1, 0]));
  assert.equal(pairs(grad((z: Tensor) => sum(imag(z)))(za)), A.map(() => [0, 1]));
  // L = Re(c z) for a constant c: dL/dx = Re(c), dL/dy = -Im(c), so the cotangent is conj(c).
  const c = complex(0.5, 2);
  assert.equal(pairs(grad((z: Tensor) => sum(real(mul(c, z))))(za)), A.map(() => [0.5, -2]));
  // A real loss of holomorphic and antiholomorphic parts, checked by differences.
  const r = gradcheck((z: Tensor) => real(mul(exp(z), conj(z))), [za]);
  assert.ok(r.ok, r.message);
  // Real parameters that build a complex value get real gradients.
  const [gx, gy] = grad((x: Tensor, y: Tensor) => sum(abs(complex(x, y))), { argnums: [0, 1] })(tensor([3]), tensor([4]));
  assert.equal([gx.item(), gy.item()], [0.6, 0.8]);
});

test('ops without a complex meaning are refused with a typed error', () => {
  throwsTyped(() => max(za), DTypeError, 'max', 'x');
  throwsTyped(() => argmax(za), DTypeError, 'argmax', 'x');
  throwsTyped(() => matmul(za, za), DTypeError, 'matmul', 'a');
  throwsTyped(() => sin(za), DTypeError, 'sin', 'x');
  throwsTyped(() => sub(za, 1).greater(0), DTypeError, 'greater', 'x');
  throwsTyped(() => pad(za, 1, { value: 2 }), ArgumentError, 'pad', 'value');
  assert.is(zeros([2], { dtype: 'complex64' }).dtype, 'complex64');
});

test('.npy round trip of complex tensors is bit-exact', () => {
  for (const t of [za, cast(za, 'complex64'), complex(tensor([[NaN, -0]]), tensor([[Infinity, 5e-324]]))]) {
    const back = parseNpy(serializeNpy(t));
    assert.is(back.dtype, t.dtype);
    assert.equal(back.shape, t.shape);
    assert.equal(Array.from(new Uint8Array(back.toTypedArray().buffer)), Array.from(new Uint8Array(t.toTypedArray().buffer)));
  }
});

test.run();
