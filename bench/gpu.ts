/**
 * The GPU backend (gpu.js) against the CPU backend, in one run: float32 matmul, an
 * elementwise chain, 2-D FFTs and one spectral step of APEBench's difficulty Burgers 2-D and
 * Kuramoto-Sivashinsky 1-D steppers at batch 1, 64 and 512, next to the Exponax (JAX/XLA)
 * figures measured on an H100. Prints one JSON object on stdout, progress on stderr.
 *
 *     npm run -s bench:gpu -- [--mode auto|webgpu|webgl2|webgl|headlessgl|webasm|cpu] [--quick] [--no-cpu]
 *
 * (`npm run build`, then `tsx bench/gpu.ts`; the library is the compiled `dist/`, see
 * bench/library.ts). The mode comes from `--mode`, else `$DIFFTAPE_GPU_MODE`, else `auto`
 * (webgpu where the npm `webgpu` package finds an adapter, else webasm). See bench/README.md
 * for running it on an NVIDIA machine.
 *
 * What is timed (wall clock, `performance.now()`):
 * - Inputs are made on the CPU and uploaded (`to(x, gpu)`) before timing; uploads are not
 *   timed.
 * - A sample runs the op (or step) `k` times back to back, each result released before the
 *   next (steps release their intermediates through `tidy`), then waits for the device by
 *   one asynchronous read (`await y.data()`) of a one-element slice of the last result (a
 *   strided-copy kernel of one element and a 4-byte readback). The sample's time divided by
 *   `k` is reported. On WebGPU, kernels are only queued by the calls, so the final read is
 *   what makes the sample include the GPU's work; `k` is chosen so that a sample lasts at
 *   least 50 ms (20 ms in --quick), which makes that one read's latency small in the
 *   per-op figure. `syncSeconds` reports the cost of that read alone. On gpu.js's `cpu` and
 *   `webasm` modes every call computes synchronously.
 * - Each case is warmed up first (kernel compilation, V8 optimisation, allocator), then the
 *   median (and minimum) of several samples is reported; large cases take fewer samples
 *   (the time budget per case is fixed), and a case whose first run shows it would take too
 *   long at a larger batch is skipped, with the estimate.
 * - The CPU backend runs the same ops on CPU tensors (synchronous; float32, and float64 for
 *   the steppers).
 */
import { cpus, platform } from 'node:os';
import { parseArgs } from 'node:util';
import type { Backend, FloatDType, GpuBackend, GpuMode, Stepper, Tensor } from '../src/index.js';
import { loadLibrary } from './library.js';

const lib = await loadLibrary();
const {
  DifficultyConvectionStepper, DifficultyGradientNormStepper, RandomTruncatedFourierSeries, complex, concat, cpu,
  createGpuBackend, dispose, exp, fft2, fromArray, matmul, mul, random, reshape, rfft2, slice, stack, tanh, tidy, to,
} = lib;

const { values } = parseArgs({
  options: {
    mode: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'no-cpu': { type: 'boolean', default: false },
  },
});
const quick = values.quick ?? false;
const withCpu = !(values['no-cpu'] ?? false);
const requested = (values.mode ?? process.env['DIFFTAPE_GPU_MODE'] ?? 'auto') as GpuMode | 'auto';

/** Minimum length of one timed sample. */
const SAMPLE_S = quick ? 0.02 : 0.05;
/** Samples per case (fewer when a case is slow, see BUDGET_S). */
const SAMPLES = quick ? 5 : 11;
const MIN_SAMPLES = quick ? 1 : 3;
/** Wall-clock budget of the timed samples of one case. */
const BUDGET_S = quick ? 2 : 20;
/** Cases whose single run is estimated above this many seconds are skipped. */
const MAX_RUN_S = quick ? 3 : 60;
/** Warm-up runs (at least), and at least this long. */
const WARM_RUNS = 2;
const WARM_S = quick ? 0.1 : 0.5;

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const sig = (v: number): number => Number(v.toPrecision(3));

// ---- the backends ---------------------------------------------------------------------

log(`bench:gpu: starting the GPU backend (mode ${requested})`);
const gpu: GpuBackend = await createGpuBackend({ mode: requested });
log(`bench:gpu: gpu.js mode ${gpu.mode}`);

/** The WebGPU adapter's description, where there is one. */
async function adapterInfo(): Promise<Record<string, unknown> | null> {
  const nav = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator;
  if (nav?.gpu === undefined) return null;
  try {
    const adapter = (await nav.gpu.requestAdapter()) as { info?: Record<string, unknown>; requestAdapterInfo?: () => Promise<Record<string, unknown>> } | null;
    if (adapter === null) return null;
    const info = adapter.info ?? (await adapter.requestAdapterInfo?.());
    if (info === undefined) return null;
    const out: Record<string, unknown> = {};
    for (const k of ['vendor', 'architecture', 'device', 'description', 'driver', 'backend', 'type']) {
      const v = (info as Record<string, unknown>)[k];
      if (v !== undefined && v !== '') out[k] = v;
    }
    return out;
  } catch {
    return null;
  }
}

// ---- timing ---------------------------------------------------------------------------

interface Timing {
  /** Median seconds per run. */
  seconds: number;
  /** Minimum seconds per run. */
  minSeconds: number;
  /** Runs per timed sample. */
  runsPerSample: number;
  samples: number;
}

/**
 * Times `run` (which returns the tensor it made): a warm-up, then samples of `k` runs, each
 * ending with `sync` of the last result. `prev` results are released as the next is made.
 */
async function time(run: () => Tensor, sync: (t: Tensor) => Promise<void>, keepLast = false): Promise<Timing & { last?: Tensor }> {
  // Warm-up; the first run also estimates the cost.
  let t0 = performance.now();
  let last = run();
  await sync(last);
  let first = (performance.now() - t0) / 1000;
  for (let i = 1; i < WARM_RUNS || (performance.now() - t0) / 1000 < WARM_S; i++) {
    const s = performance.now();
    const y = run();
    await sync(y);
    dispose(last);
    last = y;
    first = Math.min(first, (performance.now() - s) / 1000);
    if (first * (i + 1) > BUDGET_S) break;
  }
  const k = Math.max(1, Math.ceil(SAMPLE_S / Math.max(first, 1e-7)));
  const samples = Math.max(MIN_SAMPLES, Math.min(SAMPLES, Math.floor(BUDGET_S / (first * k))));
  const ts: number[] = [];
  for (let s = 0; s < samples; s++) {
    t0 = performance.now();
    for (let i = 0; i < k; i++) {
      const y = run();
      dispose(last);
      last = y;
    }
    await sync(last);
    ts.push((performance.now() - t0) / 1000 / k);
  }
  if (!keepLast) dispose(last);
  ts.sort((a, b) => a - b);
  const timing = { seconds: sig(ts[ts.length >> 1]!), minSeconds: sig(ts[0]!), runsPerSample: k, samples };
  return keepLast ? { ...timing, last } : timing;
}

/** Waits for the device: an asynchronous read of the first element of `t`. */
async function syncGpu(t: Tensor): Promise<void> {
  // A view sharing t's storage (nothing to release): the read copies its one element.
  await slice(reshape(t, [t.size]), [0, 1]).data();
}
const syncNone = async (): Promise<void> => {};
const syncOf = (b: Backend) => (b === cpu ? syncNone : syncGpu);

/** `n` deterministic float32 values in [-1, 1). */
function randoms(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
  return out;
}

const backends: [string, Backend][] = [['gpu', gpu], ...(withCpu ? [['cpu', cpu] as [string, Backend]] : [])];
const results: Record<string, unknown>[] = [];
const push = (row: Record<string, unknown>): void => {
  results.push(row);
  const t = row['seconds'] ?? row['secondsPerStep'];
  log(`${row['case']} ${row['backend']}${row['dtype'] ? ` ${row['dtype']}` : ''}${row['batch'] !== undefined ? ` batch ${row['batch']}` : ''}: ${t !== undefined ? `${(t as number).toExponential(2)} s` : `skipped (${row['skipped']})`}`);
};
const where = (name: string) => (name === 'gpu' ? { backend: 'gpu', mode: gpu.mode } : { backend: 'cpu' });

// ---- sync cost --------------------------------------------------------------------------

/** Median seconds of one `syncGpu` (a 1-element strided copy and its asynchronous read). */
async function syncCost(): Promise<number> {
  const x = to(fromArray(randoms(1024, 1), [1024]), gpu);
  const ts: number[] = [];
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    await syncGpu(x);
    if (i >= 5) ts.push((performance.now() - t0) / 1000);
  }
  dispose(x);
  ts.sort((p, q) => p - q);
  return sig(ts[ts.length >> 1]!);
}
const syncSeconds = await syncCost();
log(`sync (1-element async read): ${syncSeconds.toExponential(2)} s`);

// ---- matmul -------------------------------------------------------------------------------

const isRealGpu = ['webgpu', 'webgl2', 'webgl', 'headlessgl'].includes(gpu.mode);
for (const n of [1024, 2048]) {
  const a0 = fromArray(randoms(n * n, 2), [n, n]);
  const b0 = fromArray(randoms(n * n, 3), [n, n]);
  for (const [name, b] of backends) {
    // gpu.js's CPU modes take seconds per 1024^2 product (and 8x that at 2048).
    const estimate = name === 'cpu' || isRealGpu ? 0 : (n / 1024) ** 3 * 3;
    if (quick && n > 1024 && (name === 'cpu' || !isRealGpu || estimate > MAX_RUN_S)) {
      push({ case: `matmul ${n}x${n} float32`, ...where(name), skipped: '--quick' });
      continue;
    }
    const a = to(a0, b);
    const bb = to(b0, b);
    const t = await time(() => matmul(a, bb), syncOf(b));
    push({ case: `matmul ${n}x${n} float32`, ...where(name), n, ...t, gflops: sig((2 * n ** 3) / t.seconds / 1e9) });
    if (b !== cpu) dispose([a, bb]);
  }
}

// ---- elementwise chain --------------------------------------------------------------------

{
  const n = 1e7;
  const x0 = fromArray(randoms(n, 4), [n]);
  for (const [name, b] of backends) {
    const x = to(x0, b);
    const t = await time(() => tidy(() => tanh(exp(mul(x, 0.5)).add(x))), syncOf(b));
    push({ case: 'elementwise tanh(exp(0.5 x) + x), 1e7 float32', ...where(name), elements: n, kernels: 4, ...t, elementsPerSecond: sig(n / t.seconds) });
    if (b !== cpu) dispose(x);
  }
  dispose(x0);
}

// ---- 2-D FFTs -------------------------------------------------------------------------------

{
  const [B, N] = [64, 256];
  const re = fromArray(randoms(B * N * N, 5), [B, N, N]);
  const im = fromArray(randoms(B * N * N, 6), [B, N, N]);
  const z0 = complex(re, im);
  const flops = B * 5 * N * N * Math.log2(N * N);
  for (const [name, b] of backends) {
    const z = to(z0, b);
    const t = await time(() => fft2(z), syncOf(b));
    push({ case: 'fft2 complex64 (64, 256, 256)', ...where(name), ...t, gflops5NLogN: sig(flops / t.seconds / 1e9) });
    if (b !== cpu) dispose(z);
    const x = to(re, b);
    const tr = await time(() => rfft2(x), syncOf(b));
    push({ case: 'rfft2 float32 (64, 256, 256)', ...where(name), ...tr, gflops5NLogN: sig(flops / 2 / tr.seconds / 1e9) });
    if (b !== cpu) dispose(x);
  }
  dispose([re, im, z0]);
}

// ---- spectral steppers -----------------------------------------------------------------------

/** Exponax (JAX/XLA, float32) on an H100, seconds per step per sample (docs: gpu-node.md). */
const EXPONAX_H100: Record<string, Record<number, number>> = {
  'ks-1d-n160': { 1: 1.1e-4, 64: 1.2e-6, 512: 1.5e-7 },
  'burgers-1d-n160': { 1: 1.1e-4, 64: 2.1e-6, 512: 2.5e-7 },
  'burgers-2d-n160': { 1: 1.5e-4, 64: 8.7e-6, 512: 7.8e-6 },
  'kolmogorov-2d-n160': { 1: 2.3e-4, 64: 6.8e-6, 512: 5.3e-6 },
  'burgers-3d-n32': { 1: 1.8e-4, 64: 2.4e-5, 512: 2.3e-5 },
};
/** The same JAX code on one CPU core of that machine, seconds per step (batch 1). */
const JAX_CPU: Record<string, number> = {
  'ks-1d-n160': 1.8e-5, 'burgers-1d-n160': 2.2e-5, 'burgers-2d-n160': 1.3e-2, 'kolmogorov-2d-n160': 1.3e-3, 'burgers-3d-n32': 1.9e-2,
};

const STEPPERS: { name: string; make: (dtype: FloatDType) => Stepper }[] = [
  {
    name: 'ks-1d-n160',
    make: (dtype) => new DifficultyGradientNormStepper(1, 160, { linearDifficulties: [0, 0, -1.2, 0, -15], gradientNormDifficulty: 6, dtype }),
  },
  {
    name: 'burgers-2d-n160',
    make: (dtype) => new DifficultyConvectionStepper(2, 160, { linearDifficulties: [0, 0, 1.5], convectionDifficulty: 1.5, dtype }),
  },
];
const BATCHES = [1, 64, 512];

/** A smooth random state `(B, C, N, ..., N)` on the CPU (samples repeat after 8). */
function initialState(s: Stepper, batch: number, dtype: FloatDType): Tensor {
  const gen = new RandomTruncatedFourierSeries(s.numSpatialDims, { cutoff: 5, maxOne: true });
  const distinct = Math.min(batch, 8);
  const keys = random.split(random.key(2026), distinct * s.numChannels);
  const samples = Array.from({ length: distinct }, (_, b) =>
    concat(Array.from({ length: s.numChannels }, (_, c) => gen.generate(s.numPoints, keys[b * s.numChannels + c]!)), 0).cast(dtype));
  return tidy(() => stack(Array.from({ length: batch }, (_, b) => samples[b % distinct]!), 0));
}

for (const c of STEPPERS) {
  const variants: [string, Backend, FloatDType][] = [['gpu', gpu, 'float32']];
  if (withCpu) variants.push(['cpu', cpu, 'float32'], ['cpu', cpu, 'float64']);
  for (const [name, b, dtype] of variants) {
    const built = c.make(dtype);
    const s = b === cpu ? built : built.to(b);
    let perSample: number | null = null;
    for (const batch of BATCHES) {
      const row = { case: c.name, ...where(name), dtype, batch };
      const estimate = perSample === null ? 0 : perSample * batch;
      if (estimate > MAX_RUN_S) {
        push({ ...row, skipped: `estimated ${sig(estimate)} s per step from the smaller batch` });
        continue;
      }
      const u0 = to(initialState(s, batch, dtype), b);
      let u = u0;
      const { last, ...t } = await time(() => {
        u = s.step(u);
        return u;
      }, syncOf(b), true);
      // The rollout stays finite (a diverged state would time NaN arithmetic).
      const total = tidy(() => last!.sum());
      const finite = Number.isFinite((await total.data())[0]);
      dispose([u0, last!, total]);
      perSample = Math.max(perSample ?? 0, t.seconds / batch);
      const ref = EXPONAX_H100[c.name]![batch];
      push({
        ...row, secondsPerStep: t.seconds, minSecondsPerStep: t.minSeconds, stepsPerSample: t.runsPerSample, samples: t.samples,
        secondsPerStepPerSample: sig(t.seconds / batch),
        exponaxH100SecondsPerStepPerSample: ref, vsExponaxH100: ref === undefined ? undefined : sig(ref / (t.seconds / batch)),
        ...(batch === 1 ? { jaxCpuOneCoreSecondsPerStep: JAX_CPU[c.name] } : {}),
        ...(finite ? {} : { warning: 'initial state not finite' }),
      });
    }
  }
}

/**
 * The issue's targets, read off the rows above: the GPU spectral step at batch 512 at
 * least 20x faster per sample than the CPU backend (float32 and float64) and within 10x of
 * Exponax/JAX on an H100; matmul above 1 TFLOP/s at 2048^2 without host transfers.
 */
function targets(): Record<string, unknown>[] {
  const find = (pred: (r: Record<string, unknown>) => boolean): Record<string, unknown> | undefined =>
    results.find((r) => pred(r) && r['skipped'] === undefined);
  const out: Record<string, unknown>[] = [];
  for (const c of STEPPERS) {
    const at = (backend: string, dtype: string): number | undefined => find((r) =>
      r['case'] === c.name && r['backend'] === backend && r['dtype'] === dtype && r['batch'] === 512)?.['secondsPerStepPerSample'] as number | undefined;
    const g = at('gpu', 'float32');
    const ref = EXPONAX_H100[c.name]![512];
    for (const dtype of ['float32', 'float64']) {
      const cpuS = at('cpu', dtype);
      out.push({
        target: `${c.name} batch 512: GPU >= 20x faster per sample than the CPU backend (${dtype})`,
        speedup: g !== undefined && cpuS !== undefined ? sig(cpuS / g) : null,
        met: g !== undefined && cpuS !== undefined ? cpuS / g >= 20 : null,
      });
    }
    out.push({
      target: `${c.name} batch 512: within 10x of Exponax/JAX on an H100 (compare only on an H100)`,
      gpuOverExponax: g !== undefined && ref !== undefined ? sig(g / ref) : null,
      met: g !== undefined && ref !== undefined ? g / ref <= 10 : null,
    });
  }
  const mm = find((r) => r['case'] === 'matmul 2048x2048 float32' && r['backend'] === 'gpu');
  out.push({
    target: 'matmul 2048^2 above 1 TFLOP/s, host transfers excluded',
    gflops: mm?.['gflops'] ?? null,
    met: mm === undefined ? null : (mm['gflops'] as number) >= 1000,
  });
  return out;
}

console.log(JSON.stringify({
  benchmark: 'gpu',
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, platform: platform(), arch: process.arch,
    gpuAdapter: await adapterInfo(),
  },
  gpu: { requestedMode: requested, mode: gpu.mode },
  quick,
  timing: 'inputs uploaded before timing; median (min) wall-clock seconds per op or step over samples of k back-to-back runs, '
    + 'each sample ended by one async 1-element read of the last result (syncSeconds: that read alone); steps release intermediates through tidy',
  syncSeconds,
  results,
  targets: targets(),
  reference: {
    source: 'gpu-node.md (project notes): Exponax 0.2.0 on JAX/XLA, float32, jit(vmap(repeat(stepper, 100))), median of 5, NVIDIA H100',
    exponaxH100SecondsPerStepPerSample: EXPONAX_H100,
    jaxCpuOneCoreSecondsPerStep: JAX_CPU,
    gpujsMatmulKernelH100IncludingTransfers: {
      '1024': { seconds: 0.0155, gflops: 139 }, '2048': { seconds: 0.0615, gflops: 279 },
      cpuModes1024Seconds: { webasm: 2.9, cpu: 7.6 },
    },
  },
}, null, 2));
gpu.destroy();
