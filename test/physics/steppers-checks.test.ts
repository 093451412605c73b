/**
 * The concrete steppers: a leading batch axis, float32 against float64, the ETDRK
 * convergence orders, float64 gradient checks and the typed errors of the constructors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Advection, AdvectionDiffusion, AllenCahn, ArgumentError, DTypeError, CahnHilliard, Diffusion, Dispersion, FisherKPP,
  type FloatDType, GrayScott, GrayScottNonlinearFun, HyperDiffusion, KolmogorovFlowVelocity, KolmogorovFlowVorticity,
  Burgers, KortewegDeVries, KuramotoSivashinsky, NavierStokesVelocity, NavierStokesVorticity, ProjectedConvection3d, ShapeError, type Stepper,
  SwiftHohenberg, type Tensor, VorticityConvection2d, VorticityConvection2dKolmogorov, Wave,
  CahnHilliardNonlinearFun, ConvectionNonlinearFun, GeneralNonlinearFun, GradientNormNonlinearFun,
  buildDerivativeOperator, mul, rfft, rfft2, rfftn, stack, sum, tensor, zeros,
} from '../../src/index.js';
import { checkGrad, throwsTyped } from '../helpers/checks.js';
import { TAU, field, fields, relErr, rollout, smooth } from './stepper-fields.js';

/** A stepper with two initial conditions `(C, N, ..., N)` of its state shape. */
interface Case {
  name: string;
  make: (dtype: FloatDType) => Stepper;
  ics: [Tensor, Tensor];
  steps: number;
}

/** One-channel-per-function initial conditions on the stepper's grid. */
function ic(D: number, N: number, L: number, C: number, seed: number, offset = 0, amplitude = 1): Tensor {
  return fields(D, N, L, Array.from({ length: C }, (_, c) => smooth(D, L, seed + 3 * c, offset, amplitude)));
}

const CASES: Case[] = [
  { name: 'Advection 2-D', make: (dtype) => new Advection(2, 1, 8, 0.1, { velocity: [0.3, -0.2], dtype }), ics: [ic(2, 8, 1, 1, 1), ic(2, 8, 1, 1, 2)], steps: 3 },
  { name: 'Diffusion 2-D matrix', make: (dtype) => new Diffusion(2, 1, 8, 0.1, { diffusivity: [[0.02, 0.005], [0.005, 0.01]], dtype }), ics: [ic(2, 8, 1, 1, 1), ic(2, 8, 1, 1, 2)], steps: 3 },
  { name: 'AdvectionDiffusion 1-D', make: (dtype) => new AdvectionDiffusion(1, 1, 16, 0.1, { dtype }), ics: [ic(1, 16, 1, 1, 1), ic(1, 16, 1, 1, 2)], steps: 3 },
  { name: 'Dispersion 2-D', make: (dtype) => new Dispersion(2, TAU, 8, 0.1, { dispersivity: [0.05, 0.02], advectOnDiffusion: true, dtype }), ics: [ic(2, 8, TAU, 1, 1), ic(2, 8, TAU, 1, 2)], steps: 3 },
  { name: 'HyperDiffusion 3-D', make: (dtype) => new HyperDiffusion(3, TAU, 8, 0.1, { hyperDiffusivity: 0.01, diffuseOnDiffuse: true, dtype }), ics: [ic(3, 8, TAU, 1, 1), ic(3, 8, TAU, 1, 2)], steps: 3 },
  { name: 'Wave 2-D', make: (dtype) => new Wave(2, 1, 8, 0.05, { dtype }), ics: [ic(2, 8, 1, 2, 1, 0.1), ic(2, 8, 1, 2, 2)], steps: 3 },
  { name: 'KortewegDeVries 1-D', make: (dtype) => new KortewegDeVries(1, 20, 32, 0.01, { dtype }), ics: [ic(1, 32, 20, 1, 1), ic(1, 32, 20, 1, 2)], steps: 3 },
  { name: 'KortewegDeVries 2-D', make: (dtype) => new KortewegDeVries(2, 20, 8, 0.01, { dtype }), ics: [ic(2, 8, 20, 2, 1, 0, 0.5), ic(2, 8, 20, 2, 2, 0, 0.5)], steps: 3 },
  { name: 'NavierStokesVorticity', make: (dtype) => new NavierStokesVorticity(2, 1, 16, 0.01, { diffusivity: 1e-3, dtype }), ics: [ic(2, 16, 1, 1, 1), ic(2, 16, 1, 1, 2, 0.3)], steps: 3 },
  { name: 'KolmogorovFlowVorticity', make: (dtype) => new KolmogorovFlowVorticity(2, TAU, 16, 0.01, { diffusivity: 0.01, dtype }), ics: [ic(2, 16, TAU, 1, 1), ic(2, 16, TAU, 1, 2)], steps: 3 },
  { name: 'NavierStokesVelocity', make: (dtype) => new NavierStokesVelocity(3, TAU, 8, 0.02, { dtype }), ics: [ic(3, 8, TAU, 3, 1, 0, 0.5), ic(3, 8, TAU, 3, 2, 0, 0.5)], steps: 2 },
  { name: 'KolmogorovFlowVelocity', make: (dtype) => new KolmogorovFlowVelocity(3, TAU, 8, 0.02, { injectionMode: 2, dtype }), ics: [ic(3, 8, TAU, 3, 1, 0, 0.5), ic(3, 8, TAU, 3, 2, 0, 0.5)], steps: 2 },
  { name: 'FisherKPP 2-D', make: (dtype) => new FisherKPP(2, 1, 8, 0.1, { dtype }), ics: [ic(2, 8, 1, 1, 1, 0.5, 0.2), ic(2, 8, 1, 1, 2, 0.4, 0.2)], steps: 3 },
  { name: 'AllenCahn 1-D', make: (dtype) => new AllenCahn(1, 1, 16, 0.05, { dtype }), ics: [ic(1, 16, 1, 1, 1, 0, 0.5), ic(1, 16, 1, 1, 2, 0, 0.5)], steps: 3 },
  { name: 'CahnHilliard 2-D', make: (dtype) => new CahnHilliard(2, 1, 16, 1e-3, { dtype }), ics: [ic(2, 16, 1, 1, 1, 0.1, 0.3), ic(2, 16, 1, 1, 2, 0, 0.3)], steps: 3 },
  { name: 'SwiftHohenberg 2-D', make: (dtype) => new SwiftHohenberg(2, 20, 16, 0.1, { dtype }), ics: [ic(2, 16, 20, 1, 1, 0, 0.3), ic(2, 16, 20, 1, 2, 0, 0.3)], steps: 3 },
  { name: 'GrayScott 1-D', make: (dtype) => new GrayScott(1, 1, 16, 1, { diffusivity1: 1e-3, diffusivity2: 5e-4, dtype }), ics: [ic(1, 16, 1, 2, 1, 0.5, 0.2), ic(1, 16, 1, 2, 2, 0.4, 0.2)], steps: 3 },
];

test('every stepper takes a leading batch axis (B, C, N, ..., N) and treats the samples independently', () => {
  for (const c of CASES) {
    const s = c.make('float64');
    const batched = rollout(s, stack(c.ics), c.steps);
    assert.equal(batched.shape, [2, ...s.stateShape], c.name);
    c.ics.forEach((u0, b) => {
      const e = relErr(batched.slice(b), rollout(s, u0, c.steps));
      assert.ok(e < 1e-13, `${c.name}, sample ${b}: ${e}`);
    });
  }
});

test('float32 runs agree with float64 to about 1e-4 relative over a few steps', () => {
  for (const c of CASES) {
    const want = rollout(c.make('float64'), c.ics[0], c.steps);
    const got = rollout(c.make('float32'), c.ics[0].cast('float32'), c.steps);
    assert.is(got.dtype, 'float32', c.name);
    const e = relErr(got, want);
    assert.ok(e < 1e-4, `${c.name}: float32 relative error ${e}`);
    assert.ok(e > 0, `${c.name}: float32 identical to float64?`);
  }
});

test('ETDRK orders 1-4 converge at their orders on Allen-Cahn (float64)', () => {
  const L = 1;
  const N = 32;
  const T = 0.5;
  const u0 = field(1, N, L, (x) => 0.2 + 0.6 * Math.sin(TAU * x[0]!) + 0.3 * Math.cos(2 * TAU * x[0]! + 0.4));
  const run = (order: number, steps: number): Tensor =>
    rollout(new AllenCahn(1, L, N, T / steps, { order, diffusivity: 0.01, firstOrderCoefficient: 5, thirdOrderCoefficient: -5 }), u0, steps);
  const reference = run(4, 512);
  for (const order of [1, 2, 3, 4]) {
    const coarse = relErr(run(order, 32), reference);
    const fine = relErr(run(order, 64), reference);
    const rate = Math.log2(coarse / fine);
    assert.ok(Math.abs(rate - order) < 0.35, `order ${order}: errors ${coarse}, ${fine}, observed rate ${rate}`);
  }
});

// ---------------------------------------------------------------------------------------
// Gradients (float64 gradcheck of a short rollout loss; forward mode checked too)

/** `u -> sum(w * rollout(u))` with a fixed weight w of the state's shape. */
function lossOf(stepper: Stepper, steps: number): (u: Tensor) => Tensor {
  const D = stepper.numSpatialDims;
  const L = stepper.domainExtent;
  const N = stepper.numPoints;
  const w = fields(D, N, L, Array.from({ length: stepper.numChannels }, (_, c) => (x: number[]) => Math.cos((TAU * x[0]!) / L + c) + 0.5));
  return (u) => sum(mul(w, rollout(stepper, u, steps)));
}

test('gradients with respect to the initial state: Advection, Diffusion, KdV, NS vorticity, Gray-Scott, Wave', () => {
  checkGrad(lossOf(new Advection(2, 1, 8, 0.1, { velocity: [0.3, -0.2] }), 2), [ic(2, 8, 1, 1, 1)], 'Advection');
  checkGrad(lossOf(new Diffusion(1, 1, 16, 0.1, { diffusivity: 0.02 }), 3), [ic(1, 16, 1, 1, 1)], 'Diffusion');
  checkGrad(lossOf(new KortewegDeVries(1, 10, 16, 0.01), 2), [ic(1, 16, 10, 1, 1)], 'KdV');
  checkGrad(lossOf(new NavierStokesVorticity(2, 1, 8, 0.01), 2), [ic(2, 8, 1, 1, 1)], 'NS vorticity');
  checkGrad(lossOf(new GrayScott(1, 1, 8, 0.5, { diffusivity1: 1e-3, diffusivity2: 5e-4 }), 2), [ic(1, 8, 1, 2, 1, 0.4, 0.3)], 'Gray-Scott');
  checkGrad(lossOf(new Wave(1, 1, 8, 0.05), 2), [ic(1, 8, 1, 2, 1, 0.1)], 'Wave');
});

test('gradients with respect to coefficients: a velocity vector, scalar and matrix diffusivities, a feed rate, a viscosity', () => {
  const u1 = ic(1, 16, 1, 1, 1);
  const u2 = ic(2, 8, 1, 1, 2);
  checkGrad((c) => lossOf(new Advection(2, 1, 8, 0.1, { velocity: c }), 2)(u2), [tensor([0.3, -0.2])], 'velocity');
  checkGrad((nu) => lossOf(new Diffusion(1, 1, 16, 0.1, { diffusivity: nu }), 3)(u1), [tensor(0.02)], 'scalar diffusivity');
  checkGrad((A) => lossOf(new Diffusion(2, 1, 8, 0.1, { diffusivity: A }), 2)(u2), [tensor([[0.02, 0.005], [0.004, 0.01]])], 'matrix diffusivity');
  checkGrad((d) => lossOf(new Diffusion(2, 1, 8, 0.1, { diffusivity: d }), 2)(u2), [tensor([0.02, 0.01])], 'per-axis diffusivity');
  const gs = ic(1, 8, 1, 2, 1, 0.4, 0.3);
  checkGrad((f) => lossOf(new GrayScott(1, 1, 8, 0.5, { diffusivity1: 1e-3, diffusivity2: 5e-4, feedRate: f }), 2)(gs), [tensor(0.04)], 'feed rate');
  checkGrad((nu) => lossOf(new NavierStokesVorticity(2, 1, 8, 0.01, { diffusivity: nu }), 2)(u2), [tensor(0.01)], 'NS viscosity');
  checkGrad((c) => lossOf(new Wave(1, 1, 8, 0.05, { speedOfSound: c }), 2)(ic(1, 8, 1, 2, 1, 0.1)), [tensor(0.9)], 'speed of sound');
});

// ---------------------------------------------------------------------------------------
// Typed errors

test('constructors reject bad arguments with typed errors naming them', () => {
  // Discretisation, shared by all.
  throwsTyped(() => new Advection(4, 1, 8, 0.1), ArgumentError, 'Advection', 'numSpatialDims');
  throwsTyped(() => new Diffusion(1, -1, 8, 0.1), ArgumentError, 'Diffusion', 'domainExtent');
  throwsTyped(() => new Wave(1, 1, 0, 0.1), ArgumentError, 'Wave', 'numPoints');
  throwsTyped(() => new GrayScott(1, 1, 8, Number.NaN), ArgumentError, 'GrayScott', 'dt');
  throwsTyped(() => new Advection(1, 1, 8, 0.1, { dtype: 'int32' as FloatDType }), DTypeError, 'Advection', 'dtype');
  // Vectors and matrices.
  throwsTyped(() => new Advection(2, 1, 8, 0.1, { velocity: [1, 2, 3] }), ShapeError, 'Advection', 'velocity');
  throwsTyped(() => new Advection(2, 1, 8, 0.1, { velocity: tensor([[1, 2], [3, 4]]) }), ShapeError, 'Advection', 'velocity');
  throwsTyped(() => new Advection(1, 1, 8, 0.1, { velocity: Number.NaN }), ArgumentError, 'Advection', 'velocity');
  throwsTyped(() => new Diffusion(2, 1, 8, 0.1, { diffusivity: [[1, 0, 0], [0, 1, 0]] }), ShapeError, 'Diffusion', 'diffusivity');
  throwsTyped(() => new Diffusion(3, 1, 8, 0.1, { diffusivity: tensor([[1, 0], [0, 1]]) }), ShapeError, 'Diffusion', 'diffusivity');
  throwsTyped(() => new Diffusion(2, 1, 8, 0.1, { diffusivity: '0.1' as unknown as number }), ArgumentError, 'Diffusion', 'diffusivity');
  throwsTyped(() => new AdvectionDiffusion(3, 1, 8, 0.1, { velocity: [1, 2] }), ShapeError, 'AdvectionDiffusion', 'velocity');
  throwsTyped(() => new AdvectionDiffusion(1, 1, 8, 0.1, { diffusivity: [0.1, 0.2] }), ShapeError, 'AdvectionDiffusion', 'diffusivity');
  throwsTyped(() => new Dispersion(2, 1, 8, 0.1, { dispersivity: [1] }), ShapeError, 'Dispersion', 'dispersivity');
  throwsTyped(() => new Dispersion(2, 1, 8, 0.1, { advectOnDiffusion: 1 as unknown as boolean }), ArgumentError, 'Dispersion', 'advectOnDiffusion');
  throwsTyped(() => new HyperDiffusion(1, 1, 8, 0.1, { hyperDiffusivity: Number.POSITIVE_INFINITY }), ArgumentError, 'HyperDiffusion', 'hyperDiffusivity');
  throwsTyped(() => new HyperDiffusion(1, 1, 8, 0.1, { diffuseOnDiffuse: 'yes' as unknown as boolean }), ArgumentError, 'HyperDiffusion', 'diffuseOnDiffuse');
  throwsTyped(() => new Wave(1, 1, 8, 0.1, { speedOfSound: 'fast' as unknown as number }), ArgumentError, 'Wave', 'speedOfSound');
  throwsTyped(() => new Wave(1, 1, 8, 0.1, { speedOfSound: 0 }), ArgumentError, 'Wave', 'speedOfSound');
  throwsTyped(() => new KortewegDeVries(1, 1, 8, 0.1, { dispersivity: Number.NaN }), ArgumentError, 'KortewegDeVries', 'dispersivity');
  throwsTyped(() => new KortewegDeVries(1, 1, 8, 0.1, { singleChannel: 0 as unknown as boolean }), ArgumentError, 'KortewegDeVries', 'singleChannel');
  // Dimensions of the Navier-Stokes forms, injection modes.
  throwsTyped(() => new NavierStokesVorticity(3, 1, 8, 0.1), ArgumentError, 'NavierStokesVorticity', 'numSpatialDims');
  throwsTyped(() => new KolmogorovFlowVorticity(1, 1, 8, 0.1), ArgumentError, 'KolmogorovFlowVorticity', 'numSpatialDims');
  throwsTyped(() => new KolmogorovFlowVorticity(2, 1, 8, 0.1, { injectionMode: 2.5 }), ArgumentError, 'KolmogorovFlowVorticity', 'injectionMode');
  throwsTyped(() => new KolmogorovFlowVorticity(2, 1, 8, 0.1, { injectionMode: 5 }), ArgumentError, 'KolmogorovFlowVorticity', 'injectionMode');
  throwsTyped(() => new NavierStokesVelocity(2, 1, 8, 0.1), ArgumentError, 'NavierStokesVelocity', 'numSpatialDims');
  throwsTyped(() => new KolmogorovFlowVelocity(3, 1, 8, 0.1, { injectionMode: 4 }), ArgumentError, 'KolmogorovFlowVelocity', 'injectionMode');
  throwsTyped(() => new NavierStokesVorticity(2, 1, 8, 0.1, { drag: Number.NaN }), ArgumentError, 'NavierStokesVorticity', 'drag');
  // Reaction-diffusion coefficients.
  throwsTyped(() => new FisherKPP(1, 1, 8, 0.1, { reactivity: Number.NaN }), ArgumentError, 'FisherKPP', 'reactivity');
  throwsTyped(() => new AllenCahn(1, 1, 8, 0.1, { thirdOrderCoefficient: 'x' as unknown as number }), ArgumentError, 'AllenCahn', 'thirdOrderCoefficient');
  throwsTyped(() => new CahnHilliard(1, 1, 8, 0.1, { gamma: Number.NEGATIVE_INFINITY }), ArgumentError, 'CahnHilliard', 'gamma');
  throwsTyped(() => new SwiftHohenberg(1, 1, 8, 0.1, { polynomialCoefficients: [0, Number.NaN] }), ArgumentError, 'SwiftHohenberg', 'polynomialCoefficients[1]');
  throwsTyped(() => new SwiftHohenberg(1, 1, 8, 0.1, { polynomialCoefficients: 3 as unknown as number[] }), ArgumentError, 'SwiftHohenberg', 'polynomialCoefficients');
  throwsTyped(() => new GrayScott(1, 1, 8, 0.1, { feedRate: [0.04] as unknown as number }), ArgumentError, 'GrayScott', 'feedRate');
});

test('the nonlinear terms check their dimension and channels', () => {
  throwsTyped(() => new VorticityConvection2d(3, 8, buildDerivativeOperator(3, 1, 8)), ArgumentError, 'VorticityConvection2d', 'numSpatialDims');
  throwsTyped(() => new VorticityConvection2dKolmogorov(2, 8, buildDerivativeOperator(2, 1, 8), { injectionMode: -1 }), ArgumentError, 'VorticityConvection2dKolmogorov', 'injectionMode');
  throwsTyped(() => new ProjectedConvection3d(2, 8, buildDerivativeOperator(2, 1, 8)), ArgumentError, 'ProjectedConvection3d', 'numSpatialDims');
  const gs = new GrayScottNonlinearFun(1, 8, { feedRate: 0.04, killRate: 0.06 });
  throwsTyped(() => gs.apply(zeros([3, 5], { dtype: 'complex128' })), ArgumentError, 'GrayScottNonlinearFun', 'uHat');
  throwsTyped(() => new Wave(1, 1, 8, 0.1, { dtype: 'bool' as FloatDType }), DTypeError, 'Wave', 'dtype');
});

test('step rejects a state of the wrong shape, naming the stepper and u', () => {
  throwsTyped(() => new Wave(1, 1, 8, 0.1).step(field(1, 8, 1, () => 0)), ShapeError, 'Wave.step', 'u');
  throwsTyped(() => new GrayScott(2, 1, 8, 0.1).step(tensor([1, 2, 3])), ShapeError, 'GrayScott.step', 'u');
  throwsTyped(() => new NavierStokesVelocity(3, 1, 8, 0.1).step(stack([field(3, 8, 1, () => 0)])), ShapeError, 'NavierStokesVelocity.step', 'u');
});


test('dealiasingFraction: null switches dealiasing off, undefined keeps the default', () => {
  // Rough (all modes present), so that the aliased modes of u^2 matter.
  const u = tensor([Array.from({ length: 32 }, (_, j) => Math.sin(j * j))]);
  const aliased = new Burgers(1, TAU, 32, 0.05, { dealiasingFraction: null });
  const dealiased = new Burgers(1, TAU, 32, 0.05, { dealiasingFraction: undefined });
  assert.is(aliased.nonlinearFun?.dealiasingMask, null);
  assert.ok(dealiased.nonlinearFun?.dealiasingMask !== null);
  assert.ok(relErr(aliased.step(u), dealiased.step(u)) > 1e-8);
  assert.ok(relErr(dealiased.step(u), new Burgers(1, TAU, 32, 0.05).step(u)) === 0);
  throwsTyped(() => new Burgers(1, TAU, 32, 0.05, { dealiasingFraction: 1.5 }), ArgumentError, 'Burgers', 'dealiasingFraction');
});

test('a float64 tensor coefficient keeps a float32 stepper in float32, and a coefficient must be a real scalar', () => {
  const u = ic(1, 32, TAU, 1, 5).cast('float32');
  for (const s of [
    new Burgers(1, TAU, 32, 0.05, { diffusivity: tensor(0.1), convectionScale: tensor(1), dtype: 'float32' }),
    new KuramotoSivashinsky(1, TAU, 32, 0.05, { secondOrderScale: tensor(1), dtype: 'float32' }),
    new NavierStokesVorticity(2, 1, 8, 0.01, { diffusivity: tensor(1e-3), dtype: 'float32' }),
  ]) {
    const state = s.numSpatialDims === 2 ? ic(2, 8, 1, 1, 1).cast('float32') : u;
    assert.is(s.step(state).dtype, 'float32', s.constructor.name);
  }
  throwsTyped(() => new Burgers(1, TAU, 32, 0.05, { diffusivity: tensor([0.1, 0.2]) }), ShapeError, 'Burgers', 'diffusivity');
  throwsTyped(() => new Burgers(1, TAU, 32, 0.05, { diffusivity: tensor(1, { dtype: 'int32' }) }), DTypeError, 'Burgers', 'diffusivity');
});

test('nonlinear terms built from a complex64 derivative operator stay in complex64 without a dtype option', () => {
  const d1 = buildDerivativeOperator(1, TAU, 16, { dtype: 'float32' });
  const d2 = buildDerivativeOperator(2, TAU, 8, { dtype: 'float32' });
  const d3 = buildDerivativeOperator(3, TAU, 8, { dtype: 'float32' });
  const terms: [string, { apply(u: Tensor): Tensor }, Tensor][] = [
    ['convection', new ConvectionNonlinearFun(1, 16, d1), rfft(ic(1, 16, TAU, 1, 1).cast('float32'))],
    ['gradient norm', new GradientNormNonlinearFun(1, 16, d1), rfft(ic(1, 16, TAU, 1, 1).cast('float32'))],
    ['general', new GeneralNonlinearFun(1, 16, d1), rfft(ic(1, 16, TAU, 1, 1).cast('float32'))],
    ['Cahn-Hilliard', new CahnHilliardNonlinearFun(1, 16, d1, { scale: 1 }), rfft(ic(1, 16, TAU, 1, 1).cast('float32'))],
    ['vorticity', new VorticityConvection2d(2, 8, d2), rfft2(ic(2, 8, TAU, 1, 1).cast('float32'))],
    ['projected', new ProjectedConvection3d(3, 8, d3), rfftn(ic(3, 8, TAU, 3, 1).cast('float32'), undefined, [-3, -2, -1])],
  ];
  for (const [name, term, uHat] of terms) {
    assert.is(uHat.dtype, 'complex64');
    assert.is(term.apply(uHat).dtype, 'complex64', name);
  }
});

test.run();
