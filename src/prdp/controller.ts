/**
 * The PRDP refinement controller (Bhatia, Koehler, Thuerey, ICLR 2025): decides, from
 * the history of a validation metric, when to raise the iteration budget K of the
 * physics solver.
 *
 * Semantics of the released `should_refine` (experiments/src/prdp.py):
 * 1. Smooth the whole history with an exponential moving average of span W,
 *    `s_0 = e_0`, `s_t = alpha e_t + (1 - alpha) s_{t-1}`, `alpha = 2 / (W + 1)` (or use
 *    the raw metric when W is null). The EMA is never reset.
 * 2. With `w` or fewer entries, keep K.
 * 3. Plateau test: `s_t / s_{t-w+1} > tauStep`. No plateau: keep K.
 * 4. On a plateau, the checkpoint test: with `c = s_t / C`, if `c < tauStop` (the EMA
 *    improved by more than `1 - tauStop` since the last refinement) or `c > 1` (it got
 *    worse, e.g. diverging under coarse physics), refine: `C <- s_t`,
 *    `K <- min(K + dK, Kmax)`. Otherwise keep K: the current level brought no significant
 *    gain, which is PRDP's stopping rule.
 * 5. A stop is re-examined at every later observation (as released); `latchStop` makes
 *    the first one final instead.
 *
 * The controller is a plain class whose state (K, checkpoint, history) serialises with
 * `toJSON` and is restored by `PrdpController.fromJSON`.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../errors.js';

/** Settings of the controller; the defaults are those of the released library function. */
export interface ControllerOptions {
  /** Plateau threshold tau_step (default 0.98). */
  tauStep?: number;
  /** Checkpoint threshold tau_stop (default 0.9). */
  tauStop?: number;
  /** EMA span W, or null to test the raw metric (default 6). */
  emaWindow?: number | null;
  /** Look-back w of the plateau test (default 3). */
  lookBack?: number;
  /** Initial K (default 1). */
  K0?: number;
  /** Additive increment dK (default 1). */
  dK?: number;
  /** Largest K (default unbounded). */
  Kmax?: number;
  /** Initial checkpoint C0 (default 100, as the released experiments; heat 2-D uses e_0). */
  checkpoint0?: number;
  /** Make the first stop final (default false, as released). */
  latchStop?: boolean;
}

/** Why the controller kept or changed K. */
export type DecisionReason =
  | 'warmup' // too few entries for the plateau test
  | 'improving' // no plateau
  | 'refine-progress' // plateau after a significant improvement since the last refinement
  | 'refine-divergence' // plateau with a metric worse than at the last refinement
  | 'sufficient' // plateau without significant improvement: the stopping rule
  | 'latched'; // a previous stop is final (latchStop)

/** One observation and what the controller made of it. */
export interface Decision {
  /** Index of the observed metric in the history (0 = before training). */
  index: number;
  metric: number;
  /** The smoothed metric s_t (the metric itself without an EMA). */
  smoothed: number;
  action: 'keep' | 'refine';
  reason: DecisionReason;
  /** `s_t / s_{t-w+1}`, or null before the plateau test applies. */
  plateauRatio: number | null;
  /** `s_t / C` on a plateau, else null. */
  checkpointRatio: number | null;
  /** K in force after this decision (used by the next epoch). */
  K: number;
  /** The checkpoint after this decision. */
  checkpoint: number;
}

/** The serialised state of a controller. */
export interface ControllerState {
  options: Required<Omit<ControllerOptions, 'Kmax' | 'emaWindow'>> & { Kmax: number | null; emaWindow: number | null };
  K: number;
  checkpoint: number;
  stopped: boolean;
  history: number[];
  decisions: Decision[];
}

/**
 * The EMA of `values` with span `window` in closed form, as the released code computes
 * it: `s_t = (1 - alpha)^t e_0 + sum_{j=1..t} alpha (1 - alpha)^(t - j) e_j`.
 */
export function ema(values: readonly number[], window: number): number[] {
  const alpha = 2 / (window + 1);
  return values.map((_, t) => {
    let s = (1 - alpha) ** t * values[0]!;
    for (let j = 1; j <= t; j++) s += alpha * (1 - alpha) ** (t - j) * values[j]!;
    return s;
  });
}

/** The same EMA by its recursion `s_t = alpha e_t + (1 - alpha) s_{t-1}`. */
export function emaRecursive(values: readonly number[], window: number): number[] {
  const alpha = 2 / (window + 1);
  const out: number[] = [];
  for (let t = 0; t < values.length; t++) out.push(t === 0 ? values[0]! : alpha * values[t]! + (1 - alpha) * out[t - 1]!);
  return out;
}

function check(cond: boolean, arg: string, expected: string, value: unknown): void {
  if (!cond) throw new ArgumentError({ fn: 'PrdpController', arg, expected, actual: fmtValue(value) });
}

/** Decides, epoch by epoch, the iteration budget K of the physics solver. */
export class PrdpController {
  private readonly o: ControllerState['options'];
  private k: number;
  private c: number;
  private stop = false;
  private readonly hist: number[] = [];
  private readonly log: Decision[] = [];

  constructor(options: ControllerOptions = {}) {
    const {
      tauStep = 0.98, tauStop = 0.9, emaWindow = 6, lookBack = 3, K0 = 1, dK = 1, Kmax = Infinity, checkpoint0 = 100,
      latchStop = false,
    } = options;
    check(Number.isFinite(tauStep) && tauStep > 0, 'tauStep', 'a positive number', tauStep);
    check(Number.isFinite(tauStop) && tauStop > 0, 'tauStop', 'a positive number', tauStop);
    check(emaWindow === null || (Number.isFinite(emaWindow) && emaWindow >= 1), 'emaWindow', 'null or a span >= 1', emaWindow);
    check(Number.isInteger(lookBack) && lookBack >= 1, 'lookBack', 'a positive integer', lookBack);
    check(Number.isInteger(K0) && K0 >= 0, 'K0', 'a non-negative integer', K0);
    check(Number.isInteger(dK) && dK >= 1, 'dK', 'a positive integer', dK);
    check(Kmax === Infinity || (Number.isInteger(Kmax) && Kmax >= K0), 'Kmax', 'an integer >= K0, or Infinity', Kmax);
    check(Number.isFinite(checkpoint0) && checkpoint0 > 0, 'checkpoint0', 'a positive number', checkpoint0);
    check(typeof latchStop === 'boolean', 'latchStop', 'a boolean', latchStop);
    this.o = { tauStep, tauStop, emaWindow, lookBack, K0, dK, Kmax: Kmax === Infinity ? null : Kmax, checkpoint0, latchStop };
    this.k = K0;
    this.c = checkpoint0;
  }

  /** The iteration budget for the next epoch. */
  get K(): number {
    return this.k;
  }

  /** The smoothed metric at the last refinement (C). */
  get checkpoint(): number {
    return this.c;
  }

  /** Whether a latched stop has happened. */
  get stopped(): boolean {
    return this.stop;
  }

  /** The observed metrics, oldest first. */
  get history(): readonly number[] {
    return this.hist;
  }

  /** Every decision so far. */
  get decisions(): readonly Decision[] {
    return this.log;
  }

  /** The decisions that raised K. */
  get refinements(): Decision[] {
    return this.log.filter((d) => d.action === 'refine');
  }

  /**
   * Records the validation metric after an epoch (the first call: before training) and
   * returns the decision; `K` is then the budget for the next epoch.
   */
  observe(metric: number): Decision {
    if (typeof metric !== 'number' || !Number.isFinite(metric)) {
      throw new ArgumentError({ fn: 'PrdpController.observe', arg: 'metric', expected: 'a finite number', actual: fmtValue(metric) });
    }
    this.hist.push(metric);
    const { emaWindow, lookBack, tauStep, tauStop, dK, Kmax, latchStop } = this.o;
    const s = emaWindow === null ? this.hist : ema(this.hist, emaWindow);
    const t = s.length - 1;
    const decide = (action: 'keep' | 'refine', reason: DecisionReason, plateauRatio: number | null, checkpointRatio: number | null): Decision => {
      const d: Decision = { index: t, metric, smoothed: s[t]!, action, reason, plateauRatio, checkpointRatio, K: this.k, checkpoint: this.c };
      this.log.push(d);
      return d;
    };
    if (this.stop) return decide('keep', 'latched', null, null);
    if (s.length <= lookBack) return decide('keep', 'warmup', null, null);
    const plateau = s[t]! / s[t - lookBack + 1]!;
    if (plateau <= tauStep) return decide('keep', 'improving', plateau, null);
    const c = s[t]! / this.c;
    if (c < tauStop || c > 1) {
      this.c = s[t]!;
      this.k = Kmax === null ? this.k + dK : Math.min(this.k + dK, Kmax);
      return decide('refine', c > 1 ? 'refine-divergence' : 'refine-progress', plateau, c);
    }
    if (latchStop) this.stop = true;
    return decide('keep', 'sufficient', plateau, c);
  }

  /** The state as plain data (JSON-safe). */
  toJSON(): ControllerState {
    return { options: { ...this.o }, K: this.k, checkpoint: this.c, stopped: this.stop, history: [...this.hist], decisions: [...this.log] };
  }

  /** A controller continuing from a serialised state. */
  static fromJSON(state: ControllerState): PrdpController {
    const { Kmax, ...rest } = state.options;
    const ctl = new PrdpController({ ...rest, Kmax: Kmax ?? Infinity });
    ctl.k = state.K;
    ctl.c = state.checkpoint;
    ctl.stop = state.stopped;
    ctl.hist.push(...state.history);
    ctl.log.push(...state.decisions);
    return ctl;
  }
}
