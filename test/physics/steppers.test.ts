/**
 * The concrete steppers against Exponax 0.2.0's golden trajectories, closed-form
 * solutions and the invariants of their PDEs. Batching, float32, convergence orders,
 * gradients and argument checks are in steppers-checks.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Advection, AdvectionDiffusion, AllenCahn, CahnHilliard, Diffusion, Dispersion, FisherKPP, GrayScott, HyperDiffusion,
  KolmogorovFlowVelocity, KolmogorovFlowVorticity, KortewegDeVries, Leray, NavierStokesVelocity, NavierStokesVorticity,
  type Stepper, SwiftHohenberg, type Tensor, Wave, buildDerivativeOperator, mul, neg, ones, spectralFft,
  spectralIfft, square, stack, sum, zeros,
} from '../../src/index.js';
import { type GoldenMeta, goldenArray, goldenIc, goldenMeta, relMaxAbs } from '../helpers/exponax.js';
import { TAU, field, fields, gradient, maxAbs, meanOf, mode, relErr, rollout, smooth } from './stepper-fields.js';

async function golden(name: string, make: (m: GoldenMeta) => Stepper): Promise<void> {
  const meta = await goldenMeta(name);
  const traj = await goldenArray(name, 'traj.npy');
  const stepper = make(meta);
  let u = goldenIc(meta);
  let done = 0;
  meta.snapshots!.forEach((s, i) => {
    for (; done < s; done++) u = stepper.step(u);
    const e = relMaxAbs(u, traj.slice(i));
    assert.ok(e < 1e-9, `${name} at step ${s}: relative max-abs error ${e}`);
  });
}

const kw = (m: GoldenMeta, key: string): number => m.kwargs[key] as number;

test('golden: Exponax 0.2.0 advection and diffusion (1-D, 3-D) trajectories', async () => {
  await golden('advection_1d', (m) => new Advection(1, m.domain_extent!, m.num_points, m.dt!, { velocity: kw(m, 'velocity') }));
  await golden('diffusion_1d', (m) => new Diffusion(1, m.domain_extent!, m.num_points, m.dt!, { diffusivity: kw(m, 'diffusivity') }));
  await golden('diffusion_3d', (m) => new Diffusion(3, m.domain_extent!, m.num_points, m.dt!, { diffusivity: kw(m, 'diffusivity') }));
});

test('golden: Exponax 0.2.0 2-D Navier-Stokes vorticity trajectory', async () => {
  await golden('ns_vorticity_2d', (m) => new NavierStokesVorticity(2, m.domain_extent!, m.num_points, m.dt!, { diffusivity: kw(m, 'diffusivity') }));
});

// ---------------------------------------------------------------------------------------
// Linear steppers against closed forms

test('advection is an exact shift by c t in 1-D, in 2-D with a velocity vector (batched) and in 3-D', () => {
  const L = 2;
  const f1 = (x: number[]): number => mode([1], L)(x) + 0.5 * mode([3], L, 0.2)(x);
  const s1 = new Advection(1, L, 32, 0.013, { velocity: 0.7 });
  const t1 = 37 * 0.013;
  assert.ok(relErr(rollout(s1, field(1, 32, L, f1), 37), field(1, 32, L, (x) => f1([x[0]! - 0.7 * t1]))) < 1e-12, '1-D shift');

  const c = [0.3, -0.7];
  const g = [(x: number[]) => mode([1, 2], L)(x) + mode([3, -1], L, 0.5)(x), (x: number[]) => mode([2, 0], L, 1)(x)];
  const s2 = new Advection(2, L, 16, 0.05, { velocity: c });
  const batch = stack(g.map((f) => field(2, 16, L, f)));
  const shifted = stack(g.map((f) => field(2, 16, L, (x) => f([x[0]! - c[0]! * 0.5, x[1]! - c[1]! * 0.5]))));
  assert.ok(relErr(rollout(s2, batch, 10), shifted) < 1e-12, '2-D shift of a batch');

  const c3 = [0.2, 0.5, -0.1];
  const f3 = (x: number[]): number => mode([1, 1, -2], L)(x) + 0.3 * mode([0, 2, 1], L, 0.4)(x);
  const s3 = new Advection(3, L, 8, 0.1, { velocity: c3 });
  const want = field(3, 8, L, (x) => f3(x.map((v, d) => v - c3[d]! * 0.3)));
  assert.ok(relErr(rollout(s3, field(3, 8, L, f3), 3), want) < 1e-12, '3-D shift');
});

test('diffusion decays a Fourier mode as exp(-k^T A k t): scalar, per-axis and full-matrix diffusivity', () => {
  const L = 1;
  const kappa2 = (k: number[], A: number[][]): number =>
    (TAU / L) ** 2 * k.reduce((s, ki, i) => s + k.reduce((t, kj, j) => t + ki * A[i]![j]! * kj, 0), 0);
  const check = (D: number, diffusivity: number | number[] | number[][], A: number[][], k: number[]): void => {
    const s = new Diffusion(D, L, 8, 0.02, { diffusivity });
    const t = 5 * 0.02;
    const want = field(D, 8, L, (x) => Math.exp(-kappa2(k, A) * t) * mode(k, L, 0.3)(x));
    const e = relErr(rollout(s, field(D, 8, L, mode(k, L, 0.3)), 5), want);
    assert.ok(e < 1e-12, `D = ${D}, diffusivity ${JSON.stringify(diffusivity)}: ${e}`);
  };
  check(2, 0.01, [[0.01, 0], [0, 0.01]], [2, 1]);
  check(3, [0.01, 0.02, 0.005], [[0.01, 0, 0], [0, 0.02, 0], [0, 0, 0.005]], [1, 1, -1]);
  const A = [[0.02, 0.006], [0.006, 0.01]];
  check(2, A, A, [1, 2]);
  check(2, A, A, [1, -2]);
  // Advection-diffusion: the shifted mode decays at the same rate.
  const s = new AdvectionDiffusion(2, L, 8, 0.02, { velocity: [0.4, 0.1], diffusivity: A });
  const t = 6 * 0.02;
  const want = field(2, 8, L, (x) => Math.exp(-kappa2([1, 2], A) * t) * mode([1, 2], L)([x[0]! - 0.4 * t, x[1]! - 0.1 * t]));
  assert.ok(relErr(rollout(s, field(2, 8, L, mode([1, 2], L)), 6), want) < 1e-12, 'advection-diffusion');
});

test('dispersion moves a mode by its exact symbol: sum_d xi_d (i k_d)^3, or (xi . i k)(-|k|^2) with advectOnDiffusion', () => {
  const L = TAU;
  const k = [2, 1];
  const xi = [0.05, -0.02];
  const t = 4 * 0.1;
  // u_t = sum_d xi_d d_d^3 u: sin(k . x) -> sin(k . x - (sum_d xi_d k_d^3) t).
  const s = new Dispersion(2, L, 16, 0.1, { dispersivity: xi });
  const phase = (xi[0]! * k[0]! ** 3 + xi[1]! * k[1]! ** 3) * t;
  assert.ok(relErr(rollout(s, field(2, 16, L, mode(k, L)), 4), field(2, 16, L, mode(k, L, -phase))) < 1e-12, 'sum of third derivatives');
  // u_t = xi . grad(Laplace u): sin(k . x) -> sin(k . x - (xi . k) |k|^2 t).
  const m = new Dispersion(2, L, 16, 0.1, { dispersivity: xi, advectOnDiffusion: true });
  const mixed = (xi[0]! * k[0]! + xi[1]! * k[1]!) * (k[0]! ** 2 + k[1]! ** 2) * t;
  assert.ok(relErr(rollout(m, field(2, 16, L, mode(k, L)), 4), field(2, 16, L, mode(k, L, -mixed))) < 1e-12, 'advect on diffusion');
  // 1-D, scalar: travels right at speed xi k^2 for xi > 0.
  const one = new Dispersion(1, L, 16, 0.1, { dispersivity: 0.01 });
  assert.ok(relErr(rollout(one, field(1, 16, L, mode([3], L)), 4), field(1, 16, L, mode([3], L, -0.01 * 27 * t))) < 1e-12, '1-D');
});

test('hyper-diffusion damps a mode by exp(-mu sum_d k_d^4 t), or exp(-mu |k|^4 t) with diffuseOnDiffuse', () => {
  const L = TAU;
  const k = [2, 1];
  const mu = 1e-3;
  const t = 5 * 0.1;
  const s = new HyperDiffusion(2, L, 16, 0.1, { hyperDiffusivity: mu });
  const want = field(2, 16, L, (x) => Math.exp(-mu * (16 + 1) * t) * mode(k, L)(x));
  assert.ok(relErr(rollout(s, field(2, 16, L, mode(k, L)), 5), want) < 1e-12, 'sum of fourth derivatives');
  const m = new HyperDiffusion(2, L, 16, 0.1, { hyperDiffusivity: mu, diffuseOnDiffuse: true });
  const mixed = field(2, 16, L, (x) => Math.exp(-mu * 25 * t) * mode(k, L)(x));
  assert.ok(relErr(rollout(m, field(2, 16, L, mode(k, L)), 5), mixed) < 1e-12, 'Laplace of Laplace');
});

test('wave: a standing wave follows its closed form; the energy is conserved and the mean height drifts by t mean(v)', () => {
  const L = 1;
  const c = 0.8;
  const dt = 0.01;
  const kappa = (TAU * 3) / L;
  const s = new Wave(1, L, 32, dt, { speedOfSound: c });
  const u0 = fields(1, 32, L, [(x) => Math.cos(kappa * x[0]!), () => 0]);
  const t = 50 * dt;
  const want = fields(1, 32, L, [
    (x) => Math.cos(kappa * x[0]!) * Math.cos(c * kappa * t),
    (x) => -c * kappa * Math.cos(kappa * x[0]!) * Math.sin(c * kappa * t),
  ]);
  assert.ok(relErr(rollout(s, u0, 50), want) < 1e-12, 'standing wave');

  const s2 = new Wave(2, L, 16, 0.03, { speedOfSound: c });
  const energy = (u: Tensor): number => {
    const h = u.slice([0, 1]);
    const v = u.slice([1, 2]);
    return 0.5 * (meanOf(square(v)) + c * c * meanOf(sum(square(gradient(h, 2, L)), 0)));
  };
  let u = fields(2, 16, L, [smooth(2, L, 1, 0.2), smooth(2, L, 2, 0.3)]);
  const e0 = energy(u);
  const h0 = meanOf(u.slice(0));
  for (let i = 0; i < 20; i++) u = s2.step(u);
  assert.ok(Math.abs(energy(u) - e0) < 1e-12 * e0, `energy ${energy(u)} vs ${e0}`);
  assert.ok(Math.abs(meanOf(u.slice(0)) - (h0 + 20 * 0.03 * 0.3)) < 1e-12, 'mean height drift');
});

// ---------------------------------------------------------------------------------------
// Korteweg-de Vries

test('KdV: a soliton -c/2 sech^2(sqrt(c)/2 (x - c t - a)) keeps its shape and travels at speed c', () => {
  const L = 20;
  const N = 256;
  const dt = 1e-3;
  const c = 4;
  const a = 6;
  const soliton = (t: number) => (x: number[]): number => {
    // Nearest periodic image of the centre.
    let z = x[0]! - c * t - a;
    z -= L * Math.round(z / L);
    return -c / 2 / Math.cosh((Math.sqrt(c) / 2) * z) ** 2;
  };
  const s = new KortewegDeVries(1, L, N, dt, { convectionScale: -6, diffusivity: 0, hyperDiffusivity: 0 });
  const steps = 400;
  const u = rollout(s, field(1, N, L, soliton(0)), steps);
  const t = steps * dt;
  // Exponax keeps only the real part of the contour coefficients also for the imaginary
  // dispersion symbol, which makes the scheme first order here: about 1 % after t = 0.4.
  assert.ok(relErr(u, field(1, N, L, soliton(t))) < 2e-2, `shape: ${relErr(u, field(1, N, L, soliton(t)))}`);
  // Position of the trough (parabolic fit around the minimum).
  const v = u.toTypedArray();
  let i = 0;
  for (let j = 1; j < N; j++) if (v[j]! < v[i]!) i = j;
  const [l, m, r] = [v[(i + N - 1) % N]!, v[i]!, v[(i + 1) % N]!];
  const x = ((i + (0.5 * (l - r)) / (l - 2 * m + r)) * L) / N;
  assert.ok(Math.abs(x - (a + c * t)) < 1e-2, `trough at ${x}, expected ${a + c * t}`);
  assert.ok(Math.abs(m + c / 2) < 4e-2, `depth ${m}`);
});

// ---------------------------------------------------------------------------------------
// Navier-Stokes

test('NS vorticity: a Taylor-Green vortex decays as exp(-2 nu k^2 t); the mean vorticity is conserved; drag is not scaled by D', () => {
  const L = 1;
  const nu = 0.01;
  const kappa = (TAU * 2) / L;
  const tg = (x: number[]): number => Math.cos(kappa * x[0]!) * Math.cos(kappa * x[1]!);
  const s = new NavierStokesVorticity(2, L, 16, 0.01, { diffusivity: nu });
  const want = field(2, 16, L, (x) => Math.exp(-2 * nu * kappa * kappa * 0.2) * tg(x));
  assert.ok(relErr(rollout(s, field(2, 16, L, tg), 20), want) < 1e-10, 'Taylor-Green decay');

  const w0 = field(2, 16, L, smooth(2, L, 3, 0.7));
  const w = rollout(new NavierStokesVorticity(2, L, 16, 0.01, { diffusivity: 1e-3 }), w0, 20);
  assert.ok(Math.abs(meanOf(w) - 0.7) < 1e-13, `mean ${meanOf(w)}`);
  assert.ok(relErr(w, w0) > 1e-3, 'the vorticity evolves');
  // Exponax 0.2.0: the drag lambda multiplies an order-0 Laplacian of ones, so the mean
  // decays as exp(lambda t) (0.1.0 had exp(2 lambda t) in 2-D).
  const dragged = rollout(new NavierStokesVorticity(2, L, 16, 0.01, { diffusivity: 1e-3, drag: -0.5 }), w0, 20);
  assert.ok(Math.abs(meanOf(dragged) - 0.7 * Math.exp(-0.5 * 0.2)) < 1e-13, `mean with drag ${meanOf(dragged)}`);
});

test('Kolmogorov flow (2-D vorticity): the forcing is -k gamma cos(k 2 pi x_1 / L) at mode (0, k), and a shear flow grows from rest', () => {
  const L = 1;
  const k = 2;
  const gamma = 0.5;
  const s = new KolmogorovFlowVorticity(2, L, 16, 0.01, { injectionMode: k, injectionScale: gamma, diffusivity: 0.01, drag: -0.1 });
  const forcing = spectralIfft(s.nonlinearFun!.apply(zeros([1, 16, 9], { dtype: 'complex128' })), 2, 16);
  const shape = (x: number[]): number => Math.cos((TAU * k * x[1]!) / L);
  assert.ok(relErr(forcing, field(2, 16, L, (x) => -k * gamma * shape(x))) < 1e-13, 'forcing');
  // From rest the flow is a shear flow in x_1 (whose self-advection vanishes), so
  // omega_t = Lambda omega + f has the exact solution f (e^{Lambda t} - 1) / Lambda.
  const Lambda = -0.01 * ((TAU * k) / L) ** 2 - 0.1;
  const t = 5 * 0.01;
  const w = rollout(s, zeros([1, 16, 16]), 5);
  const want = field(2, 16, L, (x) => ((-k * gamma * (Math.exp(Lambda * t) - 1)) / Lambda) * shape(x));
  assert.ok(relErr(w, want) < 1e-12, `shear flow ${relErr(w, want)}`);
});

function divergence(u: Tensor, L: number): number {
  const N = u.shape.at(-1)!;
  const d = buildDerivativeOperator(3, L, N);
  const div = spectralIfft(sum(mul(d, spectralFft(u, 3)), -4, { keepdims: true }), 3, N);
  return maxAbs(div) / maxAbs(u);
}

test('NS velocity (3-D): a divergence-free state stays divergence-free; Kolmogorov forcing injects gamma/2 cos(k 2 pi x_1 / L) into u_0', () => {
  const L = TAU;
  const N = 12;
  const tg = fields(3, N, L, [
    (x) => Math.sin(x[0]!) * Math.cos(x[1]!) * Math.cos(x[2]!),
    (x) => -Math.cos(x[0]!) * Math.sin(x[1]!) * Math.cos(x[2]!),
    () => 0,
  ]);
  const noise = fields(3, N, L, [smooth(3, L, 1, 0, 0.3), smooth(3, L, 2, 0, 0.3), smooth(3, L, 3, 0, 0.3)]);
  const leray = new Leray(3, N, buildDerivativeOperator(3, L, N));
  const u0 = tg.add(spectralIfft(leray.apply(spectralFft(noise, 3)), 3, N));
  assert.ok(divergence(u0, L) < 1e-13, 'the Leray projection is divergence-free');
  const s = new NavierStokesVelocity(3, L, N, 0.05, { diffusivity: 0.02 });
  const u = rollout(s, u0, 3);
  assert.ok(divergence(u, L) < 1e-12, `divergence ${divergence(u, L)}`);
  const viscous = rollout(new NavierStokesVelocity(3, L, N, 0.05, { diffusivity: 0.02, order: 0 }), u0, 3);
  assert.ok(relErr(u, viscous) > 1e-3, 'the convection acts');

  const k = 2;
  const gamma = 0.8;
  const kf = new KolmogorovFlowVelocity(3, L, N, 0.05, { injectionMode: k, injectionScale: gamma, diffusivity: 0.02 });
  const forcing = spectralIfft(kf.nonlinearFun!.apply(zeros([3, N, N, N / 2 + 1], { dtype: 'complex128' })), 3, N);
  const cosine = (x: number[]): number => Math.cos((TAU * k * x[1]!) / L);
  assert.ok(relErr(forcing, fields(3, N, L, [(x) => (gamma / 2) * cosine(x), () => 0, () => 0])) < 1e-13, '3-D forcing');
  const v = rollout(kf, u0, 3);
  assert.ok(divergence(v, L) < 1e-12, `Kolmogorov divergence ${divergence(v, L)}`);
});

// ---------------------------------------------------------------------------------------
// Reaction-diffusion

test('Fisher-KPP stays in [0, 1] and relaxes to 1', () => {
  const L = 10;
  const s = new FisherKPP(1, L, 32, 0.1, { diffusivity: 0.01, reactivity: 1 });
  let u = field(1, 32, L, (x) => 0.3 + 0.2 * Math.sin((TAU * x[0]!) / L) + 0.05 * Math.cos((TAU * 3 * x[0]!) / L));
  for (let i = 0; i < 200; i++) {
    u = s.step(u);
    const v = u.toTypedArray();
    assert.ok(Math.min(...v) >= 0 && Math.max(...v) <= 1 + 1e-12, `step ${i}: range [${Math.min(...v)}, ${Math.max(...v)}]`);
  }
  assert.ok(maxAbs(u.sub(1)) < 1e-6, `distance from 1: ${maxAbs(u.sub(1))}`);
});

/** int nu/2 |grad u|^2 - c1/2 u^2 - c3/4 u^4 (the Allen-Cahn energy; mean over the domain). */
function allenCahnEnergy(u: Tensor, L: number, nu: number, c1: number, c3: number): number {
  const g = meanOf(sum(square(gradient(u, 1, L)), 0));
  return (nu / 2) * g - (c1 / 2) * meanOf(square(u)) - (c3 / 4) * meanOf(square(square(u)));
}

test('Allen-Cahn: the energy decreases, u -> -u is a symmetry, +-1 are fixed points', () => {
  const L = 1;
  const s = new AllenCahn(1, L, 64, 0.01);
  let u = field(1, 64, L, (x) => 0.3 * Math.sin(TAU * x[0]!) + 0.1 * Math.cos(3 * TAU * x[0]!));
  assert.ok(relErr(s.step(neg(u)), neg(s.step(u))) === 0, 'odd symmetry');
  let e = allenCahnEnergy(u, L, 5e-3, 1, -1);
  for (let n = 0; n < 10; n++) {
    u = rollout(s, u, 10);
    const next = allenCahnEnergy(u, L, 5e-3, 1, -1);
    assert.ok(next < e, `energy rose from ${e} to ${next}`);
    e = next;
  }
  for (const sign of [1, -1]) {
    const c = mul(ones([1, 64]), sign);
    assert.ok(relErr(rollout(s, c, 5), c) < 1e-14, `constant ${sign}`);
  }
});

test('Cahn-Hilliard conserves the mean and decreases its energy', () => {
  const L = 1;
  const s = new CahnHilliard(1, L, 32, 1e-3);
  const u0 = field(1, 32, L, (x) => 0.1 + 0.3 * Math.sin(TAU * x[0]!) + 0.2 * Math.cos(2 * TAU * x[0]!));
  // E = int c3/4 u^4 + c1/2 u^2 + gamma/2 |grad u|^2 with the defaults c3 = 1, c1 = -1, gamma = 1e-3.
  const energy = (u: Tensor): number => meanOf(square(square(u))) / 4 - meanOf(square(u)) / 2 + (1e-3 / 2) * meanOf(sum(square(gradient(u, 1, L)), 0));
  let u = u0;
  let e = energy(u);
  for (let n = 0; n < 10; n++) {
    u = rollout(s, u, 20);
    assert.ok(Math.abs(meanOf(u) - meanOf(u0)) < 1e-14, `mean ${meanOf(u)}`);
    const next = energy(u);
    assert.ok(next < e, `energy rose from ${e} to ${next}`);
    e = next;
  }
  assert.ok(relErr(u, u0) > 1e-2, 'the state evolves');
});

test('Gray-Scott: u = 1, v = 0 is a fixed point', () => {
  const s = new GrayScott(2, 1, 8, 1);
  const rest = fields(2, 8, 1, [() => 1, () => 0]);
  const u = rollout(s, rest, 5);
  assert.ok(maxAbs(u.sub(rest)) < 1e-14, `moved by ${maxAbs(u.sub(rest))}`);
  const perturbed = fields(2, 8, 1, [smooth(2, 1, 1, 0.8, 0.1), smooth(2, 1, 2, 0.2, 0.1)]);
  assert.ok(maxAbs(rollout(s, perturbed, 5).sub(perturbed)) > 1e-3, 'a perturbed state reacts');
});

test('Swift-Hohenberg selects the wavenumber sqrt(k_c) (here 1, i.e. mode 10 on L = 20 pi)', () => {
  const L = 20 * Math.PI;
  const N = 64;
  const s = new SwiftHohenberg(1, L, N, 0.5, { criticalNumber: 1, reactivity: 0.2 });
  // Every mode 1..20 equally, small.
  const u0 = field(1, N, L, (x) => Array.from({ length: 20 }, (_, j) => 1e-3 * Math.sin((TAU * (j + 1) * x[0]!) / L + j)).reduce((p, q) => p + q));
  const u = rollout(s, u0, 200);
  const spectrum = spectralFft(u, 1);
  const re = spectrum.toTypedArray();
  const power = Array.from({ length: N / 2 + 1 }, (_, m) => re[2 * m]! ** 2 + re[2 * m + 1]! ** 2);
  const best = power.reduce((b, p, m) => (m > 0 && p > power[b]! ? m : b), 1);
  assert.equal(best, 10, `dominant mode ${best}`);
  assert.ok(maxAbs(u) > 0.1 && maxAbs(u) < 2, `the pattern saturates at a finite amplitude: ${maxAbs(u)}`);
});

test.run();
