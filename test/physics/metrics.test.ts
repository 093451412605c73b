/**
 * The metrics against Exponax 0.2.0's values (test/fixtures/exponax/metrics.json, to
 * 1e-12 relative), their gradients, the batch mean and their errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, DTypeError, METRICS, MAE, MSE, RMSE, ShapeError, type Tensor, add, concat, correlation, fourierMAE, fourierMSE,
  fourierNRMSE, fourierNorm, fourierAggregator, H1MSE, H1NRMSE, meanMetric, mul, nMSE, nRMSE, sMAE, spatialAggregator,
  spatialNorm, stack, tensor, zeros,
} from '../../src/index.js';
import { assertClose, assertThrowsTyped, randomTensor } from '../helpers/assert-close.js';
import { checkGrad } from '../helpers/checks.js';
import { type GoldenMeta, type IcMode, goldenIc } from '../helpers/exponax.js';
import { loadFixtureText } from '../helpers/fixtures.js';

type IcSpec = { offset: number; modes: IcMode[] }[];

interface MetricsFixture {
  rows: Record<string, number | string>[];
  [key: string]: unknown;
}

function ic(spec: IcSpec, D: number, N: number, L: number): Tensor {
  const meta: GoldenMeta = { stepper: '', num_spatial_dims: D, domain_extent: L, num_points: N, dt: null, kwargs: {}, ic: spec };
  return goldenIc(meta);
}

/** The fixture's pair: `pred = 0.9 ref + 0.05 other`; two channels: `[ref, 0.5 ref]` vs `[pred, 0.4 pred + 0.1]`. */
function pair(fx: MetricsFixture, row: Record<string, number | string>): [Tensor, Tensor] {
  const D = row['D'] as number;
  const N = row['N'] as number;
  const L = row['L'] as number;
  const ref = ic(fx[`ic_ref_${D}d`] as IcSpec, D, N, L);
  const other = ic(fx[`ic_other_${D}d`] as IcSpec, D, N, L);
  const pred = add(mul(ref, 0.9), mul(other, 0.05));
  if (row['case'] === 'one_channel') return [pred, ref];
  assert.is(row['case'], 'two_channels');
  return [concat([pred, add(mul(pred, 0.4), 0.1)]), concat([ref, mul(ref, 0.5)])];
}

test('every value of metrics.json is reproduced to 1e-12', async () => {
  const fx = JSON.parse(await loadFixtureText('exponax/metrics.json')) as MetricsFixture;
  assert.ok(fx.rows.length >= 4);
  let checked = 0;
  for (const row of fx.rows) {
    const [pred, ref] = pair(fx, row);
    const L = row['L'] as number;
    for (const [key, want] of Object.entries(row)) {
      if (['D', 'N', 'L', 'case', 'pred_def'].includes(key)) continue;
      const m = /^(.*?)(?:_low(\d+)_high(\d+))?$/.exec(key)!;
      const metric = METRICS[m[1]!];
      assert.ok(metric !== undefined, `no metric for fixture key ${key}`);
      const options = m[2] === undefined ? { domainExtent: L } : { domainExtent: L, low: Number(m[2]), high: Number(m[3]) };
      const got = metric!(pred, ref, options);
      assert.equal(got.shape, []);
      assertClose(got.item(), want as number, { rtol: 1e-12, message: `D=${row['D']} ${row['case']} ${key}` });
      checked++;
    }
  }
  assert.is(checked, 4 * 18);
});

test('aggregation: channels summed after the per-channel root, correlation averaged', () => {
  const u = randomTensor([2, 12], { seed: 3 });
  const r = randomTensor([2, 12], { seed: 4 });
  const per = [0, 1].map((c) => nRMSE(u.slice([c, c + 1]), r.slice([c, c + 1])).item());
  assertClose(nRMSE(u, r).item(), per[0]! + per[1]!);
  const cor = [0, 1].map((c) => correlation(u.slice([c, c + 1]), r.slice([c, c + 1])).item());
  assertClose(correlation(u, r).item(), (cor[0]! + cor[1]!) / 2);
  // (L/N)^D scaling: MSE of a constant 3 on (0, 2)^2 is 9 * 4 (the integral).
  assertClose(MSE(zeros([1, 4, 4]).add(3), undefined, { domainExtent: 2 }).item(), 36);
  assertClose(RMSE(zeros([1, 4, 4]).add(3), undefined, { domainExtent: 2 }).item(), 6);
  assertClose(MAE(zeros([1, 5]).add(-3), undefined, { domainExtent: 2 }).item(), 6);
  // The symmetric form is symmetric.
  assertClose(sMAE(u, r).item(), sMAE(r, u).item());
  // Parseval: the Fourier MSE equals the spatial one without band or derivative.
  const v = randomTensor([2, 8, 8], { seed: 5 });
  const w = randomTensor([2, 8, 8], { seed: 6 });
  assertClose(fourierMSE(v, w, { domainExtent: 3 }).item(), MSE(v, w, { domainExtent: 3 }).item());
  // The general aggregators reduce to the metrics.
  assertClose(spatialNorm(v, w, { mode: 'normalized', innerExponent: 2, outerExponent: 1 }).item(), nMSE(v, w).item());
  assertClose(spatialAggregator(v.slice(0), { innerExponent: 2, outerExponent: 0.5 }).item(), RMSE(v.slice([0, 1])).item());
  assertClose(fourierNorm(v, w, { mode: 'normalized', outerExponent: 0.5 }).item(), fourierNRMSE(v, w).item());
  assertClose(fourierAggregator(v.slice(0), { innerExponent: 1, outerExponent: 1 }).item(), fourierMAE(v.slice([0, 1])).item());
});

test('Fourier metrics: band and derivative', () => {
  const N = 16;
  const L = 2;
  const x = Array.from({ length: N }, (_, i) => (i * L) / N);
  // u = sin(2 pi x / L) + 0.5 cos(2 pi 5 x / L): the band [1, 4] keeps only the first mode.
  const u = tensor([x.map((xi) => Math.sin((2 * Math.PI * xi) / L) + 0.5 * Math.cos((2 * Math.PI * 5 * xi) / L))]);
  assertClose(fourierMSE(u, undefined, { domainExtent: L, low: 1, high: 4 }).item(), 0.5 * L, { rtol: 1e-13 });
  assertClose(fourierMSE(u, undefined, { domainExtent: L, low: 5 }).item(), 0.125 * L, { rtol: 1e-13 });
  // First derivative: (2 pi k / L)^2 times the mean square, integrated.
  const k1 = (2 * Math.PI) / L;
  const want = 0.5 * L * k1 * k1 + 0.125 * L * 25 * k1 * k1;
  assertClose(fourierMSE(u, undefined, { domainExtent: L, derivativeOrder: 1 }).item(), want, { rtol: 1e-12 });
  assertClose(H1MSE(u, undefined, { domainExtent: L }).item(), want + 0.625 * L, { rtol: 1e-12 });
});

test('every Fourier and H1 variant: roots, normalizations and derivative sums agree', () => {
  const u = randomTensor([1, 6, 6], { seed: 51 });
  const r = randomTensor([1, 6, 6], { seed: 52 });
  const o = { domainExtent: 2, low: 1, high: 2 };
  const d = { ...o, derivativeOrder: 1 };
  const v = (name: string, opts: object = o): number => METRICS[name]!(u, r, opts).item();
  // One channel: RMSE is the root of MSE, and the normalized forms divide by the reference's.
  assertClose(v('fourier_RMSE'), Math.sqrt(v('fourier_MSE')));
  assertClose(v('fourier_nMSE'), v('fourier_MSE') / fourierMSE(r, undefined, o).item());
  assertClose(v('fourier_nRMSE') ** 2, v('fourier_nMSE'));
  assertClose(v('fourier_nMAE'), v('fourier_MAE') / fourierMAE(r, undefined, o).item());
  for (const base of ['MAE', 'nMAE', 'MSE', 'nMSE', 'RMSE', 'nRMSE']) {
    assertClose(v(`H1_${base}`), v(`fourier_${base}`) + v(`fourier_${base}`, d), { message: `H1_${base}` });
  }
  // The spatial metrics: RMSE the root of MSE, sMSE against its definition.
  assertClose(v('RMSE'), Math.sqrt(v('MSE')));
  assertClose(v('sMSE'), (2 * v('MSE')) / (MSE(u, undefined, o).item() + MSE(r, undefined, o).item()));
  assertClose(v('sRMSE'), (2 * v('RMSE')) / (RMSE(u, undefined, o).item() + RMSE(r, undefined, o).item()));
  assertClose(v('nMAE'), v('MAE') / MAE(r, undefined, o).item());
});

test('gradients: nRMSE and Fourier metrics by finite differences', () => {
  const u = randomTensor([2, 10], { seed: 11 });
  const r = randomTensor([2, 10], { seed: 12 });
  checkGrad((a, b) => nRMSE(a, b, { domainExtent: 2 }), [u, r], 'nRMSE 1-D, two channels');
  const v = randomTensor([1, 6, 6], { seed: 13 });
  const w = randomTensor([1, 6, 6], { seed: 14 });
  checkGrad((a, b) => nRMSE(a, b), [v, w], 'nRMSE 2-D');
  checkGrad((a, b) => fourierNRMSE(a, b, { low: 1, high: 2 }), [v, w], 'fourierNRMSE banded');
  checkGrad((a, b) => H1NRMSE(a, b, { domainExtent: 3 }), [u, r], 'H1NRMSE');
  checkGrad((a, b) => correlation(a, b), [u, r], 'correlation');
});

test('meanMetric averages a metric over a batch axis', () => {
  const u = randomTensor([3, 2, 8], { seed: 21 });
  const r = randomTensor([3, 2, 8], { seed: 22 });
  const each = [0, 1, 2].map((b) => nRMSE(u.slice(b), r.slice(b)).item());
  const m = meanMetric((a, b) => nRMSE(a, b), u, r);
  assert.equal(m.shape, []);
  assertClose(m.item(), (each[0]! + each[1]! + each[2]!) / 3);
  const withOptions = meanMetric((a, b) => fourierNRMSE(a, b, { low: 1, high: 2, domainExtent: 5 }), u, r);
  assertClose(withOptions.item(), [0, 1, 2].map((b) => fourierNRMSE(u.slice(b), r.slice(b), { low: 1, high: 2 }).item()).reduce((a, b) => a + b) / 3);
  checkGrad((a, b) => meanMetric((p, q) => nRMSE(p, q), a, b), [u, r], 'meanMetric');
  assertThrowsTyped(() => meanMetric((a, b) => nRMSE(a, b), u, r.slice([0, 2])), ShapeError, { fn: 'meanMetric', arg: 'batches[1]' });
  assertThrowsTyped(() => meanMetric((a) => MSE(a)), ArgumentError, { fn: 'meanMetric', arg: 'batches' });
});

test('typed errors: shapes, bands, references, dtypes', () => {
  const u = randomTensor([1, 8], { seed: 31 });
  assertThrowsTyped(() => nRMSE(u, randomTensor([1, 9])), ShapeError, { fn: 'nRMSE', arg: 'uRef' });
  assertThrowsTyped(() => MSE(randomTensor([1, 4, 5])), ShapeError, { fn: 'MSE', arg: 'uPred' });
  assertThrowsTyped(() => MSE(randomTensor([8])), ShapeError, { fn: 'MSE', arg: 'uPred' });
  assertThrowsTyped(() => fourierNRMSE(u, u, { low: 3, high: 1 }), ArgumentError, { fn: 'fourierNRMSE', arg: 'high' });
  assertThrowsTyped(() => fourierMSE(u, u, { low: -1 }), ArgumentError, { fn: 'fourierMSE', arg: 'low' });
  assertThrowsTyped(() => fourierMSE(u, u, { low: 1.5 }), ArgumentError, { fn: 'fourierMSE', arg: 'low' });
  assertThrowsTyped(() => fourierMSE(u, u, { derivativeOrder: -1 }), ArgumentError, { fn: 'fourierMSE', arg: 'derivativeOrder' });
  assertThrowsTyped(() => nRMSE(u, undefined as unknown as Tensor), ArgumentError, { fn: 'nRMSE', arg: 'uRef' });
  assertThrowsTyped(() => MSE(u, u, { domainExtent: 0 }), ArgumentError, { fn: 'MSE', arg: 'domainExtent' });
  assertThrowsTyped(() => spatialNorm(u, undefined, { mode: 'normalized' }), ArgumentError, { fn: 'spatialNorm', arg: 'stateRef' });
  assertThrowsTyped(() => fourierNorm(u, u, { mode: 'symmetric' as 'normalized' }), ArgumentError, { fn: 'fourierNorm', arg: 'mode' });
  assertThrowsTyped(() => MSE(u.cast('complex128')), DTypeError, { fn: 'MSE', arg: 'uPred' });
});

test('float32 states give float32 metrics close to float64', () => {
  const u = stack([randomTensor([8, 8], { seed: 41 })]);
  const r = stack([randomTensor([8, 8], { seed: 42 })]);
  const m32 = fourierNRMSE(u.cast('float32'), r.cast('float32'));
  assert.is(m32.dtype, 'float32');
  assertClose(m32.item(), fourierNRMSE(u, r).item(), { rtol: 1e-5 });
});

test.run();
