/**
 * What every iterative solver shares: options, the result record, residual monitoring
 * (tolerance, history, divergence), breakdown-safe division and memory reuse across
 * iterations.
 *
 * Solvers are written once, with difftape ops. When nothing records them they run as
 * plain numerics and free each iteration's temporaries; when a tape records them (the
 * `unrolled` adjoint), the same code is the computation being differentiated.
 *
 * @module
 */
import { noGrad } from '../../autodiff/tape.js';
import { ArgumentError, ConvergenceError, DTypeError, fmtValue } from '../../errors.js';
import { div, equal, sqrt, sub, where } from '../../ops/elementwise.js';
import { vdot } from '../../ops/linalg.js';
import { dispose, tidy } from '../../ops/tidy.js';
import { getRecorder } from '../../ops/primitive.js';
import { tensor, zeros } from '../../tensor/creation.js';
import { Tensor } from '../../tensor/tensor.js';
import { type CompleteOperator, asOperator, batchShapeOf } from '../operator.js';

/** Options common to the iterative solvers. */
export interface IterativeOptions {
  /**
   * The iteration budget (PRDP's refinement level K). What one iteration is depends on
   * the method: a sweep, a Krylov step, a GMRES restart cycle, a multigrid V-cycle.
   */
  maxIter: number;
  /**
   * Relative residual `||b - A x|| / ||b||` at which to stop early (every sample of a
   * batch must reach it). Default: none, run all `maxIter` iterations.
   */
  tol?: number;
  /** Initial guess (default zeros), shaped like `b` or like one sample. */
  x0?: Tensor;
  /** Throw a `ConvergenceError` when `tol` is given and not reached (default false). */
  throwOnMaxIter?: boolean;
  /** Called after each iteration with its index and the relative residual. */
  onIteration?: (iteration: number, residual: number) => void;
}

/** What a solve returns. */
export interface SolveResult {
  /** The approximate solution, shaped like `b`. */
  x: Tensor;
  /** Iterations carried out. */
  iterations: number;
  /**
   * Relative residuals `||b - A x_k|| / ||b||` (the largest over the batch) for
   * `k = 0 .. iterations`; GMRES reports one per restart cycle.
   */
  residuals: number[];
  /** Whether `tol` was given and reached. */
  converged: boolean;
}

/** A solver's setup: the validated operator, right-hand side and options. */
export interface Problem {
  readonly fn: string;
  readonly A: CompleteOperator;
  readonly b: Tensor;
  /** Rank of one vector (the trailing axes that `vdot` sums over). */
  readonly ndim: number;
  readonly maxIter: number;
  readonly tol: number | undefined;
  readonly x0: Tensor;
  readonly options: IterativeOptions;
}

/** Validates the operator, `b` and the common options. */
export function setupProblem(fn: string, A: unknown, b: unknown, options: IterativeOptions): Problem {
  const op = asOperator(A as CompleteOperator, fn);
  if (op.inShape.length !== op.outShape.length || op.inShape.some((d, i) => d !== op.outShape[i])) {
    throw new ArgumentError({ fn, arg: 'A', expected: 'a square operator (equal input and output shapes)', actual: `[${op.inShape.join(', ')}] -> [${op.outShape.join(', ')}]` });
  }
  if (!(b instanceof Tensor)) throw new ArgumentError({ fn, arg: 'b', expected: 'a tensor', actual: fmtValue(b) });
  if (b.dtype !== op.dtype) throw new DTypeError({ fn, arg: 'b', expected: `${op.dtype} (the operator's dtype)`, actual: b.dtype });
  const batch = batchShapeOf(op, b, fn, 'b', op.outShape);
  if (options === null || typeof options !== 'object') {
    throw new ArgumentError({ fn, arg: 'options', expected: 'an object with maxIter', actual: fmtValue(options) });
  }
  const { maxIter, tol } = options;
  if (!Number.isInteger(maxIter) || maxIter < 0) {
    throw new ArgumentError({ fn, arg: 'maxIter', expected: 'a non-negative integer', actual: fmtValue(maxIter) });
  }
  if (tol !== undefined && !(typeof tol === 'number' && tol >= 0 && Number.isFinite(tol))) {
    throw new ArgumentError({ fn, arg: 'tol', expected: 'a non-negative number', actual: fmtValue(tol) });
  }
  let x0: Tensor;
  if (options.x0 === undefined) x0 = zeros(b.shape, { dtype: b.dtype });
  else {
    if (!(options.x0 instanceof Tensor)) throw new ArgumentError({ fn, arg: 'x0', expected: 'a tensor', actual: fmtValue(options.x0) });
    if (options.x0.dtype !== b.dtype) throw new DTypeError({ fn, arg: 'x0', expected: b.dtype, actual: options.x0.dtype });
    const xb = batchShapeOf(op, options.x0, fn, 'x0');
    if (xb.length !== 0 && (xb.length !== batch.length || xb.some((d, i) => d !== batch[i]))) {
      throw new ArgumentError({ fn, arg: 'x0', expected: `one sample or the batch shape [${batch.join(', ')}]`, actual: `batch [${xb.join(', ')}]` });
    }
    x0 = xb.length === batch.length ? options.x0 : options.x0.broadcastTo(b.shape);
  }
  return { fn, A: op, b, ndim: op.inShape.length, maxIter, tol, x0, options };
}

/**
 * Tracks the relative residual of every sample: records the history, stops when all are
 * within `tol`, and turns NaN or infinity into a `ConvergenceError`.
 */
export class Monitor {
  readonly residuals: number[] = [];
  private readonly bNorm: Float64Array;
  private done = false;

  constructor(private readonly p: Problem) {
    const bb = noGrad(() => vdot(p.b, p.b, p.ndim)).toTypedArray();
    this.bNorm = Float64Array.from(bb, (v) => (v > 0 ? Math.sqrt(v) : 1));
  }

  /** Whether the last check met the tolerance. */
  get converged(): boolean {
    return this.done;
  }

  /**
   * Records the residual norms of iterate `k` given per-sample squared norms (`rr`, a
   * tensor from `vdot`, or the norms themselves with `isNorm`); true when converged.
   */
  check(rr: Tensor, isNorm = false): boolean {
    const v = rr.toTypedArray();
    let worst = 0;
    for (let s = 0; s < v.length; s++) {
      const norm = isNorm ? Math.abs(v[s]!) : Math.sqrt(Math.max(v[s]!, 0));
      const rel = norm / this.bNorm[s]!;
      if (!Number.isFinite(v[s]!)) {
        throw new ConvergenceError(
          { fn: this.p.fn, expected: 'finite residuals', actual: `a ${Number.isNaN(v[s]!) ? 'NaN' : 'infinite'} residual at iteration ${this.residuals.length} (sample ${s})` },
          { iteration: this.residuals.length, residual: v[s]! },
        );
      }
      if (rel > worst) worst = rel;
    }
    this.residuals.push(worst);
    this.p.options.onIteration?.(this.residuals.length - 1, worst);
    this.done = this.p.tol !== undefined && worst <= this.p.tol;
    return this.done;
  }

  /** Records the residual of `x` computed afresh (outside any tape). */
  checkResidualOf(x: Tensor): boolean {
    const rr = noGrad(() => tidy(() => {
      const r = sub(this.p.b, this.p.A.apply(x));
      return vdot(r, r, this.p.ndim);
    }));
    return this.check(rr);
  }

  /** The result record, throwing if a required tolerance was missed. */
  result(x: Tensor, iterations: number): SolveResult {
    if (this.p.tol !== undefined && !this.done && this.p.options.throwOnMaxIter) {
      const last = this.residuals.at(-1) ?? NaN;
      throw new ConvergenceError(
        { fn: this.p.fn, expected: `relative residual <= ${this.p.tol} within ${this.p.maxIter} iterations`, actual: `${last} after ${iterations}` },
        { iteration: iterations, residual: last },
      );
    }
    return { x, iterations, residuals: this.residuals, converged: this.done };
  }
}

/**
 * `num / den` per sample, where a zero denominator over a zero numerator (a sample that
 * has converged exactly) gives 0; a zero or non-finite denominator otherwise is a
 * breakdown of the method and raises a `ConvergenceError`. `positive` also rejects
 * negative denominators (CG's `p^T A p` on an operator that is not positive definite).
 */
export function ratio(num: Tensor, den: Tensor, p: Problem, iteration: number, what: string, positive = false): Tensor {
  const n = num.toTypedArray();
  const d = den.toTypedArray();
  let patch = false;
  for (let s = 0; s < d.length; s++) {
    const bad = d[s] === 0 || !Number.isFinite(d[s]!) || (positive && d[s]! < 0);
    if (!bad) continue;
    if (n[s] === 0 && d[s] === 0) { patch = true; continue; }
    throw new ConvergenceError(
      { fn: p.fn, expected: `a ${positive ? 'positive' : 'non-zero'} ${what}`, actual: `${d[s]} at iteration ${iteration} (sample ${s}): breakdown` },
      { iteration, residual: NaN },
    );
  }
  if (!patch) return div(num, den);
  return div(num, where(equal(den, 0), tensor(1, { dtype: den.dtype }), den));
}

/** `num / den` per sample with `0 / 0 = 0`, inside the computation (no host check). */
export function safeDiv(num: Tensor, den: Tensor): Tensor {
  return div(num, where(equal(den, 0), tensor(1, { dtype: den.dtype }), den));
}

/** Per-sample Euclidean norms (kept axes of extent 1). */
export function norm(x: Tensor, ndim: number): Tensor {
  return sqrt(vdot(x, x, ndim));
}

/**
 * Runs one iteration: temporaries are freed on return and so is the previous state
 * (except tensors the caller owns), unless a tape records the solve.
 */
export class Workspace {
  private readonly owned: Set<unknown>;

  constructor(protect: readonly Tensor[]) {
    this.owned = new Set(protect.map((t) => t.storage));
  }

  step<T extends Record<string, Tensor>>(prev: Readonly<Record<string, Tensor>>, fn: () => T): T {
    const next = tidy(fn);
    if (getRecorder() === null) {
      const keep = new Set<unknown>(this.owned);
      for (const t of Object.values(next)) keep.add(t.storage);
      for (const t of Object.values(prev)) if (!keep.has(t.storage)) { keep.add(t.storage); dispose(t); }
    }
    return next;
  }
}

/** The reciprocal of the operator's diagonal, rejecting zero entries. */
export function inverseDiagonal(p: Problem): Tensor {
  if (typeof p.A.diagonal !== 'function') {
    throw new ArgumentError({ fn: p.fn, arg: 'A', expected: 'an operator with a diagonal() (stencil, dense, CSR, or fromMatvec with diagonal)', actual: 'none' });
  }
  const d = p.A.diagonal();
  const v = d.toTypedArray();
  const zero = v.findIndex((e) => e === 0 || !Number.isFinite(e));
  if (zero >= 0) {
    throw new ArgumentError({ fn: p.fn, arg: 'A', expected: 'a diagonal without zero entries', actual: `${v[zero]} at flat index ${zero}` });
  }
  return div(tensor(1, { dtype: d.dtype }), d);
}

/** Rejects a non-finite option value. */
export function checkPositive(v: unknown, fn: string, arg: string, integer = false): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new ArgumentError({ fn, arg, expected: integer ? 'a positive integer' : 'a positive number', actual: fmtValue(v) });
  }
}

/**
 * The loop of the methods that restart from the true residual every iteration (the
 * stationary ones, steepest descent, GMRES cycles, multigrid V-cycles): compute
 * `r = b - A x_k` and its squared norms `rr`, stop if within tolerance, else
 * `x_{k+1} = update(x_k, r, rr, k)`. Ends with the residual of the final iterate.
 */
export function residualLoop(p: Problem, update: (x: Tensor, r: Tensor, rr: Tensor, k: number) => Tensor): SolveResult {
  const monitor = new Monitor(p);
  const ws = new Workspace([p.b, p.x0]);
  let state = { x: p.x0 };
  let k = 0;
  for (; k < p.maxIter; k++) {
    let done = false;
    state = ws.step(state, () => {
      const r = sub(p.b, p.A.apply(state.x));
      const rr = vdot(r, r, p.ndim);
      done = monitor.check(rr);
      return { x: done ? state.x : update(state.x, r, rr, k) };
    });
    if (done) return monitor.result(state.x, k);
  }
  monitor.checkResidualOf(state.x);
  return monitor.result(state.x, k);
}
