/**
 * matmul, dot and outer: every rank combination of NumPy's matmul rules, batch
 * broadcasting, strided operands and sizes around the kernel's blocking, against a
 * naive triple loop; dtypes; float64 gradient checks (broadcast batches included), a
 * Hessian-vector product of a quadratic form; typed errors.
 */
import { test } from 'uvu';
import {
  ArgumentError, DTypeError, ShapeError, type Tensor,
  add, broadcastTo, dot, grad, hvp, matmul, matrixTranspose, mul, outer, scalar, slice, sum, tensor,
  transpose, zeros,
} from '../../src/index.js';
import { checkGrad } from '../helpers/checks.js';
import {
  assertClose, assertDType, assertEqualValues, assertShape, assertThrowsTyped, broadcastIndex, broadcastShapesRef,
  flatten, forEachIndex, randomTensor,
} from '../helpers/assert-close.js';

/**
 * NumPy matmul with plain loops: vectors are promoted (and the added axis dropped),
 * batch axes broadcast, and each element is summed over k in increasing order from 0.
 */
function matmulRef(a: Tensor, b: Tensor): { shape: number[]; values: number[] } {
  let sa = [...a.shape];
  let sb = [...b.shape];
  const vecA = sa.length === 1;
  const vecB = sb.length === 1;
  if (vecA) sa = [1, sa[0]!];
  if (vecB) sb = [sb[0]!, 1];
  const av = flatten(a);
  const bv = flatten(b);
  const [m, k] = sa.slice(-2) as [number, number];
  const n = sb[sb.length - 1]!;
  const batchA = sa.slice(0, -2);
  const batchB = sb.slice(0, -2);
  const batch = broadcastShapesRef(batchA, batchB)!;
  const values: number[] = [];
  forEachIndex(batch, (bi) => {
    const offA = broadcastIndex(bi, batchA) * m * k;
    const offB = broadcastIndex(bi, batchB) * k * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += av[offA + i * k + p]! * bv[offB + p * n + j]!;
        values.push(s);
      }
    }
  });
  const shape = [...batch, ...(vecA ? [] : [m]), ...(vecB ? [] : [n])];
  return { shape, values };
}

let seed = 1;
const rnd = (shape: number[]) => randomTensor(shape, { seed: seed++ });

/** matmul(a, b) has the reference's shape and exactly its values (the kernel sums in k order). */
function checkMatmul(a: Tensor, b: Tensor, label = ''): void {
  const ref = matmulRef(a, b);
  const y = matmul(a, b);
  const msg = `${label} [${a.shape}] @ [${b.shape}]`;
  assertShape(y, ref.shape, msg);
  assertEqualValues(y, ref.values, { message: msg });
}

test('2-D: every combination of small sizes around the 4-row and 4-column blocks', () => {
  const sizes = [1, 2, 3, 4, 5, 7, 8, 9];
  for (const m of sizes) for (const k of [1, 3, 4, 5]) for (const n of sizes) checkMatmul(rnd([m, k]), rnd([k, n]));
});

test('2-D: large sizes, k beyond a 128 panel, and zero extents', () => {
  const cases: [number, number, number][] = [
    [130, 7, 5], [5, 7, 130], [4, 129, 4], [7, 260, 9], [130, 130, 130], [1, 300, 1], [13, 257, 6],
    [3, 0, 4], [0, 3, 4], [3, 4, 0], [0, 0, 0],
  ];
  for (const [m, k, n] of cases) checkMatmul(rnd([m, k]), rnd([k, n]), `m ${m} k ${k} n ${n}`);
  assertEqualValues(matmul(zeros([3, 0]), zeros([0, 4])), zeros([3, 4]));
});

test('vectors: 1-D @ 2-D, 2-D @ 1-D, 1-D @ 1-D, and vectors against batches', () => {
  checkMatmul(rnd([4]), rnd([4, 3]));
  checkMatmul(rnd([5, 4]), rnd([4]));
  checkMatmul(rnd([6]), rnd([6]));
  checkMatmul(rnd([200]), rnd([200]));
  checkMatmul(rnd([4]), rnd([2, 4, 3]));
  checkMatmul(rnd([2, 3, 5, 4]), rnd([4]));
  checkMatmul(rnd([1]), rnd([1, 7]));
  checkMatmul(rnd([0]), rnd([0]));
  assertShape(matmul(rnd([6]), rnd([6])), []);
  assertShape(matmul(rnd([3]), rnd([2, 3, 7])), [2, 7]);
  assertShape(matmul(rnd([2, 5, 3]), rnd([3])), [2, 5]);
  assertEqualValues(matmul(tensor([1, 2, 3]), tensor([4, 5, 6])), 32);
  assertEqualValues(matmul(tensor([[1, 2], [3, 4]]), tensor([5, 6])), [17, 39]);
  assertEqualValues(matmul(tensor([5, 6]), tensor([[1, 2], [3, 4]])), [23, 34]);
});

test('batched 3-D and 4-D with broadcast batch axes', () => {
  const pairs: [number[], number[]][] = [
    [[2, 3, 4], [2, 4, 5]], [[2, 3, 4], [4, 5]], [[3, 4], [2, 4, 5]], [[1, 3, 4], [2, 4, 5]], [[2, 3, 4], [1, 4, 5]],
    [[2, 1, 3, 4], [5, 4, 6]], [[2, 1, 3, 4], [1, 2, 4, 5]], [[3, 1, 5, 4], [1, 2, 4, 5]], [[2, 2, 5, 130], [2, 130, 3]],
    [[0, 3, 4], [4, 5]], [[2, 0, 4], [2, 4, 5]], [[2, 1, 3, 4], [0, 4, 2]], [[4, 9, 4], [4, 4, 9]],
  ];
  for (const [sa, sb] of pairs) checkMatmul(rnd(sa), rnd(sb));
  assertShape(matmul(rnd([2, 1, 3, 4]), rnd([5, 4, 6])), [2, 5, 3, 6]);
  assertShape(matmul(rnd([2, 1, 3, 4]), rnd([0, 4, 2])), [2, 0, 3, 2]);
});

test('strided operands: transposed, sliced, reversed, offset and broadcast views', () => {
  const A = rnd([9, 12]);
  const Bt = rnd([12, 9]);
  const views: [string, Tensor, Tensor][] = [
    ['transposed a', transpose(rnd([5, 7])), rnd([5, 6])],
    ['transposed b', rnd([6, 5]), transpose(rnd([9, 5]))],
    ['both transposed', transpose(Bt), transpose(A)],
    ['stepped columns', slice(A, null, [null, null, 2]), rnd([6, 5])],
    ['reversed rows', slice(A, [null, null, -1]), rnd([12, 3])],
    ['contiguous block with an offset', slice(A, [3, 8]), slice(rnd([20, 7]), [4, 16])],
    ['inner block', slice(A, [1, 6], [2, 9]), slice(rnd([9, 9]), [1, 8], [null, null, -3])],
    ['broadcast batch of a', broadcastTo(rnd([5, 4]), [3, 5, 4]), rnd([3, 4, 6])],
    ['broadcast rows of b', rnd([3, 4]), broadcastTo(rnd([1, 6]), [4, 6])],
    ['batched matrix transpose', matrixTranspose(rnd([2, 7, 5])), matrixTranspose(rnd([2, 3, 7]))],
    ['permuted 4-D', transpose(rnd([4, 2, 3, 5]), [1, 2, 3, 0]), rnd([3, 4, 6])],
  ];
  for (const [label, a, b] of views) checkMatmul(a, b, label);
});

test('dtypes: int32 stays int32, float32 stays float32, promotion follows the lattice', () => {
  const ia = randomTensor([5, 6], { seed: 40, lo: -20, hi: 20, integers: true, dtype: 'int32' });
  const ib = randomTensor([6, 3], { seed: 41, lo: -20, hi: 20, integers: true, dtype: 'int32' });
  const yi = matmul(ia, ib);
  assertDType(yi, 'int32');
  assertEqualValues(yi, matmulRef(ia, ib).values);
  const fa = randomTensor([7, 9], { seed: 42, dtype: 'float32' });
  const fb = randomTensor([9, 4], { seed: 43, dtype: 'float32' });
  const yf = matmul(fa, fb);
  assertDType(yf, 'float32');
  assertClose(yf, matmulRef(fa, fb).values.map(Math.fround), { rtol: 1.2e-7, atol: 1e-7 });
  assertDType(matmul(ia, randomTensor([6, 2], { dtype: 'float32' })), 'float32');
  assertDType(matmul(randomTensor([2, 5], { dtype: 'float32' }), ia), 'float32');
  assertDType(matmul(fa, randomTensor([9, 2])), 'float64');
  assertDType(matmul(ia, randomTensor([6])), 'float64');
});

test('dot, outer and the method form', () => {
  const a = rnd([5]);
  const b = rnd([5]);
  assertEqualValues(dot(a, b), matmulRef(a, b).values[0]!);
  checkMatmul(rnd([3, 4]), rnd([4, 2]));
  const M = rnd([3, 4]);
  assertEqualValues(dot(M, tensor([0, 1, 0, 0])), slice(M, null, 1));
  const x = tensor([1, 2, 3]);
  const y = tensor([4, 5]);
  const o = outer(x, y);
  assertShape(o, [3, 2]);
  assertEqualValues(o, [[4, 5], [8, 10], [12, 15]]);
  assertShape(outer(zeros([0]), y), [0, 2]);
  assertDType(outer(tensor([1, 2], { dtype: 'int32' }), tensor([1.5])), 'float64');
  assertDType(outer(tensor([1, 2], { dtype: 'float32' }), tensor([3], { dtype: 'int32' })), 'float32');
  const ob = outer(tensor([true, false]), tensor([true, true]));
  assertDType(ob, 'int32');
  assertEqualValues(ob, [[1, 1], [0, 0]]);
  const m = rnd([3, 4]);
  const v = rnd([4, 2]);
  assertEqualValues(m.matmul(v), matmul(m, v));
});

// ---------------------------------------------------------------------------------------
// Gradients

test('gradcheck matmul over every rank combination', () => {
  const pairs: [number[], number[]][] = [
    [[3, 4], [4, 2]], [[4], [4, 3]], [[3, 4], [4]], [[5], [5]], [[1, 1], [1, 1]], [[4], [2, 4, 3]], [[2, 3, 4], [4]],
    [[6, 5], [5, 1]],
  ];
  for (const [sa, sb] of pairs) checkGrad((a, b) => matmul(a!, b!), [rnd(sa), rnd(sb)]);
});

test('gradcheck batched matmul with broadcast batch axes (gradients summed over them)', () => {
  const pairs: [number[], number[]][] = [
    [[2, 3, 4], [2, 4, 2]], [[2, 3, 4], [4, 2]], [[3, 4], [2, 4, 2]], [[1, 3, 2], [2, 2, 3]], [[2, 1, 2, 3], [3, 3, 2]],
    [[2, 1, 2, 3], [1, 2, 3, 2]],
  ];
  for (const [sa, sb] of pairs) checkGrad((a, b) => matmul(a!, b!), [rnd(sa), rnd(sb)]);
  // The gradient of a broadcast operand is the sum over the batch: for sum(A @ B), dA = sum_b ones @ B_b^T.
  const A = rnd([2, 3]);
  const B = rnd([4, 3, 5]);
  const gA = grad((a: Tensor) => sum(matmul(a, B)))(A);
  assertShape(gA, [2, 3]);
  const bv = flatten(B);
  const expected: number[] = [];
  for (let i = 0; i < 2; i++) {
    for (let p = 0; p < 3; p++) {
      let s = 0;
      for (let t = 0; t < 4; t++) for (let j = 0; j < 5; j++) s += bv[t * 15 + p * 5 + j]!;
      expected.push(s);
    }
  }
  assertClose(gA, expected, { rtol: 1e-14 });
});

test('gradcheck matmul of strided operands, dot, outer and a composed loss', () => {
  checkGrad((a, b) => matmul(transpose(a!), b!), [rnd([4, 3]), rnd([4, 2])]);
  checkGrad((a, b) => matmul(a!, slice(b!, [null, null, -1], [null, null, 2])), [rnd([2, 3]), rnd([3, 4])]);
  checkGrad((a) => matmul(a, a), [rnd([3, 3])]);
  checkGrad((a, b) => dot(a!, b!), [rnd([4]), rnd([4])]);
  checkGrad((a, b) => outer(a!, b!), [rnd([3]), rnd([2])]);
  checkGrad((w, x, bias) => add(matmul(x!, w!), bias!).tanh(), [rnd([4, 3]), rnd([5, 4]), rnd([3])]);
});

test('hvp of a quadratic form x^T A x is (A + A^T) v', () => {
  const A = rnd([4, 4]);
  const x = rnd([4]);
  const v = rnd([4]);
  const f = (y: Tensor) => dot(y, matmul(A, y));
  const h = hvp(f, x, v) as Tensor;
  assertShape(h, [4]);
  const S = add(A, transpose(A));
  assertClose(h, matmul(S, v), { rtol: 1e-13, atol: 1e-15 });
  // Independent of x, and the gradient is (A + A^T) x.
  assertClose(hvp(f, rnd([4]), v) as Tensor, matmul(S, v), { rtol: 1e-13, atol: 1e-15 });
  assertClose(grad(f)(x), matmul(S, x), { rtol: 1e-13, atol: 1e-15 });
  // Batched quadratic forms summed: the Hessian is block-diagonal.
  const X = rnd([3, 4]);
  const V = rnd([3, 4]);
  const g = (y: Tensor) => sum(mul(y, matmul(y, transpose(A))));
  assertClose(hvp(g, X, V) as Tensor, matmul(V, transpose(S)), { rtol: 1e-13, atol: 1e-15 });
});

// ---------------------------------------------------------------------------------------
// Errors

test('inner-dimension mismatch and non-broadcastable batches throw ShapeError', () => {
  assertThrowsTyped(() => matmul(zeros([2, 3]), zeros([4, 5])), ShapeError, { fn: 'matmul', arg: 'b', includes: ['[2,3]', '[4,5]'] });
  assertThrowsTyped(() => matmul(zeros([3]), zeros([4])), ShapeError, { fn: 'matmul', arg: 'b' });
  assertThrowsTyped(() => matmul(zeros([3]), zeros([2, 4, 5])), ShapeError, { fn: 'matmul', arg: 'b' });
  assertThrowsTyped(() => matmul(zeros([2, 3, 4]), zeros([5])), ShapeError, { fn: 'matmul', arg: 'b' });
  assertThrowsTyped(() => matmul(zeros([2, 3, 4]), zeros([3, 4, 5])), ShapeError, { fn: 'matmul', includes: ['[2]', '[3]'] });
  assertThrowsTyped(() => dot(zeros([3]), zeros([2])), ShapeError);
});

test('scalars, bools and non-tensors are rejected with typed errors naming the argument', () => {
  assertThrowsTyped(() => matmul(scalar(2), zeros([2, 2])), ShapeError, { fn: 'matmul', arg: 'a' });
  assertThrowsTyped(() => matmul(zeros([2, 2]), scalar(2)), ShapeError, { fn: 'matmul', arg: 'b' });
  assertThrowsTyped(() => matmul(zeros([2, 2]), 3), ShapeError, { fn: 'matmul', arg: 'b' });
  assertThrowsTyped(() => matmul(3, zeros([2, 2])), ShapeError, { fn: 'matmul', arg: 'a' });
  assertThrowsTyped(() => matmul(tensor([[true, false]]), zeros([2, 1])), DTypeError, { fn: 'matmul', arg: 'a' });
  assertThrowsTyped(() => matmul(zeros([1, 2]), tensor([[true], [false]])), DTypeError, { fn: 'matmul', arg: 'b' });
  const bad = 'x' as unknown as Tensor;
  assertThrowsTyped(() => matmul(bad, zeros([2])), ArgumentError, { fn: 'matmul', arg: 'a', includes: ['"x"'] });
  assertThrowsTyped(() => matmul(zeros([2]), bad), ArgumentError, { fn: 'matmul', arg: 'b', includes: ['"x"'] });
  assertThrowsTyped(() => outer(bad, zeros([2])), ArgumentError, { fn: 'outer', arg: 'a' });
  assertThrowsTyped(() => outer(zeros([2]), bad), ArgumentError, { fn: 'outer', arg: 'b' });
  assertThrowsTyped(() => outer(zeros([2, 2]), zeros([2])), ShapeError, { fn: 'outer', arg: 'a', includes: ['[2,2]'] });
  assertThrowsTyped(() => outer(zeros([2]), scalar(1)), ShapeError, { fn: 'outer', arg: 'b' });
});

test.run();
