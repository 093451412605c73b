/**
 * difftape's FFTs against NumPy (pocketfft) on the same machine, and the engine's
 * power-of-two path against fft.js. Prints one JSON object.
 *
 *     npx tsx bench/fft.ts [--quick]
 *
 * Ours: microseconds per call, median (and minimum) of many timed samples, each sample a
 * loop long enough (>= 2 ms) for the timer, after a warm-up that lets V8 optimise; once
 * for the public API on tensors (`rfft(x)`: what a user pays, a fresh result tensor per
 * call) and once for the CPU engine alone writing into preallocated outputs.
 * NumPy: `timeit` in one `python3 -c` child (autorange, then the minimum of 7 repeats),
 * the usual way NumPy timings are reported. `ratio` is numpy / ours (median), so > 1 means
 * the engine is faster. Transforms are unnormalized on both sides' hot paths (NumPy's
 * default norm scales only inverses; only forward transforms are timed).
 *
 * Cases: real forward along the last axis (n = 160, 256, 1024, 4096; one row and 64 rows),
 * 2-D real forward (rows, then complex along axis 0; NumPy rfft2), 3-D real forward of
 * 32^3 (NumPy rfftn), complex n = 160 and 256 (NumPy fft).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import FFT from 'fft.js';
import { cisInto, complexAlongAxis, realForwardLastAxis } from '../src/backend/cpu/fft/index.js';
import { complex, fft, fromArray, rfft, rfft2, rfftn } from '../src/index.js';

const quick = process.argv.includes('--quick');
const SAMPLE_MS = 2;
const SAMPLES = quick ? 11 : 31;
const WARM_MS = quick ? 50 : 200;

interface Timing {
  median_us: number;
  min_us: number;
}

/** Per-call time of `fn`: median and minimum over SAMPLES samples. */
function time(fn: () => unknown): Timing {
  const t0 = performance.now();
  while (performance.now() - t0 < WARM_MS) fn();
  let iters = 1;
  for (;;) {
    const s = performance.now();
    for (let i = 0; i < iters; i++) fn();
    if (performance.now() - s >= SAMPLE_MS) break;
    iters *= 2;
  }
  const ts: number[] = [];
  for (let k = 0; k < SAMPLES; k++) {
    const s = performance.now();
    for (let i = 0; i < iters; i++) fn();
    ts.push(((performance.now() - s) * 1000) / iters);
  }
  ts.sort((a, b) => a - b);
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  return { median_us: r3(ts[ts.length >> 1]!), min_us: r3(ts[0]!) };
}

/** Deterministic inputs in [-1, 1). */
function randoms(size: number, seed: number): Float64Array {
  let a = seed >>> 0;
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    out[i] = a / 2147483648 - 1;
  }
  return out;
}

interface Case {
  name: string;
  /** The engine writing into preallocated outputs (what a backend reusing storage pays). */
  ours: () => unknown;
  /** The public API on tensors (a fresh result per call, as NumPy returns). */
  alloc: () => unknown;
  /** Python statement timed with `np` and `x` bound. */
  numpy: string;
  /** NumPy input: shape, and whether complex. */
  shape: number[];
  complex: boolean;
}

const cases: Case[] = [];
for (const n of [160, 256, 1024, 4096]) {
  for (const rows of [1, 64]) {
    const shape = rows === 1 ? [n] : [rows, n];
    const x = randoms(rows * n, n + rows);
    const out = new Float64Array(2 * rows * ((n >> 1) + 1));
    const t = fromArray(x, shape);
    cases.push({
      name: rows === 1 ? `rfft n=${n}` : `rfft n=${n} batch=${rows}`,
      ours: () => realForwardLastAxis(x, shape, out),
      alloc: () => rfft(t),
      numpy: 'np.fft.rfft(x)',
      shape,
      complex: false,
    });
  }
}
for (const n of [160, 256]) {
  const x = randoms(n * n, 7 * n);
  const half = [n, (n >> 1) + 1];
  const a = new Float64Array(2 * n * half[1]!);
  const b = new Float64Array(a.length);
  const t = fromArray(x, [n, n]);
  cases.push({
    name: `rfft2 ${n}x${n}`,
    ours: () => complexAlongAxis(realForwardLastAxis(x, [n, n], a), half, 0, false, b),
    alloc: () => rfft2(t),
    numpy: 'np.fft.rfft2(x)',
    shape: [n, n],
    complex: false,
  });
}
{
  const x = randoms(32 ** 3, 32);
  const half = [32, 32, 17];
  const a = new Float64Array(2 * 32 * 32 * 17);
  const b = new Float64Array(a.length);
  const t = fromArray(x, [32, 32, 32]);
  cases.push({
    name: 'rfftn 32x32x32',
    ours: () => complexAlongAxis(complexAlongAxis(realForwardLastAxis(x, [32, 32, 32], a), half, 1, false, b), half, 0, false, a),
    alloc: () => rfftn(t),
    numpy: 'np.fft.rfftn(x)',
    shape: [32, 32, 32],
    complex: false,
  });
}
for (const n of [160, 256]) {
  const x = randoms(2 * n, 3 * n);
  const out = new Float64Array(2 * n);
  const z = complex(fromArray(x.subarray(0, n)), fromArray(x.subarray(n)));
  cases.push({
    name: `fft n=${n}`,
    ours: () => complexAlongAxis(x, [n], 0, false, out),
    alloc: () => fft(z),
    numpy: 'np.fft.fft(x)',
    shape: [n],
    complex: true,
  });
}

// NumPy, all cases in one child process.
const pyCases = cases.map((c) => ({ name: c.name, stmt: c.numpy, shape: c.shape, complex: c.complex }));
const script = `
import json, sys, timeit
import numpy as np
cases = json.loads(sys.stdin.read())
rng = np.random.default_rng(0)
out = {"numpy_version": np.__version__}
for c in cases:
    x = rng.standard_normal(c["shape"])
    if c["complex"]:
        x = x + 1j * rng.standard_normal(c["shape"])
    t = timeit.Timer(c["stmt"], globals={"np": np, "x": x})
    number, _ = t.autorange()
    out[c["name"]] = min(t.repeat(${quick ? 3 : 7}, number)) / number * 1e6
print(json.dumps(out))
`;
let numpy: Record<string, number | string> = {};
let numpyError: string | undefined;
const py = spawnSync('python3', ['-c', script], { input: JSON.stringify(pyCases), encoding: 'utf8' });
if (py.status === 0) numpy = JSON.parse(py.stdout) as Record<string, number | string>;
else numpyError = (py.error?.message ?? py.stderr ?? 'python3 failed').trim().slice(0, 500);

interface Row {
  api_median_us: number;
  engine_median_us: number;
  numpy_us?: number;
  ratio_api?: number;
  ratio_engine?: number;
}
const results: Record<string, Row> = {};
for (const c of cases) {
  const engine = time(c.ours);
  const api = time(c.alloc);
  const np = numpy[c.name];
  const row: Row = { api_median_us: api.median_us, engine_median_us: engine.median_us };
  if (typeof np === 'number') {
    row.numpy_us = Math.round(np * 1000) / 1000;
    row.ratio_api = Math.round((np / api.median_us) * 100) / 100;
    row.ratio_engine = Math.round((np / engine.median_us) * 100) / 100;
  }
  results[c.name] = row;
}

// fft.js (radix-4, in place) with its twiddle table replaced by dmath values, against the
// engine's own Stockham path, single complex transforms.
const fftjs: Record<string, { own: Timing; fftjs: Timing; own_faster: boolean }> = {};
for (const n of [256, 1024, 4096]) {
  const x = randoms(2 * n, 11 * n);
  const out = new Float64Array(2 * n);
  const f = new FFT(n);
  const table = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) cisInto(k, n, -1, table, 2 * k);
  (f as unknown as { table: Float64Array }).table = table;
  const out2 = new Float64Array(2 * n);
  const own = time(() => complexAlongAxis(x, [n], 0, false, out));
  const theirs = time(() => f.transform(out2, x));
  fftjs[`n=${n}`] = { own, fftjs: theirs, own_faster: own.median_us < theirs.median_us };
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    return m?.[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

console.log(JSON.stringify({
  machine: { node: process.version, cpu: cpuModel(), numpy: numpy.numpy_version ?? null },
  unit: 'microseconds per call (medians); api: the public functions on tensors; engine: the CPU engine into preallocated outputs; ratio_* = numpy / ours, > 1: ours faster',
  ...(numpyError === undefined ? {} : { numpy_error: numpyError }),
  cases: results,
  fftjs_vs_own_complex: fftjs,
}, null, 1));
