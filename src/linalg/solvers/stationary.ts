/**
 * Stationary iterations `x <- x + M^{-1} (b - A x)`: Richardson (`M = I / omega`),
 * weighted Jacobi (`M = D / omega`) and Gauss-Seidel (`M = D + L`, lexicographic or
 * red-black). One iteration is one sweep.
 *
 * @module
 */
import type { SparsePattern } from '../../backend/index.js';
import { ArgumentError, fmtValue } from '../../errors.js';
import { add, mul, sub } from '../../ops/elementwise.js';
import { take } from '../../ops/gather.js';
import { spmv, triangularSolve } from '../../ops/linalg.js';
import { reshape } from '../../ops/view.js';
import { tensor } from '../../tensor/creation.js';
import { sizeOf } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { type LinearOperator, relax } from '../operator.js';
import {
  type IterativeOptions, type SolveResult, checkPositive, inverseDiagonal, residualLoop, setupProblem,
} from './common.js';

/** Options of the relaxation methods. */
export interface RelaxationOptions extends IterativeOptions {
  /** Relaxation weight omega (default 1; 2/3 is the usual Jacobi smoother). */
  omega?: number;
}

function omegaOf(options: RelaxationOptions, fn: string): number {
  const omega = options.omega ?? 1;
  checkPositive(omega, fn, 'omega');
  return omega;
}

/** Richardson iteration `x <- x + omega (b - A x)`; converges for SPD `A` when `omega < 2 / lambda_max`. */
export function richardson(A: LinearOperator, b: Tensor, options: RelaxationOptions): SolveResult {
  const p = setupProblem('richardson', A, b, options);
  const omega = omegaOf(options, p.fn);
  return residualLoop(p, (x, r) => add(x, mul(r, omega)));
}

/**
 * Weighted Jacobi `x <- x + omega D^{-1} (b - A x)`. With omega = 1 this is
 * `x <- D^{-1} (b - (A - D) x)`. Needs the operator's diagonal, without zeros.
 */
export function jacobi(A: LinearOperator, b: Tensor, options: RelaxationOptions): SolveResult {
  const p = setupProblem('jacobi', A, b, options);
  const omega = omegaOf(options, p.fn);
  const w = mul(inverseDiagonal(p), omega);
  return residualLoop(p, (x, r) => add(x, mul(r, w)));
}

const masks = new Map<string, Float64Array>();

/** 1 where the grid indices of a point sum to `parity` modulo 2, else 0 (dtype of `like`). */
export function checkerMask(shape: readonly number[], parity: 0 | 1, like: Tensor): Tensor {
  const key = `${shape.join(',')}:${parity}`;
  let m = masks.get(key);
  if (m === undefined) {
    const n = sizeOf(shape);
    m = new Float64Array(n);
    for (let p = 0; p < n; p++) {
      let rem = p;
      let s = 0;
      for (let d = shape.length - 1; d >= 0; d--) { s += rem % shape[d]!; rem = Math.floor(rem / shape[d]!); }
      m[p] = s % 2 === parity ? 1 : 0;
    }
    masks.set(key, m);
  }
  return tensor(m, { shape, dtype: like.dtype });
}

/** Options of {@link gaussSeidel}. */
export interface GaussSeidelOptions extends RelaxationOptions {
  /**
   * `lexicographic` (default): one sweep in storage order, needs the operator's CSR form
   * (stencil, dense and sparse operators have one). `redBlack`: all red points, then all
   * black, needs an operator that couples only opposite-parity points (5/7-point
   * stencils); it vectorises, and is what multigrid smooths with. `omega` over-relaxes
   * the red-black sweeps (SOR); lexicographic sweeps take omega = 1.
   */
  ordering?: 'lexicographic' | 'redBlack';
}

interface Split { lower: SparsePattern; upper: SparsePattern; lowerIdx: Int32Array; upperIdx: Int32Array }
const splits = new WeakMap<SparsePattern, Split>();

/** The lower triangle (with the diagonal) and the strict upper triangle of a pattern. */
function splitPattern(p: SparsePattern): Split {
  let s = splits.get(p);
  if (s !== undefined) return s;
  const parts = [[], []] as [number[], number[]];
  for (let k = 0; k < p.indices.length; k++) parts[p.indices[k]! <= p.rows[k]! ? 0 : 1].push(k);
  const sub = (ks: number[]): SparsePattern => {
    const indptr = new Int32Array(p.nRows + 1);
    for (const k of ks) indptr[p.rows[k]! + 1]!++;
    for (let i = 0; i < p.nRows; i++) indptr[i + 1] += indptr[i]!;
    return { nRows: p.nRows, nCols: p.nCols, indptr, indices: Int32Array.from(ks, (k) => p.indices[k]!), rows: Int32Array.from(ks, (k) => p.rows[k]!) };
  };
  s = {
    lower: sub(parts[0]), upper: sub(parts[1]),
    lowerIdx: Int32Array.from(parts[0]), upperIdx: Int32Array.from(parts[1]),
  };
  splits.set(p, s);
  return s;
}

/**
 * Gauss-Seidel: `x <- (D + L)^{-1} (b - U x)` (lexicographic), or red-black half-sweeps
 * `x <- x + omega M_c D^{-1} (b - A x)` for the colours c = red, black.
 */
export function gaussSeidel(A: LinearOperator, b: Tensor, options: GaussSeidelOptions): SolveResult {
  const p = setupProblem('gaussSeidel', A, b, options);
  const ordering = options.ordering ?? 'lexicographic';
  if (ordering === 'redBlack') {
    if (!p.A.checkerboard) {
      throw new ArgumentError({ fn: p.fn, arg: 'ordering', expected: "an operator coupling only opposite-parity points for 'redBlack' (use 'lexicographic')", actual: "'redBlack'" });
    }
    const omega = omegaOf(options, p.fn);
    const invD = mul(inverseDiagonal(p), omega);
    const red = mul(invD, checkerMask(p.A.inShape, 0, invD));
    const black = mul(invD, checkerMask(p.A.inShape, 1, invD));
    return residualLoop(p, (x, r) => relax(p.A, add(x, mul(r, red)), p.b, black));
  }
  if (ordering !== 'lexicographic') {
    throw new ArgumentError({ fn: p.fn, arg: 'ordering', expected: "'lexicographic' or 'redBlack'", actual: fmtValue(ordering) });
  }
  if ((options.omega ?? 1) !== 1) throw new ArgumentError({ fn: p.fn, arg: 'omega', expected: "1 for 'lexicographic' (over-relax with 'redBlack')", actual: fmtValue(options.omega) });
  if (typeof p.A.csr !== 'function') {
    throw new ArgumentError({ fn: p.fn, arg: 'A', expected: 'an operator with a CSR form for lexicographic sweeps', actual: 'a matrix-free operator' });
  }
  inverseDiagonal(p);
  const { pattern, values } = p.A.csr();
  const split = splitPattern(pattern);
  const vL = take(values, tensor(split.lowerIdx, { dtype: 'int32' }));
  const vU = take(values, tensor(split.upperIdx, { dtype: 'int32' }));
  const n = pattern.nRows;
  return residualLoop(p, (x) => {
    const flat = (t: Tensor) => reshape(t, [...t.shape.slice(0, t.ndim - p.ndim), n]);
    const rhs = sub(flat(p.b), spmv(vU, flat(x), split.upper));
    return reshape(triangularSolve(vL, rhs, split.lower, { lower: true }), x.shape);
  });
}
