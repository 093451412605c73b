/**
 * Linear algebra for differentiable physics: linear operators (dense, sparse, stencil,
 * matrix-free), iterative solvers with a fixed iteration budget, the differentiable
 * `linearSolve` with implicit (adjoint) and unrolled derivatives, and the refinement
 * diagnostics of PRDP.
 *
 * @module
 */
export * from './diagnostics.js';
export * from './operator.js';
export * from './solve.js';
export type { IterativeOptions, SolveResult } from './solvers/common.js';
export { direct } from './solvers/direct.js';
export * from './solvers/krylov.js';
export * from './solvers/multigrid.js';
export * from './solvers/stationary.js';
export * from './stencil.js';
