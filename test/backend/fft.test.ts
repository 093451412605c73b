/**
 * The CPU FFT engine (src/backend/cpu/fft/): complex transforms along any axis, real
 * forward and complex-to-real inverse along the last axis, for every length.
 *
 * References: a naive O(n^2) DFT computed carefully in the test (angles reduced exactly
 * with integer arithmetic, Neumaier-compensated sums), the pocketfft C2R formula written
 * out. Agreement with NumPy itself is tested through the public API in
 * test/fft/fft.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ArgumentError, AxisError, ShapeError } from '../../src/errors.js';
import {
  cisInto, complexAlongAxis, factorize, nextFastSize, realForwardLastAxis, realInverseLastAxis,
} from '../../src/backend/cpu/fft/index.js';
import { rng, throwsTyped } from '../helpers/checks.js';

// ---------------------------------------------------------------------------------------
// References

/** cos and sin of 2 pi t/n for t = 0..n-1, with t reduced to (-n/2, n/2] first. */
function rootTable(n: number): { c: Float64Array; s: Float64Array } {
  const c = new Float64Array(n);
  const s = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const u = 2 * t > n ? t - n : t;
    const a = (2 * Math.PI * u) / n;
    c[t] = Math.cos(a);
    s[t] = Math.sin(a);
  }
  return { c, s };
}

/** Neumaier's compensated sum, accumulated term by term. */
class Sum {
  private s = 0;
  private c = 0;
  add(x: number): void {
    const t = this.s + x;
    this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
}

/** Naive DFT of interleaved complex `x` (length n): exact `jk mod n`, compensated sums. */
function naiveDft(x: Float64Array, inverse: boolean): Float64Array {
  const n = x.length / 2;
  const { c, s } = rootTable(n);
  const sg = inverse ? 1 : -1;
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const re = new Sum();
    const im = new Sum();
    for (let j = 0; j < n; j++) {
      const t = (j * k) % n;
      const wr = c[t]!;
      const wi = sg * s[t]!;
      const xr = x[2 * j]!;
      const xi = x[2 * j + 1]!;
      re.add(xr * wr);
      re.add(-xi * wi);
      im.add(xr * wi);
      im.add(xi * wr);
    }
    out[2 * k] = re.value;
    out[2 * k + 1] = im.value;
  }
  return out;
}

/** The reference transform along `axis` of a dense complex array, line by line. */
function naiveAlongAxis(x: Float64Array, shape: readonly number[], axis: number, inverse: boolean): Float64Array {
  const n = shape[axis]!;
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = new Float64Array(x.length);
  const line = new Float64Array(2 * n);
  for (let o = 0; o < outer; o++) {
    for (let l = 0; l < inner; l++) {
      for (let j = 0; j < n; j++) {
        const at = 2 * ((o * n + j) * inner + l);
        line[2 * j] = x[at]!;
        line[2 * j + 1] = x[at + 1]!;
      }
      const f = naiveDft(line, inverse);
      for (let j = 0; j < n; j++) {
        const at = 2 * ((o * n + j) * inner + l);
        out[at] = f[2 * j]!;
        out[at + 1] = f[2 * j + 1]!;
      }
    }
  }
  return out;
}

/** pocketfft's complex-to-real inverse written out, for one half spectrum of n//2+1 bins. */
function naiveC2R(X: Float64Array, n: number): Float64Array {
  const { c, s } = rootTable(n);
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const acc = new Sum();
    acc.add(X[0]!);
    for (let k = 1; 2 * k < n; k++) {
      const t = (j * k) % n;
      // 2 Re(X_k e^{+i theta}) = 2 (Xr cos - Xi sin)
      acc.add(2 * X[2 * k]! * c[t]!);
      acc.add(-2 * X[2 * k + 1]! * s[t]!);
    }
    if (n % 2 === 0) acc.add(j % 2 === 0 ? X[n]! : -X[n]!);
    out[j] = acc.value;
  }
  return out;
}

/** ||a - b||_2 / ||b||_2 (0 when both vanish). */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.is(a.length, b.length, 'lengths differ');
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return den === 0 ? Math.sqrt(num) : Math.sqrt(num / den);
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, label: string): void {
  const e = relErr(a, b);
  assert.ok(e <= tol, `${label}: relative error ${e.toExponential(2)} > ${tol}`);
}

function randoms(r: () => number, size: number): Float64Array {
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = 2 * r() - 1;
  return out;
}

function bitsEqual(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** The engine agrees with the careful naive DFT to this relative (2-norm) error. */
const TOL = 1e-13;
const LARGER = [96, 97, 100, 128, 160, 255, 256, 320, 1000, 1024];
const LENGTHS = [...Array.from({ length: 64 }, (_, i) => i + 1), ...LARGER];

// ---------------------------------------------------------------------------------------
// Complex transforms

test('complex 1-D forward and inverse agree with the naive DFT, n = 1..64 and larger', () => {
  const r = rng(1);
  for (const n of LENGTHS) {
    const x = randoms(r, 2 * n);
    const copy = x.slice();
    for (const inverse of [false, true]) {
      close(complexAlongAxis(x, [n], 0, inverse), naiveDft(x, inverse), TOL, `n=${n} inverse=${inverse}`);
    }
    assert.ok(bitsEqual(x, copy), `n=${n}: input modified`);
  }
});

test('complex transforms along every axis of 2-D and 3-D shapes, length-1 axes included', () => {
  const r = rng(2);
  const shapes = [
    [4, 6], [6, 4], [1, 5], [5, 1], [7, 3], [16, 10], [17, 12], [1, 1],
    [2, 3, 4], [4, 1, 6], [3, 5, 1], [1, 8, 7], [5, 4, 3], [8, 9, 10], [2, 97, 3], [1, 1, 1],
  ];
  for (const shape of shapes) {
    const size = shape.reduce((a, b) => a * b, 1);
    const x = randoms(r, 2 * size);
    for (let axis = 0; axis < shape.length; axis++) {
      for (const inverse of [false, true]) {
        const got = complexAlongAxis(x, shape, axis, inverse);
        close(got, naiveAlongAxis(x, shape, axis, inverse), TOL, `shape [${shape}] axis ${axis} inverse=${inverse}`);
        // Negative axes name the same axis.
        assert.ok(bitsEqual(complexAlongAxis(x, shape, axis - shape.length, inverse), got), `negative axis, shape [${shape}]`);
      }
    }
  }
});

test('complex transforms along a leading axis with many lanes (Stockham and Bluestein)', () => {
  const r = rng(3);
  for (const [n, inner] of [[160, 9], [128, 33], [97, 5], [255, 3], [12, 1000]] as const) {
    const x = randoms(r, 2 * n * inner);
    for (const inverse of [false, true]) {
      close(complexAlongAxis(x, [n, inner], 0, inverse), naiveAlongAxis(x, [n, inner], 0, inverse), TOL, `[${n},${inner}] axis 0`);
    }
  }
});

test('complex round trips: inverse(forward(x)) = n x', () => {
  const r = rng(4);
  for (const n of [1, 2, 3, 7, 16, 60, 97, 160, 243, 625, 1024, 1031, 4096]) {
    const x = randoms(r, 2 * n);
    const back = complexAlongAxis(complexAlongAxis(x, [n], 0, false), [n], 0, true);
    for (let i = 0; i < back.length; i++) back[i]! /= n;
    close(back, x, 1e-14, `round trip n=${n}`);
  }
});

test('out: written and returned; size-0 shapes; input never modified', () => {
  const r = rng(5);
  const x = randoms(r, 2 * 24);
  const copy = x.slice();
  const out = new Float64Array(48);
  const res = complexAlongAxis(x, [4, 6], 1, false, out);
  assert.is(res, out);
  assert.ok(bitsEqual(out, complexAlongAxis(x, [4, 6], 1, false)));
  assert.ok(bitsEqual(x, copy));
  // A view of a larger buffer that does not overlap the input is fine.
  const big = new Float64Array(96);
  big.set(x);
  const view = new Float64Array(big.buffer, 48 * 8, 48);
  complexAlongAxis(big.subarray(0, 48), [4, 6], 0, true, view);
  assert.ok(bitsEqual(view, complexAlongAxis(x, [4, 6], 0, true)));
  assert.equal(complexAlongAxis(new Float64Array(0), [0, 5], 1, false).length, 0);
  assert.equal(complexAlongAxis(new Float64Array(0), [3, 0], 0, false).length, 0);
});

// ---------------------------------------------------------------------------------------
// Real transforms

test('real forward agrees with the naive DFT (odd and even n); DC and Nyquist are real', () => {
  const r = rng(6);
  for (const n of LENGTHS) {
    const x = randoms(r, n);
    const copy = x.slice();
    const got = realForwardLastAxis(x, [n]);
    const bins = (n >> 1) + 1;
    assert.is(got.length, 2 * bins);
    const full = new Float64Array(2 * n);
    for (let j = 0; j < n; j++) full[2 * j] = x[j]!;
    close(got, naiveDft(full, false).subarray(0, 2 * bins), TOL, `rfft n=${n}`);
    assert.is(got[1], 0, `n=${n}: DC imaginary part`);
    if (n % 2 === 0) assert.is(got[2 * bins - 1], 0, `n=${n}: Nyquist imaginary part`);
    assert.ok(bitsEqual(x, copy), `n=${n}: input modified`);
  }
});

test('real forward of a batch equals the rows transformed one at a time, bit for bit', () => {
  const r = rng(7);
  for (const n of [1, 2, 9, 16, 97, 160]) {
    const rows = 5;
    const x = randoms(r, rows * n);
    const batch = realForwardLastAxis(x, [rows, n]);
    const bins = (n >> 1) + 1;
    for (let i = 0; i < rows; i++) {
      const one = realForwardLastAxis(x.slice(i * n, (i + 1) * n), [n]);
      assert.ok(bitsEqual(batch.subarray(2 * bins * i, 2 * bins * (i + 1)), one), `n=${n} row ${i}`);
    }
    const x3 = randoms(r, 2 * 3 * n);
    const b3 = realForwardLastAxis(x3, [2, 3, n]);
    assert.ok(bitsEqual(b3, realForwardLastAxis(x3, [6, n])), `n=${n}: [2,3,n] = [6,n]`);
  }
});

test('C2R inverse follows the pocketfft formula; DC and Nyquist imaginary parts are ignored', () => {
  const r = rng(8);
  for (const n of LENGTHS) {
    const bins = (n >> 1) + 1;
    const X = randoms(r, 2 * bins);
    const copy = X.slice();
    const got = realInverseLastAxis(X, [bins], n);
    assert.is(got.length, n);
    close(got, naiveC2R(X, n), TOL, `irfft n=${n}`);
    assert.ok(bitsEqual(X, copy), `n=${n}: input modified`);
    const Y = X.slice();
    Y[1] = 1e3;
    if (n % 2 === 0) Y[2 * bins - 1] = -7e5;
    assert.ok(bitsEqual(realInverseLastAxis(Y, [bins], n), got), `n=${n}: output depends on ignored imaginary parts`);
  }
});

test('C2R inverse of a batch equals the rows one at a time, bit for bit', () => {
  const r = rng(9);
  for (const n of [1, 2, 7, 16, 97, 160]) {
    const bins = (n >> 1) + 1;
    const rows = 4;
    const X = randoms(r, 2 * rows * bins);
    const batch = realInverseLastAxis(X, [2, 2, bins], n);
    for (let i = 0; i < rows; i++) {
      const one = realInverseLastAxis(X.slice(2 * bins * i, 2 * bins * (i + 1)), [bins], n);
      assert.ok(bitsEqual(batch.subarray(n * i, n * (i + 1)), one), `n=${n} row ${i}`);
    }
  }
});

test('real round trips: C2R(rfft(x)) = n x', () => {
  const r = rng(10);
  for (const n of [1, 2, 3, 4, 5, 6, 31, 32, 97, 160, 194, 255, 256, 1000, 4096]) {
    const x = randoms(r, 3 * n);
    const back = realInverseLastAxis(realForwardLastAxis(x, [3, n]), [3, (n >> 1) + 1], n);
    for (let i = 0; i < back.length; i++) back[i]! /= n;
    close(back, x, 1e-14, `real round trip n=${n}`);
  }
});

test('batches spanning several scratch chunks equal the rows one at a time, bit for bit', () => {
  const r = rng(12);
  for (const [n, rows] of [[3, 3000], [4, 5000], [5, 2000], [16, 1100]] as const) {
    const x = randoms(r, 2 * n * rows);
    const all = complexAlongAxis(x, [rows, n], 1, false);
    const re = x.subarray(0, n * rows);
    const half = realForwardLastAxis(re, [rows, n]);
    const back = realInverseLastAxis(half, [rows, (n >> 1) + 1], n);
    const bins = (n >> 1) + 1;
    for (const i of [0, 1, rows >> 1, rows - 2, rows - 1]) {
      assert.ok(bitsEqual(all.subarray(2 * n * i, 2 * n * (i + 1)), complexAlongAxis(x.slice(2 * n * i, 2 * n * (i + 1)), [n], 0, false)), `complex n=${n} row ${i}`);
      assert.ok(bitsEqual(half.subarray(2 * bins * i, 2 * bins * (i + 1)), realForwardLastAxis(re.slice(n * i, n * (i + 1)), [n])), `rfft n=${n} row ${i}`);
      assert.ok(bitsEqual(back.subarray(n * i, n * (i + 1)), realInverseLastAxis(half.slice(2 * bins * i, 2 * bins * (i + 1)), [bins], n)), `irfft n=${n} row ${i}`);
    }
  }
});

test('real transforms write into out when given', () => {
  const r = rng(13);
  const x = randoms(r, 3 * 10);
  const half = new Float64Array(2 * 3 * 6);
  assert.is(realForwardLastAxis(x, [3, 10], half), half);
  assert.ok(bitsEqual(half, realForwardLastAxis(x, [3, 10])));
  const back = new Float64Array(30);
  assert.is(realInverseLastAxis(half, [3, 6], 10, back), back);
  assert.ok(bitsEqual(back, realInverseLastAxis(half, [3, 6], 10)));
  throwsTyped(() => realForwardLastAxis(x, [3, 10], new Float64Array(30)), ShapeError, 'realForwardLastAxis', 'out');
  throwsTyped(() => realInverseLastAxis(half, [3, 6], 10, half.subarray(0, 30)), ArgumentError, 'realInverseLastAxis', 'out');
});

// ---------------------------------------------------------------------------------------
// Plans and twiddles

test('factorize and nextFastSize', () => {
  const prod = (f: number[]) => f.reduce((a, b) => a * b, 1);
  for (let n = 1; n <= 2000; n++) {
    const f = factorize(n);
    let m = n;
    for (const p of [2, 3, 5]) while (m % p === 0) m /= p;
    if (m === 1) {
      assert.ok(f !== null && prod(f) === n, `factorize(${n})`);
      assert.ok(!f.includes(2) || !f.includes(4), `factorize(${n}) = ${f}: radix 2 only without radix 4`);
      const g = factorize(n, true)!;
      assert.is(prod(g), n, `factorize(${n}, rows)`);
    } else {
      assert.is(f, null, `factorize(${n})`);
    }
  }
  assert.equal(factorize(160), [8, 4, 5]);
  assert.equal(factorize(1024), [4, 4, 4, 4, 4]);
  for (const [n, m] of [[1, 1], [7, 8], [13, 15], [17, 18], [193, 200], [511, 512], [1999, 2000], [2001, 2025]] as const) {
    assert.is(nextFastSize(n), m, `nextFastSize(${n})`);
  }
});

test('twiddles: within 2 ulp of 1 of Math.cos/sin, exactly symmetric', () => {
  const r = rng(11);
  const o = new Float64Array(4);
  const ns = [1, 2, 3, 4, 5, 7, 8, 12, 97, 160, 1000, 4096, 65537, 1048583, 2 ** 40 + 15];
  for (const n of ns) {
    for (let i = 0; i < 200; i++) {
      const t = i < 50 ? i % n : Math.floor(r() * n);
      cisInto(t, n, 1, o, 0);
      // Reference angle reduced to [-pi, pi] so that its own rounding error stays tiny.
      const u = 2 * t > n ? t - n : t;
      const a = (2 * Math.PI * u) / n;
      assert.ok(Math.abs(o[0]! - Math.cos(a)) <= 4.5e-16, `cos 2 pi ${t}/${n}: ${o[0]} vs ${Math.cos(a)}`);
      assert.ok(Math.abs(o[1]! - Math.sin(a)) <= 4.5e-16, `sin 2 pi ${t}/${n}: ${o[1]} vs ${Math.sin(a)}`);
      // Conjugate symmetry and the forward sign are exact.
      cisInto(n - t, n, 1, o, 2);
      assert.ok(Object.is(o[2], o[0]) && o[3] === -o[1]!, `cis(${n}-${t}) = conj(cis(${t}))`);
      cisInto(t, n, -1, o, 2);
      assert.ok(Object.is(o[2], o[0]) && o[3] === -o[1]!, `sign -1 at ${t}/${n}`);
      // Reduction mod n is exact, including negative t.
      cisInto(t - 3 * n, n, 1, o, 2);
      assert.ok(Object.is(o[2], o[0]) && Object.is(o[3], o[1]), `cis(${t} - 3n)`);
    }
  }
  // Exact values on the axes.
  for (const [t, n, c, s] of [[0, 7, 1, 0], [1, 4, 0, 1], [2, 4, -1, 0], [3, 4, 0, -1], [250, 1000, 0, 1], [3, 6, -1, 0]] as const) {
    cisInto(t, n, 1, o, 0);
    assert.ok(Object.is(o[0], c) && Object.is(o[1], s), `cis(${t}, ${n}) = (${o[0]}, ${o[1]})`);
  }
});

// ---------------------------------------------------------------------------------------
// Errors

test('argument errors name the function and argument', () => {
  const x = new Float64Array(12);
  throwsTyped(() => complexAlongAxis(x, [2, 3], 2, false), AxisError, 'complexAlongAxis', 'axis');
  throwsTyped(() => complexAlongAxis(x, [2, 3], -3, false), AxisError, 'complexAlongAxis', 'axis');
  throwsTyped(() => complexAlongAxis(x, [2, 4], 0, false), ShapeError, 'complexAlongAxis', 'data');
  throwsTyped(() => complexAlongAxis(x, [2, -3], 0, false), ShapeError, 'complexAlongAxis', 'shape');
  throwsTyped(() => complexAlongAxis(x, [2, 1.5], 0, false), ShapeError, 'complexAlongAxis', 'shape');
  throwsTyped(() => complexAlongAxis(x, [2, 3], 1, false, new Float64Array(10)), ShapeError, 'complexAlongAxis', 'out');
  throwsTyped(() => complexAlongAxis(x, [2, 3], 1, false, x), ArgumentError, 'complexAlongAxis', 'out');
  throwsTyped(() => complexAlongAxis(x.subarray(0, 6), [3], 0, false, x.subarray(4, 10)), ArgumentError, 'complexAlongAxis', 'out');
  throwsTyped(() => complexAlongAxis([1, 2] as unknown as Float64Array, [1], 0, false), ArgumentError, 'complexAlongAxis', 'data');
  throwsTyped(() => complexAlongAxis(new Float64Array(0), [0], 0, false), ArgumentError, 'complexAlongAxis', 'shape[0]');
  throwsTyped(() => realForwardLastAxis(x, [5, 2]), ShapeError, 'realForwardLastAxis', 'data');
  throwsTyped(() => realForwardLastAxis(x, []), ShapeError, 'realForwardLastAxis', 'shape');
  throwsTyped(() => realForwardLastAxis(new Float64Array(0), [0]), ArgumentError, 'realForwardLastAxis', 'shape[0]');
  throwsTyped(() => realInverseLastAxis(x, [2, 3], 6), ShapeError, 'realInverseLastAxis', 'shape');
  throwsTyped(() => realInverseLastAxis(x.subarray(0, 10), [2, 3], 4), ShapeError, 'realInverseLastAxis', 'data');
  throwsTyped(() => realInverseLastAxis(x, [6], 0), ArgumentError, 'realInverseLastAxis', 'n');
  throwsTyped(() => realInverseLastAxis(x, [6], 2.5), ArgumentError, 'realInverseLastAxis', 'n');
});

test.run();
