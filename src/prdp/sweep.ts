/**
 * The savings claim, measured: constant-K training runs against PRDP over several seeds.
 *
 * Definitions (inner iterations are forward plus backward solver iterations; a
 * constant-K run costs the same per epoch, so its cost is proportional to K):
 * - `K_eps` is the largest K of the sweep, the "converged solver" baseline;
 *   the converged accuracy is its mean final validation error.
 * - `K*` is the smallest swept K whose mean final error is within `tolerance` (relative)
 *   of the converged accuracy.
 * - `K_final` is PRDP's final K (mean over seeds).
 * - Savings of PRDP against a baseline are `1 - cost(PRDP) / cost(baseline)`, in inner
 *   iterations and in wall-clock time.
 * - IC (incomplete convergence) savings `1 - K_final / K_eps`: stopping refinement early;
 *   PR (progressive refinement) savings `1 - cost(PRDP) / (cost(K_eps) K_final / K_eps)`:
 *   starting coarse. Together `(1 - PR)(1 - IC) = cost(PRDP) / cost(K_eps)`.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../errors.js';
import { lineChart } from '../io/svg.js';
import { HEAT_SETTINGS, type HeatExperimentOptions, runHeat } from './heat.js';
import { type RunReport, cumulative } from './report.js';

/** Options of {@link runSweep}. */
export interface SweepOptions extends Omit<HeatExperimentOptions, 'mode' | 'K' | 'seed' | 'onProgress'> {
  /** Seeds (default 1, 2, 3). */
  seeds?: readonly number[];
  /** Constant budgets (default: the released sweep). */
  Ks?: readonly number[];
  /** Relative tolerance on the converged accuracy (default 0.05). */
  tolerance?: number;
  /** Receives one line per finished run. */
  onProgress?: (line: string) => void;
}

/** One run of the sweep, in brief. */
export interface SweepRun {
  mode: 'prdp' | 'constant';
  K: number | null;
  seed: number;
  finalValidation: number;
  finalK: number;
  innerIterations: number;
  seconds: number;
  /** Validation error against cumulative inner iterations (for the chart). */
  curve: { iterations: number[]; validation: number[] };
}

/** Mean and sample standard deviation. */
interface Stat { mean: number; std: number }

/** What a sweep measured and concluded. */
export interface SweepReport {
  experiment: 'heat1d' | 'heat2d';
  seeds: number[];
  Ks: number[];
  tolerance: number;
  settings: Record<string, unknown>;
  runs: SweepRun[];
  constant: { K: number; finalValidation: Stat; innerIterations: number; seconds: Stat }[];
  prdp: { finalValidation: Stat; innerIterations: Stat; seconds: Stat; finalK: Stat; finalKs: number[] };
  Keps: number;
  convergedAccuracy: number;
  Kstar: number | null;
  prdpReachesConvergedAccuracy: boolean;
  savings: {
    iterationsVsKeps: number;
    secondsVsKeps: number;
    iterationsVsKstar: number | null;
    secondsVsKstar: number | null;
    incompleteConvergence: number;
    progressiveRefinement: number;
  };
}

function stat(xs: readonly number[]): Stat {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, std };
}

function brief(r: RunReport): SweepRun {
  return {
    mode: r.mode, K: r.mode === 'constant' ? r.K[0]! : null, seed: r.seed, finalValidation: r.final.validation, finalK: r.final.K,
    innerIterations: r.innerIterations, seconds: r.times.totalSeconds,
    curve: { iterations: [0, ...cumulative(r.innerIterationsPerEpoch)], validation: [r.validation0, ...r.validation] },
  };
}

/** Runs every constant K and PRDP for every seed on a heat experiment and compares them. */
export function runSweep(experiment: 'heat1d' | 'heat2d', options: SweepOptions = {}): SweepReport {
  const dims = experiment === 'heat1d' ? 1 : 2;
  if (experiment !== 'heat1d' && experiment !== 'heat2d') {
    throw new ArgumentError({ fn: 'runSweep', arg: 'experiment', expected: "'heat1d' or 'heat2d'", actual: fmtValue(experiment) });
  }
  const { seeds = [1, 2, 3], Ks = HEAT_SETTINGS[dims].sweep, tolerance = 0.05, onProgress, ...heat } = options;
  if (!Array.isArray(seeds) || seeds.length === 0 || !Array.isArray(Ks) || Ks.length === 0) {
    throw new ArgumentError({ fn: 'runSweep', arg: 'seeds/Ks', expected: 'non-empty arrays', actual: `${fmtValue(seeds)}, ${fmtValue(Ks)}` });
  }
  const sortedKs = [...Ks].sort((a, b) => a - b);
  const runs: SweepRun[] = [];
  let settings: Record<string, unknown> = {};
  for (const seed of seeds) {
    for (const K of [...sortedKs, null]) {
      const r = runHeat(dims, { ...heat, seed, ...(K === null ? { mode: 'prdp' as const } : { mode: 'constant' as const, K }) });
      settings = r.settings;
      runs.push(brief(r));
      onProgress?.(`seed ${seed}, ${K === null ? `PRDP (final K ${r.final.K})` : `K = ${K}`}: final validation ${r.final.validation.toExponential(3)}, ` +
        `${r.innerIterations} inner iterations, ${r.times.totalSeconds.toFixed(2)} s`);
    }
  }
  const constant = sortedKs.map((K) => {
    const rs = runs.filter((r) => r.K === K);
    return { K, finalValidation: stat(rs.map((r) => r.finalValidation)), innerIterations: rs[0]!.innerIterations, seconds: stat(rs.map((r) => r.seconds)) };
  });
  const p = runs.filter((r) => r.mode === 'prdp');
  const prdp = {
    finalValidation: stat(p.map((r) => r.finalValidation)), innerIterations: stat(p.map((r) => r.innerIterations)),
    seconds: stat(p.map((r) => r.seconds)), finalK: stat(p.map((r) => r.finalK)), finalKs: p.map((r) => r.finalK),
  };
  const eps = constant.at(-1)!;
  const convergedAccuracy = eps.finalValidation.mean;
  const star = constant.find((c) => c.finalValidation.mean <= (1 + tolerance) * convergedAccuracy) ?? null;
  const pr = prdp.innerIterations.mean / (eps.innerIterations * (prdp.finalK.mean / eps.K));
  return {
    experiment, seeds: [...seeds], Ks: sortedKs, tolerance, settings: { ...settings, seed: undefined, K: undefined, controller: HEAT_SETTINGS[dims].controller },
    runs, constant, prdp, Keps: eps.K, convergedAccuracy, Kstar: star?.K ?? null,
    prdpReachesConvergedAccuracy: prdp.finalValidation.mean <= (1 + tolerance) * convergedAccuracy,
    savings: {
      iterationsVsKeps: 1 - prdp.innerIterations.mean / eps.innerIterations,
      secondsVsKeps: 1 - prdp.seconds.mean / eps.seconds.mean,
      iterationsVsKstar: star ? 1 - prdp.innerIterations.mean / star.innerIterations : null,
      secondsVsKstar: star ? 1 - prdp.seconds.mean / star.seconds.mean : null,
      incompleteConvergence: 1 - prdp.finalK.mean / eps.K,
      progressiveRefinement: 1 - pr,
    },
  };
}

/**
 * Two panels: validation error against cumulative inner iterations for the first seed
 * (PRDP and every constant K), and the final error against K (means over seeds), with
 * PRDP at its mean final K.
 */
export function sweepChart(s: SweepReport): string {
  const first = s.runs.filter((r) => r.seed === s.seeds[0]);
  return lineChart([
    {
      title: `${s.experiment}: validation error against inner iterations (seed ${s.seeds[0]})`,
      xLabel: 'cumulative inner iterations (forward + backward)',
      yLabel: '2-step nMSE',
      logY: true,
      series: first.map((r) => ({ name: r.mode === 'prdp' ? 'PRDP' : `K = ${r.K}`, x: r.curve.iterations, y: r.curve.validation })),
    },
    {
      title: `final validation error (mean over ${s.seeds.length} seeds)`,
      xLabel: 'K',
      yLabel: '2-step nMSE',
      logY: true,
      series: [
        { name: 'constant K', x: s.constant.map((c) => c.K), y: s.constant.map((c) => c.finalValidation.mean) },
        { name: 'PRDP (at final K)', x: [s.prdp.finalK.mean, s.prdp.finalK.mean], y: [s.prdp.finalValidation.mean, s.prdp.finalValidation.mean * 1.0001] },
      ],
    },
  ]);
}
