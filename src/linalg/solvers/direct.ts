/**
 * The dense direct solve: materialise the operator and factor it (LU with partial
 * pivoting). The reference the iterative methods are measured against.
 *
 * @module
 */
import { solve } from '../../ops/linalg.js';
import { reshape } from '../../ops/view.js';
import type { Tensor } from '../../tensor/tensor.js';
import { type LinearOperator, toDense } from '../operator.js';
import { Monitor, type SolveResult, setupProblem } from './common.js';

/**
 * Solves `A x = b` exactly (to rounding) through the dense matrix of `A`; cost O(n^3)
 * for n unknowns per sample, so for small systems and references. Differentiable in `b`
 * and in the operator's parameters.
 */
export function direct(A: LinearOperator, b: Tensor, options: { tol?: number } = {}): SolveResult {
  const p = setupProblem('direct', A, b, { maxIter: 0, ...(options.tol === undefined ? {} : { tol: options.tol }) });
  const n = p.A.inShape.reduce((s, d) => s * d, 1);
  const batch = b.shape.slice(0, b.ndim - p.ndim);
  const x = reshape(solve(toDense(p.A), reshape(b, [...batch, n])), b.shape);
  const monitor = new Monitor(p);
  monitor.checkResidualOf(x);
  return monitor.result(x, 0);
}
