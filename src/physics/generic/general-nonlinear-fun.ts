/**
 * The general nonlinearity of {@link GeneralNonlinearStepper}: a quadratic term, a
 * single-channel conservative convection and a gradient norm, as Exponax composes it.
 *
 * @module
 */
import { add } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { NonlinearFun, type NonlinearOptions } from '../nonlinear/base.js';
import { ConvectionNonlinearFun, GradientNormNonlinearFun, PolynomialNonlinearFun, scaled } from '../nonlinear/convection.js';
import { type Coefficient, checkCoefficientList, checkFlag } from './common.js';
import { fourierDType } from '../spectral.js';
import { dealiasingOr } from '../steppers/common.js';
import type { GeneralNonlinearScales } from './conversions.js';

/** Options of {@link GeneralNonlinearFun}. */
export interface GeneralNonlinearFunOptions extends NonlinearOptions {
  /**
   * The scales `[b0, b1, b2]` of the quadratic, the (single-channel, conservative)
   * convection and the gradient-norm term (default `[0, -1, 0]`: convection with scale 1,
   * i.e. Burgers' nonlinearity). There is no built-in minus: a left-hand-side convection
   * `+ b u u_x` needs `b1 = -b`.
   */
  scaleList?: GeneralNonlinearScales;
  /** Remove the spatial mean of `|grad u|^2` in the gradient-norm term (default true). */
  zeroModeFix?: boolean;
}

/**
 * `N(u) = b0 u^2 + b1 1/2 (1 . grad)(u^2) + b2 1/2 |grad u|^2` for a single channel in
 * any dimension, where `1 . grad` is the sum of the partial derivatives along every axis
 * (in 1-D: `b0 u^2 + b1 1/2 (u^2)_x + b2 1/2 (u_x)^2`).
 *
 * Evaluated as Exponax 0.2.0 does, by summing three terms, each with its own dealiased
 * transforms: {@link PolynomialNonlinearFun} with coefficients `[0, 0, b0]`,
 * {@link ConvectionNonlinearFun} in single-channel conservative form with scale `-b1`
 * (its own minus cancels), and {@link GradientNormNonlinearFun} with scale `-b2`. The
 * default dealiasing fraction is 2/3 (Exponax requires it to be given).
 */
export class GeneralNonlinearFun extends NonlinearFun {
  readonly scaleList: GeneralNonlinearScales;
  readonly zeroModeFix: boolean;
  readonly squareNonlinearFun: PolynomialNonlinearFun;
  readonly convectionNonlinearFun: ConvectionNonlinearFun;
  readonly gradientNormNonlinearFun: GradientNormNonlinearFun;

  /**
   * @param numSpatialDims The number of spatial dimensions D (1, 2 or 3).
   * @param numPoints The number of points N per axis.
   * @param derivativeOperator `i k`, complex of shape `(D, ..., N//2 + 1)`.
   * @param options Scales, zero-mode fix, dealiasing fraction (default 2/3) and dtype.
   */
  constructor(numSpatialDims: number, numPoints: number, derivativeOperator: Tensor, options: GeneralNonlinearFunOptions = {}) {
    const dealiasingFraction = dealiasingOr(options.dealiasingFraction, 2 / 3, new.target.name);
    const dtype = options.dtype ?? fourierDType(derivativeOperator);
    super(numSpatialDims, numPoints, { ...options, dtype, dealiasingFraction });
    const fn = 'GeneralNonlinearFun';
    const [b0, b1, b2] = checkCoefficientList(options.scaleList ?? [0, -1, 0], fn, 'scaleList', { length: 3 }) as GeneralNonlinearScales;
    this.scaleList = [b0, b1, b2];
    this.zeroModeFix = checkFlag(options.zeroModeFix, true, fn, 'zeroModeFix');
    const common: NonlinearOptions = { dealiasingFraction, dtype };
    this.squareNonlinearFun = new PolynomialNonlinearFun(numSpatialDims, numPoints, { ...common, coefficients: [0, 0, b0] });
    this.convectionNonlinearFun = new ConvectionNonlinearFun(numSpatialDims, numPoints, derivativeOperator, {
      ...common, scale: negated(b1), singleChannel: true, conservative: true,
    });
    this.gradientNormNonlinearFun = new GradientNormNonlinearFun(numSpatialDims, numPoints, derivativeOperator, {
      ...common, scale: negated(b2), zeroModeFix: this.zeroModeFix,
    });
  }

  apply(uHat: Tensor): Tensor {
    return add(add(this.squareNonlinearFun.apply(uHat), this.convectionNonlinearFun.apply(uHat)), this.gradientNormNonlinearFun.apply(uHat));
  }
}

function negated(c: Coefficient): Coefficient {
  return scaled(c, -1);
}
