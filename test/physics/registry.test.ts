/**
 * The stepper registry: every Exponax stepper name builds the right class from snake_case
 * or camelCase parameters, exposes its physical coefficients (the command line's `--wrt`
 * reads them), and misuse is rejected with errors naming the stepper and the argument.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ArgumentError, Burgers, GrayScott, KuramotoSivashinsky, Stepper, createStepper, findStepper, random, randomNormal, stepperNames, tensor } from '../../src/index.js';
import { throwsTyped } from '../helpers/checks.js';

/** Flags and numerical options, which a stepper need not keep as fields. */
const NOT_COEFFICIENTS = new Set(['singleChannel', 'conservative', 'dealiasingFraction', 'advectOnDiffusion', 'diffuseOnDiffuse', 'advectOverDiffuse', 'diffuseOverDiffuse', 'order']);

function gridFor(name: string) {
  const e = findStepper(name);
  const D = /Vorticity/.test(name) ? 2 : /Velocity/.test(name) ? 3 : 1;
  const N = D === 3 ? 12 : 16;
  return e.kind === 'physical' ? { numSpatialDims: D, numPoints: N, domainExtent: 1, dt: 0.01 } : { numSpatialDims: D, numPoints: N };
}

test('the catalogue holds every Exponax stepper, physical, reaction and generic', () => {
  const names = stepperNames();
  for (const n of [
    'Advection', 'Diffusion', 'AdvectionDiffusion', 'Dispersion', 'HyperDiffusion', 'Wave', 'Burgers', 'KortewegDeVries',
    'KuramotoSivashinsky', 'KuramotoSivashinskyConservative', 'NavierStokesVorticity', 'KolmogorovFlowVorticity',
    'NavierStokesVelocity', 'KolmogorovFlowVelocity', 'reaction.FisherKPP', 'reaction.AllenCahn', 'reaction.CahnHilliard',
    'reaction.GrayScott', 'reaction.SwiftHohenberg', 'generic.DiffultyLinearStepperSimple',
  ]) assert.ok(names.includes(n), n);
  for (const family of ['Linear', 'Convection', 'GradientNorm', 'Nonlinear', 'Polynomial']) {
    for (const kind of ['General', 'Normalized', 'Difficulty']) assert.ok(names.includes(`generic.${kind}${family}Stepper`), `${kind}${family}`);
  }
  assert.ok(names.includes('generic.GeneralVorticityConvectionStepper'));
  // Module paths and an exponax. prefix may be left out or given.
  assert.is(findStepper('GrayScott').name, 'reaction.GrayScott');
  assert.is(findStepper('exponax.stepper.reaction.GrayScott').name, 'reaction.GrayScott');
  assert.is(findStepper('exponax.Burgers').name, 'Burgers');
});

test('every registered stepper builds with its defaults, steps a state, and keeps its coefficients as fields', () => {
  for (const name of stepperNames()) {
    const grid = gridFor(name);
    const s = createStepper(name, grid);
    assert.ok(s instanceof Stepper, name);
    const shape = [s.numChannels, ...new Array<number>(grid.numSpatialDims).fill(grid.numPoints)];
    const u = randomNormal(random.key(1), shape).mul(0.1);
    const v = s.step(u);
    assert.equal(v.shape, shape, name);
    assert.ok(Array.from(v.toTypedArray() as Float64Array).every(Number.isFinite), `${name} finite`);
    for (const p of findStepper(name).params) {
      if (!NOT_COEFFICIENTS.has(p)) assert.ok(p in s, `${name} keeps ${p}`);
    }
  }
});

test('snake_case and camelCase parameters give the same stepper as the constructor', () => {
  const u = randomNormal(random.key(2), [1, 32]);
  const direct = new Burgers(1, 2, 32, 0.01, { diffusivity: 0.05, convectionScale: 2, order: 3 });
  for (const params of [{ diffusivity: 0.05, convection_scale: 2, order: 3 }, { diffusivity: 0.05, convectionScale: 2, order: 3 }]) {
    const s = createStepper('Burgers', { numSpatialDims: 1, domainExtent: 2, numPoints: 32, dt: 0.01 }, params) as Burgers;
    assert.is(s.convectionScale, 2);
    assert.equal(s.step(u).toArray(), direct.step(u).toArray());
  }
  const gs = createStepper('GrayScott', { numSpatialDims: 1, domainExtent: 1, numPoints: 16, dt: 1 }, { feed_rate: 0.03, kill_rate: tensor(0.05) }, { dtype: 'float32' }) as GrayScott;
  assert.is(gs.feedRate, 0.03);
  assert.is(gs.dtype, 'float32');
  const ks = createStepper('KuramotoSivashinsky', { numSpatialDims: 1, domainExtent: 60, numPoints: 32, dt: 0.1 }, { second_order_scale: 0.5 }) as KuramotoSivashinsky;
  assert.is(ks.secondOrderScale, 0.5);
  assert.is(ks.gradientNormScale, 1);
});

test('registry errors name the stepper and the argument', () => {
  const g1 = { numSpatialDims: 1, numPoints: 16 };
  throwsTyped(() => findStepper('Burger'), ArgumentError, 'findStepper', 'name');
  throwsTyped(() => createStepper('Burgers', g1), ArgumentError, 'Burgers', 'domainExtent');
  throwsTyped(() => createStepper('Burgers', { ...g1, domainExtent: 1 }), ArgumentError, 'Burgers', 'dt');
  throwsTyped(() => createStepper('generic.DifficultyLinearStepper', { ...g1, dt: 0.1 }), ArgumentError, 'generic.DifficultyLinearStepper', 'dt');
  throwsTyped(() => createStepper('Burgers', { ...g1, domainExtent: 1, dt: 0.1 }, { viscosity: 1 }), ArgumentError, 'Burgers', 'viscosity');
  // Exact (linear) steppers have no ETDRK order to choose.
  throwsTyped(() => createStepper('Advection', { ...g1, domainExtent: 1, dt: 0.1 }, { order: 2 }), ArgumentError, 'Advection', 'order');
  throwsTyped(() => createStepper('Burgers', { ...g1, domainExtent: 1, dt: 0.1 }, [1] as unknown as Record<string, unknown>), ArgumentError, 'Burgers', 'params');
  // The single-term linear stepper's `order` is the derivative order, which it accepts.
  const s = createStepper('generic.DiffultyLinearStepperSimple', g1, { difficulty: -1, order: 2 });
  assert.ok(s instanceof Stepper);
});

test.run();
