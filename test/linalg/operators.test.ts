/**
 * Linear operators and the linear-algebra primitives: stencil operators against dense
 * matrices assembled independently from their textbook definitions (every boundary, 1-D
 * to 3-D), transposes (given, by VJP, of compositions), diagonals, CSR forms, red-black
 * colourability, grid transfers (P = 2^D R^T), float64 gradient checks of every
 * primitive, and typed errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, DTypeError, ShapeError, type Tensor,
  axpy, gridTransfer, csrOperator, denseOperator, firstDerivative, fromCoo, fromMatvec, heatOperator, identityOperator, laplacian,
  matmul, matrixTranspose, mul, poisson, productOperator, prolong, reshape, restrict, scaleOperator, scalar, solve, spmv,
  stencil, stencilRelax, sum, sumOperator, tensor, toDense, transposeOperator, triangularSolve, vdot, sin,
} from '../../src/index.js';
import type { Boundary, LinearOperator } from '../../src/index.js';
import { assertClose, randomTensor } from '../helpers/assert-close.js';
import { checkGrad, throwsTyped } from '../helpers/checks.js';

/** Dense matrix of the 3-point-per-axis Laplacian, assembled from index arithmetic. */
function laplacianRef(shape: number[], h: number[], bc: Boundary[]): number[][] {
  const n = shape.reduce((a, b) => a * b, 1);
  const M = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  for (let p = 0; p < n; p++) {
    const idx = shape.map((s, d) => Math.floor(p / strides[d]!) % s);
    shape.forEach((s, d) => {
      const w = 1 / (h[d]! * h[d]!);
      M[p]![p]! -= 2 * w;
      for (const o of [-1, 1]) {
        let j = idx[d]! + o;
        if (j < 0 || j >= s) {
          if (bc[d] === 'dirichlet') continue;
          j = bc[d] === 'periodic' ? (j + s) % s : idx[d]!;
        }
        M[p]![p + (j - idx[d]!) * strides[d]!]! += w;
      }
    });
  }
  return M;
}

function denseOf(op: LinearOperator): number[][] {
  return toDense(op).toArray() as number[][];
}

test('laplacian, poisson and heat operators equal their assembled matrices (1-D to 3-D, every boundary)', () => {
  const cases: [number[], number[], Boundary[]][] = [
    [[7], [0.5], ['dirichlet']], [[6], [1], ['neumann']], [[5], [0.3], ['periodic']],
    [[4, 5], [1, 0.5], ['dirichlet', 'periodic']], [[3, 4], [0.7, 1], ['neumann', 'dirichlet']],
    [[3, 2, 4], [1, 2, 0.5], ['periodic', 'neumann', 'dirichlet']],
  ];
  for (const [shape, h, bc] of cases) {
    const ref = laplacianRef(shape, h, bc);
    assertClose(denseOf(laplacian(shape, { spacing: h, boundary: bc })), ref, { rtol: 1e-14, atol: 1e-12, message: `laplacian ${shape} ${bc}` });
    assertClose(denseOf(poisson(shape, { spacing: h, boundary: bc })), ref.map((r) => r.map((v) => -v)), { rtol: 1e-14, atol: 1e-12 });
    const heat = ref.map((r, i) => r.map((v, j) => (i === j ? 1 : 0) - 0.3 * v));
    assertClose(denseOf(heatOperator(shape, { a: 0.3, spacing: h, boundary: bc })), heat, { rtol: 1e-14, atol: 1e-12 });
    assertClose(denseOf(heatOperator(shape, { a: scalar(0.3), spacing: h, boundary: bc })), heat, { rtol: 1e-14, atol: 1e-12 });
  }
});

test('every operator: transpose, diagonal and CSR form agree with the dense matrix', () => {
  const rng = randomTensor([5, 5], { seed: 3 });
  const ops: [string, LinearOperator][] = [
    ['poisson 2-D', poisson([3, 4], { boundary: ['neumann', 'periodic'] })],
    ['derivative', firstDerivative([6], 0, { spacing: 0.5, boundary: 'periodic' })],
    ['derivative 2-D axis -1 edge', firstDerivative([3, 4], -1, { boundary: 'neumann' })],
    ['heat tensor a', heatOperator([4, 3], { a: scalar(0.2), boundary: 'dirichlet' })],
    ['dense', denseOperator(rng)],
    ['coo', fromCoo([0, 1, 1, 3, 4, 4, 2], [0, 1, 3, 3, 0, 4, 2], [1, 2, 3, 4, 5, 6, 7], [5, 5])],
    ['identity', identityOperator([2, 3])],
    ['sum', sumOperator(poisson([5]), denseOperator(rng))],
    ['scale', scaleOperator(-2.5, fromCoo([0, 4], [4, 0], [1, 2], [5, 5]))],
    ['transpose', transposeOperator(denseOperator(rng))],
  ];
  for (const [name, op] of ops) {
    const M = toDense(op);
    const Mt = matrixTranspose(M).toArray() as number[][];
    const n = M.shape[0]!;
    assertClose(toDense(transposeOperator(op)), Mt, { rtol: 1e-14, atol: 1e-14, message: `${name} transpose` });
    if (op.diagonal) assertClose(reshape(op.diagonal(), [n]), Array.from({ length: n }, (_, i) => (M.toArray() as number[][])[i]![i]!), { atol: 1e-14, message: `${name} diagonal` });
    if (op.csr) {
      const { pattern, values } = op.csr();
      assertClose(toDense(csrOperator(pattern, values)), M, { atol: 1e-14, message: `${name} csr` });
    }
    // A batch of inputs maps like each one.
    const x = randomTensor([2, ...op.inShape], { seed: 9 });
    const y = op.apply(x);
    const flat = reshape(x, [2, n]);
    assertClose(reshape(y, [2, n]), matrixTranspose(matmul(M, matrixTranspose(flat))), { rtol: 1e-13, atol: 1e-13, message: `${name} batch` });
  }
});

test('a matvec closure gets its transpose from the VJP, and gradients reach its parameters', () => {
  const k = tensor([1, 2, 3, 4]);
  const op = fromMatvec((x) => mul(x, k), { inShape: [4], params: [k] });
  assertClose(op.applyTranspose!(tensor([1, 1, 1, 1])), [1, 2, 3, 4]);
  const rect = fromMatvec((x) => matmul(x, tensor([[1, 4], [2, 5], [3, 6]])), { inShape: [3], outShape: [2] });
  assertClose(rect.applyTranspose!(tensor([1, -1])), [-3, -3, -3]);
  assertClose(toDense(transposeOperator(rect)), [[1, 4], [2, 5], [3, 6]]);
});

test('product composition and checkerboard flags', () => {
  const A = poisson([4]);
  const B = denseOperator(randomTensor([4, 4], { seed: 2 }));
  assertClose(toDense(productOperator(A, B)), matmul(toDense(A), toDense(B)), { rtol: 1e-14 });
  assert.ok(poisson([4, 6], { boundary: 'periodic' }).checkerboard);
  assert.not.ok(poisson([5], { boundary: 'periodic' }).checkerboard, 'odd periodic ring is not two-colourable');
  assert.ok(heatOperator([5, 5], { a: scalar(1) }).checkerboard);
  assert.not.ok(denseOperator(randomTensor([3, 3])).checkerboard);
  assert.ok(denseOperator(tensor([[2, -1, 0], [-1, 2, -1], [0, -1, 2]])).checkerboard);
  assert.ok(fromCoo([0, 1], [1, 0], [1, 1], [2, 2]).checkerboard);
  assert.not.ok(firstDerivative([4], 0).coarsen === undefined);
  // A sum keeps what both parts have.
  const mixed = sumOperator(poisson([3]), fromMatvec((x) => x, { inShape: [3] }));
  assert.is(mixed.csr, undefined);
  assert.is(mixed.diagonal, undefined);
  assert.is(mixed.coarsen, undefined);
});

test('grid transfers: prolongation is 2^D times the adjoint of restriction; smooth data restricts to itself', () => {
  for (const [shape, bc] of [[[7], 'dirichlet'], [[8], 'periodic'], [[8], 'neumann'], [[7, 4], ['dirichlet', 'periodic']]] as const) {
    const A = poisson(shape as unknown as number[], { boundary: bc as Boundary | Boundary[] });
    const coarse = A.coarsen!()!;
    const n = shape.reduce((a: number, b: number) => a * b, 1);
    const m = coarse.inShape.reduce((a, b) => a * b, 1);
    const R = matrixTranspose(reshape(restrict(reshape(tensor(Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0))), [n, ...shape]), A.grid!), [n, m]));
    const P = matrixTranspose(reshape(prolong(reshape(tensor(Array.from({ length: m * m }, (_, i) => (i % (m + 1) === 0 ? 1 : 0))), [m, ...coarse.inShape]), A.grid!), [m, n]));
    assertClose(P, mul(matrixTranspose(R), 2 ** shape.length), { rtol: 1e-15, message: `${shape} ${bc}` });
  }
  // A linear function on a Dirichlet grid restricts exactly to its coarse samples.
  const fine = poisson([15], { spacing: 1 / 16 });
  const x = tensor(Array.from({ length: 15 }, (_, i) => (i + 1) / 16));
  assertClose(restrict(x, fine.grid!), Array.from({ length: 7 }, (_, j) => (2 * j + 2) / 16), { rtol: 1e-15 });
  // Interpolation is exact for it too, except next to the right wall, which holds 0.
  const back = prolong(tensor(Array.from({ length: 7 }, (_, j) => (2 * j + 2) / 16)), fine.grid!).toArray() as number[];
  assertClose(back.slice(0, 14), Array.from({ length: 14 }, (_, i) => (i + 1) / 16), { rtol: 1e-15 });
  assertClose(back[14]!, (14 / 16) / 2, { rtol: 1e-15 });
  assert.is(poisson([6]).coarsen!(), undefined, 'even Dirichlet extent does not coarsen');
});

test('gradients of the primitives (float64 finite differences)', () => {
  const bcs = ['zero', 'edge', 'wrap'] as const;
  for (const b0 of bcs) {
    for (const b1 of bcs) {
      const spec = {
        terms: [{ offset: [0, 0], coef: 2 }, { offset: [1, 0], coef: -0.5 }, { offset: [0, -2], coef: 0.7 }, { offset: [-1, 1], coef: 1.3 }],
        boundary: [b0, b1],
      };
      const x = randomTensor([2, 3, 4], { seed: 5 });
      checkGrad((t) => stencil(t, spec), [x], `stencil ${b0} ${b1}`);
      checkGrad((t) => stencil(t, spec, { transpose: true }), [x], `stencil^T ${b0} ${b1}`);
      checkGrad((t, b, w) => stencilRelax(t, b, w, spec), [x, randomTensor([2, 3, 4], { seed: 6 }), randomTensor([3, 4], { seed: 7 })], `relax ${b0} ${b1}`);
      // The transpose really is the adjoint: <S x, y> = <x, S^T y>.
      const y = randomTensor([2, 3, 4], { seed: 8 });
      assertClose(sum(mul(stencil(x, spec), y)), sum(mul(x, stencil(y, spec, { transpose: true }))), { rtol: 1e-13 });
    }
  }
  // Ten terms: two full groups of five, then with 8 and 9 terms the shorter tails.
  for (const count of [10, 8, 9, 7]) {
    const terms = Array.from({ length: count }, (_, t) => ({ offset: [(t % 3) - 1, ((t * 7) % 5) - 2], coef: 0.3 + t }));
    const spec = { terms, boundary: ['wrap', 'zero'] as const };
    checkGrad((t) => stencil(t, spec), [randomTensor([3, 6], { seed: count })], `stencil with ${count} terms`);
  }
  const coo = fromCoo([0, 0, 1, 2, 2], [0, 2, 1, 0, 2], [4, 1, 5, 2, 6], [3, 3]);
  const { pattern, values } = coo.csr!();
  const x = randomTensor([2, 3], { seed: 1 });
  checkGrad((v, t) => spmv(v, t, pattern), [values, x], 'spmv');
  checkGrad((v, t) => spmv(v, t, pattern, { transpose: true }), [values, x], 'spmv^T');
  const lower = fromCoo([0, 1, 1, 2, 2], [0, 0, 1, 1, 2], [4, 1, 5, 2, 6], [3, 3]).csr!();
  for (const transpose of [false, true]) {
    checkGrad((v, t) => triangularSolve(v, t, lower.pattern, { lower: true, transpose }), [lower.values, x], `trisolve ${transpose}`);
  }
  const upper = fromCoo([0, 0, 1, 2], [0, 2, 1, 2], [3, 1, 2, 5], [3, 3]).csr!();
  checkGrad((v, t) => triangularSolve(v, t, upper.pattern, { lower: false }), [upper.values, x], 'trisolve upper');
  const a = randomTensor([2, 1], { seed: 3 });
  checkGrad((al, t, u) => axpy(al, t, u), [a, x, randomTensor([2, 3], { seed: 4 })], 'axpy');
  checkGrad((t, u) => vdot(t, u, 1), [x, randomTensor([2, 3], { seed: 4 })], 'vdot');
  const M = tensor([[4, 1, 0.5], [1, 3, 0.2], [0.3, 0.1, 2]]);
  checkGrad((m, t) => solve(m, t), [M, x], 'solve shared matrix');
  checkGrad((m, t) => solve(m, t), [randomTensor([2, 3, 3], { seed: 5, lo: 1, hi: 2 }), x], 'solve batched');
  checkGrad((v) => sum(sin(csrOperator(pattern, v).apply(x))), [values], 'csr operator values');
});

test('triangular and dense solves against substitution and LU', () => {
  const lower = fromCoo([0, 1, 1, 2, 2, 2], [0, 0, 1, 0, 1, 2], [2, 1, 4, -1, 3, 5], [3, 3]).csr!();
  const L = [[2, 0, 0], [1, 4, 0], [-1, 3, 5]];
  const y = triangularSolve(lower.values, tensor([2, 9, 10]), lower.pattern, { lower: true });
  assertClose(matmul(tensor(L), y), [2, 9, 10], { rtol: 1e-15 });
  const yt = triangularSolve(lower.values, tensor([2, 9, 10]), lower.pattern, { lower: true, transpose: true });
  assertClose(matmul(matrixTranspose(tensor(L)), yt), [2, 9, 10], { rtol: 1e-15 });
  const A = tensor([[0, 2, 1], [1, 1, 1], [3, 0, -1]]);
  assertClose(matmul(A, solve(A, tensor([1, 2, 3]))), [1, 2, 3], { rtol: 1e-14, atol: 1e-15 });
  throwsTyped(() => solve(tensor([[1, 2], [2, 4]]), tensor([1, 1])), ArgumentError, 'solve', 'a');
  throwsTyped(() => triangularSolve(lower.values, tensor([1, 2, 3]), lower.pattern, { lower: false }), ArgumentError, 'triangularSolve', 'pattern');
});

test('bad input: typed errors', () => {
  throwsTyped(() => poisson([0]), ArgumentError, 'poisson', 'shape');
  throwsTyped(() => poisson([3, 3], { spacing: [1] }), ArgumentError, 'poisson', 'spacing');
  throwsTyped(() => poisson([3], { boundary: 'robin' as Boundary }), ArgumentError, 'poisson', 'boundary');
  throwsTyped(() => poisson([3], { dtype: 'int32' }), DTypeError, 'poisson', 'dtype');
  throwsTyped(() => firstDerivative([3], 1), ArgumentError, 'firstDerivative', 'axis');
  throwsTyped(() => heatOperator([3], { a: Number.NaN }), ArgumentError, 'heatOperator', 'a');
  throwsTyped(() => heatOperator([3], { a: tensor([1, 2]) }), ArgumentError, 'heatOperator', 'a');
  throwsTyped(() => denseOperator(tensor([1, 2])), ShapeError, 'denseOperator', 'matrix');
  throwsTyped(() => fromCoo([0, 5], [0, 0], [1, 1], [3, 3]), ArgumentError, 'fromCoo', 'rows/cols');
  throwsTyped(() => fromCoo([0], [0, 1], [1, 1], [3, 3]), ShapeError, 'fromCoo', 'values');
  throwsTyped(() => sumOperator(poisson([3]), poisson([4])), ShapeError, 'sumOperator', 'operators');
  throwsTyped(() => scaleOperator(tensor([1, 2]), poisson([3])), ShapeError, 'scaleOperator', 's');
  throwsTyped(() => productOperator(poisson([3]), poisson([4])), ShapeError, 'productOperator', 'b');
  throwsTyped(() => fromMatvec((x) => x, { inShape: [0] }), ArgumentError, 'fromMatvec', 'A.inShape');
  throwsTyped(() => stencil(tensor([1, 2]), { terms: [{ offset: [0, 0], coef: 1 }], boundary: ['zero'] }), ArgumentError, 'stencil', 'spec');
  throwsTyped(() => stencil(tensor([1, 2]), { terms: [], boundary: ['zero', 'zero'] }), ShapeError, 'stencil', 'x');
  throwsTyped(() => axpy(tensor([[1], [2]]), tensor([[1, 2]]), tensor([[1, 2]])), ShapeError, 'axpy', 'alpha');
  throwsTyped(() => vdot(tensor([1, 2]), tensor([1, 2, 3]), 1), ShapeError, 'vdot', 'b');
  throwsTyped(() => vdot(tensor([1, 2]), tensor([1, 2]), 3), ArgumentError, 'vdot', 'ndim');
  throwsTyped(() => solve(tensor([[1, 2]]), tensor([1])), ShapeError, 'solve', 'a');
  throwsTyped(() => solve(randomTensor([3, 2, 2]), randomTensor([2, 2])), ShapeError, 'solve', 'a');
  throwsTyped(() => axpy(tensor([[1]]), tensor([[1, 2]]), tensor([[1, 2, 3]])), ShapeError, 'axpy', 'y');
  throwsTyped(() => stencil(tensor([1, 2]), { terms: [], boundary: ['mirror' as 'zero'] }), ArgumentError, 'stencil', 'spec.boundary');
  const spec1 = { terms: [{ offset: [1], coef: 1 }], boundary: ['zero' as const] };
  throwsTyped(() => stencilRelax(tensor([1, 2]), tensor([1, 2]), tensor([1, 2, 3]), spec1), ShapeError, 'stencilRelax', 'w');
  throwsTyped(() => gridTransfer(tensor([1, 2, 3]), 1, 'zero', true), ArgumentError, 'gridTransfer', 'axis');
  throwsTyped(() => gridTransfer(tensor([1, 2, 3]), 0, 'free' as 'zero', true), ArgumentError, 'gridTransfer', 'boundary');
  throwsTyped(() => gridTransfer(tensor([1, 2, 3, 4]), 0, 'zero', true), ShapeError, 'gridTransfer', 'x');
  throwsTyped(() => poisson([3], { spacing: -1 }), ArgumentError, 'poisson', 'spacing');
  throwsTyped(() => fromCoo([0], [0], [1], [0, 3]), ArgumentError, 'fromCoo', 'shape');
  throwsTyped(() => csrOperator(poisson([3]).csr!().pattern, tensor([1, 2])), ShapeError, 'csrOperator', 'values');
  throwsTyped(() => scaleOperator(Number.NaN, poisson([3])), ArgumentError, 'scaleOperator', 's');
  throwsTyped(() => fromMatvec((x) => x, { inShape: [2], params: [1 as unknown as Tensor] }), ArgumentError, 'fromMatvec', 'A.params');
  const { pattern, values } = poisson([3]).csr!();
  throwsTyped(() => spmv(values, tensor([1, 2]), pattern), ShapeError, 'spmv', 'x');
  throwsTyped(() => spmv(tensor([1]), tensor([1, 2, 3]), pattern), ShapeError, 'spmv', 'values');
});

test('float32 operators compute in float32', () => {
  const A = poisson([4, 4], { dtype: 'float32' });
  const x = randomTensor([4, 4], { dtype: 'float32' });
  const y = A.apply(x);
  assert.is(y.dtype, 'float32');
  assertClose(y, poisson([4, 4]).apply(randomTensor([4, 4])), { rtol: 1e-5, atol: 1e-5 });
});

test.run();
