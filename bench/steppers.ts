/**
 * Seconds per step of the spectral steppers, the cases of the JAX/XLA reference in
 * docs (Exponax on one CPU core: KS 1D 1.8e-5 s/step, Burgers 1D 2.2e-5, Burgers 2D
 * 1.3e-2, Kolmogorov 2D 1.3e-3, Burgers 3D 1.9e-2, float32, batch 1). Prints one JSON
 * object.
 *
 *     npm run bench:steppers -- [--quick] [--case NAME] [--dtype float32|float64] [--batch B]
 *
 * (which builds `dist/` and runs `tsx bench/steppers.ts`; the library is the compiled build,
 * see bench/library.ts).
 *
 * Each case steps an autoregressive rollout `u <- step(u)` from a smooth random initial
 * condition: a warm-up that lets V8 optimise, then samples of consecutive steps, each at
 * least 20 ms long; reported are the median and minimum seconds per step (the whole
 * batch), and per sample for batch > 1. `vsJaxCpu` is the reference's seconds per step
 * over ours (batch 1), so > 1 means faster; the reference ran in float32 on another
 * machine's server core, so compare with care.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { FloatDType, Stepper, Tensor } from '../src/index.js';
import { loadLibrary } from './library.js';

const {
  DifficultyConvectionStepper, DifficultyGradientNormStepper, KolmogorovFlowVorticity, RandomTruncatedFourierSeries,
  concat, random, stack,
} = await loadLibrary();

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    case: { type: 'string', multiple: true },
    dtype: { type: 'string', multiple: true },
    batch: { type: 'string', multiple: true },
  },
});
const quick = values.quick ?? false;
const SAMPLE_MS = 20;
const SAMPLES = quick ? 5 : 11;
// V8 needs a few hundred milliseconds to reach its optimising tier on these small ops.
const WARM_MS = 500;

interface Case {
  name: string;
  /** Exponax's seconds per step on one CPU core (float32, batch 1). */
  jaxCpu: number;
  make: (dtype: FloatDType) => Stepper;
  /** Skip batch 64 in --quick runs (a step takes seconds). */
  heavy?: boolean;
}

// APEBench's scenarios: diff_ks (gamma_2 = -1.2, gamma_4 = -15, delta_2 = 6), diff_burgers
// (gamma_2 = 1.5, delta_1 = 1.5) in 1-D, 2-D and 3-D, and phy_kolm_flow's substep (L = 2 pi,
// dt = 0.1 / 20, nu = 0.01, drag -0.1).
const burgers = (D: number, N: number) => (dtype: FloatDType) =>
  new DifficultyConvectionStepper(D, N, { linearDifficulties: [0, 0, 1.5], convectionDifficulty: 1.5, dtype });
const CASES: Case[] = [
  {
    name: 'ks-1d-n160', jaxCpu: 1.8e-5,
    make: (dtype) => new DifficultyGradientNormStepper(1, 160, { linearDifficulties: [0, 0, -1.2, 0, -15], gradientNormDifficulty: 6, dtype }),
  },
  { name: 'burgers-1d-n160', jaxCpu: 2.2e-5, make: burgers(1, 160) },
  { name: 'burgers-2d-n160', jaxCpu: 1.3e-2, make: burgers(2, 160), heavy: true },
  {
    name: 'kolmogorov-2d-n160', jaxCpu: 1.3e-3, heavy: true,
    make: (dtype) => new KolmogorovFlowVorticity(2, 2 * Math.PI, 160, 0.1 / 20, { diffusivity: 0.01, drag: -0.1, dtype }),
  },
  { name: 'burgers-3d-n32', jaxCpu: 1.9e-2, make: burgers(3, 32), heavy: true },
];

/** A smooth random state `(B, C, N, ..., N)` of amplitude about one. */
function initialState(s: Stepper, batch: number, dtype: FloatDType): Tensor {
  const gen = new RandomTruncatedFourierSeries(s.numSpatialDims, { cutoff: 5, maxOne: true });
  const keys = random.split(random.key(2026), batch * s.numChannels);
  const samples: Tensor[] = [];
  for (let b = 0; b < batch; b++) {
    const channels = Array.from({ length: s.numChannels }, (_, c) => gen.generate(s.numPoints, keys[b * s.numChannels + c]!));
    samples.push(concat(channels, 0));
  }
  return (batch === 1 ? samples[0]! : stack(samples, 0)).cast(dtype);
}

interface Timing {
  secondsPerStep: number;
  minSecondsPerStep: number;
  stepsPerSample: number;
}

function time(s: Stepper, u0: Tensor): Timing {
  let u = u0;
  const t0 = performance.now();
  let warm = 0;
  while (performance.now() - t0 < WARM_MS || warm < 2) {
    u = s.step(u);
    warm++;
  }
  let steps = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < steps; i++) u = s.step(u);
    if (performance.now() - start >= SAMPLE_MS) break;
    steps *= 2;
  }
  const ts: number[] = [];
  for (let k = 0; k < SAMPLES; k++) {
    const start = performance.now();
    for (let i = 0; i < steps; i++) u = s.step(u);
    ts.push((performance.now() - start) / 1000 / steps);
  }
  if (!Number.isFinite(u.sum().item())) throw new Error(`${s.constructor.name}: the benchmark rollout diverged`);
  ts.sort((a, b) => a - b);
  return { secondsPerStep: sig(ts[ts.length >> 1]!), minSecondsPerStep: sig(ts[0]!), stepsPerSample: steps };
}

const sig = (v: number): number => Number(v.toPrecision(3));

const dtypes = (values.dtype ?? ['float64', 'float32']) as FloatDType[];
const batches = (values.batch ?? ['1', '64']).map(Number);
const results: Record<string, unknown>[] = [];
for (const c of CASES) {
  if (values.case !== undefined && !values.case.includes(c.name)) continue;
  for (const dtype of dtypes) {
    const s = c.make(dtype);
    for (const batch of batches) {
      if (quick && c.heavy && batch > 1) continue;
      const t = time(s, initialState(s, batch, dtype));
      const row: Record<string, unknown> = { case: c.name, dtype, batch, ...t };
      if (batch > 1) row['secondsPerStepPerSample'] = sig(t.secondsPerStep / batch);
      else {
        row['jaxCpuFloat32'] = c.jaxCpu;
        row['vsJaxCpu'] = sig(c.jaxCpu / t.secondsPerStep);
      }
      results.push(row);
      process.stderr.write(`${c.name} ${dtype} batch ${batch}: ${t.secondsPerStep.toExponential(2)} s/step\n`);
    }
  }
}

console.log(JSON.stringify({
  benchmark: 'steppers',
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, platform: process.platform, arch: process.arch },
  quick,
  results,
}, null, 2));
