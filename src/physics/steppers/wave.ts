/**
 * The wave equation, as a two-channel first-order system diagonalised in Fourier space.
 *
 * @module
 */
import { ArgumentError } from '../../errors.js';
import { add, cast, complex, concat, div, equal, logicalAnd, mul, sqrt, square, sub, sum, where } from '../../ops/index.js';
import { complexOf } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/tensor.js';
import { buildScaledWavenumbers, buildWavenumbers } from '../spectral.js';
import { Stepper, checkDiscretisation } from '../stepper.js';
import { type Coefficient, checkCoefficient, times } from './common.js';
import { type LinearStepperOptions } from './linear-coefficients.js';
import { checkFloatDType } from '../spectral.js';

/** Parameters of {@link Wave} (Exponax's defaults). */
export interface WaveOptions extends LinearStepperOptions {
  /** The wave speed c (default 1). */
  speedOfSound?: Coefficient;
}

/** `x[..., c:c+1, ...]` on the channel axis `-(D + 1)`. */
function channel(x: Tensor, c: number, D: number): Tensor {
  return x.slice(...new Array<null>(x.ndim - D - 1).fill(null), [c, c + 1]);
}

/**
 * `u_tt = c^2 Laplace u` on `(0, L)^D` with periodic boundaries, written as the system
 * `h_t = v`, `v_t = c^2 Laplace h` of two channels `[h, v]` (height and its rate).
 *
 * As in Exponax 0.2.0, each Fourier mode is diagonalised by a change of basis: with
 * `omega = c |k|` and `w = i omega h_hat`, the modes `pos = (w + v_hat)/sqrt(2)` and
 * `neg = (w - v_hat)/sqrt(2)` obey `pos_t = i omega pos` and `neg_t = -i omega neg`
 * (right- and left-travelling waves). A step maps `[h, v]` to `[pos, neg]`, multiplies
 * by `exp(+-i omega dt)` (ETDRK order 0, exact) and maps back. The mean (k = 0) cannot be
 * diagonalised; there the exact update `h += dt v` is added. The scheme is exact for any
 * `dt` and conserves the energy `1/2 (|v|^2 + c^2 |grad h|^2)`.
 *
 * Only `c dt / L` matters for the dynamics.
 */
export class Wave extends Stepper {
  readonly speedOfSound: Coefficient;
  /** `|k|` (scaled wavenumbers), real, shape `(1, ..., N//2 + 1)`. */
  readonly wavenumberNorm: Tensor;
  // i c |k| with |k| replaced by 1 at k = 0 (the change of basis there is arbitrary but invertible).
  private readonly scaleToVelocity: Tensor;
  // 1 at the mean mode, 0 elsewhere (complex).
  private readonly meanMask: Tensor;

  constructor(numSpatialDims: number, domainExtent: number, numPoints: number, dt: number, options: WaveOptions = {}) {
    const fn = 'Wave';
    const dtype = checkFloatDType(options.dtype, fn);
    checkDiscretisation(fn, numSpatialDims, domainExtent, numPoints, dt);
    const c = checkCoefficient(options.speedOfSound ?? 1, fn, 'speedOfSound', options.dtype);
    // The change of basis divides by c.
    if (typeof c === 'number' ? c === 0 : c.size === 1 && c.toTypedArray()[0] === 0) {
      throw new ArgumentError({ fn, arg: 'speedOfSound', expected: 'a non-zero wave speed', actual: '0' });
    }
    const cdt = complexOf(dtype);
    const k = buildScaledWavenumbers(numSpatialDims, domainExtent, numPoints, { dtype });
    const norm = sqrt(sum(square(k), 0, { keepdims: true }));
    const zero = equal(norm, 0);
    const guarded = where(zero, 1, norm);
    const omega = cast(complex(mul(norm, 0), times(c, norm)), cdt);
    super({
      dtype,
      numSpatialDims, domainExtent, numPoints, dt,
      numChannels: 2,
      order: 0,
      linearOperator: concat([omega, omega.neg()], 0),
      nonlinearFun: null,
    });
    const integer = buildWavenumbers(numSpatialDims, numPoints);
    let mean = equal(integer.slice(0), 0);
    for (let d = 1; d < numSpatialDims; d++) mean = logicalAnd(mean, equal(integer.slice(d), 0));
    this.speedOfSound = c;
    this.wavenumberNorm = norm;
    this.scaleToVelocity = cast(complex(mul(guarded, 0), times(c, guarded)), cdt);
    this.meanMask = cast(mean.expandDims(0), cdt);
  }

  /** One step in Fourier space: change of basis, exact phase rotation, change back, mean drift. */
  override stepFourier(uHat: Tensor): Tensor {
    const D = this.numSpatialDims;
    const ch = -(D + 1);
    const h = channel(uHat, 0, D);
    const v = channel(uHat, 1, D);
    const w = mul(this.scaleToVelocity, h);
    const r = 1 / Math.sqrt(2);
    const waves = concat([mul(add(w, v), r), mul(sub(w, v), r)], ch);
    const next = super.stepFourier(waves);
    const pos = channel(next, 0, D);
    const neg = channel(next, 1, D);
    const hNext = add(div(mul(add(pos, neg), r), this.scaleToVelocity), mul(mul(this.meanMask, v), this.dt));
    return concat([hNext, mul(sub(pos, neg), r)], ch);
  }
}
