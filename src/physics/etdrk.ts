/**
 * Exponential time differencing Runge-Kutta integrators (Cox & Matthews 2002) for
 * `u_t = L u + N(u)` with `L` diagonal in Fourier space.
 *
 * The linear part is integrated exactly with `E = exp(dt L)`. The phi-type coefficients,
 * e.g. `(e^z - 1) / z` at `z = dt L`, suffer cancellation near z = 0; following Kassam
 * and Trefethen (2005) they are evaluated as means over a circle of M points around each
 * z: `f(z) ~ (1/M) sum_j f(z + r w_j)` with `w_j = exp(2 pi i (j - 1/2) / M)`. As in
 * Exponax, every coefficient keeps only the real part of that mean (also for complex L,
 * e.g. advection), and the coefficient is `dt` times it.
 *
 * All of it is built from difftape ops, so a stepper is differentiable with respect to the
 * state and to any tensor the linear operator depends on (through the exponential and the
 * contour means).
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../errors.js';
import { add, cast, complex, div, exp, mean, mul, real, sub } from '../ops/index.js';
import { tensor } from '../tensor/creation.js';
import { realOf } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';

/** A nonlinear term in Fourier space: the map from `u_hat` to `N_hat(u_hat)`. */
export type NonlinearTerm = (uHat: Tensor) => Tensor;

/** Advances a Fourier state by one step. */
export interface Integrator {
  stepFourier(uHat: Tensor): Tensor;
  /**
   * The same scheme with every constant tensor (`E`, `E2` and the contour coefficients)
   * replaced by `f(constant)` and the nonlinear term replaced by `nonlinear`: how a stepper
   * moves its precomputed constants to another backend (`f = (t) => to(t, backend)`)
   * without recomputing them there.
   */
  mapConstants(f: (constant: Tensor) => Tensor, nonlinear: NonlinearTerm | null): Integrator;
}

/** Options of the contour evaluation of the ETDRK coefficients. */
export interface ContourOptions {
  /** Points M on the circle (default 16). */
  numCirclePoints?: number;
  /** Radius r of the circle (default 1). */
  circleRadius?: number;
}

/** `exp(2 pi i (j - 1/2) / M)` for j = 1..M, shape `(M,)`, in the dtype of `like`'s parts. */
export function rootsOfUnity(numPoints: number, like: Tensor): Tensor {
  if (!Number.isInteger(numPoints) || numPoints < 1) {
    throw new ArgumentError({ fn: 'rootsOfUnity', arg: 'numCirclePoints', expected: 'a positive integer', actual: fmtValue(numPoints) });
  }
  const angles = tensor(Array.from({ length: numPoints }, (_, j) => (2 * Math.PI * (j + 0.5)) / numPoints), { dtype: realOf(like.dtype) === 'float32' ? 'float32' : 'float64' });
  return exp(complex(cast(0, angles.dtype), angles));
}

/**
 * `dt * Re(mean over the circle of f(z + r w_j))` for `z = dt L` (any shape), a real
 * tensor of z's shape: the contour evaluation of an ETDRK coefficient.
 */
export function contourCoefficient(z: Tensor, dt: number, f: (lr: Tensor) => Tensor, options: ContourOptions = {}): Tensor {
  const roots = rootsOfUnity(options.numCirclePoints ?? 16, z);
  const lr = add(z.expandDims(-1), mul(roots, options.circleRadius ?? 1));
  return mul(real(mean(f(lr), -1)), dt);
}

/** The phi-type functions of the ETDRK schemes, of z = LR. */
const PHI = {
  phi1: (z: Tensor) => div(sub(exp(z), 1), z),
  phi2: (z: Tensor) => div(sub(sub(exp(z), 1), z), mul(z, z)),
  half: (z: Tensor) => div(sub(exp(div(z, 2)), 1), z),
  // (-4 - z + e^z (4 - 3z + z^2)) / z^3
  f4: (z: Tensor) => div(add(sub(-4, z), mul(exp(z), add(sub(4, mul(z, 3)), mul(z, z)))), mul(mul(z, z), z)),
  // (2 + z + e^z (z - 2)) / z^3
  f5: (z: Tensor) => div(add(add(2, z), mul(exp(z), sub(z, 2))), mul(mul(z, z), z)),
  // (-4 - 3z - z^2 + e^z (4 - z)) / z^3
  f6: (z: Tensor) => div(add(sub(sub(-4, mul(z, 3)), mul(z, z)), mul(exp(z), sub(4, z))), mul(mul(z, z), z)),
} as const;

/**
 * An ETDRK integrator of `order` 0 to 4 for the linear operator `L` (complex, broadcasting
 * against the Fourier state) and the nonlinear term `N` (ignored by order 0, which is exact
 * for linear problems).
 *
 * - 0: `u+ = E u`
 * - 1: `u+ = E u + c1 N(u)`, c1 from phi1
 * - 2: `a = E u + c1 N(u)`, `u+ = a + c2 (N(a) - N(u))`, c2 from phi2
 * - 3: `a = E2 u + c1 N(u)`, `b = E u + c2 (2 N(a) - N(u))`,
 *   `u+ = E u + c3 N(u) + c4 N(a) + c5 N(b)` (c1 from half, c2 phi1, c3 f4, c4 4 f5, c5 f6)
 * - 4: `a = E2 u + c1 N(u)`, `b = E2 u + c1 N(a)`, `c = E2 a + c1 (2 N(b) - N(u))`,
 *   `u+ = E u + c4 N(u) + 2 c5 (N(a) + N(b)) + c6 N(c)` (c1 from half, c4 f4, c5 f5, c6 f6)
 *
 * with `E = exp(dt L)` and `E2 = exp(dt L / 2)`.
 */
export function etdrk(order: number, dt: number, linearOperator: Tensor, nonlinear: NonlinearTerm | null, options: ContourOptions = {}): Integrator {
  const fn = 'etdrk';
  if (![0, 1, 2, 3, 4].includes(order)) throw new ArgumentError({ fn, arg: 'order', expected: '0, 1, 2, 3 or 4', actual: fmtValue(order) });
  if (typeof dt !== 'number' || !Number.isFinite(dt)) throw new ArgumentError({ fn, arg: 'dt', expected: 'a finite number', actual: fmtValue(dt) });
  const z = mul(linearOperator, dt);
  const E = exp(z);
  if (order === 0) return integrator(order, [E], null);
  // Checked before the coefficients are computed (integrator checks again for moved copies).
  if (nonlinear === null) throw missingNonlinear(order);
  // Coefficients are real; stored complex so that each product is one complex multiply.
  const coef = (f: (lr: Tensor) => Tensor, scale = 1): Tensor => cast(mul(contourCoefficient(z, dt, f, options), scale), E.dtype);
  if (order === 1) return integrator(order, [E, coef(PHI.phi1)], nonlinear);
  if (order === 2) return integrator(order, [E, coef(PHI.phi1), coef(PHI.phi2)], nonlinear);
  const E2 = exp(mul(z, 0.5));
  if (order === 3) return integrator(order, [E, E2, coef(PHI.half), coef(PHI.phi1), coef(PHI.f4), coef(PHI.f5, 4), coef(PHI.f6)], nonlinear);
  return integrator(order, [E, E2, coef(PHI.half), coef(PHI.f4), coef(PHI.f5), coef(PHI.f6)], nonlinear);
}

function missingNonlinear(order: number): ArgumentError {
  return new ArgumentError({ fn: 'etdrk', arg: 'nonlinear', expected: `a nonlinear term for order ${order}`, actual: 'null' });
}

/**
 * The step of an ETDRK scheme of `order` over its constants (in {@link etdrk}'s order:
 * `E`, then for orders 3 and 4 `E2`, then the coefficients) and the nonlinear term `N`.
 */
function integrator(order: number, constants: readonly Tensor[], N: NonlinearTerm | null): Integrator {
  const mapConstants = (f: (t: Tensor) => Tensor, nonlinear: NonlinearTerm | null): Integrator =>
    integrator(order, constants.map(f), nonlinear);
  if (order > 0 && N === null) throw missingNonlinear(order);
  const step = ((): ((u: Tensor) => Tensor) => {
    const n = N!;
    if (order === 0) {
      const [E] = constants as [Tensor];
      return (u) => mul(E, u);
    }
    if (order === 1) {
      const [E, c1] = constants as [Tensor, Tensor];
      return (u) => add(mul(E, u), mul(c1, n(u)));
    }
    if (order === 2) {
      const [E, c1, c2] = constants as [Tensor, Tensor, Tensor];
      return (u) => {
        const nu = n(u);
        const a = add(mul(E, u), mul(c1, nu));
        return add(a, mul(c2, sub(n(a), nu)));
      };
    }
    if (order === 3) {
      const [E, E2, c1, c2, c3, c4, c5] = constants as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
      return (u) => {
        const nu = n(u);
        const a = add(mul(E2, u), mul(c1, nu));
        const na = n(a);
        const b = add(mul(E, u), mul(c2, sub(mul(na, 2), nu)));
        return add(add(add(mul(E, u), mul(c3, nu)), mul(c4, na)), mul(c5, n(b)));
      };
    }
    const [E, E2, c1, c4, c5, c6] = constants as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
    return (u) => {
      const nu = n(u);
      const a = add(mul(E2, u), mul(c1, nu));
      const na = n(a);
      const b = add(mul(E2, u), mul(c1, na));
      const nb = n(b);
      const c = add(mul(E2, a), mul(c1, sub(mul(nb, 2), nu)));
      return add(add(add(mul(E, u), mul(c4, nu)), mul(mul(c5, 2), add(na, nb))), mul(c6, n(c)));
    };
  })();
  return { stepFourier: step, mapConstants };
}
