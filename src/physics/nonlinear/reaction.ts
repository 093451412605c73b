/**
 * Reaction terms of reaction-diffusion equations: Gray-Scott and Cahn-Hilliard (the
 * polynomial reactions of Fisher-KPP, Allen-Cahn and Swift-Hohenberg are
 * {@link PolynomialNonlinearFun}).
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { add, concat, mul, square, sub } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { buildLaplaceOperator, fourierDType, integerPower } from '../spectral.js';
import { NonlinearFun, type NonlinearOptions, dealiasingOr } from './base.js';
import { scaled } from './convection.js';
import type { PolynomialNonlinearFun } from './convection.js';

/** `x[..., c:c+1, ...]` on the channel axis `-(D + 1)`. */
function channel(x: Tensor, c: number, D: number): Tensor {
  return x.slice(...new Array<null>(x.ndim - D - 1).fill(null), [c, c + 1]);
}

/** Options of {@link GrayScottNonlinearFun}. */
export interface GrayScottNonlinearOptions extends NonlinearOptions {
  /** The feed rate f (required). */
  feedRate: number | Tensor;
  /** The kill rate k (required). */
  killRate: number | Tensor;
}

/**
 * The Gray-Scott reaction of two species `[u, v]` (two channels on axis `-(D + 1)`; any
 * axes before it are batch axes):
 *
 *     [f (1 - u) - u v^2,  -(f + k) v + u v^2]
 *
 * evaluated in physical space from the dealiased state, then transformed (post-dealiased).
 * Dealiasing 1/2 by default (cubic term).
 */
export class GrayScottNonlinearFun extends NonlinearFun {
  readonly feedRate: number | Tensor;
  readonly killRate: number | Tensor;

  constructor(numSpatialDims: number, numPoints: number, options: GrayScottNonlinearOptions) {
    super(numSpatialDims, numPoints, { ...options, dealiasingFraction: dealiasingOr(options.dealiasingFraction, 1 / 2, new.target.name) });
    this.feedRate = options.feedRate;
    this.killRate = options.killRate;
  }

  apply(uHat: Tensor): Tensor {
    const D = this.numSpatialDims;
    const ch = -(D + 1);
    const channels = uHat.shape.at(ch);
    if (channels !== 2) {
      throw new ArgumentError({ fn: 'GrayScottNonlinearFun', arg: 'uHat', expected: '2 channels (u, v)', actual: fmtValue(channels) });
    }
    const state = this.ifft(uHat);
    const u = channel(state, 0, D);
    const v = channel(state, 1, D);
    const uvv = mul(u, square(v));
    const f = this.feedRate;
    const fk = typeof f === 'number' && typeof this.killRate === 'number' ? -(f + this.killRate) : add(f, this.killRate).neg();
    const du = sub(mul(sub(1, u), f), uvv);
    const dv = add(mul(v, fk), uvv);
    return this.fft(concat([du, dv], ch));
  }
}

/** Options of {@link CahnHilliardNonlinearFun}. */
export interface CahnHilliardNonlinearOptions extends NonlinearOptions {
  /** The scale s of `s Laplace(u^3)`, `nu c3` in the Cahn-Hilliard equation (required). */
  scale: number | Tensor;
}

/**
 * The nonlinear part of the Cahn-Hilliard equation, `s Laplace(u^3)` (per channel): the
 * cube is taken in physical space from the dealiased state, transformed
 * (post-dealiased) and multiplied by the Laplace symbol and s. Dealiasing 1/2 by default.
 */
export class CahnHilliardNonlinearFun extends NonlinearFun {
  readonly scale: number | Tensor;
  readonly laplaceOperator: Tensor;

  constructor(numSpatialDims: number, numPoints: number, derivativeOperator: Tensor, options: CahnHilliardNonlinearOptions) {
    super(numSpatialDims, numPoints, {
      ...options, dtype: options.dtype ?? fourierDType(derivativeOperator),
      dealiasingFraction: dealiasingOr(options.dealiasingFraction, 1 / 2, new.target.name),
    });
    this.scale = options.scale;
    this.laplaceOperator = buildLaplaceOperator(derivativeOperator, 2);
  }

  apply(uHat: Tensor): Tensor {
    const u = this.ifft(uHat);
    return mul(mul(this.laplaceOperator, this.fft(integerPower(u, 3))), scaled(this.scale, 1));
  }
}
