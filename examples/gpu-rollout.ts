/**
 * A Kuramoto-Sivashinsky rollout on the GPU backend, checked against the same float32
 * stepper on the CPU.
 *
 *   npx tsx examples/gpu-rollout.ts [mode]
 *
 * `mode` is a gpu.js mode (default 'auto': webgpu where an adapter answers, else webasm
 * in Node). Every step runs on the device; the only read-back is at the end.
 */
import {
  DifficultyGradientNormStepper, RandomTruncatedFourierSeries, type GpuMode, type Tensor, cpu, createGpuBackend, dispose,
  max, abs, random, stack, sub, to, toAsync,
} from '../src/index.js';

const mode = (process.argv[2] ?? 'auto') as GpuMode | 'auto';
const gpu = await createGpuBackend({ mode });
console.log(`gpu.js mode: ${gpu.mode}`);

// APEBench's KS difficulty stepper, built (and its ETDRK constants computed) on the CPU.
const ks = new DifficultyGradientNormStepper(1, 160, {
  linearDifficulties: [0, 0, -1.2, 0, -15], gradientNormDifficulty: 6, dtype: 'float32',
});
const ksGpu = ks.to(gpu);

// Four smooth random initial states, (4, 1, 160).
const ic = new RandomTruncatedFourierSeries(1, { cutoff: 5, maxOne: true });
const u0 = stack(random.split(random.key(7), 4).map((k) => ic.generate(160, k)), 0).cast('float32');

const rollout = (stepper: typeof ks, u: Tensor, steps: number): Tensor => {
  for (let t = 0; t < steps; t++) {
    const next = stepper.step(u);
    if (t > 0) dispose(u);
    u = next;
  }
  return u;
};

const steps = 200;
let t0 = performance.now();
const onGpu = rollout(ksGpu, to(u0, gpu), steps);
const values = await onGpu.data(); // the one read-back (asynchronous: works on WebGPU too)
const gpuMs = performance.now() - t0;
t0 = performance.now();
const onCpu = rollout(ks, u0, steps);
const cpuMs = performance.now() - t0;

const back = await toAsync(onGpu, cpu);
const err = max(abs(sub(back, onCpu))).item() / max(abs(onCpu)).item();
console.log(`${steps} steps of 4 samples: gpu backend ${gpuMs.toFixed(0)} ms, cpu backend ${cpuMs.toFixed(0)} ms`);
console.log(`read back ${values.length} values; max relative difference from the CPU: ${err.toExponential(2)}`);
gpu.destroy();
