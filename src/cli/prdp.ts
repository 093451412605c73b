/**
 * `difftape prdp`: the PRDP experiments from the command line.
 *
 *     difftape prdp poisson|heat1d|heat2d [--mode prdp|constant] [--K k]
 *         [--adjoint implicit|unrolled] [--seed s] [--epochs e] [--width w] [--out dir] [--quiet]
 *     difftape prdp sweep heat1d|heat2d [--seeds 1,2,3] [--Ks 1,2,5] [--epochs e] [--width w]
 *         [--tolerance 0.05] [--out dir] [--quiet]
 *
 * A run writes `report.json` and `history.svg` (validation error and K against the
 * epoch); a sweep writes `sweep.json` and `sweep.svg` (error against cumulative inner
 * iterations, final error against K).
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type RunReport, runChart, runHeat, runPoisson, runSweep, sweepChart } from '../index.js';
import { CliError } from './physics.js';

const EXPERIMENTS = ['poisson', 'heat1d', 'heat2d'] as const;

function intOf(text: string | undefined, name: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) throw new CliError(`--${name}: expected an integer >= ${min}, got '${text}'`, true);
  return v;
}

function listOf(text: string | undefined, name: string): number[] | undefined {
  if (text === undefined) return undefined;
  const xs = text.split(',').map((t) => Number(t.trim()));
  if (xs.length === 0 || !xs.every((x) => Number.isInteger(x) && x >= 0)) throw new CliError(`--${name}: expected comma-separated integers, got '${text}'`, true);
  return xs;
}

function write(dir: string, files: Record<string, string>, quiet: boolean): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    if (!quiet) console.log(`wrote ${join(dir, name)}`);
  }
}

function summary(r: RunReport): string {
  const t = r.times;
  return `final ${r.metric} ${r.final.validation.toExponential(3)} at K ${r.final.K}; ${r.refinements.length} refinements; ` +
    `${r.innerIterations} inner iterations; ${t.totalSeconds.toFixed(2)} s (physics forward ${t.physicsForwardSeconds.toFixed(2)} s, ` +
    `backward ${t.physicsBackwardSeconds.toFixed(2)} s, network ${t.networkSeconds.toFixed(2)} s, validation ${t.validationSeconds.toFixed(2)} s)`;
}

/** Runs `difftape prdp ...`. */
export function prdp(argv: readonly string[]): void {
  const [what, ...rest] = argv;
  const sweep = what === 'sweep';
  const experiment = sweep ? rest.shift() : what;
  if (!EXPERIMENTS.includes(experiment as (typeof EXPERIMENTS)[number]) || (sweep && experiment === 'poisson')) {
    throw new CliError(`expected ${sweep ? "'sweep heat1d' or 'sweep heat2d'" : "'poisson', 'heat1d', 'heat2d' or 'sweep'"}, got '${experiment ?? ''}'`, true);
  }
  let values;
  try {
    values = parseArgs({
      args: rest,
      options: {
        mode: { type: 'string' }, K: { type: 'string' }, adjoint: { type: 'string' }, seed: { type: 'string' }, epochs: { type: 'string' },
        width: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' }, seeds: { type: 'string' }, Ks: { type: 'string' },
        tolerance: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    throw new CliError((e as Error).message.split('\n')[0]!, true);
  }
  const quiet = values.quiet ?? false;
  const log = quiet ? undefined : (line: string) => console.log(line);
  const out = values.out ?? join('out', sweep ? `prdp-sweep-${experiment}` : `prdp-${experiment}`);
  const mode = values.mode ?? 'prdp';
  if (mode !== 'prdp' && mode !== 'constant') throw new CliError(`--mode: expected 'prdp' or 'constant', got '${mode}'`, true);
  const adjoint = values.adjoint as 'implicit' | 'unrolled' | undefined;
  if (adjoint !== undefined && adjoint !== 'implicit' && adjoint !== 'unrolled') throw new CliError(`--adjoint: expected 'implicit' or 'unrolled', got '${String(adjoint)}'`, true);
  const epochs = intOf(values.epochs, 'epochs', 1);
  const width = intOf(values.width, 'width', 1);
  const K = intOf(values.K, 'K', 0);
  if (mode === 'constant' && K === undefined) throw new CliError('--mode constant needs --K', true);
  const common = { ...(adjoint ? { adjoint } : {}), ...(epochs ? { epochs } : {}), ...(width ? { width } : {}) };
  if (sweep) {
    const tolerance = values.tolerance === undefined ? undefined : Number(values.tolerance);
    if (tolerance !== undefined && !(tolerance >= 0)) throw new CliError(`--tolerance: expected a non-negative number, got '${values.tolerance}'`, true);
    const seeds = listOf(values.seeds, 'seeds');
    const Ks = listOf(values.Ks, 'Ks');
    const s = runSweep(experiment as 'heat1d' | 'heat2d', {
      ...common, ...(seeds ? { seeds } : {}), ...(Ks ? { Ks } : {}), ...(tolerance === undefined ? {} : { tolerance }), ...(log ? { onProgress: log } : {}),
    });
    const pct = (v: number | null) => (v === null ? 'n/a' : `${(100 * v).toFixed(1)}%`);
    log?.(`converged accuracy (K = ${s.Keps}) ${s.convergedAccuracy.toExponential(3)}; smallest K within ${100 * s.tolerance}%: ${s.Kstar ?? 'none'}; ` +
      `PRDP ${s.prdp.finalValidation.mean.toExponential(3)} at mean final K ${s.prdp.finalK.mean.toFixed(1)}` +
      ` (${s.prdpReachesConvergedAccuracy ? 'reaches' : 'does not reach'} it)`);
    log?.(`PRDP savings: inner iterations ${pct(s.savings.iterationsVsKeps)} vs K_eps, ${pct(s.savings.iterationsVsKstar)} vs K*; ` +
      `wall-clock ${pct(s.savings.secondsVsKeps)} vs K_eps, ${pct(s.savings.secondsVsKstar)} vs K*; PR ${pct(s.savings.progressiveRefinement)}, IC ${pct(s.savings.incompleteConvergence)}`);
    write(out, { 'sweep.json': JSON.stringify(s, null, 1), 'sweep.svg': sweepChart(s) }, quiet);
    return;
  }
  const seed = intOf(values.seed, 'seed', 0);
  let r: RunReport;
  if (experiment === 'poisson') {
    if (width !== undefined || seed !== undefined) throw new CliError('--width and --seed do not apply to poisson', true);
    r = runPoisson({ mode, ...(K === undefined ? {} : { K }), ...(adjoint ? { adjoint } : {}), ...(epochs ? { iterations: epochs } : {}), ...(log ? { onProgress: log } : {}) });
  } else {
    r = runHeat(experiment === 'heat1d' ? 1 : 2, { mode, ...(K === undefined ? {} : { K }), ...(seed === undefined ? {} : { seed }), ...common, ...(log ? { onProgress: log } : {}) });
  }
  log?.(summary(r));
  write(out, { 'report.json': JSON.stringify(r, null, 1), 'history.svg': runChart(r) }, quiet);
}
