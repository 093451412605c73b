/**
 * Spectral steppers on the GPU backend (`Stepper.to`): APEBench's difficulty
 * Kuramoto-Sivashinsky 1-D and Burgers 2-D steppers in float32, one step and a 10-step
 * rollout of a batch of 2 on the GPU backend against the same float32 stepper on the CPU
 * backend. Runs on the gpu.js modes verified in each environment: `cpu` and `webasm` in
 * Node, `webgl2` and `webasm` in headless Chromium.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type Backend, DTypeError, DifficultyConvectionStepper, DifficultyGradientNormStepper, type GpuMode,
  RandomTruncatedFourierSeries, type Stepper, type Tensor, ArgumentError, concat, cpu, createGpuBackend, dispose, random,
  grad, mul, stack, sum, tensor, to,
} from '../../src/index.js';
import { isBrowser } from '../helpers/env.js';

const MODES: readonly GpuMode[] = isBrowser ? ['webgl2', 'webasm'] : ['cpu', 'webasm'];
const TOL = 1e-4;
const STEPS = 10;

interface Case {
  name: string;
  make: () => Stepper;
}

const CASES: Case[] = [
  // APEBench's diff_ks and diff_burgers (2-D: 2 channels), on small grids.
  {
    name: 'KS 1D N=64',
    make: () => new DifficultyGradientNormStepper(1, 64, { linearDifficulties: [0, 0, -1.2, 0, -15], gradientNormDifficulty: 6, dtype: 'float32' }),
  },
  {
    name: 'Burgers 2D N=24, 2 channels',
    make: () => new DifficultyConvectionStepper(2, 24, { linearDifficulties: [0, 0, 1.5], convectionDifficulty: 1.5, dtype: 'float32' }),
  },
];

/** A smooth random float32 batch `(2, C, N, ..., N)` on the CPU. */
function initialState(s: Stepper): Tensor {
  const gen = new RandomTruncatedFourierSeries(s.numSpatialDims, { cutoff: 5, maxOne: true });
  const keys = random.split(random.key(11), 2 * s.numChannels);
  const samples = [0, 1].map((b) => concat(Array.from({ length: s.numChannels }, (_, c) => gen.generate(s.numPoints, keys[b * s.numChannels + c]!)), 0));
  return stack(samples, 0).cast('float32');
}

/** `max |a - b| / max |b|`. */
function relMaxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  return num / den;
}

/** `n` steps from `u`, releasing each superseded state (not `u` itself). */
function rollout(s: Stepper, u: Tensor, n: number): Tensor {
  let v = u;
  for (let t = 0; t < n; t++) {
    const next = s.step(v);
    if (v !== u) dispose(v);
    v = next;
  }
  return v;
}

for (const mode of MODES) {
  test(`steppers on the gpu.js '${mode}' backend match the CPU backend (float32)`, async () => {
    const gpu = await createGpuBackend({ mode });
    try {
      assert.is(gpu.mode, mode);
      for (const c of CASES) {
        const onCpu = c.make();
        const onGpu = onCpu.to(gpu);
        assert.ok(onGpu !== onCpu && onGpu instanceof onCpu.constructor, `${c.name}: a new stepper of the same class`);
        assert.is(onGpu.backend, gpu as Backend);
        assert.is(onCpu.backend, cpu);
        assert.is(onGpu.to(gpu), onGpu);
        assert.is(onGpu.dtype, 'float32');

        const u0 = initialState(onCpu);
        const g0 = to(u0, gpu);
        // Nothing is read back to the host while stepping (no CPU fallback inside a step).
        let reads = 0;
        const read = gpu.read.bind(gpu);
        gpu.read = (x) => {
          reads++;
          return read(x);
        };
        const live = gpu.liveAllocations;
        const g1 = onGpu.step(g0);
        const gN = rollout(onGpu, g1, STEPS - 1);
        gpu.read = read;
        assert.is(reads, 0, `${c.name}: no host reads during the steps`);
        // Intermediates are freed: only the two kept states remain.
        assert.is(gpu.liveAllocations, live + 2, `${c.name}: live allocations after ${STEPS} steps`);
        assert.is(g1.storage.backend, gpu as Backend);
        assert.equal(g1.shape, u0.shape);
        assert.is(g1.dtype, 'float32');

        const c1 = onCpu.step(u0);
        const cN = rollout(onCpu, c1, STEPS - 1);
        const e1 = relMaxAbs(await g1.data(), c1.toTypedArray());
        const eN = relMaxAbs(await gN.data(), cN.toTypedArray());
        assert.ok(e1 < TOL, `${c.name}, ${mode}: one step differs by ${e1}`);
        assert.ok(eN < TOL, `${c.name}, ${mode}: ${STEPS} steps differ by ${eN}`);
        dispose([g0, g1, gN]);
      }
    } finally {
      gpu.destroy();
    }
  });
}

test('Stepper.to refuses float64 on the GPU and checks where states live', async () => {
  const gpu = await createGpuBackend({ mode: MODES[MODES.length - 1]! });
  try {
    const f64 = new DifficultyGradientNormStepper(1, 32);
    assert.throws(() => f64.to(gpu), (e: unknown) => e instanceof DTypeError && /float32/.test(e.message));
    // A float64 tensor coefficient kept by a float32 stepper is not rounded silently either.
    const withTensor = new DifficultyConvectionStepper(1, 32, { convectionDifficulty: tensor(1.5), dtype: 'float32' });
    assert.throws(() => withTensor.to(gpu), (e: unknown) => e instanceof DTypeError && /float64/.test(e.message));
    assert.throws(() => f64.to({} as Backend), (e: unknown) => e instanceof ArgumentError);
    assert.is(f64.to(cpu), f64);

    const s = CASES[0]!.make();
    const onGpu = s.to(gpu);
    const u = initialState(s);
    assert.throws(() => onGpu.step(u), (e: unknown) => e instanceof ArgumentError && /backend 'gpu'/.test(e.message));
    assert.throws(() => s.step(to(u, gpu)), (e: unknown) => e instanceof ArgumentError && /backend 'cpu'/.test(e.message));
    // Moving back to the CPU (synchronous reads: not on webgpu) steps like the original.
    if (gpu.mode !== 'webgpu') {
      const back = onGpu.to(cpu);
      assert.is(back.backend, cpu);
      const e = relMaxAbs(back.step(u).toTypedArray(), s.step(u).toTypedArray());
      assert.ok(e < 1e-6, `back on the CPU: ${e}`);
    }
  } finally {
    gpu.destroy();
  }
});

test('gradients flow through Stepper.to to a coefficient on the CPU', async () => {
  const gpu = await createGpuBackend({ mode: MODES[MODES.length - 1]! });
  try {
    const u0 = initialState(CASES[0]!.make());
    const loss = (onGpu: boolean) => (delta: Tensor): Tensor => {
      const built = new DifficultyGradientNormStepper(1, 64, { linearDifficulties: [0, 0, -1.2, 0, -15], gradientNormDifficulty: delta, dtype: 'float32' });
      const s = onGpu ? built.to(gpu) : built;
      let u = onGpu ? to(u0, gpu) : u0;
      for (let t = 0; t < 3; t++) u = s.step(u);
      return to(sum(mul(u, u)), cpu);
    };
    const delta = tensor(6, { dtype: 'float32' });
    const gCpu = grad(loss(false))(delta).item();
    const gGpu = grad(loss(true))(delta).item();
    assert.ok(Math.abs(gGpu - gCpu) <= 1e-4 * Math.abs(gCpu), `d loss / d delta: gpu ${gGpu}, cpu ${gCpu}`);
  } finally {
    gpu.destroy();
  }
});

test.run();
