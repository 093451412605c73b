/**
 * PRDP experiment 1: the Poisson inverse problem with one parameter (released settings,
 * `poisson_1_param.ipynb`).
 *
 * `u'' = -theta sin(2 pi x)` on (0, 1), `u(0) = u(1) = 0`, N = 30 interior points,
 * `A = tridiag(1, -2, 1) / h^2` (h = 1/31), `b(theta) = -theta sin(2 pi x_i)`. The target
 * is the direct solution at `theta_ref = 2`; the loss `||u_K(theta) - u_ref||^2 / (2N)`
 * with `u_K` = K Jacobi iterations from zero; plain gradient descent from `theta_0 = 5`
 * with learning rate 275 for 180 outer iterations. PRDP reads the parameter error
 * `|theta - theta_ref| / |theta_ref|` after every outer step, with no EMA, look-back 2,
 * tau_step 0.92, tau_stop 0.9 (the notebook's 0.98 is never passed), K0 25, dK 10,
 * K_max 600 = K_epsilon, C0 100.
 *
 * @module
 */
import { valueAndGrad } from '../autodiff/grad.js';
import { ArgumentError, fmtValue } from '../errors.js';
import { laplacian } from '../linalg/stencil.js';
import { linearSolve } from '../linalg/solve.js';
import { mul, square, sub } from '../ops/elementwise.js';
import { sum } from '../ops/reduce.js';
import { scalar, tensor } from '../tensor/creation.js';
import type { Tensor } from '../tensor/tensor.js';
import { type ControllerOptions, PrdpController } from './controller.js';
import { CostMeter, RefinableSolve } from './physics.js';
import { type RunReport, finishReport, refinementNote } from './report.js';

/** Options of {@link runPoisson}. */
export interface PoissonExperimentOptions {
  /** `prdp` (default) or a `constant` budget `K`. */
  mode?: 'prdp' | 'constant';
  /** The constant budget (mode `constant`; default 600). */
  K?: number;
  adjoint?: 'implicit' | 'unrolled';
  /** Outer gradient-descent iterations (default 180). */
  iterations?: number;
  /** Learning rate (default 275). */
  lr?: number;
  theta0?: number;
  thetaRef?: number;
  /** Interior points (default 30). */
  points?: number;
  /** Overrides of the controller's released settings. */
  controller?: ControllerOptions;
  /** Receives a progress line now and then. */
  onProgress?: (line: string) => void;
}

/** Released controller settings of the Poisson experiment. */
export const POISSON_CONTROLLER: ControllerOptions = {
  emaWindow: null, lookBack: 2, tauStep: 0.92, tauStop: 0.9, K0: 25, dK: 10, Kmax: 600, checkpoint0: 100,
};

/** Runs the Poisson inverse problem and reports K, the parameter error and the cost. */
export function runPoisson(options: PoissonExperimentOptions = {}): RunReport & { theta: number[] } {
  const {
    mode = 'prdp', K: constantK = 600, adjoint = 'implicit', iterations = 180, lr = 275, theta0 = 5, thetaRef = 2, points = 30,
  } = options;
  if (mode !== 'prdp' && mode !== 'constant') throw new ArgumentError({ fn: 'runPoisson', arg: 'mode', expected: "'prdp' or 'constant'", actual: fmtValue(mode) });
  if (!Number.isInteger(iterations) || iterations < 1) throw new ArgumentError({ fn: 'runPoisson', arg: 'iterations', expected: 'a positive integer', actual: fmtValue(iterations) });
  const h = 1 / (points + 1);
  const A = laplacian([points], { spacing: h });
  const shape = tensor(Array.from({ length: points }, (_, i) => -Math.sin(2 * Math.PI * (i + 1) * h)));
  const uRef = linearSolve(A, mul(shape, thetaRef), { method: 'direct' });
  const ctl = mode === 'prdp' ? new PrdpController({ ...POISSON_CONTROLLER, ...options.controller }) : undefined;
  const K = () => (ctl ? ctl.K : constantK);
  const meter = new CostMeter();
  const physics = new RefinableSolve({ A, K, adjoint, meter });
  const loss = (theta: Tensor) => {
    const r = sub(physics.solve(mul(shape, theta)), uRef);
    return mul(sum(square(r)), 1 / (2 * points));
  };
  const step = valueAndGrad(loss);
  const error = (t: number) => Math.abs(t - thetaRef) / Math.abs(thetaRef);
  const report: RunReport & { theta: number[] } = {
    experiment: 'poisson', mode, adjoint, seed: 0,
    settings: { points, h, lr, theta0, thetaRef, iterations, solver: 'jacobi', ...(ctl ? { controller: ctl.toJSON().options } : { K: constantK }) },
    metric: 'parameter error', validation0: error(theta0), K: [], validation: [], loss: [], innerIterationsPerEpoch: [], refinements: [],
    decisions: [], controller: null, innerIterations: 0, cost: meter.total,
    times: { totalSeconds: 0, physicsForwardSeconds: 0, physicsBackwardSeconds: 0, networkSeconds: 0, validationSeconds: 0 },
    final: { validation: error(theta0), K: K() },
    theta: [],
  };
  ctl?.observe(report.validation0);
  const start = performance.now();
  let theta = theta0;
  for (let t = 1; t <= iterations; t++) {
    const k = K();
    const before = meter.innerIterations;
    const [value, g] = step(scalar(theta));
    theta -= lr * g.item();
    const e = error(theta);
    report.K.push(k);
    report.loss.push(value.item());
    report.validation.push(e);
    report.theta.push(theta);
    report.innerIterationsPerEpoch.push(meter.innerIterations - before);
    const d = ctl?.observe(e);
    if (d?.action === 'refine' || t === 1 || t % 20 === 0 || t === iterations) {
      options.onProgress?.(`iteration ${t}/${iterations}: theta ${theta.toFixed(6)}, error ${e.toExponential(3)}, K ${k}` + refinementNote(d));
    }
  }
  finishReport(report, ctl, meter, (performance.now() - start) / 1000, 0);
  return report;
}
