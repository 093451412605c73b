/**
 * Grid fields and spectral measurements shared by the stepper tests (no Node built-ins).
 */
import {
  type FloatDType, type Tensor, buildDerivativeOperator, concat, fromArray, mul, spectralFft, spectralIfft,
} from '../../src/index.js';

export const TAU = 2 * Math.PI;

/** The grid coordinates `x_i = i L / N` of every point, in row-major order. */
export function gridPoints(D: number, N: number, L: number): number[][] {
  const size = N ** D;
  return Array.from({ length: size }, (_, flat) => {
    const x = new Array<number>(D);
    let rem = flat;
    for (let d = D - 1; d >= 0; d--) {
      x[d] = ((rem % N) * L) / N;
      rem = Math.floor(rem / N);
    }
    return x;
  });
}

/** A one-channel field `(1, N, ..., N)` with values `f(x)` on the grid. */
export function field(D: number, N: number, L: number, f: (x: number[]) => number, dtype: FloatDType = 'float64'): Tensor {
  const t = fromArray(Float64Array.from(gridPoints(D, N, L), f), [1, ...new Array<number>(D).fill(N)]);
  return dtype === 'float64' ? t : t.cast(dtype);
}

/** Channels `(C, N, ..., N)` from one function per channel. */
export function fields(D: number, N: number, L: number, fs: ((x: number[]) => number)[], dtype: FloatDType = 'float64'): Tensor {
  return concat(fs.map((f) => field(D, N, L, f, dtype)), 0);
}

/** `sin(2 pi k . x / L + phase)`. */
export function mode(k: number[], L: number, phase = 0): (x: number[]) => number {
  return (x) => Math.sin((TAU * k.reduce((s, kd, d) => s + kd * x[d]!, 0)) / L + phase);
}

/** A smooth deterministic field: a few low modes with fixed amplitudes and phases, plus an offset. */
export function smooth(D: number, L: number, seed: number, offset = 0, amplitude = 1): (x: number[]) => number {
  const modes = [1, 2, 3].map((j) => {
    const k = Array.from({ length: D }, (_, d) => ((seed * 7 + j * 3 + d * 5) % 5) - 2);
    if (!k.some((v) => v !== 0)) k[0] = j;
    return { k, amp: amplitude / (j + 1), phase: 0.3 * seed + 1.1 * j };
  });
  return (x) => offset + modes.reduce((s, m) => s + m.amp * mode(m.k, L, m.phase)(x), 0);
}

/** max |a - b| / max |b| over all entries. */
export { relMaxAbs as relErr } from '../helpers/exponax.js';

/** max |a| over all entries. */
export function maxAbs(a: Tensor): number {
  let m = 0;
  for (const v of a.toTypedArray()) m = Math.max(m, Math.abs(v));
  return m;
}

/** The mean over every entry. */
export function meanOf(a: Tensor): number {
  const x = a.toTypedArray();
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

/** `n` steps of a stepper. */
export function rollout(stepper: { step(u: Tensor): Tensor }, u: Tensor, n: number): Tensor {
  let v = u;
  for (let i = 0; i < n; i++) v = stepper.step(v);
  return v;
}

/** The spectral gradient `(D, N, ..., N)` of a one-channel field `(1, N, ..., N)`. */
export function gradient(u: Tensor, D: number, L: number): Tensor {
  const N = u.shape.at(-1)!;
  const d = buildDerivativeOperator(D, L, N);
  return spectralIfft(mul(d, spectralFft(u, D)), D, N);
}
