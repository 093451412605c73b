/**
 * `gradcheck`: compares reverse-mode gradients (and forward-mode JVPs) with central
 * finite differences in float64.
 *
 * @module
 */
import { ArgumentError, DTypeError, fmtValue } from '../errors.js';
import { uniformFloat64 } from '../random/key.js';
import { key as prngKey, split } from '../random/key.js';
import { tensor } from '../tensor/creation.js';
import { Tensor } from '../tensor/tensor.js';
import { jvp, vjp } from './grad.js';

/** Options of {@link gradcheck}. */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-7). */
  atol?: number;
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Seed of the random cotangent and tangent directions (default 0). */
  seed?: number;
  /** Also check forward mode: `<u, J t>` against `<J^T u, t>` (default true). */
  checkJvp?: boolean;
}

/** The outcome of {@link gradcheck}. */
export interface GradcheckResult {
  /** True when every compared quantity is within tolerance. */
  readonly ok: boolean;
  /** Largest |analytic - numeric| seen. */
  readonly maxAbsError: number;
  /** A readable account of the first mismatches (empty when ok). */
  readonly message: string;
}

function dotArrays(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Checks the gradient of `f` at `inputs` by central differences. A random cotangent u
 * of the output's shape is drawn; for every element j of every float input x the
 * analytic `(J^T u)[j]` must match `<u, f(x + eps e_j) - f(x - eps e_j)> / (2 eps)` within
 * `atol + rtol * |numeric|`. Non-float inputs (indices, masks) are passed through
 * unperturbed. Float inputs must be float64: differences in float32 cannot resolve
 * gradients to a useful tolerance.
 *
 * @example
 * const r = gradcheck((x) => sum(sin(x)), [tensor([0.5, 1.5])]);
 * if (!r.ok) throw new Error(r.message);
 */
export function gradcheck(f: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const { eps = 1e-6, atol = 1e-7, rtol = 1e-5, seed = 0, checkJvp = true } = options;
  if (typeof f !== 'function') throw new ArgumentError({ fn: 'gradcheck', arg: 'f', expected: 'a function', actual: fmtValue(f) });
  inputs.forEach((x, i) => {
    if (!(x instanceof Tensor)) throw new ArgumentError({ fn: 'gradcheck', arg: `inputs[${i}]`, expected: 'a Tensor', actual: fmtValue(x) });
    if (x.dtype === 'float32') throw new DTypeError({ fn: 'gradcheck', arg: `inputs[${i}]`, expected: 'float64 (cast before checking)', actual: 'float32' });
  });
  const float = inputs.map((x) => x.dtype === 'float64');
  const [kU, kT] = split(prngKey(seed), 2) as [ReturnType<typeof prngKey>, ReturnType<typeof prngKey>];
  const [y, vjpFn] = vjp(f, ...inputs);
  if (!(y instanceof Tensor) || y.dtype !== 'float64') {
    throw new DTypeError({ fn: 'gradcheck', arg: 'f', expected: 'a function returning a float64 tensor', actual: fmtValue(y) });
  }
  const u = uniformFloat64(kU, y.size).map((v) => 2 * v - 1);
  const analytic = vjpFn(tensor(u, { shape: y.shape })).map((g) => (g as Tensor).toTypedArray());
  const lines: string[] = [];
  let maxAbsError = 0;
  let bad = 0;
  inputs.forEach((x, i) => {
    if (!float[i]) return;
    const base = x.toTypedArray() as Float64Array;
    for (let j = 0; j < base.length; j++) {
      const at = (delta: number): number => {
        const p = base.slice();
        p[j]! += delta;
        const args = inputs.map((z, k) => (k === i ? tensor(p, { shape: x.shape }) : z));
        return dotArrays(u, f(...args).toTypedArray());
      };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      const a = analytic[i]![j]!;
      const err = Math.abs(a - numeric);
      maxAbsError = Math.max(maxAbsError, err);
      if (!(err <= atol + rtol * Math.abs(numeric))) {
        bad++;
        if (lines.length < 5) lines.push(`input ${i}, element ${j}: analytic ${a}, numeric ${numeric}`);
      }
    }
  });
  if (checkJvp && inputs.some((_, i) => float[i])) {
    const tangents = inputs.map((x, i) => {
      const t = uniformFloat64(split(kT, inputs.length)[i]!, x.size).map((v) => (float[i] ? 2 * v - 1 : 0));
      return tensor(t, { shape: x.shape, dtype: x.dtype });
    });
    const [, jt] = jvp(f, [...inputs], tangents);
    const forward = dotArrays(u, (jt as Tensor).toTypedArray());
    const reverse = inputs.reduce((s, _x, i) => (float[i] ? s + dotArrays(analytic[i]!, tangents[i]!.toTypedArray()) : s), 0);
    const err = Math.abs(forward - reverse);
    if (!(err <= atol + rtol * Math.abs(reverse))) {
      bad++;
      lines.push(`forward mode: <u, J t> = ${forward} but <J^T u, t> = ${reverse}`);
    }
  }
  const message = bad === 0 ? '' : `gradcheck: ${bad} mismatch(es), max abs error ${maxAbsError}\n  ${lines.join('\n  ')}`;
  return { ok: bad === 0, maxAbsError, message };
}
