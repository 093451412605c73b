/**
 * dmath against the platform Math: nanoseconds per call over 1e6 calls each.
 * Run: npx tsx bench/dmath.ts. Prints one JSON object.
 *
 * Each (function, implementation) pair gets its own compiled loop so that the call
 * site stays monomorphic and both sides can be inlined, as they would be in a kernel.
 */
import * as D from '../src/dmath/index.js';

type Fn = (...args: number[]) => number;

const CALLS = 1_000_000;
const REPEATS = 5;
const SIZE = 4096; // inputs cycled through, small enough to stay in cache

let seed = 0x9e3779b9;
function rand(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}
const uniform = (a: number, b: number) => () => a + (b - a) * rand();
const logUniform = (lo: number, hi: number) => () => lo * (hi / lo) ** rand();

function table(gen: () => number): Float64Array {
  const xs = new Float64Array(SIZE);
  for (let i = 0; i < SIZE; i++) xs[i] = gen();
  return xs;
}

function makeLoop(arity: 1 | 2): (f: Fn, xs: Float64Array, ys: Float64Array, n: number) => number {
  const call = arity === 1 ? 'f(xs[i & mask])' : 'f(xs[i & mask], ys[i & mask])';
  // A fresh function per measurement: its own feedback, so f is inlined when possible.
  return new Function('f', 'xs', 'ys', 'n', `const mask = xs.length - 1; let s = 0; for (let i = 0; i < n; i++) s += ${call}; return s;`) as (
    f: Fn,
    xs: Float64Array,
    ys: Float64Array,
    n: number,
  ) => number;
}

let sink = 0;
function nsPerCall(f: Fn, arity: 1 | 2, xs: Float64Array, ys: Float64Array): number {
  const loop = makeLoop(arity);
  sink += loop(f, xs, ys, CALLS / 5); // warm up and optimise
  let best = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    sink += loop(f, xs, ys, CALLS);
    best = Math.min(best, performance.now() - t0);
  }
  return (best * 1e6) / CALLS;
}

const cases: [string, Fn, Fn, () => number, (() => number)?][] = [
  ['exp', D.exp, Math.exp, uniform(-700, 700)],
  ['expm1', D.expm1, Math.expm1, uniform(-5, 5)],
  ['log', D.log, Math.log, logUniform(1e-300, 1e300)],
  ['log1p', D.log1p, Math.log1p, uniform(-0.9, 5)],
  ['log2', D.log2, Math.log2, logUniform(1e-300, 1e300)],
  ['log10', D.log10, Math.log10, logUniform(1e-300, 1e300)],
  ['sin', D.sin, Math.sin, uniform(-10, 10)],
  ['cos', D.cos, Math.cos, uniform(-10, 10)],
  ['tan', D.tan, Math.tan, uniform(-10, 10)],
  ['sin_huge', D.sin, Math.sin, logUniform(1e10, 1e300)],
  ['asin', D.asin, Math.asin, uniform(-1, 1)],
  ['acos', D.acos, Math.acos, uniform(-1, 1)],
  ['atan', D.atan, Math.atan, uniform(-10, 10)],
  ['atan2', D.atan2, Math.atan2, uniform(-10, 10), uniform(-10, 10)],
  ['sinh', D.sinh, Math.sinh, uniform(-30, 30)],
  ['cosh', D.cosh, Math.cosh, uniform(-30, 30)],
  ['tanh', D.tanh, Math.tanh, uniform(-10, 10)],
  ['asinh', D.asinh, Math.asinh, uniform(-100, 100)],
  ['acosh', D.acosh, Math.acosh, uniform(1, 100)],
  ['atanh', D.atanh, Math.atanh, uniform(-1, 1)],
  ['pow', D.pow, Math.pow, uniform(0.01, 10), uniform(-20, 20)],
  ['cbrt', D.cbrt, Math.cbrt, uniform(-1000, 1000)],
];

// ns per call; math and ratio (dmath / Math) only where Math has the function.
const results: Record<string, { dmath: number; math?: number; ratio?: number }> = {};
for (const [name, d, m, gx, gy] of cases) {
  const xs = table(gx);
  const ys = table(gy ?? gx);
  const arity = gy ? 2 : 1;
  const dmath = nsPerCall(d, arity, xs, ys);
  const math = nsPerCall(m, arity, xs, ys);
  results[name] = { dmath: +dmath.toFixed(2), math: +math.toFixed(2), ratio: +(dmath / math).toFixed(2) };
}
for (const [name, f, gx] of [['erf', D.erf, uniform(-5, 5)], ['erfc', D.erfc, uniform(-5, 20)]] as const) {
  const xs = table(gx);
  results[name] = { dmath: +nsPerCall(f, 1, xs, xs).toFixed(2) };
}

const env = (globalThis as { process?: { version?: string } }).process?.version ?? 'unknown';
console.log(JSON.stringify({ bench: 'dmath', calls: CALLS, unit: 'ns/call', runtime: env, results, sink: sink !== 0 }));
