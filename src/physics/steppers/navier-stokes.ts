/**
 * The incompressible Navier-Stokes equations: 2-D in streamfunction-vorticity form and
 * 3-D in velocity form (Leray-projected), each with an optional Kolmogorov forcing.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { add } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ProjectedConvection3d, ProjectedConvection3dKolmogorov } from '../nonlinear/projected-convection.js';
import { VorticityConvection2d, VorticityConvection2dKolmogorov, checkInjectionMode } from '../nonlinear/vorticity-convection.js';
import { buildLaplaceOperator } from '../spectral.js';
import { Stepper, type StepperOptions } from '../stepper.js';
import { type Coefficient, checkCoefficient, dealiasingOr, setup, times } from './common.js';

/** `nu Laplace + lambda` (Exponax 0.2.0: the order-0 Laplacian is 1, so the drag is not scaled by D). */
function viscousDrag(deriv: Tensor, nu: Coefficient, lambda: Coefficient): Tensor {
  return add(times(nu, buildLaplaceOperator(deriv, 2)), times(lambda, buildLaplaceOperator(deriv, 0)));
}

function requireDims(fn: string, numSpatialDims: number, want: 2 | 3): void {
  if (numSpatialDims !== want) {
    const other = want === 2 ? 'use the velocity form (NavierStokesVelocity, KolmogorovFlowVelocity) in 3-D' : 'use the vorticity form (NavierStokesVorticity, KolmogorovFlowVorticity) in 2-D';
    throw new ArgumentError({ fn, arg: 'numSpatialDims', expected: `${want} (${other})`, actual: fmtValue(numSpatialDims) });
  }
}

/** Parameters of {@link NavierStokesVorticity} (Exponax's defaults). */
export interface NavierStokesVorticityOptions extends StepperOptions {
  /** Viscosity nu (default 0.01). */
  diffusivity?: Coefficient;
  /** Scale b of the vorticity convection (default 1). */
  vorticityConvectionScale?: Coefficient;
  /** Linear drag lambda (default 0; negative values damp). */
  drag?: Coefficient;
  /** Dealiasing fraction (default 2/3). */
  dealiasingFraction?: number | null;
}

/**
 * The 2-D incompressible Navier-Stokes equations in streamfunction-vorticity form on
 * `(0, L)^2` with periodic boundaries, for the vorticity omega (one channel):
 *
 *     omega_t + b (u . grad) omega = lambda omega + nu Laplace omega,
 *     u = (d psi / d x_1, -d psi / d x_0),  Laplace psi = omega
 *
 * (see {@link VorticityConvection2d}). Solved by ETDRK (order 2 by default) with the
 * viscous and drag terms integrated exactly. The mean vorticity is conserved.
 * Only 2-D: throws an `ArgumentError` naming `numSpatialDims` otherwise.
 */
export class NavierStokesVorticity extends Stepper {
  readonly diffusivity: Coefficient;
  readonly vorticityConvectionScale: Coefficient;
  readonly drag: Coefficient;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: NavierStokesVorticityOptions = {}) {
    const fn = 'NavierStokesVorticity';
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    requireDims(fn, numSpatialDims, 2);
    const nu = checkCoefficient(options.diffusivity ?? 0.01, fn, 'diffusivity', options.dtype);
    const b = checkCoefficient(options.vorticityConvectionScale ?? 1, fn, 'vorticityConvectionScale', options.dtype);
    const lambda = checkCoefficient(options.drag ?? 0, fn, 'drag', options.dtype);
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      linearOperator: viscousDrag(deriv, nu, lambda),
      nonlinearFun: new VorticityConvection2d(numSpatialDims, numPoints, deriv, {
        convectionScale: b, dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, fn),
      }),
    });
    this.diffusivity = nu;
    this.vorticityConvectionScale = b;
    this.drag = lambda;
  }
}

/** Parameters of {@link KolmogorovFlowVorticity} (Exponax's defaults). */
export interface KolmogorovFlowVorticityOptions extends StepperOptions {
  /** Viscosity nu (default 0.001; Re = 1/nu for L = 2 pi and gamma = 1). */
  diffusivity?: Coefficient;
  /** Scale b of the vorticity convection (default 1). */
  convectionScale?: Coefficient;
  /** Linear drag lambda (default -0.1, which removes the energy piling up in low modes). */
  drag?: Coefficient;
  /** The forced wavenumber k (default 4). */
  injectionMode?: number;
  /** The forcing intensity gamma (default 1). */
  injectionScale?: Coefficient;
  /** Dealiasing fraction (default 2/3). */
  dealiasingFraction?: number | null;
}

/**
 * The 2-D Kolmogorov flow in streamfunction-vorticity form: {@link NavierStokesVorticity}
 * plus the forcing `f = -k gamma cos(k (2 pi / L) x_1)` of the vorticity (the curl of
 * `gamma sin(k x_1) e_0` for L = 2 pi; see {@link VorticityConvection2dKolmogorov}):
 *
 *     omega_t + b (u . grad) omega = lambda omega + nu Laplace omega + f
 *
 * Only 2-D: throws an `ArgumentError` naming `numSpatialDims` otherwise.
 */
export class KolmogorovFlowVorticity extends Stepper {
  readonly diffusivity: Coefficient;
  readonly convectionScale: Coefficient;
  readonly drag: Coefficient;
  readonly injectionMode: number;
  readonly injectionScale: Coefficient;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: KolmogorovFlowVorticityOptions = {}) {
    const fn = 'KolmogorovFlowVorticity';
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    requireDims(fn, numSpatialDims, 2);
    const nu = checkCoefficient(options.diffusivity ?? 0.001, fn, 'diffusivity', options.dtype);
    const b = checkCoefficient(options.convectionScale ?? 1, fn, 'convectionScale', options.dtype);
    const lambda = checkCoefficient(options.drag ?? -0.1, fn, 'drag', options.dtype);
    const gamma = checkCoefficient(options.injectionScale ?? 1, fn, 'injectionScale', options.dtype);
    const injectionMode = checkInjectionMode(options.injectionMode ?? 4, numSpatialDims, numPoints, fn);
    const nonlinear = new VorticityConvection2dKolmogorov(numSpatialDims, numPoints, deriv, {
      convectionScale: b, injectionMode, injectionScale: gamma,
      dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, fn),
    });
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 1,
      linearOperator: viscousDrag(deriv, nu, lambda),
      nonlinearFun: nonlinear,
    });
    this.diffusivity = nu;
    this.convectionScale = b;
    this.drag = lambda;
    this.injectionMode = injectionMode;
    this.injectionScale = gamma;
  }
}

/** Parameters of {@link NavierStokesVelocity} (Exponax's defaults). */
export interface NavierStokesVelocityOptions extends StepperOptions {
  /** Viscosity nu (default 0.01). */
  diffusivity?: Coefficient;
  /** Linear drag lambda (default 0). */
  drag?: Coefficient;
  /** Dealiasing fraction (default 2/3). */
  dealiasingFraction?: number | null;
}

/**
 * The 3-D incompressible Navier-Stokes equations in velocity form on `(0, L)^3` with
 * periodic boundaries, three channels:
 *
 *     u_t = nu Laplace u + lambda u + P(u x omega),  omega = curl u
 *
 * with P the Leray projection (see {@link ProjectedConvection3d}); a divergence-free
 * initial state stays divergence-free. Solved by ETDRK (order 2 by default) with the
 * viscous and drag terms integrated exactly. Only 3-D: throws an `ArgumentError`
 * naming `numSpatialDims` otherwise.
 */
export class NavierStokesVelocity extends Stepper {
  readonly diffusivity: Coefficient;
  readonly drag: Coefficient;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: NavierStokesVelocityOptions = {}) {
    const fn = 'NavierStokesVelocity';
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    requireDims(fn, numSpatialDims, 3);
    const nu = checkCoefficient(options.diffusivity ?? 0.01, fn, 'diffusivity', options.dtype);
    const lambda = checkCoefficient(options.drag ?? 0, fn, 'drag', options.dtype);
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 3,
      linearOperator: viscousDrag(deriv, nu, lambda),
      nonlinearFun: new ProjectedConvection3d(numSpatialDims, numPoints, deriv, {
        dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, fn),
      }),
    });
    this.diffusivity = nu;
    this.drag = lambda;
  }
}

/** Parameters of {@link KolmogorovFlowVelocity} (Exponax's defaults). */
export interface KolmogorovFlowVelocityOptions extends NavierStokesVelocityOptions {
  /** The forced wavenumber k along x_1 (default 4). */
  injectionMode?: number;
  /** The forcing intensity gamma (default 1). */
  injectionScale?: Coefficient;
}

/**
 * The 3-D Kolmogorov flow in velocity form: {@link NavierStokesVelocity} plus a shear
 * forcing of the first velocity channel varying along x_1 at wavenumber k, as Exponax
 * 0.2.0 builds it (in physical space `gamma/2 cos(k (2 pi / L) x_1) e_0`; see
 * {@link ProjectedConvection3dKolmogorov}):
 *
 *     u_t = nu Laplace u + lambda u + P(u x omega) + f
 *
 * Only 3-D: throws an `ArgumentError` naming `numSpatialDims` otherwise.
 */
export class KolmogorovFlowVelocity extends Stepper {
  readonly diffusivity: Coefficient;
  readonly drag: Coefficient;
  readonly injectionMode: number;
  readonly injectionScale: Coefficient;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: KolmogorovFlowVelocityOptions = {}) {
    const fn = 'KolmogorovFlowVelocity';
    const deriv = setup(fn, numSpatialDims, domainExtent, numPoints, dt, options);
    requireDims(fn, numSpatialDims, 3);
    const nu = checkCoefficient(options.diffusivity ?? 0.01, fn, 'diffusivity', options.dtype);
    const lambda = checkCoefficient(options.drag ?? 0, fn, 'drag', options.dtype);
    const gamma = checkCoefficient(options.injectionScale ?? 1, fn, 'injectionScale', options.dtype);
    const injectionMode = checkInjectionMode(options.injectionMode ?? 4, numSpatialDims, numPoints, fn);
    const nonlinear = new ProjectedConvection3dKolmogorov(numSpatialDims, numPoints, deriv, {
      injectionMode, injectionScale: gamma,
      dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, fn),
    });
    super({
      ...options,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 3,
      linearOperator: viscousDrag(deriv, nu, lambda),
      nonlinearFun: nonlinear,
    });
    this.diffusivity = nu;
    this.drag = lambda;
    this.injectionMode = injectionMode;
    this.injectionScale = gamma;
  }
}
