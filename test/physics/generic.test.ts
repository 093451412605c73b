/**
 * The generic steppers (physical, normalized, difficulty) and their conversions: Exponax
 * 0.2.0 golden trajectories, the derived values of the APEBench catalogue, equivalences
 * with the concrete steppers and between the three interfaces, exact linear evolution,
 * gradients and argument checks.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, DTypeError, ShapeError, type Tensor, concat, grad, mul, spectralFft, sum, tensor,
} from '../../src/index.js';
import {
  DifficultyConvectionStepper, DifficultyGradientNormStepper, DifficultyLinearStepper, DifficultyLinearStepperSimple,
  DifficultyNonlinearStepper, DifficultyPolynomialStepper, DiffultyLinearStepperSimple, GeneralConvectionStepper,
  GeneralGradientNormStepper, GeneralLinearStepper, GeneralNonlinearFun, GeneralNonlinearStepper, GeneralPolynomialStepper,
  GeneralVorticityConvectionStepper, NormalizedConvectionStepper, NormalizedGradientNormStepper, NormalizedLinearStepper,
  NormalizedNonlinearStepper, NormalizedPolynomialStepper, buildGenericLinearOperator, denormalizeCoefficients,
  denormalizeConvectionScale, denormalizeGradientNormScale, denormalizePolynomialScales,
  extractNormalizedCoefficientsFromDifficulty, extractNormalizedConvectionScaleFromDifficulty,
  extractNormalizedGradientNormScaleFromDifficulty, extractNormalizedNonlinearScalesFromDifficulty, normalizeCoefficients,
  normalizeConvectionScale, normalizeGradientNormScale, normalizePolynomialScales, reduceNormalizedCoefficientsToDifficulty,
  reduceNormalizedConvectionScaleToDifficulty, reduceNormalizedGradientNormScaleToDifficulty,
  reduceNormalizedNonlinearScalesToDifficulty,
} from '../../src/physics/generic/index.js';
import { buildDerivativeOperator } from '../../src/physics/spectral.js';
import type { Stepper } from '../../src/physics/stepper.js';
import { Burgers } from '../../src/physics/steppers/burgers.js';
import { KuramotoSivashinsky } from '../../src/physics/steppers/kuramoto-sivashinsky.js';
import { type GoldenMeta, type IcMode, goldenArray, goldenIc, goldenMeta, relMaxAbs } from '../helpers/exponax.js';
import { checkGrad, throwsTyped } from '../helpers/checks.js';

// ---- helpers ----------------------------------------------------------------------------

/** A state `(C, N, ..., N)`: per channel, a sum of `amp sin(2 pi k . x / L + phase)`. */
function sines(D: number, N: number, L: number, channels: IcMode[][]): Tensor {
  const meta = { num_spatial_dims: D, num_points: N, domain_extent: L, ic: channels.map((modes) => ({ offset: 0, modes })) };
  return goldenIc(meta as unknown as GoldenMeta);
}

const MODES_1D: IcMode[] = [
  { k: [1], amp: 1, phase: 0.1 }, { k: [2], amp: 0.5, phase: 1.3 }, { k: [3], amp: 0.3, phase: 2.2 }, { k: [5], amp: 0.1, phase: 0.4 },
];
const MODES_2D_A: IcMode[] = [{ k: [1, 0], amp: 0.8, phase: 0.2 }, { k: [1, 2], amp: 0.4, phase: 1.1 }, { k: [3, -1], amp: 0.2, phase: 2.5 }];
const MODES_2D_B: IcMode[] = [{ k: [0, 1], amp: 0.7, phase: 0.9 }, { k: [2, 1], amp: 0.3, phase: 0.3 }, { k: [-1, 3], amp: 0.2, phase: 1.7 }];

/** Steps both steppers from `u0` and requires the states to agree after every step. */
function sameTrajectory(a: Stepper, b: Stepper, u0: Tensor, steps: number, tol: number, label: string): void {
  let u = u0;
  let v = u0;
  for (let i = 1; i <= steps; i++) {
    u = a.step(u);
    v = b.step(v);
    const e = relMaxAbs(u, v);
    assert.ok(e <= tol, `${label}, step ${i}: relative max-abs difference ${e}`);
  }
}

/** |a - b| <= tol * |b| for numbers. */
function near(a: number, b: number, tol: number, label: string): void {
  assert.ok(Math.abs(a - b) <= tol * Math.abs(b), `${label}: ${a} vs ${b}`);
}

function nearList(a: readonly number[], b: readonly number[], tol: number, label: string): void {
  assert.is(a.length, b.length, `${label}: length`);
  a.forEach((x, i) => (b[i] === 0 ? assert.is(x, 0, `${label}[${i}]`) : near(x, b[i]!, tol, `${label}[${i}]`)));
}

async function golden(name: string, stepper: Stepper, tol: number): Promise<void> {
  const meta = await goldenMeta(name);
  const traj = await goldenArray(name, 'traj.npy');
  let u = goldenIc(meta);
  let done = 0;
  meta.snapshots!.forEach((s, i) => {
    for (; done < s; done++) u = stepper.step(u);
    const e = relMaxAbs(u, traj.slice(i));
    assert.ok(e < tol, `${name} at step ${s}: relative max-abs error ${e}`);
  });
}

// ---- golden data ------------------------------------------------------------------------

test('golden: DifficultyLinearStepper (0, -4) and DifficultyGradientNormStepper defaults, N = 160', async () => {
  await golden('difficulty_advection_1d', new DifficultyLinearStepper(1, 160, { linearDifficulties: [0, -4] }), 1e-9);
  await golden('difficulty_ks_1d', new DifficultyGradientNormStepper(1, 160), 1e-7);
});

test('golden: GeneralVorticityConvectionStepper with a = (0, 0, nu) is Exponax 0.2.0 NavierStokesVorticity', async () => {
  await golden('ns_vorticity_2d', new GeneralVorticityConvectionStepper(2, 1, 64, 0.01, { linearCoefficients: [0, 0, 0.001] }), 1e-9);
});

// ---- conversions --------------------------------------------------------------------------

test('conversions: the normalized coefficients of the APEBench difficulty scenarios at N = 160 in 1-D', () => {
  const g1 = { numSpatialDims: 1, numPoints: 160, maximumAbsolute: 1 };
  const alpha = (gammas: number[]) => extractNormalizedCoefficientsFromDifficulty(gammas, g1);
  assert.equal(alpha([0, -4]), [0, -0.025]); // adv
  assert.equal(alpha([0, 0, 4]), [0, 0, 7.8125e-5]); // diff
  assert.equal(alpha([0, 0, 0, 4]), [0, 0, 0, 2.44140625e-7]); // disp
  assert.equal(alpha([0, 0, 0, 0, -4]), [0, 0, 0, 0, -7.62939453125e-10]); // hyp
  assert.equal(alpha([0, 0, 1.5])[2], 2.9296875e-5); // burgers
  assert.is(extractNormalizedConvectionScaleFromDifficulty(1.5, g1), 0.009375); // burgers (APEBench passes -delta)
  nearList(alpha([0, 0, 0, -14, -9]), [0, 0, 0, -8.544921875e-7, -1.71661377e-9], 1e-8, 'kdv');
  assert.is(extractNormalizedConvectionScaleFromDifficulty(-2, g1), -0.0125);
  nearList(alpha([0, 0, -1.2, 0, -15]), [0, 0, -2.34375e-5, 0, -2.86102295e-9], 1e-8, 'ks');
  near(extractNormalizedGradientNormScaleFromDifficulty(-6, g1), -2.34375e-4, 1e-14, 'ks beta2');
  nearList(alpha([0, 0, -2, 0, -18]), [0, 0, -3.90625e-5, 0, -3.43322754e-9], 1e-8, 'ks_cons');
  assert.is(extractNormalizedConvectionScaleFromDifficulty(1, g1), 0.00625);
  assert.equal(alpha([0.02, 0, 0.2]), [0.02, 0, 3.90625e-6]); // fisher: gamma_0 passes unchanged
  assert.equal(extractNormalizedNonlinearScalesFromDifficulty([-0.02, 0, 0], g1), [-0.02, 0, 0]);
});

test('conversions: in 2-D every alpha_j (j >= 1), beta_1 and beta_2 is halved; 3-D at N = 32', () => {
  const g1 = { numSpatialDims: 1, numPoints: 160, maximumAbsolute: 1 };
  const g2 = { numSpatialDims: 2, numPoints: 160, maximumAbsolute: 1 };
  const gammas = [0.02, -4, 4, 4, -4];
  const a1 = extractNormalizedCoefficientsFromDifficulty(gammas, g1);
  const a2 = extractNormalizedCoefficientsFromDifficulty(gammas, g2);
  assert.is(a2[0], a1[0]);
  for (let j = 1; j < 5; j++) assert.is(a2[j], a1[j]! / 2, `alpha_${j}`);
  assert.is(extractNormalizedConvectionScaleFromDifficulty(-1.5, g2), extractNormalizedConvectionScaleFromDifficulty(-1.5, g1) / 2);
  assert.is(extractNormalizedGradientNormScaleFromDifficulty(-6, g2), extractNormalizedGradientNormScaleFromDifficulty(-6, g1) / 2);
  const g3 = { numSpatialDims: 3, numPoints: 32 };
  near(extractNormalizedCoefficientsFromDifficulty([0, -4], g3)[1]!, -0.0416667, 1e-6, '3-D adv');
  near(extractNormalizedCoefficientsFromDifficulty([0, 0, 4], g3)[2]!, 6.5104e-4, 1e-4, '3-D diff');
});

test('conversions: round trips physical <-> normalized <-> difficulty', () => {
  const a = [0.3, -1.7, -1, 0.5, -0.25];
  for (const [L, dt] of [[60, 0.1], [1, 1], [2 * Math.PI, 0.013], [0.37, 2.5]] as const) {
    const opts = { domainExtent: L, dt };
    nearList(denormalizeCoefficients(normalizeCoefficients(a, opts), opts), a, 1e-15, `coefficients L=${L}`);
    near(denormalizeConvectionScale(normalizeConvectionScale(-3.6, opts), opts), -3.6, 1e-15, 'convection');
    near(denormalizeGradientNormScale(normalizeGradientNormScale(1.25, opts), opts), 1.25, 1e-15, 'gradient norm');
    nearList(denormalizePolynomialScales(normalizePolynomialScales([0, 2, -20], { dt }), { dt }), [0, 2, -20], 1e-15, 'polynomial');
    nearList(normalizeCoefficients(a, opts), a.map((c, j) => (c * dt) / L ** j), 1e-15, 'alpha_j = a_j dt / L^j');
  }
  for (const D of [1, 2, 3]) {
    for (const N of [16, 48, 160]) {
      const g = { numSpatialDims: D, numPoints: N, maximumAbsolute: 2.5 };
      nearList(extractNormalizedCoefficientsFromDifficulty(reduceNormalizedCoefficientsToDifficulty(a, g), g), a, 1e-15, `linear D=${D} N=${N}`);
      nearList(reduceNormalizedCoefficientsToDifficulty(a, g), a.map((c, j) => (j === 0 ? c : c * N ** j * 2 ** (j - 1) * D)), 1e-15, 'gamma_j');
      near(reduceNormalizedConvectionScaleToDifficulty(0.01, g), 0.01 * 2.5 * N * D, 1e-15, 'delta_1 = beta_1 M N D');
      near(reduceNormalizedGradientNormScaleToDifficulty(0.01, g), 0.01 * 2.5 * N * N * D, 1e-15, 'delta_2 = beta_2 M N^2 D');
      near(extractNormalizedConvectionScaleFromDifficulty(reduceNormalizedConvectionScaleToDifficulty(-0.3, g), g), -0.3, 1e-15, 'beta_1');
      near(extractNormalizedGradientNormScaleFromDifficulty(reduceNormalizedGradientNormScaleToDifficulty(0.7, g), g), 0.7, 1e-15, 'beta_2');
      nearList(extractNormalizedNonlinearScalesFromDifficulty(reduceNormalizedNonlinearScalesToDifficulty([0.1, -0.2, 0.3], g), g), [0.1, -0.2, 0.3], 1e-15, 'nonlinear');
    }
  }
});

test('conversions: the Difficulty defaults are the physical KS (L = 60, dt = 0.1) and the normalized defaults at N = 48', () => {
  const physical = { domainExtent: 60, dt: 0.1 };
  const g = { numSpatialDims: 1, numPoints: 48, maximumAbsolute: 1 };
  nearList(reduceNormalizedCoefficientsToDifficulty(normalizeCoefficients([0, 0, -1, 0, -1], physical), g), [0, 0, -0.128, 0, -0.32768], 1e-14, 'KS gammas');
  near(reduceNormalizedGradientNormScaleToDifficulty(normalizeGradientNormScale(1, physical), g), 0.064, 1e-14, 'KS delta_2');
  // The normalized KS defaults are exactly the normalized physical KS.
  assert.equal(normalizeCoefficients([0, 0, -1, 0, -1], physical), new NormalizedGradientNormStepper(1, 8).normalizedLinearCoefficients);
  assert.is(normalizeGradientNormScale(1, physical), new NormalizedGradientNormStepper(1, 8).normalizedGradientNormScale);
  // Nonlinear and polynomial defaults: difficulties of the normalized defaults at N = 48.
  const nonlinear = new NormalizedNonlinearStepper(1, 48);
  const difficult = new DifficultyNonlinearStepper(1, 48);
  nearList(reduceNormalizedCoefficientsToDifficulty(nonlinear.normalizedLinearCoefficients as number[], g), difficult.linearDifficulties as number[], 1e-15, 'nonlinear gammas');
  nearList(reduceNormalizedNonlinearScalesToDifficulty(nonlinear.normalizedNonlinearCoefficients as [number, number, number], g), difficult.nonlinearDifficulties as readonly number[], 1e-15, 'nonlinear deltas');
  const poly = new NormalizedPolynomialStepper(1, 48);
  nearList(reduceNormalizedCoefficientsToDifficulty(poly.normalizedLinearCoefficients as number[], g), new DifficultyPolynomialStepper(1, 48).linearDifficulties as number[], 1e-15, 'polynomial gammas');
  nearList(normalizeCoefficients([10, 0, 1], { domainExtent: 10, dt: 0.001 }), poly.normalizedLinearCoefficients as number[], 1e-15, 'polynomial alphas');
  nearList(normalizePolynomialScales([0, 0, -10], { dt: 0.001 }), poly.normalizedPolynomialCoefficients as number[], 1e-15, 'polynomial betas');
});

test('conversions: tensor coefficients stay tensors and are differentiable', () => {
  const g = { numSpatialDims: 2, numPoints: 32, maximumAbsolute: 1 };
  const [a0, a1, a2] = extractNormalizedCoefficientsFromDifficulty([tensor(0.5), 0, tensor(3)], g) as Tensor[];
  assert.is(a0!.item(), 0.5);
  assert.is(a1, 0);
  near(a2!.item() as number, 3 / (32 * 32 * 2 * 2), 1e-15, 'alpha_2');
  const d = grad((gamma: Tensor) => mul(extractNormalizedCoefficientsFromDifficulty([0, 0, gamma], g)[2] as Tensor, 1))(tensor(3));
  near(d.item() as number, 1 / (32 * 32 * 2 * 2), 1e-15, 'd alpha_2 / d gamma_2');
  const b = normalizeConvectionScale(tensor(2), { domainExtent: 4, dt: 0.5 }) as Tensor;
  assert.is(b.item(), 0.25);
});

// ---- equivalences ---------------------------------------------------------------------

/** `amp e^{t Re lambda} sin(2 pi k . x / L + phase + t Im lambda)` with lambda the symbol at k. */
function exactLinear(D: number, N: number, L: number, a: number[], modes: IcMode[], t: number): Tensor {
  const evolved = modes.map((m) => {
    let re = D * a[0]!; // sum_d a_0 (i k_d)^0
    let im = 0;
    for (let j = 1; j < a.length; j++) {
      for (let d = 0; d < D; d++) {
        const kappa = (2 * Math.PI * m.k[d]!) / L;
        const mag = a[j]! * kappa ** j; // (i kappa)^j = i^j kappa^j
        if (j % 4 === 0) re += mag;
        else if (j % 4 === 1) im += mag;
        else if (j % 4 === 2) re -= mag;
        else im -= mag;
      }
    }
    return { k: m.k, amp: m.amp * Math.exp(t * re), phase: m.phase + t * im };
  });
  return sines(D, N, L, [evolved]);
}

test('GeneralLinearStepper is the exact Fourier-mode evolution (1-D orders 0-4, 2-D and 3-D with a_0 scaled by D)', () => {
  const a1 = [-0.3, 0.7, 0.02, -0.001, -1e-4];
  const s1 = new GeneralLinearStepper(1, 3, 32, 0.05, { linearCoefficients: a1 });
  let u = sines(1, 32, 3, [MODES_1D]);
  for (let n = 1; n <= 10; n++) {
    u = s1.step(u);
    const e = relMaxAbs(u, exactLinear(1, 32, 3, a1, MODES_1D, n * 0.05));
    assert.ok(e < 1e-12, `1-D step ${n}: ${e}`);
  }
  const a2 = [0.2, -0.5, 0.01, 0.003];
  const s2 = new GeneralLinearStepper(2, 2, 16, 0.1, { linearCoefficients: a2 });
  let v = sines(2, 16, 2, [MODES_2D_A]);
  for (let n = 1; n <= 5; n++) {
    v = s2.step(v);
    const e = relMaxAbs(v, exactLinear(2, 16, 2, a2, MODES_2D_A, n * 0.1));
    assert.ok(e < 1e-12, `2-D step ${n}: ${e}`);
  }
  // The zeroth-order term alone scales by exp(D dt a_0): Exponax sums a_0 (i k_d)^0 over the axes.
  const u3 = sines(3, 8, 1, [[{ k: [1, 1, 2], amp: 1, phase: 0.5 }]]);
  const grown = new GeneralLinearStepper(3, 1, 8, 0.5, { linearCoefficients: [0.4] }).step(u3);
  assert.ok(relMaxAbs(grown, mul(u3, Math.exp(3 * 0.2))) < 1e-14);
  // The operator itself: D a_0 plus the summed powers.
  const Lop = buildGenericLinearOperator(buildDerivativeOperator(2, 1, 4), [2]);
  assert.equal(Array.from(Lop.toTypedArray() as Float64Array).filter((_, i) => i % 2 === 0), new Array<number>(12).fill(4));
});

test('GeneralConvectionStepper with a = (0, 0, nu) is Burgers (1-D, 2-D multi-channel, single-channel, conservative)', () => {
  const u1 = sines(1, 32, 2 * Math.PI, [MODES_1D]);
  sameTrajectory(
    new GeneralConvectionStepper(1, 2 * Math.PI, 32, 0.05, { linearCoefficients: [0, 0, 0.05], convectionScale: 1.5 }),
    new Burgers(1, 2 * Math.PI, 32, 0.05, { diffusivity: 0.05, convectionScale: 1.5 }), u1, 10, 1e-12, 'Burgers 1-D');
  const u2 = sines(2, 16, 1, [MODES_2D_A, MODES_2D_B]);
  for (const conservative of [false, true]) {
    sameTrajectory(
      new GeneralConvectionStepper(2, 1, 16, 0.01, { linearCoefficients: [0, 0, 0.02], convectionScale: 0.8, conservative }),
      new Burgers(2, 1, 16, 0.01, { diffusivity: 0.02, convectionScale: 0.8, conservative }), u2, 5, 1e-12, `Burgers 2-D conservative=${conservative}`);
  }
  const u2s = sines(2, 16, 1, [MODES_2D_A]);
  sameTrajectory(
    new GeneralConvectionStepper(2, 1, 16, 0.01, { linearCoefficients: [0, 0, 0.02], singleChannel: true, order: 4 }),
    new Burgers(2, 1, 16, 0.01, { diffusivity: 0.02, singleChannel: true, order: 4 }), u2s, 5, 1e-12, 'Burgers 2-D single channel, ETDRK4');
});

test('GeneralGradientNormStepper defaults are KuramotoSivashinsky; Normalized and Difficulty defaults are its normalized forms', () => {
  const u = sines(1, 64, 60, [MODES_1D]);
  const ks = new KuramotoSivashinsky(1, 60, 64, 0.1);
  sameTrajectory(new GeneralGradientNormStepper(1, 60, 64, 0.1), ks, u, 20, 1e-11, 'KS');
  sameTrajectory(
    new GeneralGradientNormStepper(1, 60, 64, 0.1, { linearCoefficients: [0, 0, -0.8, 0, -1.2], gradientNormScale: 0.7 }),
    new KuramotoSivashinsky(1, 60, 64, 0.1, { secondOrderScale: 0.8, fourthOrderScale: 1.2, gradientNormScale: 0.7 }), u, 20, 1e-11, 'KS scaled');
  const un = sines(1, 48, 1, [MODES_1D]);
  sameTrajectory(new NormalizedGradientNormStepper(1, 48), new KuramotoSivashinsky(1, 60, 48, 0.1), un, 10, 1e-11, 'normalized KS');
  sameTrajectory(new DifficultyGradientNormStepper(1, 48), new NormalizedGradientNormStepper(1, 48), un, 10, 1e-11, 'difficulty KS');
});

test('GeneralNonlinearStepper is the sum of its parts: convection, gradient norm and quadratic terms alone', () => {
  for (const D of [1, 2]) {
    const N = D === 1 ? 32 : 16;
    const u = sines(D, N, 2, [D === 1 ? MODES_1D : MODES_2D_A]);
    const a = [0, 0, 0.004];
    sameTrajectory(
      new GeneralNonlinearStepper(D, 2, N, 0.02, { linearCoefficients: a, nonlinearCoefficients: [0, -1.3, 0] }),
      new GeneralConvectionStepper(D, 2, N, 0.02, { linearCoefficients: a, convectionScale: 1.3, singleChannel: true, conservative: true }),
      u, 5, 1e-12, `${D}-D convection`);
    sameTrajectory(
      new GeneralNonlinearStepper(D, 2, N, 0.02, { linearCoefficients: a, nonlinearCoefficients: [0, 0, -0.9] }),
      new GeneralGradientNormStepper(D, 2, N, 0.02, { linearCoefficients: a, gradientNormScale: 0.9 }),
      u, 5, 1e-12, `${D}-D gradient norm`);
    sameTrajectory(
      new GeneralNonlinearStepper(D, 2, N, 0.02, { linearCoefficients: a, nonlinearCoefficients: [0.6, 0, 0] }),
      new GeneralPolynomialStepper(D, 2, N, 0.02, { linearCoefficients: a, polynomialCoefficients: [0, 0, 0.6] }),
      u, 5, 1e-12, `${D}-D quadratic`);
  }
  // The normalized defaults are a single-channel conservative Burgers equation.
  const u = sines(1, 32, 1, [MODES_1D]);
  sameTrajectory(new NormalizedNonlinearStepper(1, 32),
    new Burgers(1, 1, 32, 1, { diffusivity: 0.1 * 0.1, convectionScale: 0.1, singleChannel: true, conservative: true }), u, 5, 1e-12, 'normalized Burgers');
  // GeneralNonlinearFun sums its three terms.
  const deriv = buildDerivativeOperator(1, 2, 32);
  const f = new GeneralNonlinearFun(1, 32, deriv, { scaleList: [0.3, -0.4, 0.5] });
  const uHat = spectralFft(sines(1, 32, 2, [MODES_1D]), 1);
  const parts = f.squareNonlinearFun.apply(uHat).add(f.convectionNonlinearFun.apply(uHat)).add(f.gradientNormNonlinearFun.apply(uHat));
  assert.equal(f.apply(uHat).toTypedArray(), parts.toTypedArray());
});

test('Normalized* equals General* with the denormalized coefficients on any (L, dt)', () => {
  const L = 7.5;
  const dt = 0.3;
  const opts = { domainExtent: L, dt };
  const u1 = sines(1, 32, 1, [MODES_1D]);
  const alpha = [-0.01, -0.05, 2e-4, 1e-6, -3e-8];
  sameTrajectory(new NormalizedLinearStepper(1, 32, { normalizedLinearCoefficients: alpha }),
    new GeneralLinearStepper(1, L, 32, dt, { linearCoefficients: denormalizeCoefficients(alpha, opts) }), u1, 10, 1e-12, 'linear');
  const u2 = sines(2, 16, 1, [MODES_2D_A, MODES_2D_B]);
  sameTrajectory(new NormalizedConvectionStepper(2, 16, { normalizedLinearCoefficients: [0, 0, 5e-4], normalizedConvectionScale: 0.02 }),
    new GeneralConvectionStepper(2, L, 16, dt, { linearCoefficients: denormalizeCoefficients([0, 0, 5e-4], opts), convectionScale: denormalizeConvectionScale(0.02, opts) }),
    u2, 5, 1e-12, 'convection');
  sameTrajectory(new NormalizedGradientNormStepper(1, 32),
    new GeneralGradientNormStepper(1, L, 32, dt, {
      linearCoefficients: denormalizeCoefficients(new NormalizedGradientNormStepper(1, 32).normalizedLinearCoefficients as number[], opts),
      gradientNormScale: denormalizeGradientNormScale((1 * 0.1) / 60 ** 2, opts),
    }), u1, 10, 1e-12, 'gradient norm');
  sameTrajectory(new NormalizedPolynomialStepper(1, 32),
    new GeneralPolynomialStepper(1, L, 32, dt, {
      linearCoefficients: denormalizeCoefficients([0.01, 0, 1e-5], opts), polynomialCoefficients: denormalizePolynomialScales([0, 0, -0.01], opts),
    }), u1, 10, 1e-12, 'polynomial');
  const beta: [number, number, number] = [0.01, -0.05, -2e-3];
  sameTrajectory(new NormalizedNonlinearStepper(2, 16, { normalizedLinearCoefficients: [0, 0, 2e-3], normalizedNonlinearCoefficients: beta }),
    new GeneralNonlinearStepper(2, L, 16, dt, {
      linearCoefficients: denormalizeCoefficients([0, 0, 2e-3], opts),
      nonlinearCoefficients: [denormalizePolynomialScales([beta[0]], opts)[0]!, denormalizeConvectionScale(beta[1], opts), denormalizeGradientNormScale(beta[2], opts)],
    }), sines(2, 16, 1, [MODES_2D_A]), 5, 1e-12, 'nonlinear');
  // Defaults: the normalized polynomial stepper is the physical one on L = 10, dt = 0.001.
  sameTrajectory(new NormalizedPolynomialStepper(1, 32), new GeneralPolynomialStepper(1, 10, 32, 0.001), u1, 10, 1e-12, 'polynomial defaults');
});

test('Difficulty* equals Normalized* with the converted values', () => {
  const D = 2;
  const N = 16;
  const g = { numSpatialDims: D, numPoints: N, maximumAbsolute: 1.5 };
  const u1 = sines(D, N, 1, [MODES_2D_A]);
  const u2 = sines(D, N, 1, [MODES_2D_A, MODES_2D_B]);
  const gammas = [0.01, -1.5, 0.8, 0.3, -0.6];
  sameTrajectory(new DifficultyLinearStepper(D, N, { linearDifficulties: gammas }),
    new NormalizedLinearStepper(D, N, { normalizedLinearCoefficients: extractNormalizedCoefficientsFromDifficulty(gammas, g) }), u1, 5, 1e-12, 'linear');
  sameTrajectory(new DifficultyLinearStepperSimple(D, N, { difficulty: 0.7, order: 2 }),
    new DifficultyLinearStepper(D, N, { linearDifficulties: [0, 0, 0.7] }), u1, 5, 0, 'linear simple');
  sameTrajectory(new DifficultyLinearStepperSimple(), new DifficultyLinearStepper(), sines(1, 48, 1, [MODES_1D]), 3, 0, 'linear simple defaults');
  assert.is(DiffultyLinearStepperSimple, DifficultyLinearStepperSimple);
  sameTrajectory(
    new DifficultyConvectionStepper(D, N, { linearDifficulties: [0, 0, 1.5], convectionDifficulty: 1.5, maximumAbsolute: 1.5, conservative: true }),
    new NormalizedConvectionStepper(D, N, {
      normalizedLinearCoefficients: extractNormalizedCoefficientsFromDifficulty([0, 0, 1.5], g),
      normalizedConvectionScale: extractNormalizedConvectionScaleFromDifficulty(1.5, g), conservative: true,
    }), u2, 5, 1e-12, 'convection');
  sameTrajectory(new DifficultyGradientNormStepper(D, N, { maximumAbsolute: 1.5 }),
    new NormalizedGradientNormStepper(D, N, {
      normalizedLinearCoefficients: extractNormalizedCoefficientsFromDifficulty([0, 0, -0.128, 0, -0.32768], g),
      normalizedGradientNormScale: extractNormalizedGradientNormScaleFromDifficulty(0.064, g),
    }), u1, 5, 1e-12, 'gradient norm');
  sameTrajectory(new DifficultyPolynomialStepper(D, N, { polynomialDifficulties: [0, 0.01, -0.02] }),
    new NormalizedPolynomialStepper(D, N, {
      normalizedLinearCoefficients: extractNormalizedCoefficientsFromDifficulty(new DifficultyPolynomialStepper(D, N).linearDifficulties as number[], g),
      normalizedPolynomialCoefficients: [0, 0.01, -0.02],
    }), u1, 5, 1e-12, 'polynomial');
  sameTrajectory(new DifficultyNonlinearStepper(D, N, { nonlinearDifficulties: [0.02, -1.5, -0.5], maximumAbsolute: 1.5 }),
    new NormalizedNonlinearStepper(D, N, {
      normalizedLinearCoefficients: extractNormalizedCoefficientsFromDifficulty(new DifficultyNonlinearStepper(D, N).linearDifficulties as number[], g),
      normalizedNonlinearCoefficients: extractNormalizedNonlinearScalesFromDifficulty([0.02, -1.5, -0.5], g),
    }), u1, 5, 1e-12, 'nonlinear');
});

test('difficulty <-> normalized <-> physical: one Burgers problem in all three interfaces', () => {
  const [D, L, N, dt, nu, b1] = [1, 2, 48, 0.01, 0.003, 1.2];
  const phys = { domainExtent: L, dt };
  const g = { numSpatialDims: D, numPoints: N, maximumAbsolute: 1 };
  const alpha = normalizeCoefficients([0, 0, nu], phys);
  const beta1 = normalizeConvectionScale(b1, phys);
  const u = sines(D, N, L, [MODES_1D]);
  const physical = new Burgers(D, L, N, dt, { diffusivity: nu, convectionScale: b1 });
  sameTrajectory(new NormalizedConvectionStepper(D, N, { normalizedLinearCoefficients: alpha, normalizedConvectionScale: beta1 }), physical, u, 10, 1e-12, 'normalized');
  sameTrajectory(new DifficultyConvectionStepper(D, N, {
    linearDifficulties: reduceNormalizedCoefficientsToDifficulty(alpha, g),
    convectionDifficulty: reduceNormalizedConvectionScaleToDifficulty(beta1, g),
  }), physical, u, 10, 1e-12, 'difficulty');
});

test('GeneralVorticityConvectionStepper: Kolmogorov variant when injectionScale != 0, with D a_0 as the drag', async () => {
  const { KolmogorovFlowVorticity, NavierStokesVorticity } = await import('../../src/physics/steppers/navier-stokes.js');
  const L = 2 * Math.PI;
  const u = sines(2, 16, L, [MODES_2D_A]);
  const generic = new GeneralVorticityConvectionStepper(2, L, 16, 0.05, { linearCoefficients: [-0.05, 0, 0.01], injectionScale: 1, injectionMode: 2 });
  assert.is(generic.nonlinearFun?.constructor.name, 'VorticityConvection2dKolmogorov');
  sameTrajectory(generic, new KolmogorovFlowVorticity(2, L, 16, 0.05, { diffusivity: 0.01, drag: -0.1, injectionMode: 2 }), u, 5, 1e-12, 'Kolmogorov');
  const decaying = new GeneralVorticityConvectionStepper(2, L, 16, 0.05, { linearCoefficients: [0, 0, 0.01], vorticityConvectionScale: 0.5 });
  assert.is(decaying.nonlinearFun?.constructor.name, 'VorticityConvection2d');
  sameTrajectory(decaying, new NavierStokesVorticity(2, L, 16, 0.05, { diffusivity: 0.01, vorticityConvectionScale: 0.5 }), u, 5, 1e-12, 'decaying');
});

test('batches, float32 and stored parameters', () => {
  const s = new GeneralNonlinearStepper(1, 2, 16, 0.02, { linearCoefficients: [0, 0, 0.01], nonlinearCoefficients: [0.1, -1, -0.2] });
  const a = sines(1, 16, 2, [MODES_1D]);
  const b = sines(1, 16, 2, [MODES_1D.slice(1)]);
  const batch = s.step(concat([a.expandDims(0), b.expandDims(0)], 0));
  assert.equal(batch.shape, [2, 1, 16]);
  assert.ok(relMaxAbs(batch.slice(0), s.step(a)) < 1e-15 && relMaxAbs(batch.slice(1), s.step(b)) < 1e-15);
  const s32 = new GeneralNonlinearStepper(1, 2, 16, 0.02, { linearCoefficients: [0, 0, 0.01], nonlinearCoefficients: [0.1, -1, -0.2], dtype: 'float32' });
  let u32 = a.cast('float32');
  let u64 = a;
  for (let i = 0; i < 5; i++) [u32, u64] = [s32.step(u32), s.step(u64)];
  assert.is(u32.dtype, 'float32');
  assert.ok(relMaxAbs(u32, u64) < 1e-4);
  // A float64 tensor coefficient does not promote a float32 stepper's state.
  const t32 = new GeneralNonlinearStepper(1, 2, 16, 0.02, { nonlinearCoefficients: [tensor(0.1), tensor(-1), tensor(-0.2)], linearCoefficients: [0, 0, tensor(0.01)], dtype: 'float32' });
  assert.is(t32.step(a.cast('float32')).dtype, 'float32');
  assert.is(new GeneralConvectionStepper(1, 2, 16, 0.02, { convectionScale: tensor(1), dtype: 'float32' }).step(a.cast('float32')).dtype, 'float32');
  const d = new DifficultyConvectionStepper(2, 16);
  assert.equal([d.numChannels, d.domainExtent, d.dt, d.numPoints], [2, 1, 1, 16]);
  assert.equal(d.linearDifficulties, [0, 0, 4.5]);
  assert.equal(d.normalizedLinearCoefficients, extractNormalizedCoefficientsFromDifficulty([0, 0, 4.5], { numSpatialDims: 2, numPoints: 16 }));
  assert.equal(d.linearCoefficients, d.normalizedLinearCoefficients);
  assert.is(new GeneralConvectionStepper(3, 1, 8, 0.1, { singleChannel: true }).numChannels, 1);
  assert.equal(new GeneralLinearStepper(1, 1, 8, 0.1).linearCoefficients, [0, -0.1, 0.01]);
});

// ---- gradients ------------------------------------------------------------------------------

test('gradcheck: two steps of GeneralLinearStepper in u0 and a tensor coefficient', () => {
  const u0 = sines(1, 8, 2 * Math.PI, [[{ k: [1], amp: 1, phase: 0.3 }, { k: [2], amp: 0.4, phase: 1.1 }]]);
  checkGrad((u: Tensor, a1: Tensor, a0: Tensor) => {
    const s = new GeneralLinearStepper(1, 2 * Math.PI, 8, 0.1, { linearCoefficients: [a0, a1, 0.05] });
    return s.step(s.step(u));
  }, [u0, tensor(-0.7), tensor(-0.2)], 'linear');
});

test('gradcheck: GeneralNonlinearStepper in u0, a linear and a nonlinear tensor coefficient; DifficultyGradientNormStepper in delta_2', () => {
  const u0 = sines(1, 12, 2 * Math.PI, [[{ k: [1], amp: 0.8, phase: 0.3 }, { k: [2], amp: 0.4, phase: 1.1 }, { k: [3], amp: 0.2, phase: 2 }]]);
  checkGrad((u: Tensor, nu: Tensor, b1: Tensor) => {
    const s = new GeneralNonlinearStepper(1, 2 * Math.PI, 12, 0.05, { linearCoefficients: [0, 0, nu], nonlinearCoefficients: [0.2, b1, -0.3] });
    return s.step(u);
  }, [u0, tensor(0.05), tensor(-1)], 'nonlinear');
  const v0 = sines(1, 12, 1, [[{ k: [1], amp: 0.5, phase: 0.3 }, { k: [2], amp: 0.3, phase: 1.1 }]]);
  checkGrad((u: Tensor, delta: Tensor) => sum(mul(new DifficultyGradientNormStepper(1, 12, { gradientNormDifficulty: delta }).step(u), u)), [v0, tensor(0.2)], 'difficulty');
});

// ---- argument checks --------------------------------------------------------------------

test('bad input: typed errors naming the argument', () => {
  const bad = (f: () => unknown, cls: new (...args: never[]) => Error, fn: string, arg: string) => throwsTyped(f, cls, fn, arg);
  bad(() => new GeneralLinearStepper(1, 1, 16, 0.1, { linearCoefficients: 'abc' as never }), ArgumentError, 'GeneralLinearStepper', 'linearCoefficients');
  bad(() => new GeneralLinearStepper(1, 1, 16, 0.1, { linearCoefficients: [0, 'x' as never] }), ArgumentError, 'GeneralLinearStepper', 'linearCoefficients[1]');
  bad(() => new GeneralLinearStepper(1, 1, 16, 0.1, { linearCoefficients: [0, Number.NaN] }), ArgumentError, 'GeneralLinearStepper', 'linearCoefficients[1]');
  bad(() => new GeneralLinearStepper(1, 1, 16, 0.1, { linearCoefficients: [] }), ArgumentError, 'GeneralLinearStepper', 'linearCoefficients');
  bad(() => new GeneralLinearStepper(1, 1, 16, 0.1, { linearCoefficients: [0, tensor([1, 2])] }), ShapeError, 'GeneralLinearStepper', 'linearCoefficients[1]');
  bad(() => new GeneralLinearStepper(1, 1, 16, 0.1, { linearCoefficients: [tensor(1, { dtype: 'int32' })] }), DTypeError, 'GeneralLinearStepper', 'linearCoefficients[0]');
  bad(() => new GeneralLinearStepper(4, 1, 16, 0.1), ArgumentError, 'GeneralLinearStepper', 'numSpatialDims');
  bad(() => new NormalizedLinearStepper(1, 16, { normalizedLinearCoefficients: 5 as never }), ArgumentError, 'NormalizedLinearStepper', 'normalizedLinearCoefficients');
  bad(() => new NormalizedLinearStepper(1, 0), ArgumentError, 'NormalizedLinearStepper', 'numPoints');
  bad(() => new DifficultyLinearStepper(1, 16, { linearDifficulties: {} as never }), ArgumentError, 'DifficultyLinearStepper', 'linearDifficulties');
  bad(() => new DifficultyLinearStepper(1, 2.5), ArgumentError, 'DifficultyLinearStepper', 'numPoints');
  bad(() => new DifficultyLinearStepperSimple(1, 16, { order: 1.5 }), ArgumentError, 'DifficultyLinearStepperSimple', 'order');
  bad(() => new DifficultyLinearStepperSimple(1, 16, { difficulty: 'x' as never }), ArgumentError, 'DifficultyLinearStepperSimple', 'difficulty');
  bad(() => new GeneralNonlinearStepper(1, 1, 16, 0.1, { nonlinearCoefficients: [0, -1] as never }), ArgumentError, 'GeneralNonlinearStepper', 'nonlinearCoefficients');
  bad(() => new NormalizedNonlinearStepper(1, 16, { normalizedNonlinearCoefficients: [0, 'a', 0] as never }), ArgumentError, 'NormalizedNonlinearStepper', 'normalizedNonlinearCoefficients[1]');
  bad(() => new DifficultyNonlinearStepper(1, 16, { nonlinearDifficulties: [1, 2, 3, 4] as never }), ArgumentError, 'DifficultyNonlinearStepper', 'nonlinearDifficulties');
  bad(() => new GeneralNonlinearFun(1, 16, buildDerivativeOperator(1, 1, 16), { scaleList: [1] as never }), ArgumentError, 'GeneralNonlinearFun', 'scaleList');
  bad(() => new GeneralPolynomialStepper(1, 1, 16, 0.1, { polynomialCoefficients: 3 as never }), ArgumentError, 'GeneralPolynomialStepper', 'polynomialCoefficients');
  bad(() => new DifficultyPolynomialStepper(1, 16, { polynomialDifficulties: [null] as never }), ArgumentError, 'DifficultyPolynomialStepper', 'polynomialDifficulties[0]');
  bad(() => new GeneralConvectionStepper(2, 1, 16, 0.1, { singleChannel: 'yes' as never }), ArgumentError, 'GeneralConvectionStepper', 'singleChannel');
  bad(() => new GeneralConvectionStepper(2, 1, 16, 0.1, { convectionScale: [1] as never }), ArgumentError, 'GeneralConvectionStepper', 'convectionScale');
  bad(() => new DifficultyConvectionStepper(1, 16, { maximumAbsolute: 0 }), ArgumentError, 'DifficultyConvectionStepper', 'maximumAbsolute');
  bad(() => new DifficultyGradientNormStepper(1, 16, { gradientNormDifficulty: Number.POSITIVE_INFINITY }), ArgumentError, 'DifficultyGradientNormStepper', 'gradientNormDifficulty');
  bad(() => new GeneralGradientNormStepper(1, -1, 16, 0.1), ArgumentError, 'GeneralGradientNormStepper', 'domainExtent');
  // Multi-channel convection needs D channels.
  const conv = new GeneralConvectionStepper(2, 1, 8, 0.1);
  const oneChannel = sines(2, 8, 1, [MODES_2D_A]);
  bad(() => conv.step(oneChannel), ShapeError, 'GeneralConvectionStepper.step', 'u');
  bad(() => conv.nonlinearFun!.apply(spectralFft(oneChannel, 2)), ArgumentError, 'ConvectionNonlinearFun', 'uHat');
  bad(() => new DifficultyConvectionStepper(3, 8).step(sines(3, 8, 1, [[], []])), ShapeError, 'DifficultyConvectionStepper.step', 'u');
  // Vorticity convection is 2-D, and a forced mode must exist on the grid.
  bad(() => new GeneralVorticityConvectionStepper(3, 1, 8, 0.1), ArgumentError, 'GeneralVorticityConvectionStepper', 'numSpatialDims');
  bad(() => new GeneralVorticityConvectionStepper(2, 1, 8, 0.1, { injectionScale: 1, injectionMode: 9 }), ArgumentError, 'GeneralVorticityConvectionStepper', 'injectionMode');
  bad(() => new GeneralVorticityConvectionStepper(2, 1, 8, 0.1, { injectionMode: -1 }), ArgumentError, 'GeneralVorticityConvectionStepper', 'injectionMode');
  // Conversions.
  bad(() => normalizeCoefficients([1], { domainExtent: 0, dt: 1 }), ArgumentError, 'normalizeCoefficients', 'domainExtent');
  bad(() => denormalizeCoefficients([1], { domainExtent: 1, dt: 0 }), ArgumentError, 'denormalizeCoefficients', 'dt');
  bad(() => normalizeCoefficients('1' as never, { domainExtent: 1, dt: 1 }), ArgumentError, 'normalizeCoefficients', 'coefficients');
  bad(() => normalizeConvectionScale('x' as never, { domainExtent: 1, dt: 1 }), ArgumentError, 'normalizeConvectionScale', 'convectionScale');
  bad(() => normalizePolynomialScales([1], { dt: Number.NaN }), ArgumentError, 'normalizePolynomialScales', 'dt');
  bad(() => reduceNormalizedCoefficientsToDifficulty([1], { numSpatialDims: 4, numPoints: 10 }), ArgumentError, 'reduceNormalizedCoefficientsToDifficulty', 'numSpatialDims');
  bad(() => extractNormalizedConvectionScaleFromDifficulty(1, { numSpatialDims: 1, numPoints: 10, maximumAbsolute: -1 }), ArgumentError, 'extractNormalizedConvectionScaleFromDifficulty', 'maximumAbsolute');
  bad(() => extractNormalizedNonlinearScalesFromDifficulty([1, 2] as never, { numSpatialDims: 1, numPoints: 10, maximumAbsolute: 1 }), ArgumentError, 'extractNormalizedNonlinearScalesFromDifficulty', 'nonlinearDifficulties');
});

test.run();
