/**
 * Initial-condition generators (src/physics/ic/): their statistics with fixed keys,
 * exact normalisations, key handling, shapes in 1-D/2-D/3-D, APEBench configuration
 * strings and argument validation. The bounds are several standard errors wide, so the
 * fixed keys are not tuned to pass.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exp as dexp } from '../../src/dmath/index.js';
import { ArgumentError, DTypeError, ShapeError } from '../../src/errors.js';
import { abs, imag, max, mean, min, real, square, std } from '../../src/ops/index.js';
import {
  ClampingICGenerator,
  DiffusedNoise,
  Discontinuities,
  GaussianBlob,
  GaussianRandomField,
  type IcGenerator,
  MultiChannelIC,
  RandomDiscontinuities,
  RandomGaussianBlobs,
  RandomMultiChannelICGenerator,
  RandomSineWaves1d,
  RandomTruncatedFourierSeries,
  ScaledICGenerator,
  SineWaves1d,
  WhiteNoise,
  buildIcSet,
  normalizeIc,
  parseIcConfig,
  rescaleToLimits,
  validateNormalizationOptions,
} from '../../src/physics/ic/index.js';
import { makeGrid } from '../../src/physics/fourier.js';
import { buildWavenumbers, spectralFft } from '../../src/physics/spectral.js';
import { type PRNGKey, key, split } from '../../src/random/index.js';
import { tensor } from '../../src/tensor/creation.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { throwsTyped } from '../helpers/checks.js';

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const values = (t: Tensor): Float64Array => Float64Array.from(t.toTypedArray() as ArrayLike<number>);
const num = (t: Tensor): number => t.item();

/** |u_hat|^2 per Fourier mode (flat over `(C, N, ..., N//2 + 1)`). */
function power(u: Tensor, D: number): Float64Array {
  return values(square(abs(spectralFft(u, D))));
}

/** Integer wavenumbers per Fourier mode, `k[d][flat]` (one channel). */
function wavenumbers(D: number, N: number): Float64Array[] {
  const k = values(buildWavenumbers(D, N));
  const size = k.length / D;
  return Array.from({ length: D }, (_, d) => k.subarray(d * size, (d + 1) * size));
}

/** Least-squares slope of y over x. */
function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  return sxy / sxx;
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

function sameValues(a: Tensor, b: Tensor, message: string): void {
  assert.equal(a.shape, b.shape, `${message}: shape`);
  const x = values(a);
  const y = values(b);
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) assert.unreachable(`${message}: entry ${i} differs (${x[i]} vs ${y[i]})`);
}

/** `numSamples` draws with split keys, as separate tensors. */
function draws(gen: IcGenerator, N: number, k: PRNGKey, numSamples: number): Tensor[] {
  return split(k, numSamples).map((s) => gen.generate(N, s));
}

const spatial = (D: number, N: number): number[] => new Array<number>(D).fill(N);
const SIZES: Record<number, number> = { 1: 64, 2: 24, 3: 12 };

// ---------------------------------------------------------------------------
// Shapes, dtypes, determinism, independence
// ---------------------------------------------------------------------------

function everyGenerator(D: number): [string, IcGenerator][] {
  const list: [string, IcGenerator][] = [
    ['WhiteNoise', new WhiteNoise(D)],
    ['RandomTruncatedFourierSeries', new RandomTruncatedFourierSeries(D, { maxOne: true })],
    ['GaussianRandomField', new GaussianRandomField(D)],
    ['DiffusedNoise', new DiffusedNoise(D, { maxOne: true })],
    ['RandomGaussianBlobs', new RandomGaussianBlobs(D, { numBlobs: 2 })],
    ['RandomDiscontinuities', new RandomDiscontinuities(D)],
    ['ClampingICGenerator', new ClampingICGenerator(new GaussianRandomField(D), [-2, 3])],
    ['ScaledICGenerator', new ScaledICGenerator(new DiffusedNoise(D, { maxOne: true }), 2.5)],
    ['RandomMultiChannelICGenerator', new RandomMultiChannelICGenerator([new WhiteNoise(D), new RandomGaussianBlobs(D, { oneComplement: true })])],
  ];
  if (D === 1) list.push(['RandomSineWaves1d', new RandomSineWaves1d(1)]);
  return list;
}

test('every generator gives (C, N, ..., N) in 1-D, 2-D and 3-D, float64 by default and float32 on request', () => {
  for (const D of [1, 2, 3]) {
    const N = SIZES[D]!;
    for (const [name, gen] of everyGenerator(D)) {
      const [k64] = split(key(D), 1);
      const u = gen.generate(N, k64!);
      assert.equal(u.shape, [gen.numChannels, ...spatial(D, N)], `${name} ${D}-D shape`);
      assert.is(u.dtype, 'float64', `${name} dtype`);
      assert.ok(values(u).every(Number.isFinite), `${name} ${D}-D finite`);
      const u32 = gen.generate(N, k64!, { dtype: 'float32' });
      assert.is(u32.dtype, 'float32', `${name} float32`);
      const a = values(u);
      const b = values(u32);
      for (let i = 0; i < a.length; i++) if (b[i] !== Math.fround(a[i]!)) assert.unreachable(`${name} ${D}-D: float32 entry ${i} is not the rounded float64 one`);
    }
  }
});

test('the same key gives the same state, bit for bit; split keys give different ones', () => {
  for (const D of [1, 2, 3]) {
    const N = SIZES[D]!;
    for (const [name, gen] of everyGenerator(D)) {
      const [k1, k2] = split(key(100 + D));
      sameValues(gen.generate(N, k1!), gen.generate(N, k1!), `${name} ${D}-D repeat`);
      const a = values(gen.generate(N, k1!));
      const b = values(gen.generate(N, k2!));
      assert.ok(a.some((v, i) => v !== b[i]), `${name} ${D}-D: split keys gave the same state`);
    }
  }
});

test('draws with split keys are uncorrelated (white noise, 4096 points: |r| < 4 / sqrt(n))', () => {
  const gen = new WhiteNoise(1);
  const xs = draws(gen, 4096, key(7), 6).map(values);
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      const r = correlation(xs[i]!, xs[j]!);
      assert.ok(Math.abs(r) < 4 / 64, `samples ${i} and ${j}: correlation ${r}`);
    }
  }
});

// ---------------------------------------------------------------------------
// White noise
// ---------------------------------------------------------------------------

test('white noise: mean 0 and variance std^2 within four standard errors', () => {
  for (const [D, N] of [[1, 8192], [2, 96], [3, 20]] as const) {
    for (const s of [1, 0.25]) {
      const u = values(new WhiteNoise(D, { std: s }).generate(N, key(11 + D)));
      const n = u.length;
      const m = u.reduce((a, b) => a + b, 0) / n;
      const v = u.reduce((a, b) => a + (b - m) ** 2, 0) / n;
      assert.ok(Math.abs(m) < 4 * s / Math.sqrt(n), `${D}-D std ${s}: mean ${m}`);
      assert.ok(Math.abs(v / (s * s) - 1) < 4 * Math.sqrt(2 / n), `${D}-D std ${s}: variance ${v}`);
    }
  }
});

// ---------------------------------------------------------------------------
// Truncated Fourier series
// ---------------------------------------------------------------------------

test('truncated Fourier series: no energy above the cutoff, every mode below it present, in 1-D, 2-D and 3-D', () => {
  for (const [D, N, cutoff] of [[1, 64, 5], [2, 32, 3], [3, 16, 2], [1, 16, 8]] as const) {
    const u = new RandomTruncatedFourierSeries(D, { cutoff }).generate(N, key(21));
    const p = power(u, D);
    const k = wavenumbers(D, N);
    const pmax = Math.max(...p);
    for (let i = 0; i < p.length; i++) {
      const inside = k.every((kd) => Math.abs(kd[i]!) <= cutoff);
      if (!inside) assert.ok(p[i]! < 1e-24 * pmax, `${D}-D cutoff ${cutoff}: mode ${i} outside has power ${p[i]! / pmax}`);
      else if (i > 0) assert.ok(p[i]! > 1e-12 * pmax, `${D}-D: mode ${i} inside is missing`);
    }
    assert.ok(Math.abs(num(mean(u))) < 1e-12, `${D}-D: zero mean by default`);
  }
});

test('truncated Fourier series: kept coefficients are those of white noise (E|u_hat|^2 = N^D, uniform phases)', () => {
  const D = 2;
  const N = 32;
  const cutoff = 4;
  const gen = new RandomTruncatedFourierSeries(D, { cutoff });
  const k = wavenumbers(D, N);
  let sum = 0;
  let count = 0;
  let cosSum = 0;
  let cosCount = 0;
  for (const u of draws(gen, N, key(22), 40)) {
    const z = spectralFft(u, D);
    const re = values(real(z));
    const im = values(imag(z));
    for (let i = 1; i < re.length; i++) {
      if (!k.every((kd) => Math.abs(kd[i]!) <= cutoff)) continue;
      const p = re[i]! ** 2 + im[i]! ** 2;
      sum += p;
      count++;
      if (k[D - 1]![i]! > 0) {
        cosSum += re[i]! / Math.sqrt(p);
        cosCount++;
      }
    }
  }
  const ratio = sum / count / N ** D;
  // Each |u_hat|^2 / N^D is exponential with mean 1: the standard error is 1 / sqrt(count).
  assert.ok(Math.abs(ratio - 1) < 4 / Math.sqrt(count), `E|u_hat|^2 / N^D = ${ratio} over ${count} modes`);
  // cos(phase) of a uniform phase has mean 0 and variance 1/2 (interior modes only: on the
  // last axis' k = 0 line half the modes are conjugates of the others).
  assert.ok(Math.abs(cosSum / cosCount) < 4 * Math.sqrt(0.5 / cosCount), `mean cosine of the phases ${cosSum / cosCount}`);
});

test('truncated Fourier series: the offset range sets the mean; stdOne and maxOne hold exactly', () => {
  const D = 1;
  const N = 64;
  const fixed = new RandomTruncatedFourierSeries(D, { offsetRange: [0.3, 0.3] }).generate(N, key(23));
  assert.ok(Math.abs(num(mean(fixed)) - 0.3) < 1e-12, `mean ${num(mean(fixed))}`);
  const means = draws(new RandomTruncatedFourierSeries(D, { offsetRange: [-0.5, 0.5] }), N, key(24), 20).map((u) => num(mean(u)));
  assert.ok(means.every((m) => m >= -0.5 && m < 0.5), 'means within the offset range');
  assert.ok(Math.max(...means) - Math.min(...means) > 0.3, `the means vary: ${means}`);
  for (const D2 of [1, 2, 3]) {
    const N2 = SIZES[D2]!;
    const s = new RandomTruncatedFourierSeries(D2, { stdOne: true }).generate(N2, key(25));
    assert.ok(Math.abs(num(std(s)) - 1) < 1e-12, `${D2}-D stdOne: std ${num(std(s))}`);
    assert.ok(Math.abs(num(mean(s))) < 1e-12, `${D2}-D stdOne: mean ${num(mean(s))}`);
    const m = new RandomTruncatedFourierSeries(D2, { maxOne: true }).generate(N2, key(26));
    assert.is(num(max(abs(m))), 1, `${D2}-D maxOne`);
  }
});

// ---------------------------------------------------------------------------
// Gaussian random field
// ---------------------------------------------------------------------------

test('Gaussian random field, 1-D: E|u_hat_k|^2 = N |2 pi k / L|^-p; the fitted slope is -p', () => {
  const N = 256;
  for (const [p, L] of [[3, 1], [2, 2.5]] as const) {
    const gen = new GaussianRandomField(1, { powerlawExponent: p, domainExtent: L });
    const kmax = N / 4;
    const avg = new Float64Array(kmax + 1);
    const S = 48;
    for (const u of draws(gen, N, key(31), S)) {
      const pw = power(u, 1);
      for (let k = 1; k <= kmax; k++) avg[k]! += pw[k]! / S;
    }
    const ks: number[] = [];
    const logs: number[] = [];
    let ratio = 0;
    for (let k = 1; k <= kmax; k++) {
      const expected = N * ((2 * Math.PI * k) / L) ** -p;
      ratio += avg[k]! / expected / kmax;
      ks.push(Math.log(k));
      logs.push(Math.log(avg[k]!));
    }
    const fitted = slope(ks, logs);
    // Each avg[k] has relative standard error 1/sqrt(S) = 0.14; the fit over 64 modes is much tighter.
    assert.ok(Math.abs(fitted + p) < 0.1, `p = ${p}: fitted slope ${fitted}`);
    assert.ok(Math.abs(ratio - 1) < 4 / Math.sqrt(S * kmax), `p = ${p}: mean of power / expected ${ratio}`);
  }
});

test('Gaussian random field, 2-D and 3-D: the shell-averaged power spectrum follows |k|^-p', () => {
  for (const [D, N, S, lo, hi] of [[2, 64, 8, 2, 24], [3, 24, 4, 2, 9]] as const) {
    const p = 3;
    const gen = new GaussianRandomField(D, { powerlawExponent: p });
    const k = wavenumbers(D, N);
    const sums = new Float64Array(hi + 1);
    const counts = new Float64Array(hi + 1);
    for (const u of draws(gen, N, key(32), S)) {
      const pw = power(u, D);
      for (let i = 0; i < pw.length; i++) {
        const r = Math.sqrt(k.reduce((a, kd) => a + kd[i]! ** 2, 0));
        const shell = Math.round(r);
        if (shell < lo || shell > hi) continue;
        // Normalise by the exact expectation's k-dependence to average within the shell.
        sums[shell]! += pw[i]! * (2 * Math.PI * r) ** p / N ** D;
        counts[shell]!++;
      }
    }
    const ks: number[] = [];
    const logs: number[] = [];
    for (let s = lo; s <= hi; s++) {
      const flat = sums[s]! / counts[s]!;
      assert.ok(Math.abs(flat - 1) < 5 / Math.sqrt(counts[s]!), `${D}-D shell ${s}: compensated power ${flat} over ${counts[s]} modes`);
      ks.push(Math.log(s));
      logs.push(Math.log(flat * (2 * Math.PI * s) ** -p));
    }
    const fitted = slope(ks, logs);
    assert.ok(Math.abs(fitted + p) < 0.1, `${D}-D fitted slope ${fitted}`);
  }
});

test('Gaussian random field: zero mean by default, stdOne and maxOne exact, amplitude 1 at k = 0', () => {
  for (const D of [1, 2, 3]) {
    const N = SIZES[D]!;
    const u = new GaussianRandomField(D).generate(N, key(33));
    assert.ok(Math.abs(num(mean(u))) < 1e-12, `${D}-D mean`);
    const s = new GaussianRandomField(D, { stdOne: true }).generate(N, key(34));
    assert.ok(Math.abs(num(std(s)) - 1) < 1e-12, `${D}-D std ${num(std(s))}`);
    assert.ok(Math.abs(num(mean(s))) < 1e-12, `${D}-D stdOne mean ${num(mean(s))}`);
    assert.is(num(max(abs(new GaussianRandomField(D, { maxOne: true }).generate(N, key(35))))), 1);
  }
  const amp = values(new GaussianRandomField(2, { powerlawExponent: 4 }).amplitude(8));
  assert.is(amp[0], 1);
  assert.ok(Math.abs(amp[1]! - (2 * Math.PI) ** -2) < 1e-15, 'amplitude at k = (0, 1)');
  const offset = new GaussianRandomField(1, { zeroMean: false }).generate(64, key(36));
  assert.ok(Math.abs(num(mean(offset))) > 1e-6, 'zeroMean false keeps the mean of the noise');
});

// ---------------------------------------------------------------------------
// Diffused noise
// ---------------------------------------------------------------------------

test('diffused noise: modes damped by exp(-intensity |k|^2), E|u_hat|^2 = N^D exp(-2 intensity |k|^2)', () => {
  for (const [D, N, S, intensity, kmax] of [[1, 128, 48, 1e-3, 14], [2, 32, 8, 5e-4, 12]] as const) {
    const gen = new DiffusedNoise(D, { intensity });
    const k = wavenumbers(D, N);
    const k2 = Array.from(k[0]!, (_, i) => k.reduce((a, kd) => a + (2 * Math.PI * kd[i]!) ** 2, 0));
    const sumByMode = new Float64Array(k2.length);
    for (const u of draws(gen, N, key(41), S)) power(u, D).forEach((v, i) => (sumByMode[i]! += v / S));
    const x: number[] = [];
    const y: number[] = [];
    let ratio = 0;
    let count = 0;
    for (let i = 1; i < k2.length; i++) {
      if (k.some((kd) => Math.abs(kd[i]!) > kmax)) continue;
      const expected = N ** D * dexp(-2 * intensity * k2[i]!);
      ratio += sumByMode[i]! / expected;
      count++;
      x.push(k2[i]!);
      y.push(Math.log(sumByMode[i]! / N ** D));
    }
    ratio /= count;
    assert.ok(Math.abs(ratio - 1) < 4 / Math.sqrt(S * count), `${D}-D: mean power / expected ${ratio}`);
    const fitted = slope(x, y);
    assert.ok(Math.abs(fitted / (-2 * intensity) - 1) < 0.03, `${D}-D: fitted decay rate ${-fitted / 2} vs intensity ${intensity}`);
  }
});

test('diffused noise: normalisation options exact; the damping is exact on every mode', () => {
  for (const D of [1, 2, 3]) {
    const N = SIZES[D]!;
    assert.ok(Math.abs(num(mean(new DiffusedNoise(D).generate(N, key(42))))) < 1e-12, `${D}-D zero mean`);
    const s = new DiffusedNoise(D, { stdOne: true }).generate(N, key(43));
    assert.ok(Math.abs(num(std(s)) - 1) < 1e-12, `${D}-D std`);
    assert.is(num(max(abs(new DiffusedNoise(D, { maxOne: true }).generate(N, key(44))))), 1);
  }
  // Without normalisation the state is exactly the damped white noise of the same key.
  const gen = new DiffusedNoise(1, { intensity: 2e-3, zeroMean: false });
  const k = key(45);
  const got = spectralFft(gen.generate(64, k), 1);
  const want = spectralFft(new WhiteNoise(1).generate(64, k), 1).mul(gen.damping(64));
  const scale = num(max(abs(want)));
  for (const part of [real, imag]) {
    const a = values(part(got));
    const b = values(part(want));
    a.forEach((v, i) => assert.ok(Math.abs(v - b[i]!) < 1e-13 * scale, `mode ${i}: ${v} vs ${b[i]}`));
  }
});

// ---------------------------------------------------------------------------
// Gaussian blobs
// ---------------------------------------------------------------------------

test('Gaussian blobs, 1-D: maximum at the centre, discrete second moment equal to the variance', () => {
  const N = 512;
  const gen = new RandomGaussianBlobs(1);
  for (const s of split(key(51), 5)) {
    const blob = gen.genIcFun(s).blobs[0]!;
    const [mu] = blob.position;
    const [v] = blob.variances;
    assert.ok(mu! >= 0.4 && mu! < 0.6 && v! >= 0.005 && v! < 0.01, `parameters ${mu}, ${v} within the ranges`);
    const u = values(gen.generate(N, s));
    const argmax = u.indexOf(Math.max(...u));
    assert.ok(Math.abs(argmax / N - mu!) <= 0.5 / N + 1e-15, `maximum at x = ${argmax / N}, centre ${mu}`);
    assert.ok(Math.abs(u[argmax]! - dexp(-0.5 * (argmax / N - mu!) ** 2 / v!)) < 1e-15, 'value of the formula');
    let m0 = 0;
    let m2 = 0;
    u.forEach((g, i) => {
      m0 += g;
      m2 += g * (i / N - mu!) ** 2;
    });
    assert.ok(Math.abs(m2 / m0 / v! - 1) < 2e-3, `second moment ${m2 / m0} vs variance ${v}`);
    assert.ok(Math.abs(m0 / N / Math.sqrt(2 * Math.PI * v!) - 1) < 2e-3, 'integral sqrt(2 pi sigma^2)');
  }
});

test('Gaussian blobs, 2-D: centre and per-axis widths; extent scaling; several blobs average; one complement', () => {
  const N = 128;
  const L = 2;
  const gen = new RandomGaussianBlobs(2, { domainExtent: L, positionRange: [0.3, 0.7], varianceRange: [0.004, 0.008] });
  const k = key(52);
  const blob = gen.genIcFun(k).blobs[0]!;
  const [m0, m1] = blob.position as [number, number];
  const [v0, v1] = blob.variances as [number, number];
  assert.ok(m0 >= 0.6 && m0 < 1.4 && m1 >= 0.6 && m1 < 1.4, 'positions scaled by L');
  assert.ok(v0 >= 0.008 && v0 < 0.016 && v1 >= 0.008 && v1 < 0.016, 'variances scaled by L');
  const u = values(gen.generate(N, k));
  const dx = L / N;
  let w = 0;
  let c0 = 0;
  let c1 = 0;
  let s0 = 0;
  let s1 = 0;
  let best = 0;
  u.forEach((g, flat) => {
    const x0 = Math.floor(flat / N) * dx;
    const x1 = (flat % N) * dx;
    w += g;
    c0 += g * x0;
    c1 += g * x1;
    s0 += g * (x0 - m0) ** 2;
    s1 += g * (x1 - m1) ** 2;
    if (g > u[best]!) best = flat;
  });
  assert.ok(Math.abs(Math.floor(best / N) * dx - m0) <= dx / 2 + 1e-15 && Math.abs((best % N) * dx - m1) <= dx / 2 + 1e-15, 'maximum at the centre');
  assert.ok(Math.abs(c0 / w - m0) < 1e-3 && Math.abs(c1 / w - m1) < 1e-3, `centroid (${c0 / w}, ${c1 / w}) vs (${m0}, ${m1})`);
  assert.ok(Math.abs(s0 / w / v0 - 1) < 2e-3 && Math.abs(s1 / w / v1 - 1) < 2e-3, 'per-axis variances');

  const three = new RandomGaussianBlobs(2, { numBlobs: 3 });
  const fun = three.genIcFun(key(53));
  assert.is(fun.blobs.length, 3);
  const grid = makeGrid(2, 1, 32);
  const avg = values(fun.blobs.map((b) => b.evaluate(grid)).reduce((a, b) => a.add(b)).div(3));
  const got = values(three.generate(32, key(53)));
  got.forEach((g, i) => assert.ok(Math.abs(g - avg[i]!) < 1e-15, 'mean of the blobs'));

  const plain = values(new RandomGaussianBlobs(2).generate(32, key(54)));
  const comp = values(new RandomGaussianBlobs(2, { oneComplement: true }).generate(32, key(54)));
  comp.forEach((c, i) => assert.ok(Math.abs(c - (1 - plain[i]!)) < 1e-15, 'one complement'));
  assert.ok(Math.min(...comp) >= 0 && Math.max(...comp) <= 1 && Math.min(...plain) >= 0 && Math.max(...plain) <= 1, 'ranges');
});

test('Gaussian blobs, 3-D: maximum at the centre', () => {
  const N = 24;
  const gen = new RandomGaussianBlobs(3);
  const blob = gen.genIcFun(key(55)).blobs[0]!;
  const u = values(gen.generate(N, key(55)));
  const best = u.indexOf(Math.max(...u));
  const idx = [Math.floor(best / (N * N)), Math.floor(best / N) % N, best % N];
  idx.forEach((i, d) => assert.ok(Math.abs(i / N - blob.position[d]!) <= 0.5 / N + 1e-15, `axis ${d}`));
});

test('Gray-Scott style two-channel blobs: (2, N, N), first channel the complement', () => {
  const gen = new RandomMultiChannelICGenerator([new RandomGaussianBlobs(2, { oneComplement: true }), new RandomGaussianBlobs(2)]);
  const u = gen.generate(32, key(56));
  assert.equal(u.shape, [2, 32, 32]);
  assert.ok(num(min(u.slice(0))) < 0.5 && num(max(u.slice(0))) > 0.99, 'channel 0 is one minus a blob');
  assert.ok(num(max(u.slice(1))) > 0.5 && num(min(u.slice(1))) < 0.01, 'channel 1 is a blob');
});

// ---------------------------------------------------------------------------
// Discontinuities
// ---------------------------------------------------------------------------

test('discontinuities, 1-D: piecewise constant, levels are subset sums of the box values, at most 2n jumps', () => {
  const N = 512;
  for (const n of [1, 3, 5]) {
    const gen = new RandomDiscontinuities(1, { numDiscontinuities: n });
    for (const s of split(key(60 + n), 4)) {
      const boxes = gen.genIcFun(s).discontinuities;
      assert.is(boxes.length, n);
      const sums = new Set<number>();
      for (let mask = 0; mask < 1 << n; mask++) sums.add(boxes.reduce((a, b, j) => (mask & (1 << j) ? a + b.value : a), 0));
      const u = values(gen.generate(N, s));
      const levels = new Set(u);
      assert.ok(levels.size <= Math.min(2 * n + 1, 2 ** n), `${n} boxes: ${levels.size} levels`);
      for (const l of levels) assert.ok([...sums].some((t) => Math.abs(t - l) < 1e-14), `level ${l} is a sum of box values`);
      let jumps = 0;
      for (let i = 0; i < N; i++) if (u[i] !== u[(i + 1) % N]) jumps++;
      assert.ok(jumps <= 2 * n, `${n} boxes: ${jumps} jumps`);
      // Every point is exactly the sum of the boxes that contain it (strict inequalities).
      u.forEach((v, i) => {
        const x = i / N;
        const want = boxes.reduce((a, b) => (x > b.lowerLimits[0]! && x < b.upperLimits[0]! ? a + b.value : a), 0);
        assert.ok(Math.abs(v - want) < 1e-14, `x = ${x}`);
      });
      if (n === 1) {
        const b = boxes[0]!;
        const inside = Array.from(u).filter((_, i) => i / N > b.lowerLimits[0]! && i / N < b.upperLimits[0]!).length;
        assert.is(levels.size, inside > 0 && inside < N ? 2 : 1, 'one box: two levels');
      }
    }
  }
});

test('discontinuities, 2-D and 3-D: one box is a rectangular block of one value', () => {
  for (const [D, N] of [[2, 64], [3, 16]] as const) {
    const gen = new RandomDiscontinuities(D, { numDiscontinuities: 1, valueRange: [0.5, 2] });
    const s = key(65 + D);
    const box = gen.genIcFun(s).discontinuities[0]!;
    const u = values(gen.generate(N, s));
    const perAxis = box.lowerLimits.map((lo, d) => Array.from({ length: N }, (_, i) => i / N).filter((x) => x > lo && x < box.upperLimits[d]!).length);
    const count = u.filter((v) => v !== 0).length;
    assert.is(count, perAxis.reduce((a, b) => a * b, 1), `${D}-D: block size`);
    assert.ok(u.every((v) => v === 0 || v === box.value), `${D}-D: two levels`);
    assert.ok(box.value >= 0.5 && box.value < 2, 'value in range');
    box.lowerLimits.forEach((lo, d) => assert.ok(lo >= 0 && lo <= box.upperLimits[d]! && box.upperLimits[d]! < 1, 'limits in [0, L)'));
  }
});

test('discontinuities: normalisation options exact, the explicit class defaults to zero mean', () => {
  for (const D of [1, 2, 3]) {
    const N = SIZES[D]!;
    const z = new RandomDiscontinuities(D, { zeroMean: true }).generate(N, key(70));
    assert.ok(Math.abs(num(mean(z))) < 1e-12, `${D}-D zero mean`);
    const s = new RandomDiscontinuities(D, { zeroMean: true, stdOne: true }).generate(N, key(71));
    assert.ok(Math.abs(num(std(s)) - 1) < 1e-12, `${D}-D std ${num(std(s))}`);
    assert.is(num(max(abs(new RandomDiscontinuities(D, { maxOne: true }).generate(N, key(72))))), 1);
  }
  const d = new Discontinuities([{ lowerLimits: [0.2], upperLimits: [0.8], value: 1 }]);
  const u = d.evaluate(makeGrid(1, 1, 64));
  assert.ok(Math.abs(num(mean(u))) < 1e-15, 'Discontinuities: zero mean by default');
  assert.equal(new Set(values(u)).size, 2);
});

// ---------------------------------------------------------------------------
// Sine waves
// ---------------------------------------------------------------------------

test('sine waves: Fourier coefficients are -i N/2 a_k e^(i phi_k) for k = 1..cutoff, nothing else', () => {
  const N = 64;
  for (const [cutoff, L] of [[5, 1], [3, 2 * Math.PI]] as const) {
    const gen = new RandomSineWaves1d(1, { cutoff, domainExtent: L });
    const s = key(80 + cutoff);
    const f = gen.genIcFun(s);
    assert.equal(f.wavenumbers, Array.from({ length: cutoff }, (_, j) => j + 1));
    const z = spectralFft(gen.generate(N, s), 1);
    const re = values(real(z));
    const im = values(imag(z));
    for (let k = 0; k <= N / 2; k++) {
      let wr = 0;
      let wi = 0;
      if (k >= 1 && k <= cutoff) {
        const a = f.amplitudes[k - 1]!;
        const phi = f.phases[k - 1]!;
        // -i (N/2) a (cos phi + i sin phi) = (N/2) a (sin phi - i cos phi)
        wr = (N / 2) * a * Math.sin(phi);
        wi = -(N / 2) * a * Math.cos(phi);
      }
      assert.ok(Math.abs(re[k]! - wr) < 1e-12 && Math.abs(im[k]! - wi) < 1e-12, `k = ${k}: (${re[k]}, ${im[k]}) vs (${wr}, ${wi})`);
    }
    assert.ok(f.amplitudes.every((a) => a >= -1 && a < 1) && f.phases.every((p) => p >= 0 && p < 2 * Math.PI), 'ranges');
  }
});

test('sine waves: offset, stdOne, maxOne and the closed form', () => {
  const N = 64;
  const off = new RandomSineWaves1d(1, { offsetRange: [0.25, 0.75] });
  const s = key(85);
  const o = off.genIcFun(s).offset;
  assert.ok(o >= 0.25 && o < 0.75);
  assert.ok(Math.abs(num(mean(off.generate(N, s))) - o) < 1e-12, 'mean equals the offset');
  assert.ok(Math.abs(num(std(new RandomSineWaves1d(1, { stdOne: true }).generate(N, key(86)))) - 1) < 1e-12, 'stdOne');
  assert.is(num(max(abs(new RandomSineWaves1d(1, { maxOne: true }).generate(N, key(87))))), 1, 'maxOne');
  const grid = makeGrid(1, 2 * Math.PI, 8);
  const u = values(new SineWaves1d(2 * Math.PI, [1, 0.5], [1, 2], [0, 0], { offset: 3 }).evaluate(grid));
  u.forEach((v, i) => {
    const x = (i * 2 * Math.PI) / 8;
    assert.ok(Math.abs(v - (Math.sin(x) + 0.5 * Math.sin(2 * x) + 3)) < 1e-14, `x = ${x}`);
  });
});

// ---------------------------------------------------------------------------
// Normalisation helpers, clamping, scaling
// ---------------------------------------------------------------------------

test('normalizeIc and rescaleToLimits hold exactly', () => {
  const u = new GaussianRandomField(2, { zeroMean: false }).generate(32, key(90)).mul(3).add(1.5);
  assert.ok(Math.abs(num(mean(normalizeIc(u)))) < 1e-12, 'zero mean (the default)');
  const s = normalizeIc(u, { stdOne: true });
  assert.ok(Math.abs(num(std(s)) - 1) < 1e-12 && Math.abs(num(mean(s))) < 1e-12, 'std one');
  assert.is(num(max(abs(normalizeIc(u, { zeroMean: false, maxOne: true })))), 1, 'max one');
  assert.equal(validateNormalizationOptions({ maxOne: true }), { zeroMean: true, stdOne: false, maxOne: true });
  for (const [lo, hi] of [[0, 1], [-1, 1], [0.2, 0.8], [-3.5, -1.25]] as const) {
    const r = rescaleToLimits(u, [lo, hi]);
    assert.is(num(min(r)), lo, `min ${lo}`);
    assert.ok(Math.abs(num(max(r)) - hi) < 1e-15, `max ${hi}`);
  }
});

test('clamping rescales the inner draw of the same key; scaling multiplies it', () => {
  for (const D of [1, 2, 3]) {
    const N = SIZES[D]!;
    const inner = new RandomTruncatedFourierSeries(D);
    const k = key(91 + D);
    const c = new ClampingICGenerator(inner, [0.2, 0.8]).generate(N, k);
    assert.is(num(min(c)), 0.2);
    assert.ok(Math.abs(num(max(c)) - 0.8) < 1e-15);
    const base = values(inner.generate(N, k));
    const lo = Math.min(...base);
    const hi = Math.max(...base);
    values(c).forEach((v, i) => assert.ok(Math.abs(v - ((base[i]! - lo) / (hi - lo)) * 0.6 - 0.2) < 1e-14, 'affine map of the inner state'));
    const scaled = values(new ScaledICGenerator(new RandomTruncatedFourierSeries(D, { maxOne: true }), 3).generate(N, k));
    assert.ok(Math.abs(Math.max(...scaled.map(Math.abs)) - 3) < 1e-15, `${D}-D: scaled max`);
  }
  const closed = new ScaledICGenerator(new RandomGaussianBlobs(1), -2);
  const grid = makeGrid(1, 1, 16);
  const a = values(closed.genIcFun(key(95)).evaluate(grid));
  const b = values(new RandomGaussianBlobs(1).genIcFun(key(95)).evaluate(grid));
  a.forEach((v, i) => assert.is(v, -2 * b[i]!));
  assert.equal(new ClampingICGenerator(new WhiteNoise(1)).limits, [0, 1]);
});

// ---------------------------------------------------------------------------
// Multi-channel and IC sets
// ---------------------------------------------------------------------------

test('multi-channel: one split key per generator (also for one), channels concatenated, in 1-D to 3-D', () => {
  for (const D of [1, 2, 3]) {
    const N = SIZES[D]!;
    const g = new GaussianRandomField(D, { maxOne: true });
    for (const C of [1, 2, 3]) {
      const multi = new RandomMultiChannelICGenerator(new Array<IcGenerator>(C).fill(g));
      assert.is(multi.numChannels, C);
      const k = key(100 + C);
      const u = multi.generate(N, k);
      assert.equal(u.shape, [C, ...spatial(D, N)]);
      split(k, C).forEach((kc, c) => sameValues(u.slice([c, c + 1]), g.generate(N, kc), `${D}-D channel ${c} of ${C}`));
      if (C > 1) assert.ok(Math.abs(correlation(values(u.slice(0)), values(u.slice(1)))) < 0.9, 'channels differ');
    }
  }
  const nested = new RandomMultiChannelICGenerator([new RandomMultiChannelICGenerator([new WhiteNoise(2), new WhiteNoise(2)]), new WhiteNoise(2)]);
  assert.is(nested.numChannels, 3);
  assert.equal(nested.generate(8, key(1)).shape, [3, 8, 8]);
  const fun = new RandomMultiChannelICGenerator([new RandomSineWaves1d(1), new RandomGaussianBlobs(1)]).genIcFun(key(2));
  assert.ok(fun instanceof MultiChannelIC);
  assert.equal(fun.evaluate(makeGrid(1, 1, 32)).shape, [2, 32]);
});

test('buildIcSet: (S, C, N, ..., N) from a chain of split keys, prefix-stable', () => {
  const gen = new RandomMultiChannelICGenerator([new RandomTruncatedFourierSeries(2), new DiffusedNoise(2)]);
  const k = key(0);
  const set = buildIcSet(gen, { numPoints: 16, numSamples: 4, key: k });
  assert.equal(set.shape, [4, 2, 16, 16]);
  let chain = k;
  for (let s = 0; s < 4; s++) {
    const [next, sub] = split(chain);
    chain = next!;
    sameValues(set.slice(s), gen.generate(16, sub!), `sample ${s}`);
  }
  sameValues(buildIcSet(gen, { numPoints: 16, numSamples: 2, key: k }), set.slice([0, 2]), 'prefix');
  assert.equal(buildIcSet(gen, { numPoints: 16, numSamples: 0, key: k }).shape, [0, 2, 16, 16]);
  const f32 = buildIcSet(new WhiteNoise(3), { numPoints: 6, numSamples: 3, key: k, dtype: 'float32' });
  assert.equal(f32.shape, [3, 1, 6, 6, 6]);
  assert.is(f32.dtype, 'float32');
  const xs = [0, 1, 2].map((s) => values(buildIcSet(new WhiteNoise(1), { numPoints: 2048, numSamples: 3, key: key(5) }).slice(s)));
  assert.ok(Math.abs(correlation(xs[0]!, xs[1]!)) < 4 / Math.sqrt(2048) && Math.abs(correlation(xs[1]!, xs[2]!)) < 4 / Math.sqrt(2048), 'samples independent');
});

// ---------------------------------------------------------------------------
// APEBench configuration strings
// ---------------------------------------------------------------------------

test('parseIcConfig: fourier, diffused, grf and clamp configurations', () => {
  const f = parseIcConfig('fourier;5;true;true', 1) as RandomTruncatedFourierSeries;
  assert.ok(f instanceof RandomTruncatedFourierSeries);
  assert.equal([f.cutoff, f.offsetRange, f.maxOne, f.stdOne], [5, [0, 0], true, false]);
  const g = parseIcConfig(' Fourier ; 1_0 ; FALSE ; false ', 2) as RandomTruncatedFourierSeries;
  assert.equal([g.numSpatialDims, g.cutoff, g.offsetRange, g.maxOne], [2, 10, [-0.5, 0.5], false]);
  const d = parseIcConfig('diffused;1e-3;true;false', 3) as DiffusedNoise;
  assert.ok(d instanceof DiffusedNoise);
  assert.equal([d.numSpatialDims, d.intensity, d.normalization], [3, 1e-3, { zeroMean: true, stdOne: false, maxOne: false }]);
  const r = parseIcConfig('grf;2.5;false;true', 1) as GaussianRandomField;
  assert.ok(r instanceof GaussianRandomField);
  assert.equal([r.powerlawExponent, r.normalization], [2.5, { zeroMean: false, stdOne: false, maxOne: true }]);
  const c = parseIcConfig('clamp;0.0;1.0;fourier;5;false;false', 1) as ClampingICGenerator;
  assert.ok(c instanceof ClampingICGenerator && c.generator instanceof RandomTruncatedFourierSeries);
  assert.equal(c.limits, [0, 1]);
  const u = c.generate(160, key(0));
  assert.is(num(min(u)), 0);
  assert.ok(Math.abs(num(max(u)) - 1) < 1e-15);
  const m = parseIcConfig('fourier;5;true;true', 2, { numChannels: 2 }) as RandomMultiChannelICGenerator;
  assert.ok(m instanceof RandomMultiChannelICGenerator);
  assert.is(m.numChannels, 2);
  const state = m.generate(32, key(3));
  assert.equal(state.shape, [2, 32, 32]);
  assert.is(num(max(abs(state.slice(0)))), 1);
  assert.ok(Math.abs(num(mean(state.slice(1)))) < 1e-12);
  assert.is((parseIcConfig('grf;3;true;true', 1, { numChannels: 1 }) as RandomMultiChannelICGenerator).generators.length, 1);
});

test('parseIcConfig: malformed strings throw ArgumentError', () => {
  const bad = [
    'fourier;5;true',
    'fourier;5;true;true;extra',
    'fourier;x;true;true',
    'fourier;5.5;true;true',
    'fourier;-1;true;true',
    'fourier;5;yes;true',
    'fourier;5;true;1',
    'spline;1;true;true',
    '',
    'clamp;0;1',
    'clamp;1;0;fourier;5;true;true',
    'clamp;a;1;fourier;5;true;true',
    'clamp;0;1;spline;5;true;true',
    'grf;inf;true;true',
    'grf;nan;true;true',
    'diffused;;true;true',
    'diffused;-1;true;true',
  ];
  for (const s of bad) {
    let err: unknown;
    try {
      parseIcConfig(s, 1);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof ArgumentError, `${JSON.stringify(s)} should throw ArgumentError, got ${String(err)}`);
  }
  throwsTyped(() => parseIcConfig('fourier;5;true;true', 4), ArgumentError, 'parseIcConfig', 'numSpatialDims');
  throwsTyped(() => parseIcConfig('fourier;5;true;true', 1, { numChannels: 0 }), ArgumentError, 'parseIcConfig', 'numChannels');
  throwsTyped(() => parseIcConfig(5 as unknown as string, 1), ArgumentError, 'parseIcConfig', 'config');
});

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

test('invalid normalisation combinations throw ArgumentError (Exponax 0.2.0 rules)', () => {
  throwsTyped(() => new GaussianRandomField(1, { zeroMean: false, stdOne: true }), ArgumentError, 'GaussianRandomField', 'stdOne');
  throwsTyped(() => new GaussianRandomField(1, { stdOne: true, maxOne: true }), ArgumentError, 'GaussianRandomField', 'maxOne');
  throwsTyped(() => new DiffusedNoise(2, { zeroMean: false, stdOne: true }), ArgumentError, 'DiffusedNoise', 'stdOne');
  throwsTyped(() => new DiffusedNoise(2, { stdOne: true, maxOne: true }), ArgumentError, 'DiffusedNoise', 'maxOne');
  throwsTyped(() => new RandomTruncatedFourierSeries(1, { offsetRange: [-0.5, 0.5], stdOne: true }), ArgumentError, 'RandomTruncatedFourierSeries', 'stdOne');
  throwsTyped(() => new RandomTruncatedFourierSeries(1, { stdOne: true, maxOne: true }), ArgumentError, 'RandomTruncatedFourierSeries', 'maxOne');
  throwsTyped(() => new RandomDiscontinuities(1, { stdOne: true }), ArgumentError, 'RandomDiscontinuities', 'stdOne');
  throwsTyped(() => new RandomDiscontinuities(1, { zeroMean: true, stdOne: true, maxOne: true }), ArgumentError, 'RandomDiscontinuities', 'maxOne');
  throwsTyped(() => new Discontinuities([{ lowerLimits: [0], upperLimits: [1], value: 1 }], { zeroMean: false, stdOne: true }), ArgumentError, 'Discontinuities', 'stdOne');
  throwsTyped(() => new RandomSineWaves1d(1, { offsetRange: [-1, 1], stdOne: true }), ArgumentError, 'RandomSineWaves1d', 'stdOne');
  throwsTyped(() => new RandomSineWaves1d(1, { stdOne: true, maxOne: true }), ArgumentError, 'RandomSineWaves1d', 'maxOne');
  throwsTyped(() => new SineWaves1d(1, [1], [1], [0], { offset: 1, stdOne: true }), ArgumentError, 'SineWaves1d', 'stdOne');
  throwsTyped(() => normalizeIc(tensor([1, 2]), { zeroMean: false, stdOne: true }), ArgumentError, 'normalizeIc', 'stdOne');
  throwsTyped(() => validateNormalizationOptions({ stdOne: true, maxOne: true }), ArgumentError, 'validateNormalizationOptions', 'maxOne');
  // Allowed: stdOne with zero mean (sine waves: stdOne without offset), maxOne alone, nothing.
  new GaussianRandomField(1, { stdOne: true });
  new RandomSineWaves1d(1, { stdOne: true });
  new RandomTruncatedFourierSeries(1, { offsetRange: [-0.5, 0.5], maxOne: true });
});

test('bad arguments throw typed errors naming the argument', () => {
  const k = key(0);
  throwsTyped(() => new WhiteNoise(4), ArgumentError, 'WhiteNoise', 'numSpatialDims');
  throwsTyped(() => new WhiteNoise(1, { std: -1 }), ArgumentError, 'WhiteNoise', 'std');
  throwsTyped(() => new WhiteNoise(1).generate(0, k), ArgumentError, 'WhiteNoise.generate', 'numPoints');
  throwsTyped(() => new WhiteNoise(1).generate(8, { k0: -1, k1: 0 }), ArgumentError, 'WhiteNoise.generate', 'key');
  throwsTyped(() => new WhiteNoise(1).generate(8, k, { dtype: 'int32' as 'float32' }), DTypeError, 'WhiteNoise.generate', 'dtype');
  throwsTyped(() => new RandomTruncatedFourierSeries(1, { cutoff: 2.5 }), ArgumentError, 'RandomTruncatedFourierSeries', 'cutoff');
  throwsTyped(() => new RandomTruncatedFourierSeries(1, { offsetRange: [1, 0] }), ArgumentError, 'RandomTruncatedFourierSeries', 'offsetRange');
  throwsTyped(() => new RandomTruncatedFourierSeries(2).generate(8, 'key' as unknown as PRNGKey), ArgumentError, 'RandomTruncatedFourierSeries.generate', 'key');
  throwsTyped(() => new GaussianRandomField(1, { domainExtent: 0 }), ArgumentError, 'GaussianRandomField', 'domainExtent');
  throwsTyped(() => new GaussianRandomField(1, { powerlawExponent: NaN }), ArgumentError, 'GaussianRandomField', 'powerlawExponent');
  throwsTyped(() => new DiffusedNoise(1, { intensity: -1 }), ArgumentError, 'DiffusedNoise', 'intensity');
  throwsTyped(() => new RandomGaussianBlobs(2, { numBlobs: 0 }), ArgumentError, 'RandomGaussianBlobs', 'numBlobs');
  throwsTyped(() => new RandomGaussianBlobs(2, { varianceRange: [0, 0.01] }), ArgumentError, 'RandomGaussianBlobs', 'varianceRange');
  throwsTyped(() => new GaussianBlob([0.5], [0.01, 0.01]), ArgumentError, 'GaussianBlob', 'variances');
  throwsTyped(() => new GaussianBlob([0.5, 0.5], [0.01, 0.01]).evaluate(makeGrid(1, 1, 8)), ShapeError, 'GaussianBlob.evaluate', 'grid');
  throwsTyped(() => new RandomDiscontinuities(1, { numDiscontinuities: 0 }), ArgumentError, 'RandomDiscontinuities', 'numDiscontinuities');
  throwsTyped(() => new Discontinuities([]), ArgumentError, 'Discontinuities', 'discontinuities');
  throwsTyped(() => new RandomSineWaves1d(2), ArgumentError, 'RandomSineWaves1d', 'numSpatialDims');
  throwsTyped(() => new SineWaves1d(1, [1, 2], [1], [0]), ArgumentError, 'SineWaves1d', 'wavenumbers');
  throwsTyped(() => new RandomMultiChannelICGenerator([]), ArgumentError, 'RandomMultiChannelICGenerator', 'generators');
  throwsTyped(() => new RandomMultiChannelICGenerator([new WhiteNoise(1), new WhiteNoise(2)]), ArgumentError, 'RandomMultiChannelICGenerator', 'generators');
  throwsTyped(() => new RandomMultiChannelICGenerator([new WhiteNoise(1)]).genIcFun(k), ArgumentError, 'RandomMultiChannelICGenerator.genIcFun');
  throwsTyped(() => new ClampingICGenerator(new WhiteNoise(1), [1, 1]), ArgumentError, 'ClampingICGenerator', 'limits');
  throwsTyped(() => new ClampingICGenerator({} as IcGenerator), ArgumentError, 'ClampingICGenerator', 'generator');
  throwsTyped(() => new ClampingICGenerator(new RandomTruncatedFourierSeries(1, { cutoff: 0 })).generate(8, k), ArgumentError, 'ClampingICGenerator.generate', 'u');
  throwsTyped(() => new ScaledICGenerator(new WhiteNoise(1), Infinity), ArgumentError, 'ScaledICGenerator', 'scale');
  throwsTyped(() => new RandomTruncatedFourierSeries(1, { cutoff: 0, maxOne: true }).generate(8, k), ArgumentError, 'RandomTruncatedFourierSeries.generate', 'u');
  throwsTyped(() => buildIcSet(new WhiteNoise(1), { numPoints: 8, numSamples: -1, key: k }), ArgumentError, 'buildIcSet', 'numSamples');
  throwsTyped(() => buildIcSet(new WhiteNoise(1), { numPoints: 8.5, numSamples: 1, key: k }), ArgumentError, 'buildIcSet', 'numPoints');
  throwsTyped(() => buildIcSet(new WhiteNoise(1), { numPoints: 8, numSamples: 1, key: null as unknown as PRNGKey }), ArgumentError, 'buildIcSet', 'key');
  throwsTyped(() => rescaleToLimits(tensor([1, 1]), [0, 1]), ArgumentError, 'rescaleToLimits', 'u');
  throwsTyped(() => normalizeIc(tensor([2, 2]), { stdOne: true }), ArgumentError, 'normalizeIc', 'u');
});

test.run();
