/**
 * Convection `-b1 u . grad u` and its variants (Burgers, KdV, conservative KS).
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { mul, square, sum } from '../../ops/index.js';
import { onesLike } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import { fourierDType } from '../spectral.js';
import { NonlinearFun, type NonlinearOptions, dealiasingOr } from './base.js';

/** `factor * scale` for a number or tensor scale, as one number when possible. */
export function scaled(scale: number | Tensor, factor: number): number | Tensor {
  return typeof scale === 'number' ? factor * scale : mul(scale, factor);
}

/** Options of {@link ConvectionNonlinearFun}. */
export interface ConvectionOptions extends NonlinearOptions {
  /** The scale b1 (default 1). */
  scale?: number | Tensor;
  /** One channel whatever the dimension, using the sum of all partial derivatives (default false). */
  singleChannel?: boolean;
  /** The conservative (divergence) form (default false). */
  conservative?: boolean;
}

/**
 * The convection nonlinearity, with the minus that moves it to the right-hand side
 * (Exponax 0.2.0's four forms; channel axis -(D+1), any leading axes are batch axes):
 *
 * - multi-channel (C = D), non-conservative: `-b1 (u . grad) u`
 * - multi-channel, conservative: `-b1 div(u ⊗ u)`
 * - single-channel, conservative: `-b1 1/2 (1 . grad)(u^2)`
 * - single-channel, non-conservative: `-b1 u (1 . grad) u`
 *
 * where `1 . grad` is the sum of the partial derivatives along every axis.
 */
export class ConvectionNonlinearFun extends NonlinearFun {
  readonly derivativeOperator: Tensor;
  readonly scale: number | Tensor;
  readonly singleChannel: boolean;
  readonly conservative: boolean;

  constructor(numSpatialDims: number, numPoints: number, derivativeOperator: Tensor, options: ConvectionOptions = {}) {
    super(numSpatialDims, numPoints, {
      ...options, dtype: options.dtype ?? fourierDType(derivativeOperator),
      dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, new.target.name),
    });
    this.derivativeOperator = derivativeOperator;
    this.scale = options.scale ?? 1;
    this.singleChannel = options.singleChannel ?? false;
    this.conservative = options.conservative ?? false;
  }

  apply(uHat: Tensor): Tensor {
    const D = this.numSpatialDims;
    const ch = -(D + 1);
    const minusScale = (x: Tensor): Tensor => mul(x, scaled(this.scale, -1));
    const w = this.dealias(uHat);
    if (this.singleChannel) {
      const u = this.ifftDealiased(w);
      if (this.conservative) {
        const sumOfDerivatives = sum(this.derivativeOperator, 0, { keepdims: true });
        return mul(mul(sumOfDerivatives, this.fft(square(u))), scaled(this.scale, -0.5));
      }
      const gradU = this.ifftDealiased(mul(this.derivativeOperator, w));
      return minusScale(this.fft(sum(mul(u, gradU), ch, { keepdims: true })));
    }
    const channels = uHat.shape.at(ch);
    if (channels !== D) {
      throw new ArgumentError({ fn: 'ConvectionNonlinearFun', arg: 'uHat', expected: `${D} channels (one per spatial axis) for multi-channel convection`, actual: fmtValue(channels) });
    }
    const u = this.ifftDealiased(w);
    if (this.conservative) {
      // (u ⊗ u)_ij on axes (i, j) = (ch - 1, ch); the divergence sums over j.
      const outer = mul(u.expandDims(ch), u.expandDims(ch - 1));
      return minusScale(sum(mul(this.derivativeOperator, this.fft(outer)), ch));
    }
    // grad u: (.., C_i, D_j, N..) ; (u . grad) u_i = sum_j u_j d_j u_i
    const gradU = this.ifftDealiased(mul(this.derivativeOperator, w.expandDims(ch)));
    return minusScale(this.fft(sum(mul(u.expandDims(ch - 1), gradU), ch)));
  }
}

/** Options of {@link GradientNormNonlinearFun}. */
export interface GradientNormOptions extends NonlinearOptions {
  /** The scale b2 (default 1). */
  scale?: number | Tensor;
  /** Subtract the mean of `|grad u|^2` per channel (default true). */
  zeroModeFix?: boolean;
}

/**
 * The gradient-norm nonlinearity of the Kuramoto-Sivashinsky equation,
 * `-b2 1/2 |grad u|^2` per channel; with `zeroModeFix` the spatial mean of `|grad u|^2`
 * is removed first, which keeps the mean of u constant.
 */
export class GradientNormNonlinearFun extends NonlinearFun {
  readonly derivativeOperator: Tensor;
  readonly scale: number | Tensor;
  readonly zeroModeFix: boolean;

  constructor(numSpatialDims: number, numPoints: number, derivativeOperator: Tensor, options: GradientNormOptions = {}) {
    super(numSpatialDims, numPoints, {
      ...options, dtype: options.dtype ?? fourierDType(derivativeOperator),
      dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, new.target.name),
    });
    this.derivativeOperator = derivativeOperator;
    this.scale = options.scale ?? 1;
    this.zeroModeFix = options.zeroModeFix ?? true;
  }

  apply(uHat: Tensor): Tensor {
    const D = this.numSpatialDims;
    const ch = -(D + 1);
    const gradHat = mul(this.derivativeOperator, this.dealias(uHat).expandDims(ch));
    let g = sum(square(this.ifftDealiased(gradHat)), ch);
    if (this.zeroModeFix) {
      const spatial = Array.from({ length: D }, (_, i) => i - D);
      g = g.sub(g.mean(spatial, { keepdims: true }));
    }
    return mul(this.fft(g), scaled(this.scale, -0.5));
  }
}

/** Options of {@link PolynomialNonlinearFun}. */
export interface PolynomialOptions extends NonlinearOptions {
  /** Coefficients c_0, c_1, ... of `sum_k c_k u^k` (required). */
  coefficients: readonly (number | Tensor)[];
}

/** The polynomial nonlinearity `sum_k c_k u^k`, per channel (no channel mixing). */
export class PolynomialNonlinearFun extends NonlinearFun {
  readonly coefficients: readonly (number | Tensor)[];

  constructor(numSpatialDims: number, numPoints: number, options: PolynomialOptions) {
    super(numSpatialDims, numPoints, { ...options, dealiasingFraction: dealiasingOr(options.dealiasingFraction, 2 / 3, new.target.name) });
    if (!Array.isArray(options.coefficients)) {
      throw new ArgumentError({ fn: 'PolynomialNonlinearFun', arg: 'coefficients', expected: 'an array of coefficients from order 0', actual: fmtValue(options.coefficients) });
    }
    this.coefficients = options.coefficients;
  }

  apply(uHat: Tensor): Tensor {
    const u = this.ifft(uHat);
    // Exponax's evaluation order: result += c_k * u^k with u^k built by repeated products.
    let power: Tensor | null = null;
    let result: Tensor | null = null;
    for (const c of this.coefficients) {
      const term: Tensor = power === null ? mul(onesLike(u), c) : mul(power, c);
      result = result === null ? term : result.add(term);
      power = power === null ? u : mul(power, u);
    }
    return this.fft(result ?? mul(u, 0));
  }
}
