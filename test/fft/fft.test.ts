/**
 * The public transforms against numpy.fft (fixtures from test/fixtures/fft), their
 * gradients (float64 gradchecks, odd and even sizes, 1-D to 3-D, composed with other
 * ops), frequencies and shifts, and bad input.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, AxisError, DTypeError, type FftNorm, type Tensor, add, complex, div, fft, fft2, fftfreq, fftn,
  fftshift, fromArray, gradcheck, ifft, ifft2, ifftn, ifftshift, imag, irfft, irfft2, irfftn, mul, parseNpy,
  random, randomNormal, real, rfft, rfft2, rfftfreq, rfftn, slice, sum, tensor, sin, square,
} from '../../src/index.js';
import { throwsTyped } from '../helpers/checks.js';
import { loadFixture, loadFixtureText } from '../helpers/fixtures.js';

interface Slot {
  offset: number;
  shape: number[];
  complex: boolean;
}
interface Case {
  name: string;
  fn: string;
  kwargs: { n?: number; axis?: number; s?: number[]; axes?: number[]; norm?: FftNorm };
  input: Slot;
  output: Slot;
}

const data = parseNpy(await loadFixture('fft/data.npy')).toTypedArray() as Float64Array;
const { cases } = JSON.parse(await loadFixtureText('fft/cases.json')) as { cases: Case[] };

function slotTensor(s: Slot): Tensor {
  const size = s.shape.reduce((a, d) => a * d, 1);
  if (!s.complex) return tensor(data.slice(s.offset, s.offset + size), { shape: s.shape });
  return fromArray(data.slice(s.offset, s.offset + 2 * size), s.shape, { dtype: 'complex128' });
}

type OneD = (a: Tensor, n?: number, axis?: number, norm?: FftNorm) => Tensor;
type ND = (a: Tensor, s?: readonly number[], axes?: readonly number[], norm?: FftNorm) => Tensor;
const ONE_D: Record<string, OneD> = { fft, ifft, rfft, irfft };
const N_D: Record<string, ND> = { fftn, ifftn, rfftn, irfftn, fft2, ifft2, rfft2, irfft2 };

function run(c: Case): Tensor {
  const x = slotTensor(c.input);
  const k = c.kwargs;
  const one = ONE_D[c.fn];
  if (one) return one(x, k.n, k.axis ?? -1, k.norm ?? 'backward');
  const nd = N_D[c.fn]!;
  const twoD = c.fn.endsWith('2');
  return nd(x, k.s, k.axes ?? (twoD ? [-2, -1] : undefined), k.norm ?? 'backward');
}

/** ||a - b|| / ||b|| over all numbers (parts of complex values included). */
function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return den === 0 ? Math.sqrt(num) : Math.sqrt(num / den);
}

test(`every numpy.fft fixture agrees to 1e-12 relative (${cases.length} cases)`, () => {
  const failures: string[] = [];
  for (const c of cases) {
    const got = run(c);
    const want = slotTensor(c.output);
    if (got.dtype !== want.dtype || got.shape.join() !== want.shape.join()) {
      failures.push(`${c.name}: ${got.dtype} ${got.shape} vs ${want.dtype} ${want.shape}`);
      continue;
    }
    const e = relError(got.toTypedArray(), want.toTypedArray());
    if (!(e <= 1e-12)) failures.push(`${c.name}: relative error ${e}`);
  }
  assert.equal(failures, []);
});

test('float32 input gives complex64 output; integers are transformed as float64', () => {
  assert.is(rfft(tensor([1, 2, 3], { dtype: 'float32' })).dtype, 'complex64');
  assert.is(fft(tensor([1, 2], { dtype: 'float32' })).dtype, 'complex64');
  assert.is(irfft(rfft(tensor([1, 2, 3, 4], { dtype: 'float32' }))).dtype, 'float32');
  assert.equal(real(rfft(tensor([1, 2, 3], { dtype: 'int32' }))).toArray(), [6, -1.5]);
});

test('round trips: irfft(rfft(x), n) = x and ifft(fft(x)) = x for odd and even n', () => {
  for (const n of [1, 2, 7, 10, 17, 160]) {
    const x = randomNormal(random.key(n), [3, n]);
    const back = irfft(rfft(x), n).toTypedArray();
    assert.ok(relError(back, x.toTypedArray()) < 1e-14, `rfft n=${n}`);
    const z = complex(x, mul(x, 0.5));
    assert.ok(relError(ifft(fft(z)).toTypedArray(), z.toTypedArray()) < 1e-14, `fft n=${n}`);
  }
});

test('C2R ignores the imaginary parts of the zero and Nyquist frequencies', () => {
  const spec = complex(tensor([1, 2, 3, 4]), tensor([0, 0.5, -1, 0]));
  const bumped = complex(tensor([1, 2, 3, 4]), tensor([7, 0.5, -1, -9]));
  assert.equal(irfft(bumped, 6).toArray(), irfft(spec, 6).toArray());
  // For odd n the last kept frequency is not Nyquist: its imaginary part counts.
  assert.not.equal(irfft(bumped, 7).toArray(), irfft(spec, 7).toArray());
});

const k = random.split(random.key(3), 8);
const r = (i: number, shape: number[]) => randomNormal(k[i]!, shape);
const c = (i: number, shape: number[]) => complex(r(i, shape), r(i + 1, shape));

test('gradients of every transform, odd and even sizes, 1-D to 3-D, every norm', () => {
  const cases: [string, (x: Tensor) => Tensor, Tensor][] = [];
  for (const n of [5, 6]) {
    for (const norm of ['backward', 'ortho', 'forward'] as const) {
      cases.push([`fft ${n} ${norm}`, (x) => fft(x, undefined, -1, norm), c(0, [2, n])]);
      cases.push([`ifft ${n} ${norm}`, (x) => ifft(x, undefined, -1, norm), c(1, [n])]);
      cases.push([`rfft ${n} ${norm}`, (x) => rfft(x, undefined, -1, norm), r(2, [2, n])]);
      cases.push([`irfft ${n} ${norm}`, (x) => irfft(x, n, -1, norm), c(3, [2, Math.floor(n / 2) + 1])]);
    }
    cases.push([`fft of real ${n}`, (x) => fft(x), r(4, [n])]);
    cases.push([`rfft padded ${n}`, (x) => rfft(x, n + 3), r(5, [n])]);
    cases.push([`irfft truncated input ${n}`, (x) => irfft(x, n), c(6, [n + 2])]);
    cases.push([`rfft axis 0 ${n}`, (x) => rfft(x, undefined, 0), r(2, [n, 3])]);
  }
  cases.push(['fft2', (x) => fft2(x), c(0, [4, 5])]);
  cases.push(['rfft2', (x) => rfft2(x), r(1, [5, 4])]);
  cases.push(['irfft2 odd', (x) => irfft2(x, [4, 5]), c(2, [4, 3])]);
  cases.push(['rfftn 3-D', (x) => rfftn(x), r(3, [3, 4, 5])]);
  cases.push(['irfftn 3-D', (x) => irfftn(x, [3, 2, 4]), c(4, [3, 2, 3])]);
  cases.push(['ifftn over axes 0, 2', (x) => ifftn(x, undefined, [0, 2]), c(5, [3, 2, 4])]);
  cases.push(['rfftn with the real axis first', (x) => rfftn(x, undefined, [1, 0]), r(6, [4, 3, 2])]);
  for (const [name, f, x] of cases) {
    const res = gradcheck(f, [x]);
    assert.ok(res.ok, `${name}: ${res.message}`);
  }
});

test('a spectral derivative irfft(i k rfft(u)) is d/dx exactly, and differentiates', () => {
  const n = 32;
  const x = tensor(Array.from({ length: n }, (_, j) => (2 * Math.PI * j) / n));
  const ik = complex(0, tensor(Array.from({ length: n / 2 + 1 }, (_, j) => (j === n / 2 ? 0 : j))));
  const ddx = (u: Tensor) => irfft(mul(ik, rfft(u)), n);
  const u = add(sin(mul(x, 3)), mul(sin(x), 0.5));
  const want = Array.from(x.toTypedArray(), (t) => 3 * Math.cos(3 * t) + 0.5 * Math.cos(t));
  assert.ok(relError(ddx(u).toTypedArray(), want) < 1e-13);
  const res = gradcheck((v: Tensor) => sum(square(ddx(v))), [randomNormal(random.key(9), [n])]);
  assert.ok(res.ok, res.message);
  const res2 = gradcheck((v: Tensor) => imag(div(fft(v), complex(2, 1))), [c(0, [6])]);
  assert.ok(res2.ok, res2.message);
});

test('fftfreq, rfftfreq, fftshift and ifftshift match NumPy', () => {
  assert.equal(fftfreq(5).toArray(), [0, 0.2, 0.4, -0.4, -0.2]);
  assert.equal(fftfreq(4, 0.5).toArray(), [0, 0.5, -1, -0.5]);
  assert.equal(rfftfreq(5, 0.1).toArray(), [0, 1 * (1 / 0.5), 2 * (1 / 0.5)]);
  assert.equal(rfftfreq(8).toArray(), [0, 0.125, 0.25, 0.375, 0.5]);
  assert.equal(fftshift(tensor([0, 1, 2, 3, 4])).toArray(), [3, 4, 0, 1, 2]);
  assert.equal(ifftshift(tensor([3, 4, 0, 1, 2])).toArray(), [0, 1, 2, 3, 4]);
  assert.equal(fftshift(tensor([[0, 1, 2], [3, 4, 5]]), 1).toArray(), [[2, 0, 1], [5, 3, 4]]);
  assert.equal(fftshift(tensor([[0, 1], [2, 3]])).toArray(), [[3, 2], [1, 0]]);
});

test('bad input gives typed errors naming the argument', () => {
  const x = tensor([1, 2, 3, 4]);
  throwsTyped(() => fft(x, 0), ArgumentError, 'fft', 'n');
  throwsTyped(() => fft(x, 2.5), ArgumentError, 'fft', 'n');
  throwsTyped(() => rfft(x, -3), ArgumentError, 'rfft', 'n');
  throwsTyped(() => fft(x, undefined, 1), AxisError, 'fft', 'axis');
  throwsTyped(() => fftn(x.reshape([2, 2]), undefined, [0, 0]), AxisError, 'fftn', 'axes');
  throwsTyped(() => fftn(x.reshape([2, 2]), [2, 2, 2], [0, 1]), ArgumentError, 'fftn', 's');
  throwsTyped(() => rfft(complex(x, x)), DTypeError, 'rfft', 'a');
  throwsTyped(() => irfft(x), DTypeError, 'irfft', 'a');
  throwsTyped(() => irfft(complex(tensor([1]), tensor([0]))), ArgumentError, 'irfft', 'n');
  throwsTyped(() => fft(x, undefined, -1, 'sideways' as never), ArgumentError, 'fft', 'norm');
  throwsTyped(() => fft(slice(x, [0, 0])), ArgumentError, 'fft', 'a');
  throwsTyped(() => fftfreq(0), ArgumentError, 'fftfreq', 'n');
  throwsTyped(() => rfftfreq(4, 0), ArgumentError, 'rfftfreq', 'd');
  throwsTyped(() => fft('x' as never), ArgumentError, 'fft', 'a');
});

test.run();
