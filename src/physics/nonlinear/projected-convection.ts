/**
 * The Leray projection and the projected (rotational) convection of the 3-D
 * Navier-Stokes equations in velocity form, with optional Kolmogorov forcing.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { add, cast, concat, mul, sub, sum, where } from '../../ops/index.js';
import { zerosLike } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import { buildScalingArray, fourierDType } from '../spectral.js';
import { NonlinearFun, type NonlinearOptions, dealiasingOr } from './base.js';
import { scaled } from './convection.js';
import { type KolmogorovOptions, checkInjectionMode, injectionMask, inverseLaplaceOperator } from './vorticity-convection.js';

/**
 * The Leray projection onto divergence-free fields, in Fourier space:
 * `P(u_hat) = u_hat - i k (i k . u_hat) / (i k . i k)`, i.e. `u_hat + i k p_hat` with the
 * pressure-like `p_hat = -(i k . u_hat) / Laplace` (0 at the mean mode). The D velocity
 * channels sit on axis `-(D + 1)`; any axes before it are batch axes. It mixes channels
 * but is linear; it is a nonlinear-term class only to share the grid bookkeeping.
 */
export class Leray extends NonlinearFun {
  readonly derivativeOperator: Tensor;
  /** `1/Laplace` with 0 at the mean mode, complex, `(1, ..., N//2 + 1)`. */
  readonly inverseLaplacian: Tensor;

  constructor(numSpatialDims: number, numPoints: number, derivativeOperator: Tensor) {
    super(numSpatialDims, numPoints, { dealiasingFraction: null });
    this.derivativeOperator = derivativeOperator;
    this.inverseLaplacian = inverseLaplaceOperator(derivativeOperator, 0);
  }

  apply(uHat: Tensor): Tensor {
    const ch = -(this.numSpatialDims + 1);
    const divergence = sum(mul(this.derivativeOperator, uHat), ch, { keepdims: true });
    const pressure = mul(this.inverseLaplacian, divergence).neg();
    return add(uHat, mul(this.derivativeOperator, pressure));
  }
}

/** `a x b` over the 3-vector axis `axis` (negative), broadcasting the others. */
function cross(a: Tensor, b: Tensor, axis: number): Tensor {
  const at = (x: Tensor, i: number): Tensor => x.slice(...new Array<null>(x.ndim + axis).fill(null), [i, i + 1]);
  const [a0, a1, a2] = [at(a, 0), at(a, 1), at(a, 2)];
  const [b0, b1, b2] = [at(b, 0), at(b, 1), at(b, 2)];
  return concat([sub(mul(a1, b2), mul(a2, b1)), sub(mul(a2, b0), mul(a0, b2)), sub(mul(a0, b1), mul(a1, b0))], axis);
}

/**
 * The convection of the incompressible 3-D Navier-Stokes equations in rotational form,
 * `P(u x omega)` with `omega = curl u` and P the {@link Leray} projection (the gradient
 * `grad(|u|^2/2 + p)` of the Lamb identity is removed by P, so the pressure is never
 * formed). The curl is taken in Fourier space, the cross product in physical space
 * (dealiased before, post-dealiased after), the projection in Fourier space. Three
 * channels on axis -4; any axes before it are batch axes.
 */
export class ProjectedConvection3d extends NonlinearFun {
  readonly derivativeOperator: Tensor;
  readonly leray: Leray;

  constructor(numSpatialDims: number, numPoints: number, derivativeOperator: Tensor, options: NonlinearOptions = {}) {
    if (numSpatialDims !== 3) {
      throw new ArgumentError({ fn: new.target.name, arg: 'numSpatialDims', expected: '3 (the projected convection is three-dimensional)', actual: fmtValue(numSpatialDims) });
    }
    super(numSpatialDims, numPoints, {
      ...options, dtype: options.dtype ?? fourierDType(derivativeOperator),
      dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, new.target.name),
    });
    this.derivativeOperator = derivativeOperator;
    this.leray = new Leray(numSpatialDims, numPoints, derivativeOperator);
  }

  apply(uHat: Tensor): Tensor {
    const w = this.dealias(uHat);
    const curl = this.ifftDealiased(cross(this.derivativeOperator, w, -4));
    const velocity = this.ifftDealiased(w);
    return this.leray.apply(this.fft(cross(velocity, curl, -4)));
  }
}

/**
 * {@link ProjectedConvection3d} plus the Kolmogorov forcing of the first velocity
 * channel at wavenumber `(0, k, 0)`, added after the projection (it is divergence-free:
 * the forced component does not vary along its own axis). As in Exponax 0.2.0 it is the
 * single Fourier entry `gamma` times the "coef_extraction" scaling at `(0, k, 0)`, without
 * its mirror entry at `(0, -k, 0)`; since that entry lies at the zero frequency of the
 * half axis, the inverse transform keeps its real part only, and the forcing in physical
 * space is `gamma/2 cos(k (2 pi / L) x_1) e_0` (the docstring's `gamma sin(...)` is not
 * what the code produces).
 */
export class ProjectedConvection3dKolmogorov extends ProjectedConvection3d {
  readonly injectionMode: number;
  readonly injectionScale: number | Tensor;
  /** The forcing in Fourier space, complex, `(3, N, N, N//2 + 1)`. */
  readonly injection: Tensor;

  constructor(numSpatialDims: number, numPoints: number, derivativeOperator: Tensor, options: NonlinearOptions & KolmogorovOptions = {}) {
    super(numSpatialDims, numPoints, derivativeOperator, options);
    const mode = checkInjectionMode(options.injectionMode ?? 4, numSpatialDims, numPoints, new.target.name);
    const gamma = options.injectionScale ?? 1;
    const scaling = buildScalingArray(numSpatialDims, numPoints, 'coef_extraction');
    const single = cast(mul(where(injectionMask(numSpatialDims, numPoints, mode), scaling, 0), scaled(gamma, 1)), derivativeOperator.dtype);
    this.injectionMode = mode;
    this.injectionScale = gamma;
    this.injection = concat([single, zerosLike(single), zerosLike(single)], 0);
  }

  override apply(uHat: Tensor): Tensor {
    return add(super.apply(uHat), this.injection);
  }
}
