/**
 * `linearSolve` and its derivatives: converged implicit and unrolled gradients against
 * the dense direct solve (with respect to b and to operator parameters of every kind);
 * unrolled gradients against finite differences of the truncated computation; the
 * Jacobi identity (implicit = unrolled for symmetric A and zero initial guesses);
 * forward mode `x-dot = A^{-1}(b-dot - A-dot x)` and its agreement with reverse mode;
 * second derivatives; the adjoint's own budget, initial guess and cost reports.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, type Tensor,
  add, csrOperator, denseOperator, exp, fromCoo, fromMatvec, grad, heatOperator, jvp, linearSolve, matmul, mul, pad,
  poisson, relativeError, scalar, sin, slice, sub, sum, tensor, toDense, vjp,
} from '../../src/index.js';
import type { LinearOperator, LinearSolveOptions, SolveInfo, SolverMethod } from '../../src/index.js';
import { assertClose, randomTensor } from '../helpers/assert-close.js';
import { checkGrad, throwsTyped } from '../helpers/checks.js';

/** A smooth scalar loss of the solution. */
function loss(x: Tensor): Tensor {
  return sum(mul(sin(x), tensor(Array.from({ length: x.size }, (_, i) => 1 + (i % 3)), { shape: x.shape })));
}

/**
 * 1-D variable-coefficient diffusion `x - d/dz (kappa dx/dz)` with face diffusivities
 * `kappa` (n + 1 of them): SPD for kappa > 0, a matrix-free operator differentiable in
 * kappa.
 */
function diffusion(kappa: Tensor, n: number): LinearOperator {
  const h = 1 / (n + 1);
  const last = (t: Tensor, from: number, to: number | null) => slice(t, ...new Array<null>(t.ndim - 1).fill(null), [from, to]);
  return fromMatvec((x) => {
    const padded = pad(x, [...x.shape.slice(0, -1).map(() => [0, 0] as [number, number]), [1, 1]]);
    const flux = mul(kappa, sub(last(padded, 1, null), last(padded, 0, -1)));
    return sub(x, mul(sub(last(flux, 1, null), last(flux, 0, -1)), 0.01 / (h * h)));
  }, { inShape: [n], params: [kappa] });
}

const CONVERGED: { method: SolverMethod; maxIter: number; extra?: LinearSolveOptions }[] = [
  { method: 'cg', maxIter: 300 },
  { method: 'pcg', maxIter: 300 },
  { method: 'bicgstab', maxIter: 300 },
  { method: 'gmres', maxIter: 50, extra: { restart: 8 } },
  { method: 'jacobi', maxIter: 20000 },
  { method: 'gaussSeidel', maxIter: 10000 },
  { method: 'multigrid', maxIter: 60 },
  { method: 'steepestDescent', maxIter: 20000 },
];

test('converged gradients with respect to b and to the operator match the direct solve (implicit and unrolled)', () => {
  const n = 15;
  const b = randomTensor([2, n], { seed: 1, lo: -1, hi: 1 });
  const a = scalar(0.8);
  const opOf = (s: Tensor) => heatOperator([n], { a: s, spacing: 1 / (n + 1) * 4 });
  const ref = grad((bb: Tensor, s: Tensor) => loss(linearSolve(opOf(s), bb, { method: 'direct' })), { argnums: [0, 1] })(b, a);
  for (const { method, maxIter, extra } of CONVERGED) {
    for (const adjoint of ['implicit', 'unrolled'] as const) {
      if (adjoint === 'unrolled' && maxIter > 1000) continue; // a long tape adds nothing here
      const o: LinearSolveOptions = { method, maxIter, tol: 1e-13, adjoint, ...extra };
      const g = grad((bb: Tensor, s: Tensor) => loss(linearSolve(opOf(s), bb, o)), { argnums: [0, 1] })(b, a);
      assertClose(g[0], ref[0], { rtol: 1e-8, atol: 1e-10, message: `${method} ${adjoint} b` });
      assertClose(g[1], ref[1], { rtol: 1e-8, message: `${method} ${adjoint} a` });
    }
  }
});

test('parameters of dense, sparse and matrix-free operators receive the direct solve\'s gradients', () => {
  const n = 6;
  const M0 = add(randomTensor([n, n], { seed: 2, lo: -0.5, hi: 0.5 }), tensor(Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 4 : 0)), { shape: [n, n] }));
  const b = randomTensor([n], { seed: 3 });
  const viaDense = (o: LinearSolveOptions) => grad((M: Tensor) => loss(linearSolve(denseOperator(M), b, o)))(M0);
  assertClose(viaDense({ method: 'gmres', maxIter: 3, restart: n, tol: 1e-14 }), viaDense({ method: 'direct' }), { rtol: 1e-8, atol: 1e-11 });
  assertClose(viaDense({ method: 'bicgstab', maxIter: 50, tol: 1e-14, adjoint: 'unrolled' }), viaDense({ method: 'direct' }), { rtol: 1e-8, atol: 1e-11 });
  // COO triplets (with a duplicate entry) through the CSR operator.
  const rows = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 1];
  const cols = [0, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1];
  const vals = tensor([4, 5, 6, 5, 4, 6, 1, -1, 0.5, 1, -0.5, 0.5]);
  const viaCoo = (o: LinearSolveOptions) => grad((v: Tensor) => loss(linearSolve(fromCoo(rows, cols, v, [n, n]), b, o)))(vals);
  assertClose(viaCoo({ method: 'gaussSeidel', maxIter: 400, tol: 1e-14 }), viaCoo({ method: 'direct' }), { rtol: 1e-8, atol: 1e-11 });
  // A diffusivity field inside a matrix-free operator.
  const kappa = add(randomTensor([n + 1], { seed: 4 }), 0.5);
  const viaField = (o: LinearSolveOptions) => grad((k: Tensor) => loss(linearSolve(diffusion(k, n), b, o)))(kappa);
  const refField = viaField({ method: 'direct' });
  assertClose(viaField({ method: 'cg', maxIter: 100, tol: 1e-14 }), refField, { rtol: 1e-8, atol: 1e-12 });
  assertClose(viaField({ method: 'cg', maxIter: 100, tol: 1e-14, adjoint: 'unrolled' }), refField, { rtol: 1e-8, atol: 1e-12 });
  // The direct reference itself against finite differences.
  checkGrad((k) => loss(linearSolve(diffusion(k, n), b, { method: 'direct' })), [kappa], 'direct, field');
});

test('unrolled gradients are the exact derivatives of the truncated solve (finite differences)', () => {
  const n = 7;
  const b = randomTensor([n], { seed: 5, lo: -1, hi: 1 });
  const A = (s: Tensor) => heatOperator([n], { a: s, spacing: 0.5 });
  const cases: [SolverMethod, LinearSolveOptions][] = [
    ['jacobi', { omega: 0.9 }], ['gaussSeidel', {}], ['richardson', { omega: 0.1 }], ['steepestDescent', {}], ['cg', {}],
    ['pcg', {}], ['bicgstab', {}], ['gmres', { restart: 2 }], ['multigrid', { maxLevels: 2 }],
  ];
  for (const [method, extra] of cases) {
    const o: LinearSolveOptions = { method, maxIter: 2, adjoint: 'unrolled', ...extra };
    checkGrad((bb, s) => loss(linearSolve(A(s), bb, o)), [b, scalar(0.7)], { label: method, checkJvp: method !== 'multigrid' });
  }
  // Not converged, implicit differs from the derivative of what was computed (for CG).
  const gi = grad((bb: Tensor) => loss(linearSolve(A(scalar(0.7)), bb, { method: 'cg', maxIter: 2 })))(b);
  const gu = grad((bb: Tensor) => loss(linearSolve(A(scalar(0.7)), bb, { method: 'cg', maxIter: 2, adjoint: 'unrolled' })))(b);
  assert.ok(relativeError(gi, gu) > 1e-3);
});

test('Jacobi, symmetric A, zero initial guesses: implicit and unrolled gradients agree for every K', () => {
  const A = poisson([6, 5], { spacing: 0.2, boundary: ['dirichlet', 'neumann'] });
  const b = randomTensor([6, 5], { seed: 6 });
  for (const K of [1, 2, 5, 17]) {
    const g = (adjoint: 'implicit' | 'unrolled') => grad((bb: Tensor) => loss(linearSolve(A, bb, { method: 'jacobi', maxIter: K, adjoint })))(b);
    assertClose(g('implicit'), g('unrolled'), { rtol: 1e-12, atol: 1e-14, message: `K=${K}` });
  }
  // A non-zero adjoint initial guess breaks the identity.
  const gx = grad((bb: Tensor) => loss(linearSolve(A, bb, { method: 'jacobi', maxIter: 3, adjointX0: randomTensor([6, 5], { seed: 1 }) })))(b);
  const gu = grad((bb: Tensor) => loss(linearSolve(A, bb, { method: 'jacobi', maxIter: 3, adjoint: 'unrolled' })))(b);
  assert.ok(relativeError(gx, gu) > 1e-3);
});

test('forward mode: x-dot = A^{-1}(b-dot - A-dot x), and <u, J t> = <J^T u, t>', () => {
  const n = 9;
  const b = randomTensor([n], { seed: 7 });
  const bDot = randomTensor([n], { seed: 8 });
  const a = scalar(0.6);
  const aDot = scalar(-0.4);
  const A = (s: Tensor) => heatOperator([n], { a: s, boundary: 'periodic' });
  const f = (o: LinearSolveOptions) => (bb: Tensor, s: Tensor) => linearSolve(A(s), bb, o);
  // Reference: A-dot = -aDot * Laplacian, so x-dot = A^{-1}(b-dot + aDot L x).
  const x = linearSolve(A(a), b, { method: 'direct' });
  const L = toDense(heatOperator([n], { a: -1, boundary: 'periodic' }));
  const Lx = sub(matmul(L, x), x);
  const xDotRef = linearSolve(A(a), add(bDot, mul(Lx, aDot.item())), { method: 'direct' });
  for (const o of [{ method: 'cg', maxIter: 200, tol: 1e-14 }, { method: 'gmres', maxIter: 10, restart: 9, tol: 1e-14 }, { method: 'direct' }] as LinearSolveOptions[]) {
    const [, xDot] = jvp(f(o), [b, a], [bDot, aDot]);
    assertClose(xDot, xDotRef, { rtol: 1e-9, atol: 1e-12, message: o.method });
    const u = randomTensor([n], { seed: 9 });
    const [, pull] = vjp(f(o), b, a);
    const [ub, ua] = pull(u);
    assertClose(sum(mul(u, xDot)).item(), sum(mul(ub, bDot)).item() + ua.item() * aDot.item(), { rtol: 1e-9 });
  }
  // Forward mode solves with A: the tangent solve appears in the reports.
  const infos: SolveInfo[] = [];
  jvp(f({ method: 'cg', maxIter: 40, tol: 1e-12, onSolve: (i) => infos.push(i) }), [b, a], [bDot, aDot]);
  assert.equal(infos.map((i) => i.phase), ['forward', 'adjoint', 'tangent']);
});

test('second derivatives through the implicit solve match the direct solve', () => {
  const n = 8;
  const b = randomTensor([n], { seed: 10 });
  const L = (s: Tensor, o: LinearSolveOptions) => loss(linearSolve(heatOperator([n], { a: exp(s) }), b, o));
  const d2 = (o: LinearSolveOptions) => grad((s: Tensor) => grad((t: Tensor) => L(t, o))(s))(scalar(0.3));
  assertClose(d2({ method: 'cg', maxIter: 100, tol: 1e-14 }), d2({ method: 'direct' }), { rtol: 1e-8 });
  checkGrad((s) => grad((t: Tensor) => L(t, { method: 'direct' }))(s), [scalar(0.3)], 'direct second derivative');
});

test('the adjoint solve has its own method, budget and initial guess; costs are reported', () => {
  const A = poisson([12], { spacing: 0.1 });
  const b = randomTensor([12], { seed: 11 });
  const infos: SolveInfo[] = [];
  const o: LinearSolveOptions = { method: 'jacobi', maxIter: 7, adjointMethod: 'cg', adjointMaxIter: 20, adjointTol: 1e-12, onSolve: (i) => infos.push(i) };
  const g = grad((bb: Tensor) => loss(linearSolve(A, bb, o)))(b);
  assert.is(infos.length, 2);
  assert.equal([infos[0]!.phase, infos[0]!.method, infos[0]!.iterations], ['forward', 'jacobi', 7]);
  assert.equal([infos[1]!.phase, infos[1]!.method], ['adjoint', 'cg']);
  assert.ok(infos[1]!.converged && infos[1]!.iterations <= 12);
  // With an exact adjoint, b-bar = A^-T dL/dx at the truncated x.
  const x = linearSolve(A, b, { method: 'jacobi', maxIter: 7 });
  const gx = grad(loss)(x);
  assertClose(g, linearSolve(A, gx, { method: 'direct' }), { rtol: 1e-9 });
  // Unrolled mode reports only the forward solve.
  infos.length = 0;
  grad((bb: Tensor) => loss(linearSolve(A, bb, { ...o, adjoint: 'unrolled' })))(b);
  assert.equal(infos.map((i) => i.phase), ['forward']);
});

test('a solve with no gradient taken runs the solver alone; sparse operators from COO', () => {
  const A = fromCoo([0, 1, 2, 0, 2], [0, 1, 2, 2, 0], [3, 3, 3, 1, 1], [3, 3]);
  const x = linearSolve(A, tensor([1, 2, 3]), { method: 'cg', maxIter: 10, tol: 1e-14 });
  assertClose(A.apply(x), [1, 2, 3], { rtol: 1e-12 });
  const { pattern, values } = A.csr!();
  assertClose(linearSolve(csrOperator(pattern, values), tensor([1, 2, 3]), { method: 'direct' }), x, { rtol: 1e-12, atol: 1e-15 });
});

test('bad options: typed errors', () => {
  const A = poisson([4]);
  const b = tensor([1, 2, 3, 4]);
  throwsTyped(() => linearSolve(A, b, { method: 'qr' as SolverMethod, maxIter: 2 }), ArgumentError, 'linearSolve', 'method');
  throwsTyped(() => linearSolve(A, b, { method: 'cg' }), ArgumentError, 'linearSolve', 'maxIter');
  throwsTyped(() => linearSolve(A, b, { maxIter: 2, adjoint: 'exact' as 'implicit' }), ArgumentError, 'linearSolve', 'adjoint');
  throwsTyped(() => linearSolve(A, b, { maxIter: 2, adjointMethod: 'lu' as SolverMethod }), ArgumentError, 'linearSolve', 'adjointMethod');
  throwsTyped(() => linearSolve(A, b, { maxIter: 2, adjointX0: [1, 2] as unknown as Tensor }), ArgumentError, 'linearSolve', 'adjointX0');
  throwsTyped(() => linearSolve(A, b, null as unknown as LinearSolveOptions), ArgumentError, 'linearSolve', 'options');
});

test.run();
