/**
 * The quantities the PRDP paper plots against the iteration budget K: the primal
 * relative residual, the primal suboptimality against the direct solve, and the
 * Jacobian suboptimality of implicit and unrolled derivatives.
 *
 * @module
 */
import { jacobian } from '../autodiff/grad.js';
import { noGrad } from '../autodiff/tape.js';
import { ArgumentError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { sub } from '../ops/elementwise.js';
import { vdot } from '../ops/linalg.js';
import { reshape } from '../ops/view.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LinearOperator, asOperator } from './operator.js';
import { type LinearSolveOptions, type SolverMethod, linearSolve } from './solve.js';

/** `||a - ref|| / ||ref||` over all elements (Frobenius); `||a - ref||` when ref is 0. */
export function relativeError(a: Tensor, ref: Tensor): number {
  if (a.ndim !== ref.ndim || a.shape.some((d, i) => d !== ref.shape[i])) {
    throw new ShapeError({ fn: 'relativeError', arg: 'a', expected: fmtShape(ref.shape), actual: fmtShape(a.shape) });
  }
  return noGrad(() => {
    const d = reshape(sub(a, ref), [a.size]);
    const r = reshape(ref, [ref.size]);
    const num = Math.sqrt(vdot(d, d, 1).item());
    const den = Math.sqrt(vdot(r, r, 1).item());
    return den > 0 ? num / den : num;
  });
}

/** `||A x - b|| / ||b||` over all elements (the whole batch as one vector). */
export function relativeResidual(A: LinearOperator, x: Tensor, b: Tensor): number {
  const op = asOperator(A, 'relativeResidual');
  return noGrad(() => relativeError(op.apply(x), b));
}

/** Options of {@link refinementDiagnostics}. */
export interface DiagnosticsOptions extends Omit<LinearSolveOptions, 'maxIter' | 'adjoint' | 'method'> {
  /** The solver whose refinement is studied. */
  method: SolverMethod;
  /** The iteration budgets to evaluate. */
  Ks: readonly number[];
}

/** The diagnostics at each K (arrays aligned with `K`). */
export interface RefinementDiagnostics {
  K: number[];
  /** `||A x_K - b|| / ||b||`. */
  primalResidual: number[];
  /** `||x_K - x*|| / ||x*||` against the direct solve. */
  primalSuboptimality: number[];
  /** `||J_K - J*|| / ||J*||` for `J = dx/db`, by each adjoint. */
  jacobianSuboptimality: { implicit: number[]; unrolled: number[] };
}

/**
 * Evaluates the primal and Jacobian suboptimality of a truncated solve of one system
 * `A x = b` (no batch axes) for each budget in `Ks`. Jacobians are dense (`n` reverse
 * passes), so this is for small systems, as in the paper's Poisson study.
 */
export function refinementDiagnostics(A: LinearOperator, b: Tensor, options: DiagnosticsOptions): RefinementDiagnostics {
  const fn = 'refinementDiagnostics';
  const op = asOperator(A, fn);
  if (!Array.isArray(options?.Ks) || !options.Ks.every((k) => Number.isInteger(k) && k >= 0)) {
    throw new ArgumentError({ fn, arg: 'Ks', expected: 'an array of non-negative integers', actual: fmtValue(options?.Ks) });
  }
  if (b.ndim !== op.outShape.length) {
    throw new ShapeError({ fn, arg: 'b', expected: `one system of shape ${fmtShape(op.outShape)}`, actual: fmtShape(b.shape) });
  }
  const { Ks, ...rest } = options;
  const xStar = linearSolve(op, b, { method: 'direct' });
  const jStar = jacobian((rhs) => linearSolve(op, rhs, { method: 'direct' }), b);
  const out: RefinementDiagnostics = { K: [...Ks], primalResidual: [], primalSuboptimality: [], jacobianSuboptimality: { implicit: [], unrolled: [] } };
  for (const K of Ks) {
    const o = { ...rest, maxIter: K };
    const xK = linearSolve(op, b, o);
    out.primalResidual.push(relativeResidual(op, xK, b));
    out.primalSuboptimality.push(relativeError(xK, xStar));
    for (const adjoint of ['implicit', 'unrolled'] as const) {
      const J = jacobian((rhs) => linearSolve(op, rhs, { ...o, adjoint }), b);
      out.jacobianSuboptimality[adjoint].push(relativeError(J, jStar));
    }
  }
  return out;
}
