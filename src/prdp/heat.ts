/**
 * PRDP experiments 2 and 3: neural emulators of the heat equation trained through an
 * implicit (BTCS) solver (released settings, `heat_1d.ipynb` and `heat_2D.ipynb`).
 *
 * Physics: `u_t = nu Laplacian u` on the unit interval or square with zero Dirichlet
 * boundaries, 30 (or 30 x 30) interior points, dx = 1/31; one BTCS step solves
 * `(I - a L_h) u^{n+1} = u^n` with `a = nu dt = 0.001`. Data: initial conditions
 * `sum_{n=1..5} a_n sin(2 n pi x) + b_n cos(2 n pi x)` (2-D: the four products of sines
 * and cosines in x and y), coefficients U(-1, 1); 200 for training (key 1337) and 5 for
 * validation (key 1338); targets u1, u2 by the direct solver.
 *
 * Mixed chain: `y1 = MLP(u0)`, `y2 = P_K(y1)` with P_K = K Jacobi iterations from zero on
 * the BTCS system, loss `MSE(y2, u2)`. The MLP is 30-64-64-64-30 (2-D: 900-3000-3000-
 * 3000-900) with ReLU, initialised as Equinox. Adam with the learning rate
 * `1e-3 * 0.94^(step/100)` (2-D: 0.9), batch 25, 100 epochs (2-D: 70). Validation: the
 * network alone, rolled out twice: `mean_s ||MLP(MLP(u0)) - u2||^2 / ||u1||^2` (as
 * released, the denominator is the previous state's norm).
 *
 * PRDP reads that 2-step error after every epoch: 1-D W 8, w 3, tau_step 0.98, tau_stop
 * 0.9, C0 100; 2-D W 6, w 3, tau_step 0.9, tau_stop 0.9, C0 = the error before training.
 * The 2-D notebook differentiates the Jacobi iterations by unrolling; 1-D implicitly.
 *
 * @module
 */
import { valueAndGrad } from '../autodiff/grad.js';
import { noGrad } from '../autodiff/tape.js';
import { ArgumentError, fmtValue } from '../errors.js';
import type { LinearOperator } from '../linalg/operator.js';
import { linearSolve } from '../linalg/solve.js';
import { heatOperator } from '../linalg/stencil.js';
import { type MlpParams, initMlp, mlp, parameterCount, shuffledBatches, takeRows } from '../nn/index.js';
import { type Optimizer, adam, applyUpdates, exponentialDecay } from '../optim/index.js';
import { div, square, sub } from '../ops/elementwise.js';
import { mean, sum } from '../ops/reduce.js';
import { tidy } from '../ops/tidy.js';
import { reshape } from '../ops/view.js';
import { foldIn, key, split } from '../random/key.js';
import { tensor } from '../tensor/creation.js';
import { randomUniform } from '../tensor/random.js';
import type { Tensor } from '../tensor/tensor.js';
import { type ControllerOptions, PrdpController } from './controller.js';
import { CostMeter, RefinableSolve } from './physics.js';
import { type RunReport, finishReport, refinementNote } from './report.js';

/** Options of {@link runHeat}. */
export interface HeatExperimentOptions {
  /** `prdp` (default) or a `constant` budget `K`. */
  mode?: 'prdp' | 'constant';
  /** The constant budget (mode `constant`; default: the largest of the released sweep). */
  K?: number;
  /** Default: `implicit` in 1-D, `unrolled` in 2-D (as released). */
  adjoint?: 'implicit' | 'unrolled';
  /** Network initialisation and shuffling seed (default 1). */
  seed?: number;
  /** Default 100 (1-D) or 70 (2-D). */
  epochs?: number;
  /** Hidden width of the MLP (default 64 in 1-D, 3000 in 2-D). */
  width?: number;
  /** Training and validation samples (default 200 and 5). */
  trainSamples?: number;
  valSamples?: number;
  /** Overrides of the released controller settings. */
  controller?: ControllerOptions;
  /** Receives a progress line after every epoch. */
  onProgress?: (line: string) => void;
}

/** The released settings per dimension. */
export const HEAT_SETTINGS = {
  1: {
    width: 64, epochs: 100, decay: 0.94, adjoint: 'implicit', sweep: [1, 2, 3, 4, 5, 6, 10, 15, 20, 25],
    controller: { emaWindow: 8, lookBack: 3, tauStep: 0.98, tauStop: 0.9, K0: 1, dK: 1, checkpoint0: 100 },
  },
  2: {
    width: 3000, epochs: 70, decay: 0.9, adjoint: 'unrolled', sweep: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 40, 60],
    controller: { emaWindow: 6, lookBack: 3, tauStep: 0.9, tauStop: 0.9, K0: 1, dK: 1 },
  },
} as const;

const POINTS = 30;
const A_DIFFUSE = 0.001;
const BATCH = 25;

/** Initial conditions of the released notebooks (2-D with the (x, y) products the paper states). */
function initialConditions(dims: 1 | 2, count: number, seed: number): Tensor {
  const coeffs = randomUniform(key(seed), [count, dims === 1 ? 10 : 20], { low: -1, high: 1 }).toTypedArray();
  const x = Array.from({ length: POINTS }, (_, i) => (i + 1) / (POINTS + 1));
  const n = dims === 1 ? POINTS : POINTS * POINTS;
  const out = new Float64Array(count * n);
  for (let s = 0; s < count; s++) {
    const c = (j: number) => coeffs[s * (dims === 1 ? 10 : 20) + j]!;
    for (let p = 0; p < n; p++) {
      let v = 0;
      for (let k = 1; k <= 5; k++) {
        const w = 2 * k * Math.PI;
        if (dims === 1) v += c(2 * k - 2) * Math.sin(w * x[p]!) + c(2 * k - 1) * Math.cos(w * x[p]!);
        else {
          const xi = x[Math.floor(p / POINTS)]!;
          const yj = x[p % POINTS]!;
          const j = 4 * (k - 1);
          v += c(j) * Math.sin(w * xi) * Math.sin(w * yj) + c(j + 1) * Math.cos(w * xi) * Math.cos(w * yj) +
            c(j + 2) * Math.sin(w * xi) * Math.cos(w * yj) + c(j + 3) * Math.cos(w * xi) * Math.sin(w * yj);
        }
      }
      out[s * n + p] = v;
    }
  }
  return tensor(out, { shape: [count, n] });
}

/** The data of one experiment: flattened states u0, u1, u2 for training and validation. */
function heatData(dims: 1 | 2, A: LinearOperator, train: number, val: number) {
  const grid = dims === 1 ? [POINTS] : [POINTS, POINTS];
  const step = (u: Tensor) => reshape(linearSolve(A, reshape(u, [u.shape[0]!, ...grid]), { method: 'direct' }), u.shape);
  const make = (count: number, seed: number) => {
    const u0 = initialConditions(dims, count, seed);
    const u1 = step(u0);
    return { u0, u1, u2: step(u1) };
  };
  return { train: make(train, 1337), val: make(val, 1338) };
}

/** Mean over samples of `||a - b||^2 / ||d||^2` (rows of flattened states). */
function nmse(a: Tensor, b: Tensor, d: Tensor): number {
  return mean(div(sum(square(sub(a, b)), 1), sum(square(d), 1))).item();
}

/**
 * Trains a heat emulator through the BTCS Jacobi solver, with PRDP or a constant K, and
 * reports the validation error, K and the cost per epoch.
 */
export function runHeat(dims: 1 | 2, options: HeatExperimentOptions = {}): RunReport {
  const fn = dims === 1 ? 'runHeat1d' : 'runHeat2d';
  if (dims !== 1 && dims !== 2) throw new ArgumentError({ fn: 'runHeat', arg: 'dims', expected: '1 or 2', actual: fmtValue(dims) });
  const released = HEAT_SETTINGS[dims];
  const {
    mode = 'prdp', K: constantK = released.sweep.at(-1)!, adjoint = released.adjoint, seed = 1, epochs = released.epochs,
    width = released.width, trainSamples = 200, valSamples = 5,
  } = options;
  if (mode !== 'prdp' && mode !== 'constant') throw new ArgumentError({ fn, arg: 'mode', expected: "'prdp' or 'constant'", actual: fmtValue(mode) });
  for (const [name, v, min] of [['epochs', epochs, 1], ['width', width, 1], ['trainSamples', trainSamples, 1], ['valSamples', valSamples, 1], ['K', constantK, 0]] as const) {
    if (!Number.isInteger(v) || v < min) throw new ArgumentError({ fn, arg: name, expected: `an integer >= ${min}`, actual: fmtValue(v) });
  }
  const grid = dims === 1 ? [POINTS] : [POINTS, POINTS];
  const n = dims === 1 ? POINTS : POINTS * POINTS;
  const A = heatOperator(grid, { a: A_DIFFUSE, spacing: 1 / (POINTS + 1) });
  const data = heatData(dims, A, trainSamples, valSamples);
  const [initKey, shuffleKey] = split(key(seed), 2) as [ReturnType<typeof key>, ReturnType<typeof key>];
  let params: MlpParams = initMlp(initKey, { inSize: n, outSize: n, widthSize: width, depth: 3 });
  const net = (p: MlpParams, u: Tensor) => mlp(p, u);
  const validate = (p: MlpParams) => noGrad(() => tidy(() => {
    const y2 = net(p, net(p, data.val.u0));
    return tensor(nmse(y2, data.val.u2, data.val.u1));
  })).item();

  const v0 = validate(params);
  const ctl = mode === 'prdp'
    ? new PrdpController({ ...released.controller, ...(dims === 2 ? { checkpoint0: v0 } : {}), ...options.controller })
    : undefined;
  const meter = new CostMeter();
  const physics = new RefinableSolve({ A, K: () => (ctl ? ctl.K : constantK), adjoint, meter });
  const solveFlat = (y: Tensor) => reshape(physics.solve(reshape(y, [y.shape[0]!, ...grid])), y.shape);
  const lossFn = (p: MlpParams, u0: Tensor, u2: Tensor) => mean(square(sub(solveFlat(net(p, u0)), u2)));
  const step = valueAndGrad(lossFn);
  const stepsPerEpoch = Math.ceil(trainSamples / BATCH);
  const optimizer: Optimizer<unknown> = adam(exponentialDecay({ initValue: 1e-3, transitionSteps: 100, decayRate: released.decay })) as Optimizer<unknown>;
  let state = optimizer.init(params);

  const report: RunReport = {
    experiment: dims === 1 ? 'heat1d' : 'heat2d', mode, adjoint, seed,
    settings: {
      points: grid, a: A_DIFFUSE, trainSamples, valSamples, batch: BATCH, epochs, width, depth: 3, parameters: parameterCount(params),
      lr: `1e-3 * ${released.decay}^(step/100)`, solver: 'jacobi', ...(ctl ? { controller: ctl.toJSON().options } : { K: constantK }),
    },
    metric: '2-step nMSE', validation0: v0, K: [], validation: [], loss: [], innerIterationsPerEpoch: [], refinements: [], decisions: [],
    controller: null, innerIterations: 0, cost: meter.total,
    times: { totalSeconds: 0, physicsForwardSeconds: 0, physicsBackwardSeconds: 0, networkSeconds: 0, validationSeconds: 0 },
    final: { validation: v0, K: physics.K },
  };
  ctl?.observe(v0);
  const start = performance.now();
  let validationSeconds = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const k = physics.K;
    const before = meter.innerIterations;
    let lossSum = 0;
    for (const idx of shuffledBatches(foldIn(shuffleKey, epoch), trainSamples, BATCH)) {
      const [value, g] = step(params, takeRows(data.train.u0, idx), takeRows(data.train.u2, idx));
      const { updates, state: next } = optimizer.update(g, state);
      params = applyUpdates(params, updates);
      state = next;
      lossSum += value.item();
    }
    const tv = performance.now();
    const v = validate(params);
    validationSeconds += (performance.now() - tv) / 1000;
    report.K.push(k);
    report.loss.push(lossSum / stepsPerEpoch);
    report.validation.push(v);
    report.innerIterationsPerEpoch.push(meter.innerIterations - before);
    const d = ctl?.observe(v);
    options.onProgress?.(`epoch ${epoch}/${epochs}: loss ${(lossSum / stepsPerEpoch).toExponential(3)}, validation ${v.toExponential(3)}, K ${k}` + refinementNote(d));
  }
  finishReport(report, ctl, meter, (performance.now() - start) / 1000, validationSeconds);
  return report;
}
