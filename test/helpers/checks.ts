/**
 * Assertions shared by the op tests: typed errors and float64 gradient checks.
 */
import * as assert from 'uvu/assert';
import type { Tensor } from '../../src/index.js';
import { type GradcheckOptions, gradcheck } from '../../src/index.js';

/**
 * Asserts that `f` throws an instance of `cls` whose message starts with `fn:` and, when
 * given, names argument `arg`.
 */
export function throwsTyped(f: () => unknown, cls: new (...args: never[]) => Error, fn: string, arg?: string): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof cls, `expected ${cls.name} from ${fn}, got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  const msg = (err as Error).message;
  assert.ok(msg.startsWith(`${fn}:`), `message should name ${fn}: ${msg}`);
  if (arg !== undefined) assert.ok(msg.includes(`'${arg}'`), `message should name argument '${arg}': ${msg}`);
}

/** Asserts that `gradcheck(f, inputs)` passes; `label` (or options.label) prefixes the failure. */
export function checkGrad(
  f: (...xs: Tensor[]) => Tensor,
  inputs: Tensor[],
  options: string | (GradcheckOptions & { label?: string }) = {},
): void {
  const opts = typeof options === 'string' ? { label: options } : options;
  const r = gradcheck(f, inputs, opts);
  assert.ok(r.ok, opts.label ? `${opts.label}: ${r.message}` : r.message);
}

/** Asserts that `f` throws an instance of `cls` whose message contains every fragment. */
export function throwsWith(f: () => unknown, cls: new (...args: never[]) => Error, ...fragments: string[]): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof cls, `expected a ${cls.name}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  const message = (error as Error).message;
  for (const fragment of fragments) assert.ok(message.includes(fragment), `message ${JSON.stringify(message)} lacks ${JSON.stringify(fragment)}`);
}

/** mulberry32: a small deterministic generator of uniform numbers in [0, 1) for test cases. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [lo, hi] from generator `r`. */
export const randInt = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** erf by its Maclaurin series (|x| <= 2.5), summed to convergence: an independent reference. */
export function erfSeries(x: number): number {
  let term = x;
  let s = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    s += add;
    if (Math.abs(add) < 1e-18 * Math.abs(s)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * s;
}
