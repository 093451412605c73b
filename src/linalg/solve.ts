/**
 * `linearSolve`: the differentiable linear solve, with two adjoints.
 *
 * - `implicit` (default): the implicit function theorem. The forward solve runs without
 *   recording; the backward pass solves the adjoint system `A^T lambda = g` with its
 *   own solver budget, then `b-bar = lambda` and, for every parameter p of the operator,
 *   `p-bar = -(d(A(p) x) / dp)^T lambda` at the computed x. Memory O(n), whatever K.
 *   The adjoint solve is itself a `linearSolve` of `A^T` whose adjoint is a solve with
 *   `A` again, so forward mode (`jvp`, computed by transposing the VJP) gives
 *   `x-dot = A^{-1} (b-dot - A-dot x)` and higher derivatives nest (as JAX's
 *   `custom_linear_solve`).
 * - `unrolled`: the solver's iterations are recorded and differentiated, giving the
 *   exact derivative of the truncated computation. Memory O(K n).
 *
 * @module
 */
import { customVjp } from '../autodiff/custom-vjp.js';
import { Tape, backward, withTape } from '../autodiff/tape.js';
import { ArgumentError, fmtValue } from '../errors.js';
import { neg } from '../ops/elementwise.js';
import { Tensor } from '../tensor/tensor.js';
import { type CompleteOperator, type LinearOperator, asOperator, transposeOperator } from './operator.js';
import type { IterativeOptions, SolveResult } from './solvers/common.js';
import { direct } from './solvers/direct.js';
import { type CgOptions, type GmresOptions, bicgstab, cg, gmres, steepestDescent } from './solvers/krylov.js';
import { type MultigridOptions, multigrid } from './solvers/multigrid.js';
import { type GaussSeidelOptions, gaussSeidel, jacobi, richardson } from './solvers/stationary.js';

/** The solvers `linearSolve` can use. */
export const SOLVERS = {
  jacobi,
  richardson,
  gaussSeidel,
  steepestDescent,
  cg,
  pcg: (A: LinearOperator, b: Tensor, o: CgOptions) => cg(A, b, { ...o, preconditioner: 'jacobi' }),
  bicgstab,
  gmres,
  multigrid,
  direct: (A: LinearOperator, b: Tensor, o: IterativeOptions) => direct(A, b, o.tol === undefined ? {} : { tol: o.tol }),
} as const;

/** A solver name. */
export type SolverMethod = keyof typeof SOLVERS;

/** Which solve a {@link SolveInfo} reports. */
export type SolvePhase = 'forward' | 'adjoint' | 'tangent';

/** What `onSolve` receives after each solve (for cost accounting and diagnostics). */
export interface SolveInfo extends Omit<SolveResult, 'x'> {
  /** `forward` (the primal), `adjoint` (`A^T lambda = g`), `tangent` (forward mode). */
  phase: SolvePhase;
  method: SolverMethod;
  /** Wall-clock seconds the solver ran. */
  seconds: number;
}

/** Method-specific options, passed to the chosen solver. */
export type MethodOptions = Omit<GaussSeidelOptions & CgOptions & GmresOptions & MultigridOptions, keyof IterativeOptions>;

/** Options of {@link linearSolve}. */
export interface LinearSolveOptions extends MethodOptions {
  /** The solver (default `cg`). */
  method?: SolverMethod;
  /** Iteration budget K (required except for `direct`). */
  maxIter?: number;
  /** Relative-residual tolerance for early exit (default none: exactly `maxIter`). */
  tol?: number;
  /** Initial guess (default zeros). */
  x0?: Tensor;
  /** Throw `ConvergenceError` if `tol` is not reached (default false). */
  throwOnMaxIter?: boolean;
  /** `implicit` (default) or `unrolled`; see the module notes. */
  adjoint?: 'implicit' | 'unrolled';
  /** Solver of the adjoint system (default: `method`). */
  adjointMethod?: SolverMethod;
  /** Budget of the adjoint solve (default: `maxIter`). */
  adjointMaxIter?: number;
  /** Tolerance of the adjoint solve (default: `tol`). */
  adjointTol?: number;
  /** Initial guess of the adjoint solve (default zeros). */
  adjointX0?: Tensor;
  /** Called after every solve this call causes: forward, adjoint, tangent. */
  onSolve?: (info: SolveInfo) => void;
}

const PHASE_OF_TRANSPOSE: Record<SolvePhase, SolvePhase> = { forward: 'adjoint', adjoint: 'tangent', tangent: 'adjoint' };

function runSolver(A: CompleteOperator, b: Tensor, o: LinearSolveOptions, phase: SolvePhase): Tensor {
  const method = o.method ?? 'cg';
  const { maxIter = 0, onSolve } = o;
  const solver = SOLVERS[method] as (A: LinearOperator, b: Tensor, o: IterativeOptions) => SolveResult;
  const t0 = performance.now();
  const res = solver(A, b, { ...o, maxIter });
  const seconds = (performance.now() - t0) / 1000;
  onSolve?.({ phase, method, iterations: res.iterations, residuals: res.residuals, converged: res.converged, seconds });
  return res.x;
}

/** `-(d(A(p) x)/dp)^T lambda` for each parameter p (null where none flows). */
function parameterCotangents(A: CompleteOperator, params: readonly Tensor[], x: Tensor, lambda: Tensor): (Tensor | null)[] {
  if (params.length === 0) return [];
  const tape = new Tape();
  const y = withTape(tape, () => {
    for (const p of params) tape.watch(p);
    return A.apply(x);
  });
  return backward(tape, [y], [lambda], params).map((g) => (g === null ? null : neg(g)));
}

function checkOptions(o: LinearSolveOptions, fn: string): void {
  if (o === null || typeof o !== 'object') throw new ArgumentError({ fn, arg: 'options', expected: 'an object', actual: fmtValue(o) });
  for (const key of ['method', 'adjointMethod'] as const) {
    const m = o[key];
    if (m !== undefined && !Object.hasOwn(SOLVERS, m)) {
      throw new ArgumentError({ fn, arg: key, expected: `one of ${Object.keys(SOLVERS).join(', ')}`, actual: fmtValue(m) });
    }
  }
  if ((o.method ?? 'cg') !== 'direct' && o.maxIter === undefined) {
    throw new ArgumentError({ fn, arg: 'maxIter', expected: 'an iteration budget (a non-negative integer)', actual: 'undefined' });
  }
  if (o.adjoint !== undefined && o.adjoint !== 'implicit' && o.adjoint !== 'unrolled') {
    throw new ArgumentError({ fn, arg: 'adjoint', expected: "'implicit' or 'unrolled'", actual: fmtValue(o.adjoint) });
  }
  if (o.adjointX0 !== undefined && !(o.adjointX0 instanceof Tensor)) {
    throw new ArgumentError({ fn, arg: 'adjointX0', expected: 'a tensor', actual: fmtValue(o.adjointX0) });
  }
}

/** The options of the transposed solve: the adjoint settings become the primal ones. */
function transposedOptions(o: LinearSolveOptions): LinearSolveOptions {
  const t: LinearSolveOptions = { ...o, adjoint: 'implicit' };
  t.method = o.adjointMethod ?? o.method ?? 'cg';
  t.adjointMethod = o.method ?? 'cg';
  t.maxIter = o.adjointMaxIter ?? o.maxIter;
  t.adjointMaxIter = o.maxIter;
  t.tol = o.adjointTol ?? o.tol;
  t.adjointTol = o.tol;
  t.x0 = o.adjointX0;
  delete t.adjointX0;
  if (t.tol === undefined) delete t.tol;
  if (t.x0 === undefined) delete t.x0;
  return t;
}

function implicitSolve(A: CompleteOperator, b: Tensor, o: LinearSolveOptions, phase: SolvePhase): Tensor {
  const params = [...new Set(A.params)];
  const solveFn: (b: Tensor, ...ps: Tensor[]) => Tensor = customVjp(
    (rhs: Tensor) => runSolver(A, rhs, o, phase),
    // Under nested differentiation the enclosing tapes see this call as a solve again.
    (rhs: Tensor, ...ps: Tensor[]) => {
      const x = solveFn(rhs, ...ps);
      return [x, x] as [Tensor, Tensor];
    },
    (x: Tensor, g: Tensor) => {
      const lambda = implicitSolve(transposeOperator(A), g, transposedOptions(o), PHASE_OF_TRANSPOSE[phase]);
      return [lambda, ...parameterCotangents(A, params, x, lambda)];
    },
  );
  return solveFn(b, ...params);
}

/**
 * Solves `A x = b` with an iterative (or the direct) solver, differentiably in `b` and in
 * the operator's `params`. `b` is `[...batch, ...A.outShape]`; each sample is its own
 * system. See the module notes for the `implicit` and `unrolled` adjoints.
 *
 * @example
 * const A = heatOperator([30], { a: 0.001, spacing: 1 / 31 });
 * const u1 = linearSolve(A, u0, { method: 'jacobi', maxIter: K });              // implicit
 * const g = grad((u) => sum(square(linearSolve(A, u, { method: 'cg', maxIter: 50, adjoint: 'unrolled' }))))(u0);
 */
export function linearSolve(A: LinearOperator, b: Tensor, options: LinearSolveOptions = {}): Tensor {
  const fn = 'linearSolve';
  checkOptions(options, fn);
  const op = asOperator(A, fn);
  if (options.adjoint === 'unrolled') return runSolver(op, b, options, 'forward');
  return implicitSolve(op, b, options, 'forward');
}
