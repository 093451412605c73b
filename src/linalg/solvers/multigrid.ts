/**
 * Geometric multigrid V-cycles for stencil operators that can rediscretise themselves on
 * coarser grids (the Poisson, Laplacian and heat operators, and sums and scalings of
 * them). One iteration is one V-cycle.
 *
 * Per level: `preSmooth` sweeps of the smoother, the residual restricted to the coarse
 * grid (full weighting; pairwise averages for Neumann cells), a V-cycle on the coarse
 * correction from zero, its prolongation (`P = 2^D R^T`: linear interpolation, piecewise
 * constant for cells) added to the iterate, then `postSmooth` sweeps. On the coarsest
 * grid the smoother runs `coarseSweeps` times. Grids coarsen while every axis can:
 * `n = 2^k - 1` unknowns per Dirichlet axis and `n = 2^k` per periodic or Neumann axis
 * coarsen all the way.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { add, mul, sub } from '../../ops/elementwise.js';
import { tensor, zeros } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import { type CompleteOperator, type Grid, type LinearOperator, asOperator, relax } from '../operator.js';
import { prolong, restrict } from '../stencil.js';
import {
  type IterativeOptions, type Problem, type SolveResult, checkPositive, inverseDiagonal, residualLoop, setupProblem,
} from './common.js';
import { checkerMask } from './stationary.js';

/** Options of {@link multigrid}. */
export interface MultigridOptions extends IterativeOptions {
  /** Smoothing sweeps before the coarse-grid correction (default 1). */
  preSmooth?: number;
  /** Smoothing sweeps after it (default 1). */
  postSmooth?: number;
  /** Sweeps on the coarsest grid (default 20). */
  coarseSweeps?: number;
  /**
   * `redBlack` Gauss-Seidel (default when the operator allows it) or weighted `jacobi`
   * (omega 2/3, default otherwise).
   */
  smoother?: 'redBlack' | 'jacobi';
  /** Most levels to use, finest included (default: as many as the grid allows). */
  maxLevels?: number;
}

interface Level {
  A: CompleteOperator;
  grid: Grid;
  /** The smoother's weighted inverse diagonal per colour (one entry for Jacobi). */
  weights: Tensor[];
}

/** Smoother weights of operators without parameters, as plain arrays (see `hierarchy`). */
const cachedWeights = new WeakMap<CompleteOperator, Map<string, Float64Array[]>>();

/** The operator on each level, finest first. */
function hierarchy(p: Problem, options: MultigridOptions): Level[] {
  const smoother = options.smoother ?? (p.A.checkerboard ? 'redBlack' : 'jacobi');
  if (smoother !== 'redBlack' && smoother !== 'jacobi') {
    throw new ArgumentError({ fn: p.fn, arg: 'smoother', expected: "'redBlack' or 'jacobi'", actual: fmtValue(smoother) });
  }
  const maxLevels = options.maxLevels ?? Infinity;
  if (maxLevels !== Infinity) checkPositive(maxLevels, p.fn, 'maxLevels', true);
  const levels: Level[] = [];
  let A: CompleteOperator | undefined = p.A;
  while (A !== undefined && levels.length < maxLevels) {
    if (A.grid === undefined || typeof A.coarsen !== 'function') {
      throw new ArgumentError({ fn: p.fn, arg: 'A', expected: 'a grid operator that can coarsen (poisson, laplacian, heatOperator, or sums and scalings of them)', actual: 'an operator without a grid' });
    }
    if (smoother === 'redBlack' && !A.checkerboard) {
      throw new ArgumentError({ fn: p.fn, arg: 'smoother', expected: "an operator coupling only opposite-parity points for 'redBlack' (use 'jacobi')", actual: "'redBlack'" });
    }
    levels.push({ A, grid: A.grid, weights: smootherWeights({ ...p, A }, smoother) });
    const coarse: LinearOperator | undefined = A.coarsen();
    A = coarse === undefined ? undefined : asOperator(coarse, p.fn);
  }
  return levels;
}

/**
 * The smoother's weighted inverse diagonal per colour. An operator without parameters
 * always has the same ones, so they are kept, as arrays: a cached tensor would be freed
 * by the tidy() scope it was made in.
 */
function smootherWeights(p: Problem, smoother: 'redBlack' | 'jacobi'): Tensor[] {
  const cache = p.A.params.length === 0 ? cachedWeights.get(p.A) ?? new Map<string, Float64Array[]>() : undefined;
  const hit = cache?.get(smoother);
  if (hit !== undefined) return hit.map((w) => tensor(w, { shape: p.A.inShape, dtype: p.A.dtype }));
  const invD = inverseDiagonal(p);
  const weights = smoother === 'redBlack'
    ? [mul(invD, checkerMask(p.A.inShape, 0, invD)), mul(invD, checkerMask(p.A.inShape, 1, invD))]
    : [mul(invD, 2 / 3)];
  if (cache !== undefined) {
    cache.set(smoother, weights.map((w) => Float64Array.from(w.toTypedArray())));
    cachedWeights.set(p.A, cache);
  }
  return weights;
}

/** One sweep: `x <- x + W_c (b - A x)` for each colour's weights `W_c`. */
function smooth(level: Level, b: Tensor, x: Tensor, sweeps: number): Tensor {
  for (let s = 0; s < sweeps; s++) {
    for (const w of level.weights) x = relax(level.A, x, b, w);
  }
  return x;
}

function vCycle(levels: readonly Level[], l: number, b: Tensor, x: Tensor, o: Required<Pick<MultigridOptions, 'preSmooth' | 'postSmooth' | 'coarseSweeps'>>): Tensor {
  const level = levels[l]!;
  if (l === levels.length - 1) return smooth(level, b, x, o.coarseSweeps);
  x = smooth(level, b, x, o.preSmooth);
  const rc = restrict(sub(b, level.A.apply(x)), level.grid);
  const ec = vCycle(levels, l + 1, rc, zeros(rc.shape, { dtype: rc.dtype }), o);
  x = add(x, prolong(ec, level.grid));
  return smooth(level, b, x, o.postSmooth);
}

/**
 * Solves `A x = b` with geometric multigrid V-cycles (see the module notes for the
 * operators and grid sizes it supports).
 */
export function multigrid(A: LinearOperator, b: Tensor, options: MultigridOptions): SolveResult {
  const p = setupProblem('multigrid', A, b, options);
  const o = { preSmooth: options.preSmooth ?? 1, postSmooth: options.postSmooth ?? 1, coarseSweeps: options.coarseSweeps ?? 20 };
  for (const [k, v] of Object.entries(o)) {
    if (!Number.isInteger(v) || v < 0) throw new ArgumentError({ fn: p.fn, arg: k, expected: 'a non-negative integer', actual: fmtValue(v) });
  }
  const levels = hierarchy(p, options);
  return residualLoop(p, (x) => vCycle(levels, 0, p.b, x, o));
}
