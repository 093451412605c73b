/**
 * `customVjp`: a function that declares its own adjoint.
 *
 * Later layers use it wherever differentiating the computation itself would be wasteful
 * or wrong: a linear solve whose adjoint is another solve (implicit function theorem),
 * a time stepper with a hand-written adjoint.
 *
 * @module
 */
import { ArgumentError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import type { VjpFn } from '../ops/primitive.js';
import { identity } from '../ops/view.js';
import { zerosLike } from '../tensor/creation.js';
import { shapesEqual } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { type Tree, treeDefsEqual, treeFlatten, treeUnflatten } from '../tensor/tree.js';
import { innermostTapeFor, pausedFrom } from './tape.js';

/**
 * Makes a differentiable function with a user-supplied VJP, like `jax.custom_vjp`.
 *
 * - `fn(...args)` computes the result when no gradient is being taken.
 * - `fwd(...args)` returns `[result, residuals]`: the result (it must equal `fn`'s) and
 *   whatever the backward rule needs.
 * - `bwd(residuals, g)` receives the cotangent tree `g` of the result (zeros where no
 *   cotangent flowed) and returns one cotangent tree per argument, shaped like it, or
 *   `null` for "no gradient".
 *
 * Under nested differentiation the rule applies at the innermost level that involves the
 * arguments; enclosing levels differentiate through `fwd` and through `bwd` itself, so
 * `bwd` should be written with difftape ops (as JAX requires of custom rules too).
 *
 * @example
 * // log(1 + e^x) with a stable, hand-written derivative
 * const softplus = customVjp(
 *   (x: Tensor) => log1p(exp(x)),
 *   (x: Tensor) => [log1p(exp(x)), x],
 *   (x: Tensor, g: Tensor) => [mul(g, sigmoid(x))],
 * );
 */
export function customVjp<A extends Tree[], R extends Tree, Res>(
  fn: (...args: A) => R,
  fwd: (...args: A) => [R, Res],
  bwd: (residuals: Res, g: R) => readonly (Tree | null)[],
): (...args: A) => R {
  for (const [f, name] of [[fn, 'fn'], [fwd, 'fwd'], [bwd, 'bwd']] as const) {
    if (typeof f !== 'function') throw new ArgumentError({ fn: 'customVjp', arg: name, expected: 'a function', actual: fmtValue(f) });
  }
  return (...args: A): R => {
    const argLeaves = args.map((a) => treeFlatten(a, 'customVjp'));
    const inputs = argLeaves.flatMap((a) => a.leaves);
    const tape = innermostTapeFor(inputs);
    if (tape === undefined) return fn(...args);
    // fwd runs with this tape (and any above it) paused; outer tapes record through it.
    const [result, residuals] = pausedFrom(tape, () => {
      const pair = fwd(...args);
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new ArgumentError({ fn: 'customVjp', arg: 'fwd', expected: 'a function returning [result, residuals]', actual: fmtValue(pair) });
      }
      const { leaves, def } = treeFlatten(pair[0], 'customVjp');
      // Fresh output identities, so the entry's outputs are its own.
      return [{ leaves: leaves.map(identity), def }, pair[1] as Res] as const;
    });
    const vjpFn: VjpFn = (cts) => {
      const g = treeUnflatten(result.def, result.leaves.map((o, i) => cts[i] ?? zerosLike(o))) as R;
      const grads = bwd(residuals, g);
      if (!Array.isArray(grads) || grads.length !== args.length) {
        throw new ArgumentError({ fn: 'customVjp', arg: 'bwd', expected: `an array of ${args.length} cotangents`, actual: fmtValue(grads) });
      }
      return grads.flatMap((gr, i) => {
        const a = argLeaves[i]!;
        if (gr === null) return a.leaves.map(() => null);
        const flat = treeFlatten(gr, 'customVjp');
        if (!treeDefsEqual(flat.def, a.def)) {
          throw new ArgumentError({ fn: 'customVjp', arg: `bwd result ${i}`, expected: 'the structure of argument ' + i, actual: 'a different structure' });
        }
        return flat.leaves.map((t: Tensor, j) => {
          if (!shapesEqual(t.shape, a.leaves[j]!.shape)) {
            throw new ShapeError({ fn: 'customVjp', arg: `bwd result ${i}`, expected: fmtShape(a.leaves[j]!.shape), actual: fmtShape(t.shape) });
          }
          return t;
        });
      });
    };
    tape.push({ name: 'customVjp', inputs, outputs: result.leaves, vjp: vjpFn });
    return treeUnflatten(result.def, result.leaves) as R;
  };
}
