/**
 * FFT passes along the middle axis of a dense complex array `[outer, n, inner]`
 * (interleaved pairs), so any axis transforms in place of layout, without transposes.
 *
 * A Stockham autosort pass of radix `p` with span `ns` (the product of the radices done
 * before it): output element `o` of a transform (one `outer`, one `lane`), written
 * `o = blk * ns * p + r * ns + k` with `k < ns` and `r < p`, is
 *
 *     y[o] = sum_q x[blk * ns + k + q * n / p] * exp(sign * 2 pi i * q * (k + r * ns) / (ns * p))
 *
 * (Bainville's formulation, each thread computing one output). Running the passes for
 * the factors of `n` (8s, then a 4 or a 2, then 3, 5, ...) gives the DFT in natural order with no
 * bit reversal. Every size works: a prime factor `p` costs `p` products per output in its
 * pass, so a size with a large prime factor degrades toward the direct DFT's `n^2` work;
 * that is the documented fallback for sizes that are not products of small primes.
 * `scale` multiplies the outputs. The twiddle factors come from a table of
 * `cos, sin (2 pi j / n)` for `j < n` computed on the host in float64 (index
 * `t * n / (ns * p)` with `t = q (k + r ns) mod ns p`, reduced in exact integer
 * arithmetic), because shader `sin`/`cos` are far less accurate than float32 rounding on
 * some GPUs (about 1e-4 relative on SwiftShader's WebGL).
 *
 * @module
 */
import type { Flat, KernelThis } from './types.js';

/**
 * One output of a Stockham pass. `inMode` says what the pass reads: 0 complex `[outer, n,
 * inner]`, 1 a real signal of that shape (imaginary parts zero: the first pass of an
 * `rfft`), 2 the `h = n // 2 + 1` non-negative frequencies `[outer, h, inner]` of a real
 * signal, extended by Hermitian symmetry (the first pass of an `irfft`; the imaginary
 * parts of the zero and, for even `n`, Nyquist frequencies are dropped, as pocketfft
 * does). `outMode` says what it writes: 0 complex `[outer, n, inner]`, 1 only the first
 * `h` frequencies (the last pass of an `rfft`), 2 only the real parts (the last pass of
 * an `irfft`). The last pass writes natural order, so these cost nothing extra.
 */
export function stockham(
  this: KernelThis, x: Flat, twiddle: Flat, n: number, inner: number, p: number, ns: number, sign: number, scale: number,
  inMode: number, outMode: number, h: number,
): number {
  let e = this.thread.x;
  let part = 0;
  if (outMode < 1.5) {
    e = Math.floor((this.thread.x + 0.5) / 2);
    part = this.thread.x - e * 2;
  }
  let nOut = n;
  if (outMode > 0.5 && outMode < 1.5) nOut = h;
  // Element e of [outer, nOut, inner]: the transform runs along the middle axis.
  const outer = Math.floor((e + 0.5) / (nOut * inner));
  const rest = e - outer * nOut * inner;
  const l = Math.floor((rest + 0.5) / inner);
  const lane = rest - l * inner;
  const nsp = ns * p;
  const blk = Math.floor((l + 0.5) / nsp);
  const within = l - blk * nsp;
  const r = Math.floor((within + 0.5) / ns);
  const k = within - r * ns;
  const first = blk * ns + k;
  const m = n / p;
  const step = k + r * ns;
  let re = 0;
  let im = 0;
  const stride = m / ns;
  let t = 0;
  for (let q = 0; q < p; q++) {
    const c = twiddle[2 * t * stride]!;
    const s = sign * twiddle[2 * t * stride + 1]!;
    const j = first + q * m;
    let xr = 0;
    let xi = 0;
    if (inMode < 0.5) {
      const src = 2 * ((outer * n + j) * inner + lane);
      xr = x[src]!;
      xi = x[src + 1]!;
    } else if (inMode < 1.5) {
      xr = x[(outer * n + j) * inner + lane]!;
    } else if (j < h) {
      const src = 2 * ((outer * h + j) * inner + lane);
      xr = x[src]!;
      if (j > 0 && 2 * j !== n) xi = x[src + 1]!;
    } else {
      const src = 2 * ((outer * h + n - j) * inner + lane);
      xr = x[src]!;
      xi = -x[src + 1]!;
    }
    re += xr * c - xi * s;
    im += xr * s + xi * c;
    t += step;
    if (t >= nsp) t -= nsp;
  }
  if (part > 0.5) return im * scale;
  return re * scale;
}
