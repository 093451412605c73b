/**
 * The spectral time stepper: one step of `u_t = L u + N(u)` on a periodic grid by an
 * ETDRK scheme, as Exponax's `BaseStepper`.
 *
 * Concrete steppers (Burgers, Kuramoto-Sivashinsky, ...) compute their linear operator and
 * nonlinear term from their parameters and hand them to this class's constructor: a
 * factory in TypeScript's idiom, where Exponax calls abstract builder methods from its
 * base constructor.
 *
 * @module
 */
import { ArgumentError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { checkTensor, tidy } from '../ops/index.js';
import { complexOf } from '../tensor/dtype.js';
import type { FloatDType } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { type ContourOptions, type Integrator, etdrk } from './etdrk.js';
import type { NonlinearFun } from './nonlinear/base.js';
import { checkExtent, checkFloatDType, checkGrid, spatialShape, spectralFft, spectralIfft, wavenumberShape } from './spectral.js';

/** Options every stepper accepts. */
export interface StepperOptions extends ContourOptions {
  /** ETDRK order 0 to 4 (default 2 for nonlinear steppers; linear ones are exact with 0). */
  order?: number;
  /** float64 (default) or float32 for the state; Fourier quantities use the matching complex dtype. */
  dtype?: FloatDType;
}

/** What a concrete stepper gives the base: the discretisation, L and N. */
export interface StepperSpec extends StepperOptions {
  numSpatialDims: number;
  domainExtent: number;
  numPoints: number;
  dt: number;
  numChannels: number;
  /** The diagonal linear operator, complex, shape `(1 | C, N, ..., N//2 + 1)`. */
  linearOperator: Tensor;
  /** The nonlinear term, or null for a linear PDE. */
  nonlinearFun: NonlinearFun | null;
}

/** Checks and returns the discretisation arguments shared by every stepper. */
export function checkDiscretisation(fn: string, numSpatialDims: unknown, domainExtent: unknown, numPoints: unknown, dt: unknown): void {
  checkGrid(numSpatialDims, numPoints, fn);
  checkExtent(domainExtent, fn);
  if (typeof dt !== 'number' || !Number.isFinite(dt)) {
    throw new ArgumentError({ fn, arg: 'dt', expected: 'a finite number', actual: fmtValue(dt) });
  }
}

/**
 * A pseudo-spectral ETDRK time stepper. States have shape `(C, N, ..., N)`, or
 * `(B, C, N, ..., N)` with a leading batch axis (the physics is vectorised over it).
 */
export class Stepper {
  readonly numSpatialDims: number;
  readonly domainExtent: number;
  readonly numPoints: number;
  readonly numChannels: number;
  readonly dt: number;
  /** Grid spacing `L / N`. */
  readonly dx: number;
  readonly dtype: FloatDType;
  readonly linearOperator: Tensor;
  readonly nonlinearFun: NonlinearFun | null;
  protected readonly integrator: Integrator;

  constructor(spec: StepperSpec) {
    const name = new.target.name;
    checkDiscretisation(name, spec.numSpatialDims, spec.domainExtent, spec.numPoints, spec.dt);
    this.numSpatialDims = spec.numSpatialDims;
    this.domainExtent = spec.domainExtent;
    this.numPoints = spec.numPoints;
    this.numChannels = spec.numChannels;
    this.dt = spec.dt;
    this.dx = spec.domainExtent / spec.numPoints;
    this.dtype = checkFloatDType(spec.dtype, name);
    const L = checkTensor(spec.linearOperator, name, 'linearOperator');
    const ws = wavenumberShape(this.numSpatialDims, this.numPoints);
    const rest = L.shape.slice(1);
    if (L.ndim !== ws.length + 1 || rest.join() !== ws.join() || (L.shape[0] !== 1 && L.shape[0] !== this.numChannels)) {
      throw new ShapeError({ fn: name, arg: 'linearOperator', expected: `shape ${fmtShape([1, ...ws])} or ${fmtShape([this.numChannels, ...ws])}`, actual: fmtShape(L.shape) });
    }
    this.linearOperator = L.dtype === complexOf(this.dtype) ? L : L.cast(complexOf(this.dtype));
    this.nonlinearFun = spec.nonlinearFun;
    const order = spec.order ?? 2;
    this.integrator = etdrk(order, this.dt, this.linearOperator, this.nonlinearFun?.term ?? null, spec);
  }

  /** The state shape this stepper expects: `(C, N, ..., N)`. */
  get stateShape(): number[] {
    return [this.numChannels, ...spatialShape(this.numSpatialDims, this.numPoints)];
  }

  /** One step in Fourier space (`u_hat` of shape `(..., C, N, ..., N//2 + 1)`). */
  stepFourier(uHat: Tensor): Tensor {
    return this.integrator.stepFourier(uHat);
  }

  /**
   * One step of a state `(C, N, ..., N)` or a batch `(B, C, N, ..., N)`. Intermediates are
   * released as soon as the step is done (see `tidy`) unless a gradient is being taken.
   */
  step(u: Tensor): Tensor {
    this.checkState(u, 'step');
    const D = this.numSpatialDims;
    return tidy(() => spectralIfft(this.stepFourier(spectralFft(u, D)), D, this.numPoints));
  }

  /** Throws unless `u` has this stepper's state shape, with or without one batch axis. */
  checkState(u: unknown, fn: string): Tensor {
    const t = checkTensor(u, `${this.constructor.name}.${fn}`, 'u');
    const want = this.stateShape;
    const tail = t.shape.slice(t.ndim - want.length);
    if ((t.ndim !== want.length && t.ndim !== want.length + 1) || tail.join() !== want.join()) {
      throw new ShapeError({ fn: `${this.constructor.name}.${fn}`, arg: 'u', expected: `shape ${fmtShape(want)} or (B, ${want.join(', ')})`, actual: fmtShape(t.shape) });
    }
    return t;
  }
}
