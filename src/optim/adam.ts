/**
 * Adam, as `optax.adam`.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../errors.js';
import { add, div, mul, sqrt, square } from '../ops/elementwise.js';
import { tidy } from '../ops/tidy.js';
import type { Tree } from '../tensor/tree.js';
import type { Optimizer } from './optimizer.js';
import { pow } from '../dmath/index.js';
import type { Schedule } from './schedules.js';
import { checkCount, checkState, rebuild, toSchedule, zerosTree, zipLeaves } from './tree.js';

/** The state of {@link adam}: the number of updates done and the two moment estimates. */
export type AdamState = { count: number; mu: Tree; nu: Tree };

/**
 * `optax.adam` (Kingma & Ba), per leaf, with `count` the number of updates before this one:
 *
 * ```text
 * mu    = (1 - b1) * g   + b1 * mu
 * nu    = (1 - b2) * g^2 + b2 * nu
 * muHat = mu / (1 - b1^(count + 1)),   nuHat = nu / (1 - b2^(count + 1))
 * update = -lr(count) * muHat / (sqrt(nuHat) + eps)
 * ```
 *
 * The moments start at zero with the parameters' dtypes. The powers come from
 * difftape's deterministic `pow`, so results are the same on every engine.
 *
 * @param learningRate - a finite number or a {@link Schedule}.
 * @param options - `b1` (default 0.9) and `b2` (default 0.999) in `[0, 1)`, `eps`
 *   (default 1e-8) finite and >= 0.
 * @throws ArgumentError for a bad learning rate or option; `update` throws
 *   ArgumentError/ShapeError when the gradients do not match the state.
 */
export function adam(learningRate: number | Schedule, options: { b1?: number; b2?: number; eps?: number } = {}): Optimizer<AdamState> {
  const fn = 'adam';
  const lr = toSchedule(learningRate, fn);
  const { b1 = 0.9, b2 = 0.999, eps = 1e-8 } = options ?? {};
  for (const [arg, v] of [['b1', b1], ['b2', b2]] as const) {
    if (!(typeof v === 'number' && v >= 0 && v < 1)) throw new ArgumentError({ fn, arg, expected: 'a number in [0, 1)', actual: fmtValue(v) });
  }
  if (!(typeof eps === 'number' && Number.isFinite(eps) && eps >= 0)) {
    throw new ArgumentError({ fn, arg: 'eps', expected: 'a finite number >= 0', actual: fmtValue(eps) });
  }
  return {
    init(params) {
      return { count: 0, mu: zerosTree(params, 'adam.init'), nu: zerosTree(params, 'adam.init') };
    },
    update(grads, state) {
      const ufn = 'adam.update';
      const count = checkCount(checkState(state, ufn).count, ufn);
      const { def, leaves: [ms, gs, vs] } = zipLeaves(ufn, state.mu, [grads, state.nu], ['grads', 'state.nu']);
      const scale = -lr(count);
      const c1 = 1 - pow(b1, count + 1);
      const c2 = 1 - pow(b2, count + 1);
      const out = ms!.map((m, i) => tidy(() => {
        const g = gs![i]!;
        const mu = add(mul(g, 1 - b1), mul(m, b1));
        const nu = add(mul(square(g), 1 - b2), mul(vs![i]!, b2));
        const step = div(div(mu, c1), add(sqrt(div(nu, c2)), eps));
        return [mul(step, scale), mu, nu];
      }));
      const pick = (k: number): Tree => rebuild(def, out.map((o) => o[k]!));
      return { updates: pick(0), state: { count: count + 1, mu: pick(1), nu: pick(2) } };
    },
  };
}
