/**
 * Steppers against Exponax 0.2.0's trajectories and gradients (test/fixtures/exponax).
 * Tolerances from the fixture README: 1e-9 relative max-abs error (1e-7 for chaotic
 * cases after 200 steps).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type FloatDType, type Tensor, add, cos, grad, mul, sum, tensor } from '../../src/index.js';
import { Burgers } from '../../src/physics/steppers/burgers.js';
import { KuramotoSivashinsky } from '../../src/physics/steppers/kuramoto-sivashinsky.js';
import type { Stepper } from '../../src/physics/stepper.js';
import { type GoldenMeta, goldenArray, goldenIc, goldenMeta, relMaxAbs } from '../helpers/exponax.js';

async function trajectory(name: string, make: (m: GoldenMeta) => Stepper, tol: number): Promise<void> {
  const meta = await goldenMeta(name);
  const traj = await goldenArray(name, 'traj.npy');
  const stepper = make(meta);
  let u = goldenIc(meta).cast(stepper.dtype);
  let done = 0;
  meta.snapshots!.forEach((s, i) => {
    for (; done < s; done++) u = stepper.step(u);
    const e = relMaxAbs(u, traj.slice(i));
    assert.ok(e < tol, `${name} at step ${s}: relative max-abs error ${e}`);
  });
}

const nu = (m: GoldenMeta): number => m.kwargs['diffusivity'] as number;

test('Burgers 1-D, ETDRK orders 0 to 4, and 2-D', async () => {
  await trajectory('burgers_1d', (m) => new Burgers(1, m.domain_extent!, m.num_points, m.dt!, { diffusivity: nu(m) }), 1e-9);
  for (const order of [0, 1, 2, 3, 4]) {
    await trajectory(`burgers_1d_etdrk${order}`, (m) => new Burgers(1, m.domain_extent!, m.num_points, m.dt!, { diffusivity: nu(m), order }), 1e-9);
  }
  await trajectory('burgers_2d', (m) => new Burgers(2, m.domain_extent!, m.num_points, m.dt!, { diffusivity: nu(m) }), 1e-9);
});

test('float32 Burgers 1-D and 2-D agree with the float64 reference to about 1e-4', async () => {
  await trajectory('burgers_1d', (m) => new Burgers(1, m.domain_extent!, m.num_points, m.dt!, { diffusivity: nu(m), dtype: 'float32' }), 1e-4);
  await trajectory('burgers_2d', (m) => new Burgers(2, m.domain_extent!, m.num_points, m.dt!, { diffusivity: nu(m), dtype: 'float32' }), 1e-4);
});

test('Kuramoto-Sivashinsky 1-D over 200 chaotic steps', async () => {
  await trajectory('ks_1d', (m) => new KuramotoSivashinsky(1, m.domain_extent!, m.num_points, m.dt!), 1e-7);
});

/** loss = sum(w * u_T), w = cos(2 pi x_0 / L) + 0.5 on every channel. */
async function gradients(name: string, make: (m: GoldenMeta, diffusivity: Tensor) => Stepper, dtype: FloatDType = 'float64', tol = 1e-9): Promise<[number, number]> {
  const meta = await goldenMeta(name);
  const N = meta.num_points;
  const L = meta.domain_extent!;
  const x = tensor(Array.from({ length: N }, (_, i) => (i * L) / N), { dtype });
  const w = add(cos(mul(x, (2 * Math.PI) / L)), 0.5);
  const loss = (u: Tensor, d: Tensor): Tensor => {
    const stepper = make(meta, d);
    let v = u;
    for (let i = 0; i < meta.steps!; i++) v = stepper.step(v);
    return sum(mul(w, v));
  };
  const u0 = goldenIc(meta).cast(dtype);
  const d0 = tensor((meta.kwargs['diffusivity'] as number | undefined) ?? 0.01, { dtype });
  const value = loss(u0, d0).item();
  assert.ok(Math.abs(value - meta.loss!) <= tol * Math.abs(meta.loss!), `${name} ${dtype}: loss ${value} vs ${meta.loss}`);
  const [gu, gd] = grad(loss, { argnums: [0, 1] })(u0, d0);
  assert.is(gu.dtype, dtype);
  const e = relMaxAbs(gu, await goldenArray(name, 'grad_u0.npy'));
  assert.ok(e < tol, `${name} ${dtype}: grad_u0 relative error ${e}`);
  return [gd.item(), meta.d_loss_d_diffusivity ?? NaN];
}

test('gradients of a rollout loss with respect to u0 and to the diffusivity (through exp and the contour means)', async () => {
  const [d, want] = await gradients('grad_burgers_1d', (m, nu0) => new Burgers(1, m.domain_extent!, m.num_points, m.dt!, { diffusivity: nu0 }));
  assert.ok(Math.abs(d - want) <= 1e-9 * Math.abs(want), `d loss / d diffusivity ${d} vs ${want}`);
  await gradients('grad_ks_1d', (m) => new KuramotoSivashinsky(1, m.domain_extent!, m.num_points, m.dt!));
});

test('the same gradients in float32, to about 1e-4', async () => {
  const make = (m: GoldenMeta, nu0: Tensor) => new Burgers(1, m.domain_extent!, m.num_points, m.dt!, { diffusivity: nu0, dtype: 'float32' });
  const [d, want] = await gradients('grad_burgers_1d', make, 'float32', 1e-4);
  assert.ok(Math.abs(d - want) <= 1e-4 * Math.abs(want), `float32 d loss / d diffusivity ${d} vs ${want}`);
  await gradients('grad_ks_1d', (m) => new KuramotoSivashinsky(1, m.domain_extent!, m.num_points, m.dt!, { dtype: 'float32' }), 'float32', 1e-4);
});

test.run();
