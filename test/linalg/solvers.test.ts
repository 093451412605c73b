/**
 * The iterative solvers against the dense LU solve: SPD, nonsymmetric and periodic
 * systems; batches equal per-sample solves; residual histories; multigrid convergence
 * rates; float32; and the typed errors for bad input, breakdown and divergence.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, ConvergenceError, DTypeError, ShapeError, type Tensor,
  bicgstab, cg, denseOperator, direct, firstDerivative, fromMatvec, gaussSeidel, gmres, heatOperator, jacobi, multigrid,
  grad, mul, poisson, relativeError, richardson, scalar, scaleOperator, stack, steepestDescent, sumOperator, tensor,
} from '../../src/index.js';
import type { LinearOperator, SolveResult } from '../../src/index.js';
import { assertClose, randomTensor } from '../helpers/assert-close.js';
import { throwsTyped } from '../helpers/checks.js';

type Solver = (A: LinearOperator, b: Tensor, o: { maxIter: number; tol?: number }) => SolveResult;

const SPD: [string, LinearOperator][] = [
  ['poisson 2-D dirichlet 7x7', poisson([7, 7], { spacing: 1 / 8 })],
  ['heat 2-D periodic 8x8', heatOperator([8, 8], { a: 0.5, boundary: 'periodic' })],
  ['heat 1-D neumann 16', heatOperator([16], { a: 4, boundary: 'neumann' })],
];
// Advection-diffusion with central differences: nonsymmetric, diagonally dominant.
const NONSYM: [string, LinearOperator][] = [
  ['advection-diffusion 1-D', sumOperator(poisson([15], { spacing: 1 / 16 }), scaleOperator(10, firstDerivative([15], 0, { spacing: 1 / 16 })))],
  ['advection-diffusion 2-D periodic', sumOperator(heatOperator([8, 8], { a: 1, boundary: 'periodic' }), scaleOperator(0.4, firstDerivative([8, 8], 1, { boundary: 'periodic' })))],
];

const SOLVERS: Record<string, { solve: Solver; spdOnly: boolean; maxIter: number }> = {
  jacobi: { solve: jacobi, spdOnly: false, maxIter: 5000 },
  'gauss-seidel': { solve: gaussSeidel, spdOnly: false, maxIter: 3000 },
  'gauss-seidel red-black': { solve: (A, b, o) => gaussSeidel(A, b, { ...o, ordering: 'redBlack' }), spdOnly: false, maxIter: 3000 },
  'weighted jacobi': { solve: (A, b, o) => jacobi(A, b, { ...o, omega: 0.8 }), spdOnly: false, maxIter: 6000 },
  richardson: { solve: (A, b, o) => richardson(A, b, { ...o, omega: 1 / maxRowSum(A) }), spdOnly: true, maxIter: 20000 },
  'steepest descent': { solve: steepestDescent, spdOnly: true, maxIter: 5000 },
  cg: { solve: cg, spdOnly: true, maxIter: 200 },
  pcg: { solve: (A, b, o) => cg(A, b, { ...o, preconditioner: 'jacobi' }), spdOnly: true, maxIter: 200 },
  bicgstab: { solve: bicgstab, spdOnly: false, maxIter: 300 },
  'gmres(10)': { solve: (A, b, o) => gmres(A, b, { ...o, restart: 10 }), spdOnly: false, maxIter: 200 },
  multigrid: { solve: multigrid, spdOnly: false, maxIter: 60 },
};

/** The largest absolute row sum (a bound on the spectral radius). */
function maxRowSum(A: LinearOperator): number {
  const { pattern, values } = A.csr!();
  const v = values.toTypedArray();
  let best = 0;
  for (let i = 0; i < pattern.nRows; i++) {
    let s = 0;
    for (let k = pattern.indptr[i]!; k < pattern.indptr[i + 1]!; k++) s += Math.abs(v[k]!);
    best = Math.max(best, s);
  }
  return best;
}

function rhs(A: LinearOperator, seed: number, batch: number[] = []): Tensor {
  return randomTensor([...batch, ...A.inShape], { seed, lo: -1, hi: 1 });
}

test('every solver converges to the direct solution (SPD, nonsymmetric, periodic)', () => {
  for (const [sname, s] of Object.entries(SOLVERS)) {
    for (const [name, A] of [...SPD, ...(s.spdOnly ? [] : NONSYM)]) {
      if (sname === 'multigrid' && A.coarsen?.() === undefined) continue;
      const b = rhs(A, 4);
      const ref = direct(A, b).x;
      const r = s.solve(A, b, { maxIter: s.maxIter, tol: 1e-11 });
      assert.ok(r.converged, `${sname} on ${name}: residual ${r.residuals.at(-1)} after ${r.iterations}`);
      assert.ok(relativeError(r.x, ref) < 1e-8, `${sname} on ${name}: error ${relativeError(r.x, ref)}`);
      assert.is(r.residuals.length, r.iterations + 1, `${sname}: one residual per iterate`);
      assertClose(r.residuals[0]!, 1, { rtol: 1e-12, message: `${sname}: zero initial guess` });
    }
  }
});

test('a batch of right-hand sides is solved exactly as each sample alone', () => {
  const A = NONSYM[1]![1];
  const B = rhs(A, 7, [3]);
  for (const [sname, s] of Object.entries(SOLVERS)) {
    if (s.spdOnly && sname !== 'cg') continue;
    const op = sname === 'cg' ? SPD[1]![1] : A;
    const all = s.solve(op, B, { maxIter: 6 }).x;
    const each = stack([0, 1, 2].map((i) => s.solve(op, B.slice(i), { maxIter: 6 }).x));
    assertClose(all, each, { rtol: 0, atol: 0, message: sname });
  }
  // A shared initial guess and a per-sample one.
  const x0 = rhs(A, 8);
  assertClose(cg(SPD[1]![1], B, { maxIter: 3, x0 }).x, cg(SPD[1]![1], B, { maxIter: 3, x0: stack([x0, x0, x0]) }).x, { rtol: 0 });
});

test('the fused CG update gives the bits of the op-by-op path that a tape records', () => {
  const A = poisson([9, 9], { spacing: 0.1 });
  const B = rhs(A, 2, [2]);
  for (const dtype of ['float64', 'float32'] as const) {
    const op = poisson([9, 9], { spacing: 0.1, dtype });
    const b = B.cast(dtype);
    const fused = cg(op, b, { maxIter: 12 });
    let recorded!: SolveResult;
    const watched = scalar(1);
    grad((s: Tensor) => { recorded = cg(op, b, { maxIter: 12 }); return mul(s, 2); })(watched);
    assertClose(fused.x, recorded.x, { rtol: 0, atol: 0, message: dtype });
    assert.equal(fused.residuals, recorded.residuals);
  }
});

test('tolerance: early exit, convergence flag, and throwOnMaxIter', () => {
  const A = SPD[0]![1];
  const b = rhs(A, 1);
  const r = cg(A, b, { maxIter: 500, tol: 1e-6 });
  assert.ok(r.converged && r.iterations < 500 && r.residuals.at(-1)! <= 1e-6);
  assert.ok(r.residuals.at(-2)! > 1e-6, 'stops at the first iterate within tolerance');
  const short = jacobi(A, b, { maxIter: 5, tol: 1e-12 });
  assert.is(short.iterations, 5);
  assert.not.ok(short.converged);
  let err: unknown;
  try { jacobi(A, b, { maxIter: 5, tol: 1e-12, throwOnMaxIter: true }); } catch (e) { err = e; }
  assert.ok(err instanceof ConvergenceError && err.iteration === 5 && err.residual! > 1e-12, String(err));
  const seen: number[] = [];
  cg(A, b, { maxIter: 3, onIteration: (k, res) => seen.push(k, res) });
  assert.is(seen.length, 8);
});

test('gmres: one cycle of n steps is exact; residuals never increase', () => {
  const M = randomTensor([10, 10], { seed: 12, lo: -1, hi: 1 }).add(tensor(Array.from({ length: 100 }, (_, i) => (i % 11 === 0 ? 6 : 0)), { shape: [10, 10] }));
  const A = denseOperator(M);
  const b = rhs(A, 2);
  const r = gmres(A, b, { maxIter: 1, restart: 10 });
  assert.ok(relativeError(r.x, direct(A, b).x) < 1e-12, `${relativeError(r.x, direct(A, b).x)}`);
  const slow = gmres(NONSYM[0]![1], rhs(NONSYM[0]![1], 3), { maxIter: 30, restart: 3 });
  for (let k = 1; k < slow.residuals.length; k++) assert.ok(slow.residuals[k]! <= slow.residuals[k - 1]! * (1 + 1e-12));
  // Early exit inside a cycle once the estimate is within tolerance.
  const early = gmres(A, b, { maxIter: 3, restart: 50, tol: 1e-6 });
  assert.ok(early.converged && early.iterations === 1);
});

test('multigrid: V-cycles reduce the error by a grid-independent factor', () => {
  for (const n of [15, 31, 63]) {
    const A = poisson([n, n], { spacing: 1 / (n + 1) });
    const r = multigrid(A, rhs(A, 5), { maxIter: 20, tol: 1e-10 });
    assert.ok(r.converged && r.iterations <= 12, `n=${n}: ${r.iterations} cycles`);
    const rate = (r.residuals.at(-1)! / r.residuals[0]!) ** (1 / r.iterations);
    assert.ok(rate < 0.2, `n=${n}: rate ${rate}`);
  }
  // Neumann cells, a 3-D grid, a heat operator with a tensor coefficient, Jacobi smoothing.
  const cases: LinearOperator[] = [
    heatOperator([16, 16], { a: 10, boundary: 'neumann' }),
    poisson([7, 7, 7], { boundary: 'dirichlet' }),
    heatOperator([16], { a: tensor(3), boundary: 'periodic' }),
  ];
  for (const A of cases) {
    const b = rhs(A, 6);
    for (const smoother of ['redBlack', 'jacobi'] as const) {
      const r = multigrid(A, b, { maxIter: 40, tol: 1e-10, smoother, preSmooth: 2, postSmooth: 2 });
      assert.ok(r.converged, `${A.inShape} ${smoother}: ${r.residuals.at(-1)}`);
      assert.ok(relativeError(r.x, direct(A, b).x) < 1e-8);
    }
  }
  const one = multigrid(poisson([15, 15]), rhs(poisson([15, 15]), 1), { maxIter: 3, maxLevels: 1 });
  assert.is(one.iterations, 3);
});

test('float32 solves agree with float64 to float32 precision', () => {
  const A32 = poisson([7, 7], { spacing: 1 / 8, dtype: 'float32' });
  const b = rhs(SPD[0]![1], 3);
  const b32 = b.cast('float32');
  const ref = direct(SPD[0]![1], b).x;
  for (const solve of [cg, bicgstab, multigrid, gmres] as Solver[]) {
    const r = solve(A32, b32, { maxIter: 100, tol: 1e-5 });
    assert.is(r.x.dtype, 'float32');
    assert.ok(relativeError(r.x.cast('float64'), ref) < 1e-4);
  }
});

test('breakdown and divergence raise ConvergenceError with the iteration', () => {
  const catchIt = (f: () => unknown): ConvergenceError => {
    try { f(); } catch (e) { if (e instanceof ConvergenceError) return e; throw e; }
    throw new Error('no error');
  };
  // CG on an indefinite matrix: p^T A p = 0 with a non-zero residual.
  const e1 = catchIt(() => cg(denseOperator(tensor([[1, 0], [0, -1]])), tensor([1, 1]), { maxIter: 5 }));
  assert.is(e1.iteration, 0);
  assert.match(e1.message, /breakdown/);
  // BiCGStab: r^.v = 0 on the exchange matrix.
  const e2 = catchIt(() => bicgstab(denseOperator(tensor([[0, 1], [1, 0]])), tensor([1, 0]), { maxIter: 5 }));
  assert.match(e2.message, /breakdown/);
  // Jacobi on a matrix with iteration spectral radius 10 overflows.
  const e3 = catchIt(() => jacobi(denseOperator(tensor([[1, 10], [10, 1]])), tensor([1, 2]), { maxIter: 2000 }));
  assert.ok(e3.iteration! > 100 && e3.iteration! < 2000 && !Number.isFinite(e3.residual!), `${e3.iteration} ${e3.residual}`);
  catchIt(() => richardson(poisson([5]), tensor([1, 2, 3, 4, 5]), { maxIter: 5000, omega: 1 }));
  // An exactly converged sample is not a breakdown.
  const z = cg(poisson([4]), tensor([[0, 0, 0, 0], [1, 2, 3, 4]]), { maxIter: 6 });
  assertClose(z.x.slice(0), [0, 0, 0, 0]);
  assertClose(bicgstab(poisson([4]), tensor([0, 0, 0, 0]), { maxIter: 3 }).x, [0, 0, 0, 0]);
  assertClose(gmres(poisson([4]), tensor([0, 0, 0, 0]), { maxIter: 2 }).x, [0, 0, 0, 0]);
});

test('bad input: typed errors', () => {
  const A = poisson([4]);
  const b = tensor([1, 2, 3, 4]);
  throwsTyped(() => cg(A, tensor([1, 2, 3]), { maxIter: 3 }), ShapeError, 'cg', 'b');
  throwsTyped(() => cg(A, b.cast('float32'), { maxIter: 3 }), DTypeError, 'cg', 'b');
  throwsTyped(() => cg(A, b, { maxIter: -1 }), ArgumentError, 'cg', 'maxIter');
  throwsTyped(() => cg(A, b, { maxIter: 2, tol: -1 }), ArgumentError, 'cg', 'tol');
  throwsTyped(() => cg(A, b, { maxIter: 2, x0: tensor([1, 2]) }), ShapeError, 'cg', 'x0');
  throwsTyped(() => cg(A, b, { maxIter: 2, preconditioner: 'ilu' as 'none' }), ArgumentError, 'cg', 'preconditioner');
  throwsTyped(() => cg({} as LinearOperator, b, { maxIter: 2 }), ArgumentError, 'cg', 'A');
  const rect = fromMatvec((x) => x.slice([0, 2]), { inShape: [4], outShape: [2] });
  throwsTyped(() => cg(rect, tensor([1, 2]), { maxIter: 2 }), ArgumentError, 'cg', 'A');
  throwsTyped(() => jacobi(denseOperator(tensor([[0, 1], [1, 2]])), tensor([1, 1]), { maxIter: 2 }), ArgumentError, 'jacobi', 'A');
  throwsTyped(() => jacobi(fromMatvec((x) => x, { inShape: [2] }), tensor([1, 1]), { maxIter: 2 }), ArgumentError, 'jacobi', 'A');
  throwsTyped(() => jacobi(A, b, { maxIter: 2, omega: 0 }), ArgumentError, 'jacobi', 'omega');
  throwsTyped(() => gaussSeidel(denseOperator(randomTensor([3, 3], { lo: 1, hi: 2 })), tensor([1, 1, 1]), { maxIter: 2, ordering: 'redBlack' }), ArgumentError, 'gaussSeidel', 'ordering');
  throwsTyped(() => gaussSeidel(A, b, { maxIter: 2, ordering: 'diagonal' as 'redBlack' }), ArgumentError, 'gaussSeidel', 'ordering');
  throwsTyped(() => gaussSeidel(A, b, { maxIter: 2, omega: 1.5 }), ArgumentError, 'gaussSeidel', 'omega');
  throwsTyped(() => gaussSeidel(fromMatvec((x) => x, { inShape: [4], diagonal: () => tensor([1, 1, 1, 1]) }), b, { maxIter: 2 }), ArgumentError, 'gaussSeidel', 'A');
  throwsTyped(() => gmres(A, b, { maxIter: 2, restart: 0 }), ArgumentError, 'gmres', 'restart');
  throwsTyped(() => multigrid(denseOperator(randomTensor([4, 4])), b, { maxIter: 2 }), ArgumentError, 'multigrid', 'A');
  throwsTyped(() => multigrid(A, b, { maxIter: 2, smoother: 'sor' as 'jacobi' }), ArgumentError, 'multigrid', 'smoother');
  throwsTyped(() => multigrid(A, b, { maxIter: 2, preSmooth: -1 }), ArgumentError, 'multigrid', 'preSmooth');
  throwsTyped(() => multigrid(poisson([5], { boundary: 'periodic' }), tensor([1, 2, 3, 4, 5]), { maxIter: 2, smoother: 'redBlack' }), ArgumentError, 'multigrid', 'smoother');
});

test.run();
