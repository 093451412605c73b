/**
 * Stepper utilities, following Exponax 0.2.0: sub-stepping (`RepeatedStepper`), explicit
 * forcing (`ForcedStepper`), autoregressive rollouts (`rollout`, `repeat`) and the
 * periodic Poisson solver (`Poisson`).
 *
 * @module
 */
import { ArgumentError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { add, checkTensor, equal, mul, neg, reciprocal, slice, stack, where } from '../ops/index.js';
import { zeros } from '../tensor/creation.js';
import { type FloatDType, complexOf } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { buildDerivativeOperator, buildLaplaceOperator, checkExtent, checkFloatDType, checkGrid, spatialShape, spectralFft, spectralIfft } from './spectral.js';
import { Stepper } from './stepper.js';

function checkCount(n: unknown, fn: string, arg: string, min: number): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) {
    throw new ArgumentError({ fn, arg, expected: `an integer >= ${min}`, actual: fmtValue(n) });
  }
  return n;
}

/**
 * A stepper that advances by `numSubSteps` steps of `stepper` at once: `dt` is
 * `stepper.dt * numSubSteps`, the other attributes (grid, channels, linear operator,
 * nonlinear term, dtype) are the wrapped stepper's. The state stays in Fourier space
 * between sub-steps: one forward and one inverse FFT per macro step. It is a `Stepper`,
 * so it goes wherever one is expected (including inside another `RepeatedStepper`); to
 * get a step of X in Y sub-steps, wrap a stepper built with `dt = X / Y`.
 */
export class RepeatedStepper extends Stepper {
  /** The wrapped stepper. */
  readonly stepper: Stepper;
  /** Sub-steps per step. */
  readonly numSubSteps: number;

  constructor(stepper: Stepper, numSubSteps: number) {
    if (!(stepper instanceof Stepper)) {
      throw new ArgumentError({ fn: 'RepeatedStepper', arg: 'stepper', expected: 'a Stepper', actual: fmtValue(stepper) });
    }
    const k = checkCount(numSubSteps, 'RepeatedStepper', 'numSubSteps', 1);
    // The base class's own integrator (order 0, one exp of the operator) is never used:
    // stepFourier below delegates to the wrapped stepper.
    super({
      numSpatialDims: stepper.numSpatialDims,
      domainExtent: stepper.domainExtent,
      numPoints: stepper.numPoints,
      dt: stepper.dt * k,
      numChannels: stepper.numChannels,
      dtype: stepper.dtype,
      linearOperator: stepper.linearOperator,
      nonlinearFun: stepper.nonlinearFun,
      order: 0,
    });
    this.stepper = stepper;
    this.numSubSteps = k;
  }

  /** `numSubSteps` Fourier-space steps of the wrapped stepper. */
  override stepFourier(uHat: Tensor): Tensor {
    let v = uHat;
    for (let i = 0; i < this.numSubSteps; i++) v = this.stepper.stepFourier(v);
    return v;
  }
}

/** Anything with the attributes and Fourier step of a stepper. */
export interface StepperLike {
  readonly dt: number;
  step(u: Tensor): Tensor;
  stepFourier(uHat: Tensor): Tensor;
}

/**
 * A stepper for `u_t = L u + N(u) + f` from one for `u_t = L u + N(u)`, by operator
 * splitting with an explicit Euler step of the forcing first:
 * `step(u, f) = stepper.step(u + dt f)` (first order in time; f is sampled on the grid at
 * the start of the step).
 */
export class ForcedStepper {
  /** The wrapped stepper. */
  readonly stepper: StepperLike;

  constructor(stepper: StepperLike) {
    const ok = stepper !== null && typeof stepper === 'object' && typeof stepper.step === 'function' && typeof stepper.stepFourier === 'function';
    if (!ok || typeof stepper.dt !== 'number') {
      throw new ArgumentError({ fn: 'ForcedStepper', arg: 'stepper', expected: 'a stepper (dt, step, stepFourier)', actual: fmtValue(stepper) });
    }
    this.stepper = stepper;
  }

  /** The time step of the wrapped stepper. */
  get dt(): number {
    return this.stepper.dt;
  }

  /** One step of the forced problem from `u` under the forcing `f` (same shape as u). */
  step(u: Tensor, f: Tensor): Tensor {
    return this.stepper.step(add(u, mul(sameShape(u, f, 'ForcedStepper.step', 'f'), this.stepper.dt)));
  }

  /** One step in Fourier space: `stepper.stepFourier(u_hat + dt f_hat)`. */
  stepFourier(uHat: Tensor, fHat: Tensor): Tensor {
    return this.stepper.stepFourier(add(uHat, mul(sameShape(uHat, fHat, 'ForcedStepper.stepFourier', 'fHat'), this.stepper.dt)));
  }
}

function sameShape(u: Tensor, f: unknown, fn: string, arg: string): Tensor {
  const ut = checkTensor(u, fn, arg === 'f' ? 'u' : 'uHat');
  const ft = checkTensor(f, fn, arg);
  if (ft.ndim !== ut.ndim || ft.shape.some((n, i) => n !== ut.shape[i])) {
    throw new ShapeError({ fn, arg, expected: `the shape of the state, ${fmtShape(ut.shape)}`, actual: fmtShape(ft.shape) });
  }
  return ft;
}

/** A map from state to next state, or an object with such a `step`. */
export type StepFn = ((u: Tensor) => Tensor) | { step(u: Tensor): Tensor };
/** A map from state and auxiliary input (forcing, control) to next state, or an object with such a `step`. */
export type AuxStepFn = ((u: Tensor, aux: Tensor) => Tensor) | { step(u: Tensor, aux: Tensor): Tensor };

/** Options of {@link rollout}. */
export interface RolloutOptions {
  /** Put the initial state first: `n + 1` states instead of `n` (default false). */
  includeInit?: boolean;
}

/** Options of {@link rollout} and {@link repeat} for steppers with an auxiliary input. */
export interface AuxOptions {
  /** The stepper takes `(u, aux)`. */
  takesAux: true;
  /** One aux for every step (default true); false: aux has a leading axis of length n, one per step. */
  constantAux?: boolean;
}

function asStep<F extends (...a: Tensor[]) => Tensor>(s: unknown, fn: string): F {
  if (typeof s === 'function') return s as F;
  if (s !== null && typeof s === 'object' && typeof (s as { step?: unknown }).step === 'function') {
    const o = s as { step: F };
    return ((...a: Tensor[]) => o.step(...a)) as F;
  }
  throw new ArgumentError({ fn, arg: 'stepperFn', expected: 'a function or an object with a step method', actual: fmtValue(s) });
}

/** The aux of step i: the whole aux if constant, else its i-th slice along the leading axis. */
function auxAt(aux: unknown, i: number, n: number, constant: boolean, fn: string): Tensor {
  const a = checkTensor(aux, fn, 'aux');
  if (constant) return a;
  if (a.ndim === 0 || a.shape[0] !== n) {
    throw new ShapeError({ fn, arg: 'aux', expected: `a leading axis of length ${n} (one input per step)`, actual: fmtShape(a.shape) });
  }
  return slice(a, i);
}

/** The trajectory `(T, ...)` of the states visited (an empty `(0, ...)` for n = 0). */
function stackTrajectory(states: Tensor[], u0: Tensor): Tensor {
  return states.length === 0 ? zeros([0, ...u0.shape], { dtype: u0.dtype }) : stack(states);
}

/**
 * A function producing the trajectory of `n` autoregressive steps from `u0`: the stacked
 * states `(n, ...)` after steps 1..n, or `(n + 1, ...)` starting with u0 when
 * `includeInit`. With `takesAux`, the stepper is called as `(u, aux)` and the returned
 * function takes `(u0, aux)`.
 */
export function rollout(stepperFn: StepFn, n: number, options?: RolloutOptions): (u0: Tensor) => Tensor;
export function rollout(stepperFn: AuxStepFn, n: number, options: RolloutOptions & AuxOptions): (u0: Tensor, aux: Tensor) => Tensor;
export function rollout(stepperFn: StepFn | AuxStepFn, n: number, options: RolloutOptions & Partial<AuxOptions> = {}): (u0: Tensor, aux?: Tensor) => Tensor {
  const fn = 'rollout';
  const step = asStep<(u: Tensor, aux?: Tensor) => Tensor>(stepperFn, fn);
  const count = checkCount(n, fn, 'n', 0);
  const includeInit = options.includeInit ?? false;
  const takesAux = options.takesAux ?? false;
  const constant = options.constantAux ?? true;
  return (u0: Tensor, aux?: Tensor): Tensor => {
    let u = checkTensor(u0, fn, 'u0');
    const states = includeInit ? [u] : [];
    for (let i = 0; i < count; i++) {
      u = takesAux ? step(u, auxAt(aux, i, count, constant, fn)) : step(u);
      states.push(u);
    }
    return stackTrajectory(states, u0);
  };
}

/**
 * A function applying the stepper `n` times and returning only the final state (u0 for
 * n = 0). With `takesAux`, as for {@link rollout}.
 */
export function repeat(stepperFn: StepFn, n: number): (u0: Tensor) => Tensor;
export function repeat(stepperFn: AuxStepFn, n: number, options: AuxOptions): (u0: Tensor, aux: Tensor) => Tensor;
export function repeat(stepperFn: StepFn | AuxStepFn, n: number, options: Partial<AuxOptions> = {}): (u0: Tensor, aux?: Tensor) => Tensor {
  const fn = 'repeat';
  const step = asStep<(u: Tensor, aux?: Tensor) => Tensor>(stepperFn, fn);
  const count = checkCount(n, fn, 'n', 0);
  const takesAux = options.takesAux ?? false;
  const constant = options.constantAux ?? true;
  return (u0: Tensor, aux?: Tensor): Tensor => {
    let u = checkTensor(u0, fn, 'u0');
    for (let i = 0; i < count; i++) u = takesAux ? step(u, auxAt(aux, i, count, constant, fn)) : step(u);
    return u;
  };
}

/** Options of {@link Poisson}. */
export interface PoissonOptions {
  /**
   * Even order of the operator: 2 (default) for `-Laplace u = f`, 4 for
   * `-sum_d d^4 u / dx_d^4 = f` (0, as in Exponax 0.2.0, gives `u = -f`).
   */
  order?: number;
  /** Real dtype of the states (default float64). */
  dtype?: FloatDType;
}

/**
 * The exact periodic solver of `-Laplace^{order/2} u = f` (Exponax's `Poisson`): in
 * Fourier space `u_hat = -f_hat / Lambda` with `Lambda = sum_d (i k_d)^order` (no mixed
 * terms for order 4: `sum_d k_d^4`), and `u_hat = 0` where `Lambda = 0` (k = 0, so the
 * solution has zero mean). For order 2 a mode `sin(2 pi x / L)` is divided by
 * `(2 pi / L)^2`; for order 4 it is multiplied by `-(L / 2 pi)^4`. Not a time stepper:
 * `step(f)` returns u.
 */
export class Poisson {
  readonly numSpatialDims: number;
  readonly domainExtent: number;
  readonly numPoints: number;
  /** Grid spacing L / N. */
  readonly dx: number;
  readonly dtype: FloatDType;
  /** `1 / Lambda`, 0 where Lambda = 0, complex `(1, N, ..., N//2 + 1)`. */
  readonly inverseOperator: Tensor;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, options: PoissonOptions = {}) {
    const fn = 'Poisson';
    [this.numSpatialDims, this.numPoints] = checkGrid(numSpatialDims, numPoints, fn);
    this.domainExtent = checkExtent(domainExtent, fn);
    this.dx = domainExtent / numPoints;
    this.dtype = checkFloatDType(options.dtype, fn);
    const order = options.order ?? 2;
    if (!Number.isInteger(order) || order < 0 || order % 2 !== 0) {
      throw new ArgumentError({ fn, arg: 'order', expected: 'an even non-negative integer', actual: fmtValue(order) });
    }
    const deriv = buildDerivativeOperator(this.numSpatialDims, domainExtent, this.numPoints, { dtype: this.dtype });
    const op = buildLaplaceOperator(deriv.dtype === complexOf(this.dtype) ? deriv : deriv.cast(complexOf(this.dtype)), order);
    const zero = equal(op, 0);
    this.inverseOperator = where(zero, 0, reciprocal(where(zero, 1, op)));
  }

  /** The solution in Fourier space: `-f_hat / Lambda` (0 at k = 0). */
  stepFourier(fHat: Tensor): Tensor {
    return neg(mul(this.inverseOperator, checkTensor(fHat, 'Poisson.stepFourier', 'fHat')));
  }

  /** The solution u of `-Laplace^{order/2} u = f` for `f` of shape `(C, N, ..., N)` (or with a batch axis). */
  step(f: Tensor): Tensor {
    const fn = 'Poisson.step';
    const t = checkTensor(f, fn, 'f');
    const want = spatialShape(this.numSpatialDims, this.numPoints);
    const tail = t.shape.slice(t.ndim - want.length);
    if ((t.ndim !== want.length + 1 && t.ndim !== want.length + 2) || tail.join() !== want.join()) {
      throw new ShapeError({ fn, arg: 'f', expected: `shape (C, ${want.join(', ')}) or with a batch axis`, actual: fmtShape(t.shape) });
    }
    const D = this.numSpatialDims;
    return spectralIfft(this.stepFourier(spectralFft(t, D)), D, this.numPoints);
  }
}
