/**
 * PRDP end to end on short runs: refinable solves read K at every call and count their
 * cost (implicit and unrolled); the Poisson inverse problem refines and its parameter
 * error falls; heat emulators train (loss falls) with PRDP and constant K; reports and
 * charts are well formed; a tiny sweep computes its savings consistently.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, CostMeter, PrdpController, RefinableSolve, type RunReport, costToReach, cumulative, grad, heatOperator,
  linearSolve, randomNormal, random, runChart, runHeat, runPoisson, runSweep, sum, square, sweepChart,
} from '../../src/index.js';
import { assertClose } from '../helpers/assert-close.js';
import { isBrowser } from '../helpers/env.js';
import { throwsTyped } from '../helpers/checks.js';

function wellFormed(r: RunReport, epochs: number): void {
  for (const key of ['K', 'validation', 'loss', 'innerIterationsPerEpoch'] as const) assert.is(r[key].length, epochs, key);
  assert.ok(r.validation.every(Number.isFinite) && Number.isFinite(r.validation0));
  assert.is(r.innerIterations, r.innerIterationsPerEpoch.reduce((a, b) => a + b, 0));
  assert.is(r.innerIterations, r.cost.forwardIterations + r.cost.backwardIterations);
  assert.equal(r.final, { validation: r.validation.at(-1), K: r.K.at(-1) });
  const t = r.times;
  assert.ok(t.totalSeconds >= t.physicsForwardSeconds + t.physicsBackwardSeconds - 1e-9 && t.networkSeconds >= 0);
  assert.equal(JSON.parse(JSON.stringify(r)).K, r.K);
  const svg = runChart(r);
  assert.ok(svg.startsWith('<svg') && svg.includes('<polyline') && svg.trim().endsWith('</svg>'));
}

test('a refinable solve reads K at every call and accounts forward and backward iterations', () => {
  const A = heatOperator([12], { a: 0.5 });
  const b = randomNormal(random.key(3), [4, 12]);
  let k = 3;
  for (const adjoint of ['implicit', 'unrolled'] as const) {
    const meter = new CostMeter();
    const s = new RefinableSolve({ A, K: () => k, adjoint, meter, adjointK: (K) => 2 * K });
    k = 3;
    const g1 = grad((x: typeof b) => sum(square(s.solve(x))))(b);
    k = 5;
    s.solve(b);
    const c = meter.total;
    assert.is(c.forwardIterations, 3 + 5, adjoint);
    assert.is(c.backwardIterations, adjoint === 'implicit' ? 6 : 3, adjoint);
    // Timed; a browser's coarse clock may read a solve this small as 0 s, Node's does not.
    assert.ok([c.forwardSeconds, c.backwardSeconds].every((t) => Number.isFinite(t) && (isBrowser ? t >= 0 : t > 0)));
    // The same gradient as a direct linearSolve with those settings.
    const g2 = grad((x: typeof b) => sum(square(linearSolve(A, x, { method: 'jacobi', maxIter: 3, adjoint, adjointMaxIter: 6 }))))(b);
    assertClose(g1, g2, { rtol: 1e-14 });
  }
  const ctl = new PrdpController({ K0: 7 });
  assert.is(new RefinableSolve({ A, K: () => ctl.K }).K, 7);
  throwsTyped(() => new RefinableSolve({ A, K: 3 as unknown as () => number }), ArgumentError, 'RefinableSolve', 'options.K');
  throwsTyped(() => new RefinableSolve({ A, K: () => -1 }).solve(b), ArgumentError, 'RefinableSolve.solve', 'K');
});

test('Poisson inverse problem: PRDP refines from K0 = 25 and the parameter error falls', () => {
  const lines: string[] = [];
  const r = runPoisson({ iterations: 40, onProgress: (l) => lines.push(l) });
  wellFormed(r, 40);
  assert.is(r.K[0], 25);
  assert.ok(r.refinements.length >= 1 && r.K.at(-1)! > 25, `K ${r.K.at(-1)}`);
  assert.ok(r.refinements.every((d) => d.action === 'refine' && d.plateauRatio! > 0.92));
  assert.ok(r.final.validation < r.validation0 / 2 && r.validation.every((v, i) => i === 0 || v < r.validation[i - 1]!));
  assert.ok(lines.some((l) => l.includes('->')));
  // Constant K: every outer step costs K forward and K adjoint iterations.
  const c = runPoisson({ mode: 'constant', K: 30, iterations: 5, adjoint: 'unrolled' });
  assert.equal(c.innerIterationsPerEpoch, [60, 60, 60, 60, 60]);
  assert.equal(c.refinements, []);
  assert.is(costToReach(c, c.validation[2]!)!.innerIterations, 180);
  assert.is(costToReach(c, -1), null);
});

test('heat 1-D emulator: training lowers the loss, PRDP and constant K', () => {
  const small = { epochs: 6, trainSamples: 50, valSamples: 5, width: 16 };
  const p = runHeat(1, { ...small, controller: { emaWindow: null, lookBack: 1, tauStep: 0.5 } });
  wellFormed(p, 6);
  assert.ok(p.loss.at(-1)! < p.loss[0]!, `${p.loss}`);
  // With tau_step 0.5 every epoch improving by less than half is a plateau: K rises.
  assert.ok(p.K.at(-1)! > 1 && p.refinements.length > 0);
  assert.equal(p.settings.parameters, 30 * 16 + 16 + 2 * (16 * 16 + 16) + 16 * 30 + 30);
  const c = runHeat(1, { ...small, mode: 'constant', K: 4, adjoint: 'unrolled', seed: 2 });
  wellFormed(c, 6);
  assert.ok(c.K.every((k) => k === 4) && c.innerIterationsPerEpoch.every((n) => n === 2 * 2 * 4));
  throwsTyped(() => runHeat(1, { epochs: 0 }), ArgumentError, 'runHeat1d', 'epochs');
  throwsTyped(() => runHeat(3 as 1), ArgumentError, 'runHeat', 'dims');
});

test('heat 2-D emulator runs through the 2-D stencil (small width)', () => {
  const r = runHeat(2, { epochs: 2, trainSamples: 25, valSamples: 2, width: 8 });
  wellFormed(r, 2);
  assert.is(r.adjoint, 'unrolled');
  assert.equal(r.settings.points, [30, 30]);
  assert.is((r.controller!.options as { checkpoint0: number }).checkpoint0, r.validation0);
});

test('a tiny sweep: savings follow from the measured costs', () => {
  const s = runSweep('heat1d', { seeds: [1], Ks: [1, 3], epochs: 3, trainSamples: 25, valSamples: 3, width: 8 });
  assert.is(s.runs.length, 3);
  assert.is(s.Keps, 3);
  const eps = s.constant.at(-1)!;
  assertClose(s.savings.iterationsVsKeps, 1 - s.prdp.innerIterations.mean / eps.innerIterations);
  assertClose((1 - s.savings.progressiveRefinement) * (1 - s.savings.incompleteConvergence), 1 - s.savings.iterationsVsKeps, { rtol: 1e-12 });
  assert.equal(s.runs[0]!.curve.iterations, [0, ...cumulative([2, 2, 2])]);
  const svg = sweepChart(s);
  assert.ok(svg.includes('PRDP') && svg.includes('K = 3'));
  throwsTyped(() => runSweep('poisson' as 'heat1d'), ArgumentError, 'runSweep', 'experiment');
  throwsTyped(() => runSweep('heat1d', { seeds: [] }), ArgumentError, 'runSweep', 'seeds/Ks');
});

test.run();
