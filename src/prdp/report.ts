/**
 * What a PRDP experiment run reports, and its charts.
 *
 * @module
 */
import { lineChart } from '../io/svg.js';
import type { ControllerState, Decision, PrdpController } from './controller.js';
import type { Cost, CostMeter } from './physics.js';

/** The record of one training run (PRDP or constant K). */
export interface RunReport {
  experiment: 'poisson' | 'heat1d' | 'heat2d';
  mode: 'prdp' | 'constant';
  adjoint: 'implicit' | 'unrolled';
  seed: number;
  /** The settings the run used (problem, network, optimiser, controller). */
  settings: Record<string, unknown>;
  /** The metric the controller reads: its name and value before training. */
  metric: string;
  validation0: number;
  /** K used in each epoch (outer iteration for Poisson), in order. */
  K: number[];
  /** The validation metric after each epoch, in order. */
  validation: number[];
  /** Training loss (mean over the epoch's batches; the objective for Poisson). */
  loss: number[];
  /** Inner iterations (forward + backward) spent in each epoch. */
  innerIterationsPerEpoch: number[];
  /** The controller's refinements (empty for constant K). */
  refinements: Decision[];
  /** Every controller decision, and its final state (PRDP only). */
  decisions: Decision[];
  controller: ControllerState | null;
  /** Total inner iterations, forward plus backward. */
  innerIterations: number;
  cost: Cost;
  times: { totalSeconds: number; physicsForwardSeconds: number; physicsBackwardSeconds: number; networkSeconds: number; validationSeconds: number };
  final: { validation: number; K: number };
}

/** Cumulative sums. */
export function cumulative(xs: readonly number[]): number[] {
  let s = 0;
  return xs.map((x) => (s += x));
}

/**
 * Two panels: the validation metric (log scale) and K against the epoch, the first
 * point being the metric before training.
 */
export function runChart(r: RunReport): string {
  const label = r.mode === 'prdp' ? 'PRDP' : `K = ${r.K[0]}`;
  const epochs = r.validation.map((_, i) => i + 1);
  const unit = r.experiment === 'poisson' ? 'outer iteration' : 'epoch';
  return lineChart([
    {
      title: `${r.experiment}: validation ${r.metric} (${label}, ${r.adjoint})`,
      xLabel: unit,
      yLabel: r.metric,
      logY: true,
      series: [{ name: label, x: [0, ...epochs], y: [r.validation0, ...r.validation] }],
    },
    { title: 'iteration budget K', xLabel: unit, yLabel: 'K', series: [{ name: 'K', x: epochs, y: r.K, step: true }] },
  ]);
}

/**
 * The first epoch (1-based) after which the validation metric is at most `target`, and
 * the inner iterations spent up to then; null if never reached.
 */
export function costToReach(r: RunReport, target: number): { epoch: number; innerIterations: number } | null {
  const i = r.validation.findIndex((v) => v <= target);
  if (i < 0) return null;
  return { epoch: i + 1, innerIterations: cumulative(r.innerIterationsPerEpoch)[i]! };
}

/** ` -> K (reason: plateau ratio p, checkpoint ratio c)` for a refinement, else empty. */
export function refinementNote(d: Decision | undefined): string {
  if (d?.action !== 'refine') return '';
  return ` -> ${d.K} (${d.reason}: plateau ratio ${d.plateauRatio!.toFixed(4)}, checkpoint ratio ${d.checkpointRatio!.toFixed(4)})`;
}

/**
 * Completes a report after its last epoch: the controller's decisions, the cost, the time
 * split (network = total - validation - physics) and the final values.
 */
export function finishReport(
  report: RunReport, ctl: PrdpController | undefined, meter: CostMeter, totalSeconds: number, validationSeconds: number,
): void {
  const cost = meter.total;
  Object.assign(report, {
    refinements: ctl?.refinements ?? [], decisions: [...(ctl?.decisions ?? [])], controller: ctl?.toJSON() ?? null,
    innerIterations: meter.innerIterations, cost,
    times: {
      totalSeconds, physicsForwardSeconds: cost.forwardSeconds, physicsBackwardSeconds: cost.backwardSeconds,
      networkSeconds: Math.max(0, totalSeconds - validationSeconds - cost.forwardSeconds - cost.backwardSeconds), validationSeconds,
    },
    final: { validation: report.validation.at(-1)!, K: report.K.at(-1)! },
  });
}
