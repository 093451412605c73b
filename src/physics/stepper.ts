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
import type { Backend } from '../backend/backend.js';
import { ArgumentError, DTypeError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { checkBackend } from '../ops/device.js';
import { checkTensor, tidy, to } from '../ops/index.js';
import { complexOf } from '../tensor/dtype.js';
import type { FloatDType } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { type ContourOptions, type Integrator, etdrk } from './etdrk.js';
import { NonlinearFun } from './nonlinear/base.js';
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
 *
 * A stepper's constants (the linear operator, the ETDRK coefficients, derivative
 * operators, dealiasing masks) live on one backend, {@link Stepper.backend}: the CPU when
 * it is built, another one after {@link Stepper.to}. Its states must live there too.
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

  /** The backend that holds this stepper's constants, and on which its states must be. */
  get backend(): Backend {
    return this.linearOperator.storage.backend;
  }

  /**
   * This stepper with every constant tensor it holds moved to `backend` (itself when they
   * are there already): a new stepper of the same class, whose `step` and `stepFourier`
   * run on `backend` for states that live there. The constants are not recomputed: the
   * ETDRK coefficients keep the values computed when the stepper was built (on the CPU,
   * by default; a float32 stepper builds its Fourier quantities in float32), so the moved
   * stepper steps like the original, up to the backend's float32 arithmetic. The move is
   * an op ({@link to}), so gradients with respect to tensor coefficients flow back.
   *
   * The GPU backend computes in float32: build the stepper with `dtype: 'float32'` and
   * give tensor coefficients as float32 (or plain numbers). A float64 stepper, or any
   * float64 tensor in it, throws a `DTypeError` rather than being rounded.
   *
   * Call it outside `tidy` (a scope frees device memory it does not return), once: each
   * call uploads the constants again.
   *
   * @example
   * const gpu = await createGpuBackend();
   * const ks = new KuramotoSivashinsky(1, 60, 160, 0.1, { dtype: 'float32' }).to(gpu);
   * let u = to(u0.cast('float32'), gpu);               // (B, 1, 160) or (1, 160)
   * for (let t = 0; t < 100; t++) { const next = ks.step(u); dispose(u); u = next; }
   * const values = await u.data();
   */
  to(backend: Backend): this {
    const fn = `${this.constructor.name}.to`;
    checkBackend(backend, fn);
    if (backend === this.backend) return this;
    if (backend.float32Only === true && this.dtype !== 'float32') {
      throw new DTypeError({
        fn, arg: 'backend',
        expected: `a stepper built with dtype 'float32' (backend '${backend.name}' computes in float32)`,
        actual: `dtype '${this.dtype}' (rebuild the stepper with { dtype: 'float32' })`,
      });
    }
    return relocate(this, new Relocation(backend, fn), 'this');
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
    const backend = this.backend;
    if (t.storage.backend !== backend) {
      throw new ArgumentError({
        fn: `${this.constructor.name}.${fn}`, arg: 'u', expected: `a state on backend '${backend.name}', where the stepper's constants are`,
        actual: `one on '${t.storage.backend.name}' (move it with to(u, stepper.backend), or the stepper with stepper.to(backend))`,
      });
    }
    return t;
  }
}

/** One {@link Stepper.to}: the target backend, and what has been moved (shared tensors move once). */
class Relocation {
  readonly moved = new Map<object, unknown>();
  constructor(readonly backend: Backend, readonly fn: string) {}

  tensor(t: Tensor, path: string): Tensor {
    if (this.backend.float32Only === true && (t.dtype === 'float64' || t.dtype === 'complex128')) {
      throw new DTypeError({
        fn: this.fn, arg: path, expected: `float32, complex64, int32 or bool (backend '${this.backend.name}' computes in float32)`,
        actual: `${t.dtype} (give coefficients as numbers or float32 tensors)`,
      });
    }
    return to(t, this.backend);
  }
}

/**
 * `value` with every tensor in it moved by `r`: tensors, arrays, plain objects and the
 * stepper's own parts (nonlinear terms, wrapped steppers) are copied with their tensors
 * moved; the integrator gets the moved constants and the copy's nonlinear term; anything
 * else (numbers, flags, strings) is kept.
 */
function relocate<T>(value: T, r: Relocation, path: string): T {
  if (typeof value !== 'object' || value === null) return value;
  const done = r.moved.get(value);
  if (done !== undefined) return done as T;
  let out: unknown;
  if (value instanceof Tensor) {
    out = r.tensor(value, path);
  } else if (Array.isArray(value)) {
    const arr = value.map((v, i) => relocate(v as unknown, r, `${path}[${i}]`));
    out = Object.isFrozen(value) ? Object.freeze(arr) : arr;
  } else if (value instanceof Stepper || value instanceof NonlinearFun || isPlainObject(value)) {
    const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<PropertyKey, unknown>;
    r.moved.set(value, copy);
    for (const key of Reflect.ownKeys(value)) {
      const desc = Object.getOwnPropertyDescriptor(value, key)!;
      if ('value' in desc && key !== 'integrator') desc.value = relocate(desc.value as unknown, r, `${path}.${String(key)}`);
      Object.defineProperty(copy, key, desc);
    }
    if (value instanceof Stepper) {
      const s = copy as unknown as Stepper;
      const integrator = (value as unknown as { integrator: Integrator }).integrator;
      Object.defineProperty(copy, 'integrator', {
        value: integrator.mapConstants((t) => relocate(t, r, `${path}.integrator`), s.nonlinearFun?.term ?? null),
        writable: false, enumerable: true, configurable: true,
      });
    }
    return copy as T;
  } else {
    return value;
  }
  r.moved.set(value, out);
  return out as T;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}
