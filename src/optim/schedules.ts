/**
 * Learning-rate schedules, as optax's: functions from the number of updates done so far
 * (0 for the first update) to a value.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../errors.js';
import { cos, pow } from '../dmath/index.js';

/** A value as a function of the step: the number of updates done so far, from 0. */
export type Schedule = (step: number) => number;

function finite(value: unknown, fn: string, arg: string, test: (v: number) => boolean = () => true, what = 'a finite number'): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !test(value)) {
    throw new ArgumentError({ fn, arg, expected: what, actual: fmtValue(value) });
  }
  return value;
}

function object<T>(o: T, fn: string): T {
  if (typeof o !== 'object' || o === null) throw new ArgumentError({ fn, arg: 'options', expected: 'an options object', actual: fmtValue(o) });
  return o;
}

/** The same value at every step (`optax.constant_schedule`). */
export function constantSchedule(value: number): Schedule {
  finite(value, 'constantSchedule', 'value');
  return () => value;
}

/**
 * `optax.exponential_decay`: `initValue` up to step `transitionBegin`, then
 * `initValue * decayRate ** ((step - transitionBegin) / transitionSteps)`, with the
 * exponent rounded down when `staircase`; when `endValue` is given the result is
 * clipped to it (from below when `decayRate < 1`, from above when `decayRate > 1`).
 * E.g. `initValue` 1e-3, `transitionSteps` 100, `decayRate` 0.94 gives
 * `1e-3 * 0.94 ** 8` at step 800.
 *
 * Where optax warns and falls back to a constant (`transitionSteps <= 0`,
 * `decayRate == 0`) or to 0 (`transitionBegin < 0`), this throws instead.
 *
 * @throws ArgumentError unless `initValue`, `endValue` are finite, `transitionSteps` and
 *   `decayRate` positive and finite, `transitionBegin` >= 0.
 */
export function exponentialDecay(o: {
  initValue: number;
  transitionSteps: number;
  decayRate: number;
  transitionBegin?: number;
  staircase?: boolean;
  endValue?: number;
}): Schedule {
  const fn = 'exponentialDecay';
  const { initValue, transitionSteps, decayRate, transitionBegin = 0, staircase = false, endValue } = object(o, fn);
  finite(initValue, fn, 'initValue');
  finite(transitionSteps, fn, 'transitionSteps', (v) => v > 0, 'a positive finite number');
  finite(decayRate, fn, 'decayRate', (v) => v > 0, 'a positive finite number');
  finite(transitionBegin, fn, 'transitionBegin', (v) => v >= 0, 'a finite number >= 0');
  if (typeof staircase !== 'boolean') throw new ArgumentError({ fn, arg: 'staircase', expected: 'a boolean', actual: fmtValue(staircase) });
  if (endValue !== undefined) finite(endValue, fn, 'endValue');
  return (step) => {
    const count = step - transitionBegin;
    let p = count / transitionSteps;
    if (staircase) p = Math.floor(p);
    const value = count <= 0 ? initValue : initValue * pow(decayRate, p);
    if (endValue === undefined) return value;
    return decayRate < 1 ? Math.max(value, endValue) : Math.min(value, endValue);
  };
}

/**
 * `optax.cosine_decay_schedule`:
 * `initValue * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decaySteps) / decaySteps)) + alpha)`,
 * from `initValue` at step 0 to `alpha * initValue` from step `decaySteps` on.
 *
 * @throws ArgumentError unless `initValue` and `alpha` (default 0) are finite and
 *   `decaySteps` is positive and finite.
 */
export function cosineDecay(o: { initValue: number; decaySteps: number; alpha?: number }): Schedule {
  const fn = 'cosineDecay';
  const { initValue, decaySteps, alpha = 0 } = object(o, fn);
  finite(initValue, fn, 'initValue');
  finite(decaySteps, fn, 'decaySteps', (v) => v > 0, 'a positive finite number');
  finite(alpha, fn, 'alpha');
  return (step) => {
    const count = Math.min(step, decaySteps);
    const cosine = 0.5 * (1 + cos((Math.PI * count) / decaySteps));
    return initValue * ((1 - alpha) * cosine + alpha);
  };
}

/**
 * `optax.warmup_cosine_decay_schedule`: linear from `initValue` (default 0) at step 0 to
 * `peakValue` at step `warmupSteps`, then {@link cosineDecay} from `peakValue` to
 * `endValue` (default 0) over the remaining `decaySteps - warmupSteps` steps (with
 * `alpha = endValue / peakValue`, 0 when `peakValue` is 0), and `endValue` after.
 *
 * @throws ArgumentError unless the values are finite, `warmupSteps >= 0` and
 *   `decaySteps > warmupSteps`.
 */
export function warmupCosineDecay(o: {
  initValue?: number;
  peakValue: number;
  warmupSteps: number;
  decaySteps: number;
  endValue?: number;
}): Schedule {
  const fn = 'warmupCosineDecay';
  const { initValue = 0, peakValue, warmupSteps, decaySteps, endValue = 0 } = object(o, fn);
  finite(initValue, fn, 'initValue');
  finite(peakValue, fn, 'peakValue');
  finite(endValue, fn, 'endValue');
  finite(warmupSteps, fn, 'warmupSteps', (v) => v >= 0, 'a finite number >= 0');
  finite(decaySteps, fn, 'decaySteps', (v) => v > warmupSteps, `a finite number > warmupSteps (${warmupSteps})`);
  const decay = cosineDecay({ initValue: peakValue, decaySteps: decaySteps - warmupSteps, alpha: peakValue === 0 ? 0 : endValue / peakValue });
  return (step) => {
    if (step >= warmupSteps) return decay(step - warmupSteps);
    if (warmupSteps === 0) return initValue; // a negative step: optax's constant warm-up
    const frac = 1 - Math.max(step, 0) / warmupSteps; // optax clips the count at 0
    return (initValue - peakValue) * frac + peakValue;
  };
}
