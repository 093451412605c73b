/**
 * Refinable physics and its cost accounting.
 *
 * {@link RefinableSolve} is a linear solve whose iteration budget is read, at every call,
 * from a source such as a {@link PrdpController}: the forward solve runs `K` iterations
 * and, with the implicit adjoint, the adjoint solve runs `adjointK(K)` (by default the
 * same K, as in every released PRDP experiment). A {@link CostMeter} counts the inner
 * iterations and the wall-clock time of the physics, forward and backward, so that an
 * epoch's time splits into physics forward, physics backward and the rest (network,
 * loss, optimizer).
 *
 * @module
 */
import { customVjp } from '../autodiff/custom-vjp.js';
import { ArgumentError, fmtValue } from '../errors.js';
import type { LinearOperator } from '../linalg/operator.js';
import { type LinearSolveOptions, type SolveInfo, type SolverMethod, linearSolve } from '../linalg/solve.js';
import type { Tensor } from '../tensor/tensor.js';

/** Inner iterations and seconds of the physics. */
export interface Cost {
  /** Iterations of forward solves. */
  forwardIterations: number;
  /**
   * Iterations of the backward pass: adjoint-solve iterations (implicit), or the
   * iterations replayed in reverse through the tape (unrolled).
   */
  backwardIterations: number;
  forwardSeconds: number;
  backwardSeconds: number;
}

/** Accumulates the cost of the physics solves it is handed. */
export class CostMeter {
  private c: Cost = { forwardIterations: 0, backwardIterations: 0, forwardSeconds: 0, backwardSeconds: 0 };
  private backwardStart: number[] = [];

  /** The totals so far. */
  get total(): Cost {
    return { ...this.c };
  }

  /** Inner iterations, forward plus backward. */
  get innerIterations(): number {
    return this.c.forwardIterations + this.c.backwardIterations;
  }

  /** Adds a solve reported by `linearSolve`'s `onSolve`. */
  readonly record = (info: SolveInfo): void => {
    if (info.phase === 'forward') this.c.forwardIterations += info.iterations;
    else this.c.backwardIterations += info.iterations;
  };

  /**
   * Runs `solve(b)` and accounts its forward time; in a backward pass, the time between
   * the cotangent reaching the solve's output and leaving its input counts as physics
   * backward. `unrolledIterations` (unrolled mode) adds the iterations the tape replays.
   */
  measure(b: Tensor, solve: (b: Tensor) => Tensor, unrolledIterations?: () => number): Tensor {
    const enter = customVjp(
      (t: Tensor) => t,
      (t: Tensor) => [t, null] as [Tensor, null],
      (_r: null, g: Tensor) => {
        const start = this.backwardStart.pop();
        if (start !== undefined) this.c.backwardSeconds += (performance.now() - start) / 1000;
        return [g];
      },
    );
    const exit = customVjp(
      (t: Tensor) => t,
      (t: Tensor) => [t, null] as [Tensor, null],
      (_r: null, g: Tensor) => {
        this.backwardStart.push(performance.now());
        if (unrolledIterations) this.c.backwardIterations += unrolledIterations();
        return [g];
      },
    );
    const t0 = performance.now();
    const x = exit(solve(enter(b)));
    this.c.forwardSeconds += (performance.now() - t0) / 1000;
    return x;
  }
}

/** Options of {@link RefinableSolve}. */
export interface RefinableOptions {
  /** The operator of every solve. */
  A: LinearOperator;
  /** Where K comes from at each call (e.g. `() => controller.K`). */
  K: () => number;
  /** Solver (default `jacobi`, as the PRDP heat and Poisson experiments). */
  method?: SolverMethod;
  /** `implicit` (default) or `unrolled`. */
  adjoint?: 'implicit' | 'unrolled';
  /** The adjoint budget as a function of K (default: K itself). */
  adjointK?: (K: number) => number;
  /** Further solver options (omega, restart, ...). */
  solverOptions?: Omit<LinearSolveOptions, 'method' | 'maxIter' | 'adjoint' | 'adjointMaxIter' | 'onSolve'>;
  /** The meter to charge (default: a new one). */
  meter?: CostMeter;
}

/** A linear solve `A x = b` at the current refinement level, with its cost recorded. */
export class RefinableSolve {
  readonly meter: CostMeter;
  private readonly o: Required<Omit<RefinableOptions, 'meter' | 'solverOptions'>> & Pick<RefinableOptions, 'solverOptions'>;

  constructor(options: RefinableOptions) {
    if (options === null || typeof options !== 'object' || typeof options.K !== 'function') {
      throw new ArgumentError({ fn: 'RefinableSolve', arg: 'options.K', expected: 'a function returning the iteration budget', actual: fmtValue(options?.K) });
    }
    const adjoint = options.adjoint ?? 'implicit';
    if (adjoint !== 'implicit' && adjoint !== 'unrolled') {
      throw new ArgumentError({ fn: 'RefinableSolve', arg: 'options.adjoint', expected: "'implicit' or 'unrolled'", actual: fmtValue(adjoint) });
    }
    this.o = { A: options.A, K: options.K, method: options.method ?? 'jacobi', adjoint, adjointK: options.adjointK ?? ((k) => k), solverOptions: options.solverOptions };
    this.meter = options.meter ?? new CostMeter();
  }

  /** The budget the next solve will use. */
  get K(): number {
    return this.o.K();
  }

  /** Solves `A x = b` with K iterations from zero, differentiably. */
  solve(b: Tensor): Tensor {
    const K = this.o.K();
    if (!Number.isInteger(K) || K < 0) throw new ArgumentError({ fn: 'RefinableSolve.solve', arg: 'K', expected: 'a non-negative integer', actual: fmtValue(K) });
    let forward = 0;
    const options: LinearSolveOptions = {
      ...this.o.solverOptions,
      method: this.o.method,
      maxIter: K,
      adjoint: this.o.adjoint,
      adjointMaxIter: this.o.adjointK(K),
      onSolve: (info) => {
        if (info.phase === 'forward') forward = info.iterations;
        this.meter.record(info);
      },
    };
    return this.meter.measure(b, (rhs) => linearSolve(this.o.A, rhs, options), this.o.adjoint === 'unrolled' ? () => forward : undefined);
  }
}
