/**
 * Fourier-space analysis (src/physics/fourier.ts): grids, derivatives, spectra, Fourier
 * coefficients, resampling and the Fourier interpolator, checked against closed forms of
 * band-limited fields (Exponax 0.2.0 semantics).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, DTypeError, FourierInterpolator, ShapeError, type Tensor, derivative, getFourierCoefficients, getSpectrum,
  makeGrid, mapBetweenResolutions, stack, sum, tensor, wrapBc,
} from '../../src/index.js';
import { assertClose, assertShape, assertThrowsTyped, forEachIndex, randomTensor } from '../helpers/assert-close.js';
import { checkGrad } from '../helpers/checks.js';

/** A mode `amp * trig(2 pi k . x / L + phase)`, trig = sin. */
interface Mode {
  k: number[];
  amp: number;
  phase: number;
}

/** The field `sum_m amp sin(2 pi k . x / L + phase)` as a function of a point. */
function fieldAt(modes: Mode[], L: number): (x: number[]) => number {
  return (x) => modes.reduce((s, m) => s + m.amp * Math.sin((2 * Math.PI * m.k.reduce((a, k, d) => a + k * x[d]!, 0)) / L + m.phase), 0);
}

/** The derivative along axis `axis` of that field. */
function derivAt(modes: Mode[], L: number, axis: number): (x: number[]) => number {
  return (x) =>
    modes.reduce((s, m) => {
      const w = (2 * Math.PI) / L;
      return s + m.amp * w * m.k[axis]! * Math.cos(w * m.k.reduce((a, k, d) => a + k * x[d]!, 0) + m.phase);
    }, 0);
}

/** Samples `f` on the grid `x_i = i L / N`, shape `(N, ..., N)`. */
function sample(f: (x: number[]) => number, D: number, N: number, L: number): Tensor {
  const shape = new Array<number>(D).fill(N);
  const out = new Float64Array(N ** D);
  forEachIndex(shape, (idx, flat) => {
    out[flat] = f(idx.map((i) => (i * L) / N));
  });
  return tensor(out, { shape });
}

const MODES_1D: Mode[] = [
  { k: [1], amp: 1, phase: 0.3 },
  { k: [3], amp: 0.5, phase: 1.1 },
];
const MODES_2D: Mode[] = [
  { k: [1, 0], amp: 1, phase: 0 },
  { k: [0, 2], amp: 0.6, phase: 0.4 },
  { k: [2, -1], amp: 0.3, phase: 1.2 },
  { k: [-3, 1], amp: 0.2, phase: 2.0 },
];
const MODES_3D: Mode[] = [
  { k: [1, 0, 0], amp: 1, phase: 0.2 },
  { k: [0, -1, 2], amp: 0.5, phase: 0.7 },
  { k: [1, 1, -1], amp: 0.25, phase: 1.9 },
];

test('makeGrid: shape (D, N, ..., N), "ij" values, full and zero-centered variants', () => {
  const g1 = makeGrid(1, 2, 4);
  assertShape(g1, [1, 4]);
  assertClose(g1, [[0, 0.5, 1, 1.5]]);
  const g2 = makeGrid(2, 1, 3);
  assertShape(g2, [2, 3, 3]);
  const t = 1 / 3;
  assertClose(g2.slice(0), [[0, 0, 0], [t, t, t], [2 * t, 2 * t, 2 * t]]);
  assertClose(g2.slice(1), [[0, t, 2 * t], [0, t, 2 * t], [0, t, 2 * t]]);
  const g3 = makeGrid(3, 4, 2, { full: true, zeroCentered: true });
  assertShape(g3, [3, 3, 3, 3]);
  assertClose(g3.slice(2, 0, 0), [-2, 0, 2]);
  assertClose(g3.slice(0, null, 1, 1), [-2, 0, 2]);
  assert.is(makeGrid(1, 1, 4, { dtype: 'float32' }).dtype, 'float32');
  assertThrowsTyped(() => makeGrid(4, 1, 4), ArgumentError, { fn: 'makeGrid', arg: 'numSpatialDims' });
  assertThrowsTyped(() => makeGrid(1, -1, 4), ArgumentError, { fn: 'makeGrid', arg: 'domainExtent' });
});

test('wrapBc appends the periodic copy of the first point on every spatial axis', () => {
  const u = tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
  const w = wrapBc(u);
  assertShape(w, [2, 3, 3]);
  assertClose(w.slice(0), [[1, 2, 1], [3, 4, 3], [1, 2, 1]]);
  assertClose(wrapBc(tensor([[1, 2, 3]])), [[1, 2, 3, 1]]);
  assertThrowsTyped(() => wrapBc(tensor([1, 2])), ShapeError, { fn: 'wrapBc', arg: 'u' });
});

test('derivative of sines and cosines is exact: 1-D, 2-D gradient, multi-channel, second order', () => {
  const L = 3;
  const u1 = stack([sample(fieldAt(MODES_1D, L), 1, 16, L)]);
  assertClose(derivative(u1, L), stack([sample(derivAt(MODES_1D, L, 0), 1, 16, L)]), { atol: 1e-13, rtol: 0 });
  // Second derivative of sin(2 pi k x / L + p) is -(2 pi k / L)^2 times itself.
  const w = (2 * Math.PI) / L;
  const second = stack([sample((x) => MODES_1D.reduce((s, m) => s - m.amp * (w * m.k[0]!) ** 2 * Math.sin(w * m.k[0]! * x[0]! + m.phase), 0), 1, 16, L)]);
  assertClose(derivative(u1, L, { order: 2 }), second, { atol: 1e-12, rtol: 0 });
  // One channel in 2-D gives the gradient (2, N, N).
  const u2 = stack([sample(fieldAt(MODES_2D, L), 2, 12, L)]);
  const g = derivative(u2, L);
  assertShape(g, [2, 12, 12]);
  assertClose(g, stack([0, 1].map((a) => sample(derivAt(MODES_2D, L, a), 2, 12, L))), { atol: 1e-13, rtol: 0 });
  // C channels give (C, D, N, N).
  const two = stack([sample(fieldAt(MODES_2D, L), 2, 12, L), sample(fieldAt(MODES_2D.slice(1), L), 2, 12, L)]);
  const g2 = derivative(two, L);
  assertShape(g2, [2, 2, 12, 12]);
  assertClose(g2.slice(1, 0), sample(derivAt(MODES_2D.slice(1), L, 0), 2, 12, L), { atol: 1e-13, rtol: 0 });
  // Order 0 is the identity on every axis.
  assertClose(derivative(u2, L, { order: 0 }).slice(1), u2.slice(0), { atol: 1e-14, rtol: 0 });
  checkGrad((a) => derivative(a, L), [randomTensor([1, 6, 6], { seed: 1 })], 'derivative');
  assertThrowsTyped(() => derivative(u1, L, { order: 1.5 }), ArgumentError, { fn: 'derivative', arg: 'order' });
  assertThrowsTyped(() => derivative(tensor([1, 2, 3]), L), ShapeError, { fn: 'derivative', arg: 'field' });
});

test('getSpectrum of single modes: amplitude and power in 1-D', () => {
  const N = 16;
  const one = (f: (x: number) => number): Tensor => stack([sample((x) => f(x[0]!), 1, N, 2 * Math.PI)]);
  const amp = (u: Tensor): number[] => Array.from(getSpectrum(u, { power: false }).toTypedArray());
  const pow = (u: Tensor): number[] => Array.from(getSpectrum(u).toTypedArray());
  assertShape(getSpectrum(one(Math.sin)), [1, N / 2 + 1]);
  assertClose(amp(one((x) => 3 * Math.sin(x)))[1]!, 3);
  assertClose(amp(one((x) => 3 * Math.sin(3 * x) + 4 * Math.cos(3 * x)))[3]!, 5);
  assertClose(amp(one(() => 3))[0]!, 3);
  // Power: each mode's share of 0.5 mean(u^2): A^2 / 4 for A cos(kx), c^2 / 2 for a constant,
  // a^2 / 2 for the Nyquist mode a (-1)^n.
  assertClose(pow(one((x) => 5 * Math.cos(3 * x)))[3]!, 25 / 4);
  assertClose(pow(one(() => 3))[0]!, 4.5);
  const nyq = pow(tensor([Array.from({ length: N }, (_, n) => 2 * (-1) ** n)]));
  assertClose(nyq[N / 2]!, 2);
  // Parseval over several modes; 'average' is 'sum' in 1-D.
  const u = one((x) => 2 * Math.cos(x) + 3 * Math.sin(5 * x) + 1);
  const energy = 0.5 * (1 + 2 + 4.5);
  assertClose(pow(u).reduce((a, b) => a + b), energy);
  assertClose(getSpectrum(u, { radialBinning: 'average' }), getSpectrum(u));
});

test('getSpectrum in 2-D and 3-D: shells [k - 1/2, k + 1/2), sum and average', () => {
  const N = 8;
  const L = 2 * Math.PI;
  const s2 = (f: (x: number[]) => number, options = {}): number[] =>
    Array.from(getSpectrum(stack([sample(f, 2, N, L)]), options).toTypedArray());
  // Amplitude of axis-aligned modes on either axis, and of a mixed mode in the sqrt(8) shell.
  assertClose(s2((x) => 3 * Math.sin(x[0]!), { power: false })[1]!, 3);
  assertClose(s2((x) => 3 * Math.cos(2 * x[1]!), { power: false })[2]!, 3);
  const mixed = s2((x) => 3 * Math.sin(2 * x[0]!) * Math.cos(2 * x[1]!), { power: false });
  assertClose(mixed[3]!, 3);
  assertClose(mixed[2]!, 0, { atol: 1e-14 });
  // Power: the same along either axis, and the shell sums give 0.5 mean(u^2).
  const p0 = s2((x) => 4 * Math.cos(3 * x[0]!));
  const p1 = s2((x) => 4 * Math.cos(3 * x[1]!));
  assertClose(p0, p1, { atol: 1e-14 });
  assertClose(p0[3]!, 4);
  const u = stack([sample((x) => 2 * Math.cos(x[0]!) + 3 * Math.sin(2 * x[1]!) + 4 * Math.sin(2 * x[0]!) * Math.cos(x[1]!) + 1, 2, N, L)]);
  assertClose(sum(getSpectrum(u)).item(), 0.5 * (1 + 2 + 4.5 + 4));
  // Average: the shell sum divided by the number of half-spectrum entries in the shell;
  // shell 1 of an 8 x 5 grid holds (+-1, 0), (0, 1) and (+-1, 1).
  const avg = Array.from(getSpectrum(u, { radialBinning: 'average' }).toTypedArray());
  const tot = Array.from(getSpectrum(u).toTypedArray());
  assertClose(avg[1]!, tot[1]! / 5);
  assertClose(avg[0]!, tot[0]!);
  // 3-D: shell sqrt(3) -> 2, multi-channel output (C, N//2 + 1).
  const v = stack([
    sample((x) => 3 * Math.sin(x[0]!) * Math.cos(x[1]!) * Math.sin(x[2]!), 3, 6, L),
    sample((x) => 5 * Math.cos(x[2]!), 3, 6, L),
  ]);
  const a3 = getSpectrum(v, { power: false });
  assertShape(a3, [2, 4]);
  assertClose(a3.slice(0, 2).item(), 3);
  assertClose(a3.slice(1, 1).item(), 5);
  assertClose(sum(getSpectrum(v).slice(1)).item(), 0.5 * 12.5);
  checkGrad((a) => getSpectrum(a), [randomTensor([1, 6, 6], { seed: 2 })], 'getSpectrum');
  assertThrowsTyped(() => getSpectrum(u, { radialBinning: 'mean' as 'sum' }), ArgumentError, { fn: 'getSpectrum', arg: 'radialBinning' });
  assertThrowsTyped(() => getSpectrum(u.cast('complex128')), DTypeError, { fn: 'getSpectrum', arg: 'state' });
});

test('getFourierCoefficients reads amplitudes off, rounded to 5 decimals by default', () => {
  const L = 1;
  const u = stack([sample((x) => 3 + 1.5 * Math.sin(2 * Math.PI * x[0]!) + 0.3 * Math.cos(4 * Math.PI * x[0]!), 1, 8, L)]);
  const c = getFourierCoefficients(u);
  assertShape(c, [1, 5]);
  assert.is(c.dtype, 'complex128');
  assertClose(c.toTypedArray(), [3, 0, 0, -1.5, 0.3, 0, 0, 0, 0, 0], { atol: 0, rtol: 0 });
  const raw = getFourierCoefficients(u, { scalingCompensationMode: null, round: null });
  assertClose(raw.slice(0, 1).cast('complex128').toTypedArray(), [0, -6], { atol: 1e-13 });
  assertThrowsTyped(() => getFourierCoefficients(u, { round: 0.5 }), ArgumentError, { fn: 'getFourierCoefficients', arg: 'round' });
});

test('mapBetweenResolutions is exact for band-limited fields, up and down, even and odd', () => {
  const L = 2;
  for (const [D, modes, sizes] of [
    [1, MODES_1D, [[8, 20], [20, 8], [9, 16], [16, 9], [10, 7]]],
    [2, MODES_2D, [[8, 12], [12, 8], [9, 16], [16, 7]]],
    [3, MODES_3D, [[6, 9], [9, 6]]],
  ] as const) {
    for (const [from, to] of sizes) {
      const u = stack([sample(fieldAt(modes as Mode[], L), D, from, L)]);
      const v = mapBetweenResolutions(u, to);
      assertShape(v, [1, ...new Array<number>(D).fill(to)]);
      assertClose(v, stack([sample(fieldAt(modes as Mode[], L), D, to, L)]), { atol: 1e-13, rtol: 0, message: `${D}-D ${from} -> ${to}` });
    }
  }
  const same = stack([sample(fieldAt(MODES_1D, L), 1, 8, L)]);
  assert.is(mapBetweenResolutions(same, 8), same);
  checkGrad((a) => mapBetweenResolutions(a, 10), [randomTensor([2, 6, 6], { seed: 3 })], 'mapBetweenResolutions up');
  checkGrad((a) => mapBetweenResolutions(a, 4), [randomTensor([1, 6, 6], { seed: 4 })], 'mapBetweenResolutions down');
  assertThrowsTyped(() => mapBetweenResolutions(same, 0), ArgumentError, { fn: 'mapBetweenResolutions', arg: 'newNumPoints' });
});

test('mapBetweenResolutions zeroes the Nyquist mode of the even grid when asked', () => {
  // u = sin(2 pi x) + 0.5 (-1)^n on 8 points: the second term is the Nyquist mode.
  const N = 8;
  const smooth = (x: number[]): number => Math.sin(2 * Math.PI * x[0]!);
  const u = tensor([Array.from({ length: N }, (_, n) => smooth([n / N]) + 0.5 * (-1) ** n)]);
  assertClose(mapBetweenResolutions(u, 16), stack([sample(smooth, 1, 16, 1)]), { atol: 1e-14, rtol: 0 });
  // Without zeroing the coefficient is copied as an interior mode of the finer grid: at the
  // old points it reads twice the Nyquist value (Exponax's semantics).
  const kept = mapBetweenResolutions(u, 16, { oddballZero: false });
  const atOld = kept.slice(null, [0, 16, 2]);
  assertClose(atOld, tensor([Array.from({ length: N }, (_, n) => smooth([n / N]) + (-1) ** n)]), { atol: 1e-14, rtol: 0 });
  // Down to an even grid: the mode k = 4 of 16 points is the Nyquist of 8 and is dropped.
  const fine = stack([sample((x) => smooth(x) + 0.7 * Math.cos(8 * Math.PI * x[0]!), 1, 16, 1)]);
  assertClose(mapBetweenResolutions(fine, 8), stack([sample(smooth, 1, 8, 1)]), { atol: 1e-14, rtol: 0 });
  // 2-D: the Nyquist row and column are both dropped.
  const u2 = stack([sample((x) => Math.cos(2 * Math.PI * x[1]!) + Math.cos(8 * Math.PI * x[0]!) + Math.cos(8 * Math.PI * x[1]!), 2, 8, 1)]);
  assertClose(mapBetweenResolutions(u2, 12), stack([sample((x) => Math.cos(2 * Math.PI * x[1]!), 2, 12, 1)]), { atol: 1e-14, rtol: 0 });
});

test('FourierInterpolator reproduces band-limited fields at off-grid points to 1e-12', () => {
  const L = 2.5;
  for (const [D, modes, N] of [
    [1, MODES_1D, 9],
    [2, MODES_2D, 8],
    [3, MODES_3D, 6],
  ] as const) {
    const f = fieldAt(modes as Mode[], L);
    const u = stack([sample(f, D, N, L), sample((x) => 2 * f(x) - 1, D, N, L)]);
    const interp = new FourierInterpolator(u, { domainExtent: L });
    assert.is(interp.numSpatialDims, D);
    // Seven points, some outside [0, L) (periodic extension).
    const pts = randomTensor([D, 7], { seed: 10 + D, lo: -L, hi: 2 * L });
    const got = interp.evaluate(pts);
    assertShape(got, [2, 7]);
    const coords = pts.toArray() as number[][];
    const want = Array.from({ length: 7 }, (_, p) => f(coords.map((c) => c[p]!)));
    assertClose(got.slice(0), want, { atol: 1e-12, rtol: 0, message: `${D}-D` });
    assertClose(got.slice(1), want.map((v) => 2 * v - 1), { atol: 1e-12, rtol: 0, message: `${D}-D second channel` });
    // One point (D,) gives (C,); a grid of points (D, 2, 3) gives (C, 2, 3).
    assertShape(interp.evaluate(new Array<number>(D).fill(0.1)), [2]);
    assertShape(interp.evaluate(randomTensor([D, 2, 3], { seed: 5 })), [2, 2, 3]);
  }
  // On the grid it returns the samples.
  const u = stack([sample(fieldAt(MODES_1D, 1), 1, 10, 1)]);
  assertClose(new FourierInterpolator(u).evaluate(makeGrid(1, 1, 10)), u, { atol: 1e-14, rtol: 0 });
  checkGrad((a, x) => new FourierInterpolator(a).evaluate(x), [randomTensor([1, 6]), randomTensor([1, 3], { seed: 6 })], 'FourierInterpolator');
  assertThrowsTyped(() => new FourierInterpolator(u).evaluate([0.1, 0.2]), ShapeError, { fn: 'FourierInterpolator.evaluate', arg: 'x' });
  assertThrowsTyped(() => new FourierInterpolator(u, { domainExtent: 0 }), ArgumentError, { fn: 'FourierInterpolator', arg: 'domainExtent' });
});

test.run();
