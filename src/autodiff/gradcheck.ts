/**
 * `gradcheck`: compares reverse-mode gradients (and forward-mode JVPs) with central
 * finite differences in float64.
 *
 * @module
 */
import { ArgumentError, DTypeError, fmtValue } from '../errors.js';
import { uniformFloat64 } from '../random/key.js';
import { key as prngKey, split } from '../random/key.js';
import { fromArray, tensor } from '../tensor/creation.js';
import { componentsOf, isComplex } from '../tensor/dtype.js';
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

/** The dtypes gradcheck differentiates: float64 and complex128. */
const CHECKED = new Set(['float64', 'complex128']);

/** A tensor of `like`'s shape and dtype over `slots` (interleaved for complex dtypes). */
function fromSlots(slots: Float64Array, like: Tensor): Tensor {
  return fromArray(slots, like.shape, { dtype: like.dtype });
}

/**
 * Checks the gradient of `f` at `inputs` by central differences. A random cotangent u
 * of the output's shape is drawn; for every element j of every float input x the
 * analytic `(J^T u)[j]` must match `<u, f(x + eps e_j) - f(x - eps e_j)> / (2 eps)` within
 * `atol + rtol * |numeric|`. Complex inputs and outputs are checked part by part: the
 * real and imaginary parts are perturbed separately, and the analytic gradient is read
 * as `dL/dx + i dL/dy` (difftape's convention). Non-float inputs (indices, masks) are
 * passed through unperturbed. Inputs must be float64 or complex128: differences in
 * single precision cannot resolve gradients to a useful tolerance.
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
    if (x.dtype === 'float32' || x.dtype === 'complex64') {
      throw new DTypeError({ fn: 'gradcheck', arg: `inputs[${i}]`, expected: 'float64 or complex128 (cast before checking)', actual: x.dtype });
    }
  });
  const checked = inputs.map((x) => CHECKED.has(x.dtype));
  const [kU, kT] = split(prngKey(seed), 2) as [ReturnType<typeof prngKey>, ReturnType<typeof prngKey>];
  const [y, vjpFn] = vjp(f, ...inputs);
  if (!(y instanceof Tensor) || !CHECKED.has(y.dtype)) {
    throw new DTypeError({ fn: 'gradcheck', arg: 'f', expected: 'a function returning a float64 or complex128 tensor', actual: fmtValue(y) });
  }
  const u = uniformFloat64(kU, y.size * componentsOf(y.dtype)).map((v) => 2 * v - 1);
  const analytic = vjpFn(fromSlots(u, y)).map((g) => (g as Tensor).toTypedArray());
  const lines: string[] = [];
  let maxAbsError = 0;
  let bad = 0;
  inputs.forEach((x, i) => {
    if (!checked[i]) return;
    const base = x.toTypedArray() as Float64Array;
    const complex = isComplex(x.dtype);
    for (let j = 0; j < base.length; j++) {
      const at = (delta: number): number => {
        const p = base.slice();
        p[j]! += delta;
        const args = inputs.map((z, k) => (k === i ? fromSlots(p, x) : z));
        return dotArrays(u, f(...args).toTypedArray());
      };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      const a = analytic[i]![j]!;
      const err = Math.abs(a - numeric);
      maxAbsError = Math.max(maxAbsError, err);
      if (!(err <= atol + rtol * Math.abs(numeric))) {
        bad++;
        const where = complex ? `element ${j >> 1} (${j % 2 ? 'imaginary' : 'real'} part)` : `element ${j}`;
        if (lines.length < 5) lines.push(`input ${i}, ${where}: analytic ${a}, numeric ${numeric}`);
      }
    }
  });
  if (checkJvp && checked.some((c) => c)) {
    const keys = split(kT, inputs.length);
    const tangents = inputs.map((x, i) => {
      const n = x.size * componentsOf(x.dtype);
      const t = checked[i] ? uniformFloat64(keys[i]!, n).map((v) => 2 * v - 1) : new Float64Array(x.size);
      return checked[i] ? fromSlots(t, x) : tensor(t, { shape: x.shape, dtype: x.dtype });
    });
    const [, jt] = jvp(f, [...inputs], tangents);
    const forward = dotArrays(u, (jt as Tensor).toTypedArray());
    const reverse = inputs.reduce((s, _x, i) => (checked[i] ? s + dotArrays(analytic[i]!, tangents[i]!.toTypedArray()) : s), 0);
    const err = Math.abs(forward - reverse);
    if (!(err <= atol + rtol * Math.abs(reverse))) {
      bad++;
      lines.push(`forward mode: <u, J t> = ${forward} but <J^T u, t> = ${reverse}`);
    }
  }
  const message = bad === 0 ? '' : `gradcheck: ${bad} mismatch(es), max abs error ${maxAbsError}\n  ${lines.join('\n  ')}`;
  return { ok: bad === 0, maxAbsError, message };
}
