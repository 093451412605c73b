/**
 * Stepper utilities (src/physics/utils.ts): RepeatedStepper against repeated steps of
 * Burgers, rollout and repeat, ForcedStepper against the explicit computation, and the
 * Poisson solver on single modes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, ForcedStepper, Poisson, RepeatedStepper, ShapeError, Stepper, type Tensor, add, cos, grad, makeGrid, mul, repeat,
  rollout, sin, spectralFft, spectralIfft, stack, sum, tensor,
} from '../../src/index.js';
import { Burgers } from '../../src/physics/steppers/burgers.js';
import { assertClose, assertShape, assertThrowsTyped, randomTensor } from '../helpers/assert-close.js';
import { checkGrad } from '../helpers/checks.js';
import { relMaxAbs } from '../helpers/exponax.js';

/** A smooth 1-D Burgers state `(1, N)` on (0, L). */
function burgersState(N: number, L: number): Tensor {
  const x = makeGrid(1, L, N);
  return add(sin(mul(x, (2 * Math.PI) / L)), mul(cos(mul(x, (4 * Math.PI) / L)), 0.3));
}

test('RepeatedStepper(s, k) is k steps of s, in Fourier space between them', () => {
  const L = 2 * Math.PI;
  const s = new Burgers(1, L, 32, 0.02, { diffusivity: 0.05 });
  const r = new RepeatedStepper(s, 5);
  let u = burgersState(32, L);
  let v = u;
  for (let macro = 0; macro < 3; macro++) {
    for (let i = 0; i < 5; i++) u = s.step(u);
    v = r.step(v);
    const e = relMaxAbs(v, u);
    assert.ok(e < 1e-13, `after ${5 * (macro + 1)} sub-steps: relative error ${e}`);
  }
  // The same attributes, dt multiplied; a Stepper, usable wherever one is.
  assert.ok(r instanceof Stepper);
  assert.is(r.dt, 0.1);
  assert.is(r.numSubSteps, 5);
  assert.is(r.stepper, s);
  for (const key of ['numSpatialDims', 'domainExtent', 'numPoints', 'numChannels', 'dx', 'dtype', 'linearOperator', 'nonlinearFun'] as const) {
    assert.is(r[key], s[key], key);
  }
  assert.equal(r.stateShape, s.stateShape);
  // Fourier steps, batches and nesting.
  const u0 = burgersState(32, L);
  const fourier = spectralIfft(r.stepFourier(spectralFft(u0, 1)), 1, 32);
  assertClose(fourier, r.step(u0), { rtol: 0, atol: 0 });
  const batch = stack([u0, mul(u0, 0.5)]);
  assertClose(r.step(batch).slice(1), r.step(mul(u0, 0.5)), { rtol: 0, atol: 1e-15 });
  const nested = new RepeatedStepper(new RepeatedStepper(s, 2), 3);
  assert.is(nested.dt, 0.12);
  assert.ok(relMaxAbs(nested.step(u0), repeat(s, 6)(u0)) < 1e-13);
  // Errors: the base class's checks, named after the wrapper.
  assertThrowsTyped(() => r.step(tensor([[1, 2, 3]])), ShapeError, { fn: 'RepeatedStepper.step', arg: 'u' });
  assertThrowsTyped(() => new RepeatedStepper(s, 0), ArgumentError, { fn: 'RepeatedStepper', arg: 'numSubSteps' });
  assertThrowsTyped(() => new RepeatedStepper({} as Stepper, 2), ArgumentError, { fn: 'RepeatedStepper', arg: 'stepper' });
});

test('RepeatedStepper gradients equal those of the repeated steps', () => {
  const L = 2 * Math.PI;
  const s = new Burgers(1, L, 16, 0.05, { diffusivity: 0.1 });
  const r = new RepeatedStepper(s, 3);
  const w = burgersState(16, L);
  const u0 = mul(burgersState(16, L), 0.7);
  const viaWrapper = grad((u: Tensor) => sum(mul(w, r.step(u))))(u0);
  const viaSteps = grad((u: Tensor) => sum(mul(w, repeat(s, 3)(u))))(u0);
  assert.ok(relMaxAbs(viaWrapper, viaSteps) < 1e-13);
});

test('rollout: (n, ...) or (n + 1, ...) with the initial state; repeat: the last state', () => {
  const step = (u: Tensor): Tensor => add(mul(u, 2), 1);
  const u0 = tensor([[0, 1]]);
  const traj = rollout(step, 3)(u0);
  assertShape(traj, [3, 1, 2]);
  assertClose(traj, [[[1, 3]], [[3, 7]], [[7, 15]]]);
  const withInit = rollout(step, 3, { includeInit: true })(u0);
  assertShape(withInit, [4, 1, 2]);
  assertClose(withInit.slice(0), u0);
  assertClose(withInit.slice([1, 4]), traj);
  assertClose(repeat(step, 3)(u0), [[7, 15]]);
  assertShape(rollout(step, 0)(u0), [0, 1, 2]);
  assertShape(rollout(step, 0, { includeInit: true })(u0), [1, 1, 2]);
  assert.is(repeat(step, 0)(u0), u0);
  // A stepper object works as well as a function, and the trajectory is differentiable.
  const s = new Burgers(1, 2 * Math.PI, 16, 0.05);
  const u = burgersState(16, 2 * Math.PI);
  const t = rollout(s, 4, { includeInit: true })(u);
  assertShape(t, [5, 1, 16]);
  assertClose(t.slice(4), repeat(s, 4)(u), { rtol: 0, atol: 0 });
  checkGrad((a) => rollout((v: Tensor) => mul(v, v), 2)(a), [randomTensor([1, 3], { seed: 1 })], 'rollout');
  assertThrowsTyped(() => rollout(step, -1), ArgumentError, { fn: 'rollout', arg: 'n' });
  assertThrowsTyped(() => repeat(step, 1.5), ArgumentError, { fn: 'repeat', arg: 'n' });
  assertThrowsTyped(() => rollout(3 as unknown as (u: Tensor) => Tensor, 2), ArgumentError, { fn: 'rollout', arg: 'stepperFn' });
});

test('rollout and repeat with an auxiliary input: constant or one per step', () => {
  const step = (u: Tensor, a: Tensor): Tensor => add(u, a);
  const u0 = tensor([[1, 1]]);
  const a = tensor([[1, 2]]);
  assertClose(rollout(step, 2, { takesAux: true })(u0, a), [[[2, 3]], [[3, 5]]]);
  assertClose(repeat(step, 2, { takesAux: true })(u0, a), [[3, 5]]);
  const perStep = tensor([[[1, 0]], [[0, 10]]]);
  assertClose(rollout(step, 2, { takesAux: true, constantAux: false, includeInit: true })(u0, perStep), [[[1, 1]], [[2, 1]], [[2, 11]]]);
  assertClose(repeat(step, 2, { takesAux: true, constantAux: false })(u0, perStep), [[2, 11]]);
  assertThrowsTyped(() => rollout(step, 3, { takesAux: true, constantAux: false })(u0, perStep), ShapeError, { fn: 'rollout', arg: 'aux' });
});

test('ForcedStepper: step(u, f) = stepper.step(u + dt f), also in Fourier space and in rollouts', () => {
  const L = 2 * Math.PI;
  const s = new Burgers(1, L, 16, 0.05, { diffusivity: 0.1 });
  const forced = new ForcedStepper(s);
  assert.is(forced.dt, 0.05);
  const u = burgersState(16, L);
  const f = mul(cos(mul(makeGrid(1, L, 16), 3)), 2);
  const explicit = s.step(add(u, mul(f, 0.05)));
  assertClose(forced.step(u, f), explicit, { rtol: 0, atol: 0 });
  const uHat = spectralFft(u, 1);
  const fHat = spectralFft(f, 1);
  assertClose(spectralIfft(forced.stepFourier(uHat, fHat), 1, 16), explicit, { rtol: 0, atol: 1e-15 });
  // Forced rollouts with a constant forcing.
  const traj = rollout(forced, 2, { takesAux: true })(u, f);
  assertClose(traj.slice(1), s.step(add(explicit, mul(f, 0.05))), { rtol: 0, atol: 0 });
  assertThrowsTyped(() => forced.step(u, tensor([[1, 2]])), ShapeError, { fn: 'ForcedStepper.step', arg: 'f' });
  assertThrowsTyped(() => new ForcedStepper({} as Stepper), ArgumentError, { fn: 'ForcedStepper', arg: 'stepper' });
});

/** `sin(2 pi (k . x) / L)` on the grid, one channel. */
function sineMode(D: number, L: number, N: number, k: number[]): Tensor {
  const g = makeGrid(D, L, N);
  let phase: Tensor = mul(g.slice(0), (2 * Math.PI * k[0]!) / L);
  for (let d = 1; d < D; d++) phase = add(phase, mul(g.slice(d), (2 * Math.PI * k[d]!) / L));
  return sin(phase).expandDims(0);
}

test('Poisson: -Laplace u = f and order 4 on single modes in 1-D, 2-D and 3-D', () => {
  const L = 3;
  const w = (2 * Math.PI) / L;
  for (const [D, N] of [[1, 16], [2, 8], [3, 6]] as const) {
    const f = sineMode(D, L, N, new Array<number>(D).fill(0).map((_, d) => (d === 0 ? 1 : 0)));
    const p = new Poisson(D, L, N);
    assert.is(p.dx, L / N);
    assertClose(p.step(f), mul(f, 1 / (w * w)), { rtol: 0, atol: 1e-12, message: `${D}-D order 2` });
    // Order 4: sum_d k_d^4 u_hat = -f_hat.
    assertClose(new Poisson(D, L, N, { order: 4 }).step(f), mul(f, -1 / w ** 4), { rtol: 0, atol: 1e-12, message: `${D}-D order 4` });
    // The mean is dropped (zero at k = 0), and a mixed mode divides by |k|^2.
    assertClose(p.step(add(f, 2)), mul(f, 1 / (w * w)), { rtol: 0, atol: 1e-12 });
    if (D > 1) {
      const k = [1, 2, 1].slice(0, D);
      const g = sineMode(D, L, N, k);
      const k2 = k.reduce((a, b) => a + b * b, 0) * w * w;
      const k4 = k.reduce((a, b) => a + b ** 4, 0) * w ** 4;
      assertClose(p.step(g), mul(g, 1 / k2), { rtol: 0, atol: 1e-12, message: `${D}-D mixed mode` });
      assertClose(new Poisson(D, L, N, { order: 4 }).step(g), mul(g, -1 / k4), { rtol: 0, atol: 1e-12, message: `${D}-D mixed order 4` });
    }
  }
  // Batches and several channels; float32.
  const f = sineMode(1, L, 16, [1]);
  const p = new Poisson(1, L, 16);
  assertShape(p.step(stack([f, f])), [2, 1, 16]);
  assert.is(new Poisson(1, L, 16, { dtype: 'float32' }).step(f.cast('float32')).dtype, 'float32');
  checkGrad((a) => p.step(a), [randomTensor([2, 16], { seed: 3 })], 'Poisson');
  assertThrowsTyped(() => new Poisson(1, L, 16, { order: 3 }), ArgumentError, { fn: 'Poisson', arg: 'order' });
  assertThrowsTyped(() => new Poisson(1, -1, 16), ArgumentError, { fn: 'Poisson', arg: 'domainExtent' });
  assertThrowsTyped(() => p.step(tensor([[1, 2, 3]])), ShapeError, { fn: 'Poisson.step', arg: 'f' });
});

test.run();
