/**
 * Stochastic gradient descent with optional (Nesterov) momentum, as `optax.sgd`.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../errors.js';
import { add, mul } from '../ops/elementwise.js';
import { tidy } from '../ops/tidy.js';
import { type Tree, treeFlatten } from '../tensor/tree.js';
import type { Optimizer } from './optimizer.js';
import type { Schedule } from './schedules.js';
import { checkCount, checkState, rebuild, toSchedule, zerosTree, zipLeaves } from './tree.js';

/** The state of {@link sgd}: the number of updates done, and the momentum trace (null without momentum). */
export type SgdState = { count: number; trace: Tree | null };

/**
 * `optax.sgd`: `updates = -lr(count) * g` without momentum; with `momentum` the trace
 * `t = g + momentum * t_prev` (from zeros) replaces `g`, or with `nesterov`
 * `g + momentum * t`. The schedule is evaluated at the number of updates done before
 * this one. As in optax, `nesterov` without `momentum` has no effect.
 *
 * @param learningRate - a finite number or a {@link Schedule}.
 * @param options - `momentum` (a finite number >= 0; none by default), `nesterov`.
 * @throws ArgumentError for a bad learning rate or option; `update` throws
 *   ArgumentError/ShapeError when the gradients do not match the state.
 */
export function sgd(learningRate: number | Schedule, options: { momentum?: number; nesterov?: boolean } = {}): Optimizer<SgdState> {
  const fn = 'sgd';
  const lr = toSchedule(learningRate, fn);
  const { momentum, nesterov = false } = options ?? {};
  if (momentum !== undefined && !(typeof momentum === 'number' && Number.isFinite(momentum) && momentum >= 0)) {
    throw new ArgumentError({ fn, arg: 'momentum', expected: 'a finite number >= 0', actual: fmtValue(momentum) });
  }
  if (typeof nesterov !== 'boolean') throw new ArgumentError({ fn, arg: 'nesterov', expected: 'a boolean', actual: fmtValue(nesterov) });
  return {
    init(params) {
      if (momentum !== undefined) return { count: 0, trace: zerosTree(params, 'sgd.init') };
      treeFlatten(params, 'sgd.init'); // validates the tree
      return { count: 0, trace: null };
    },
    update(grads, state) {
      const ufn = 'sgd.update';
      const count = checkCount(checkState(state, ufn).count, ufn);
      const scale = -lr(count);
      if (momentum === undefined) {
        const { def, leaves: [gs] } = zipLeaves(ufn, grads, [], []);
        return { updates: rebuild(def, gs!.map((g) => mul(g, scale))), state: { count: count + 1, trace: null } };
      }
      if (state.trace === null || state.trace === undefined) {
        throw new ArgumentError({ fn: ufn, arg: 'state.trace', expected: 'the momentum trace made by init', actual: fmtValue(state.trace) });
      }
      const { def, leaves: [ts, gs] } = zipLeaves(ufn, state.trace, [grads], ['grads']);
      const pairs = ts!.map((t, i) => tidy(() => {
        const g = gs![i]!;
        const trace = add(g, mul(t, momentum));
        const direction = nesterov ? add(g, mul(trace, momentum)) : trace;
        return [mul(direction, scale), trace];
      }));
      return {
        updates: rebuild(def, pairs.map((p) => p[0]!)),
        state: { count: count + 1, trace: rebuild(def, pairs.map((p) => p[1]!)) },
      };
    },
  };
}
