/**
 * The PRDP controller on hand-made histories, one per branch of the released rule: too
 * short, improving, plateau and refine (progress and divergence), plateau and stop
 * (re-examined as released, or latched), K_max; the EMA's closed form against its
 * recursion; serialisation; typed errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ArgumentError, PrdpController, ema, emaRecursive } from '../../src/index.js';
import { assertClose } from '../helpers/assert-close.js';
import { throwsTyped } from '../helpers/checks.js';

/** Feeds a history and returns the reasons and K after each observation. */
function feed(ctl: PrdpController, history: number[]): { reasons: string[]; K: number[] } {
  const reasons: string[] = [];
  const K: number[] = [];
  for (const v of history) {
    const d = ctl.observe(v);
    reasons.push(d.reason);
    K.push(d.K);
  }
  return { reasons, K };
}

test('the closed-form EMA equals the recursion', () => {
  const xs = Array.from({ length: 60 }, (_, i) => Math.exp(-i / 9) * (1 + 0.3 * Math.sin(i * 1.7)));
  for (const W of [1, 3, 6, 8, 20]) assertClose(ema(xs, W), emaRecursive(xs, W), { rtol: 1e-14 });
  assertClose(ema([5], 6), [5]);
  // W = 6: alpha = 2/7.
  assertClose(emaRecursive([1, 0], 6), [1, 5 / 7], { rtol: 1e-15 });
});

test('warm-up, then no plateau while the metric improves fast enough', () => {
  const ctl = new PrdpController({ emaWindow: null, lookBack: 3, tauStep: 0.98, K0: 2 });
  const { reasons, K } = feed(ctl, [1, 0.5, 0.25, 0.12, 0.06]);
  assert.equal(reasons, ['warmup', 'warmup', 'warmup', 'improving', 'improving']);
  assert.equal(K, [2, 2, 2, 2, 2]);
  const last = ctl.decisions.at(-1)!;
  assertClose(last.plateauRatio!, 0.06 / 0.25);
  assert.is(last.checkpointRatio, null);
});

test('plateau with progress since the checkpoint refines; then without progress it stops', () => {
  // No EMA, w = 2: the plateau test compares consecutive values.
  const ctl = new PrdpController({ emaWindow: null, lookBack: 2, tauStep: 0.95, tauStop: 0.9, K0: 1, dK: 2, checkpoint0: 100 });
  const { reasons, K } = feed(ctl, [1, 0.5, 0.49]);
  assert.equal(reasons, ['warmup', 'warmup', 'refine-progress']);
  assert.equal(K, [1, 1, 3]);
  assertClose(ctl.checkpoint, 0.49);
  assertClose(ctl.refinements[0]!.checkpointRatio!, 0.49 / 100);
  // Improving, then a plateau 40% below the checkpoint (refine), then one without progress.
  const more = feed(ctl, [0.3, 0.295, 0.29]);
  assert.equal(more.reasons, ['improving', 'refine-progress', 'sufficient']);
  assert.equal(more.K, [3, 5, 5]);
  const [d1, d2, d3] = ctl.decisions.slice(-3);
  assertClose(d1!.plateauRatio!, 0.3 / 0.49);
  assertClose(d2!.plateauRatio!, 0.295 / 0.3);
  assertClose(d2!.checkpointRatio!, 0.295 / 0.49);
  assertClose(d3!.checkpointRatio!, 0.29 / 0.295);
  assert.is(d3!.action, 'keep');
});

test('a metric worse than at the last refinement refines (divergence under coarse physics)', () => {
  const ctl = new PrdpController({ emaWindow: null, lookBack: 2, tauStep: 0.98, tauStop: 0.9, checkpoint0: 1 });
  const { reasons, K } = feed(ctl, [1.2, 1.3, 1.31]);
  assert.equal(reasons, ['warmup', 'warmup', 'refine-divergence']);
  assert.equal(K, [1, 1, 2]);
  assertClose(ctl.decisions.at(-1)!.checkpointRatio!, 1.31);
});

test('a stop is re-examined every epoch (as released) unless latched', () => {
  const history = [1, 0.99, 0.985, 0.984, 0.5, 0.495, 0.494];
  const free = new PrdpController({ emaWindow: null, lookBack: 2, tauStep: 0.98, tauStop: 0.9, checkpoint0: 1 });
  const a = feed(free, history);
  // 0.985: plateau, c = 0.985 > 0.9: sufficient. Later 0.495 plateaus with c = 0.495: refine.
  assert.equal(a.reasons, ['warmup', 'warmup', 'sufficient', 'sufficient', 'improving', 'refine-progress', 'sufficient']);
  assert.equal(a.K.at(-1), 2);
  const latched = new PrdpController({ emaWindow: null, lookBack: 2, tauStep: 0.98, tauStop: 0.9, checkpoint0: 1, latchStop: true });
  const b = feed(latched, history);
  assert.equal(b.reasons, ['warmup', 'warmup', 'sufficient', 'latched', 'latched', 'latched', 'latched']);
  assert.ok(latched.stopped);
  assert.equal(b.K.at(-1), 1);
});

test('K_max caps the budget; the EMA smooths a noisy metric', () => {
  const ctl = new PrdpController({ emaWindow: null, lookBack: 2, tauStep: 0.99, tauStop: 0.99, K0: 25, dK: 10, Kmax: 40, checkpoint0: 100 });
  const { K } = feed(ctl, [1, 0.999, 0.5, 0.4995, 0.2, 0.1998]);
  assert.equal(K, [25, 25, 25, 35, 35, 40]);
  feed(ctl, [0.05, 0.04999]);
  assert.is(ctl.K, 40);
  // With W = 6 one noisy epoch does not look like a plateau.
  const smooth = new PrdpController({ emaWindow: 6, lookBack: 3, tauStep: 0.98 });
  const noisy = [1, 0.8, 0.64, 0.51, 0.6, 0.33, 0.26];
  const r = feed(smooth, noisy);
  assert.ok(!r.reasons.includes('refine-divergence') && !r.reasons.includes('refine-progress'), r.reasons.join());
  const raw = new PrdpController({ emaWindow: null, lookBack: 2, tauStep: 0.98, checkpoint0: 0.55 });
  assert.ok(feed(raw, noisy).reasons.includes('refine-divergence'));
});

test('the state round-trips through JSON', () => {
  const ctl = new PrdpController({ emaWindow: 4, lookBack: 3, tauStep: 0.97, K0: 3, Kmax: 9 });
  feed(ctl, [1, 0.7, 0.6, 0.59, 0.588, 0.587, 0.5869]);
  const copy = PrdpController.fromJSON(JSON.parse(JSON.stringify(ctl.toJSON())));
  assert.equal(copy.toJSON(), ctl.toJSON());
  const next = [0.3, 0.29, 0.289, 0.2889];
  assert.equal(feed(copy, next), feed(ctl, next));
  const unbounded = PrdpController.fromJSON(JSON.parse(JSON.stringify(new PrdpController().toJSON())));
  assert.is(unbounded.toJSON().options.Kmax, null);
});

test('bad settings and metrics: typed errors', () => {
  throwsTyped(() => new PrdpController({ tauStep: -1 }), ArgumentError, 'PrdpController', 'tauStep');
  throwsTyped(() => new PrdpController({ tauStop: Number.NaN }), ArgumentError, 'PrdpController', 'tauStop');
  throwsTyped(() => new PrdpController({ emaWindow: 0 }), ArgumentError, 'PrdpController', 'emaWindow');
  throwsTyped(() => new PrdpController({ lookBack: 0 }), ArgumentError, 'PrdpController', 'lookBack');
  throwsTyped(() => new PrdpController({ K0: 1.5 }), ArgumentError, 'PrdpController', 'K0');
  throwsTyped(() => new PrdpController({ dK: 0 }), ArgumentError, 'PrdpController', 'dK');
  throwsTyped(() => new PrdpController({ K0: 5, Kmax: 3 }), ArgumentError, 'PrdpController', 'Kmax');
  throwsTyped(() => new PrdpController({ checkpoint0: 0 }), ArgumentError, 'PrdpController', 'checkpoint0');
  throwsTyped(() => new PrdpController({ latchStop: 1 as unknown as boolean }), ArgumentError, 'PrdpController', 'latchStop');
  throwsTyped(() => new PrdpController().observe(Number.NaN), ArgumentError, 'PrdpController.observe', 'metric');
});

test.run();
