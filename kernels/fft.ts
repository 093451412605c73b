/**
 * FFT passes along the middle axis of a dense complex array `[outer, n, inner]`
 * (interleaved pairs), so any axis transforms in place of layout, without transposes.
 *
 * A Stockham autosort pass of radix `p` with span `ns` (the product of the radices done
 * before it): output element `o` of a transform (one `outer`, one `lane`), written `o = blk * ns * p + r * ns + k` with
 * `k < ns` and `r < p`, is
 *
 *     y[o] = sum_q x[blk * ns + k + q * n / p] * exp(sign * 2 pi i * q * (k + r * ns) / (ns * p))
 *
 * (Bainville's formulation, each thread computing one output). Running the passes for
 * the factors of `n` (4s, then 2, 3, 5, ...) gives the DFT in natural order with no
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

/** One output (a real or imaginary part) of a Stockham pass. */
export function stockham(
  this: KernelThis, x: Flat, twiddle: Flat, n: number, inner: number, p: number, ns: number, sign: number, scale: number,
): number {
  const e = Math.floor((this.thread.x + 0.5) / 2);
  const part = this.thread.x - e * 2;
  // Element e of [outer, n, inner]: the transform runs along the middle axis.
  const outer = Math.floor((e + 0.5) / (n * inner));
  const rest = e - outer * n * inner;
  const l = Math.floor((rest + 0.5) / inner);
  const lane = rest - l * inner;
  const nsp = ns * p;
  const blk = Math.floor((l + 0.5) / nsp);
  const within = l - blk * nsp;
  const r = Math.floor((within + 0.5) / ns);
  const k = within - r * ns;
  const base = outer * n + blk * ns + k;
  const m = n / p;
  const step = k + r * ns;
  let re = 0;
  let im = 0;
  const stride = m / ns;
  let t = 0;
  for (let q = 0; q < p; q++) {
    const c = twiddle[2 * t * stride]!;
    const s = sign * twiddle[2 * t * stride + 1]!;
    const src = 2 * ((base + q * m) * inner + lane);
    const xr = x[src]!;
    const xi = x[src + 1]!;
    re += xr * c - xi * s;
    im += xr * s + xi * c;
    t += step;
    if (t >= nsp) t -= nsp;
  }
  if (part > 0.5) return im * scale;
  return re * scale;
}

/**
 * The full spectrum `[rows, n]` of a real signal from its `h = n // 2 + 1` non-negative
 * frequencies `[rows, h]` (Hermitian symmetry); the imaginary parts of the zero and,
 * for even `n`, Nyquist frequencies are dropped, as pocketfft does.
 */
export function hermitianExtend(this: KernelThis, x: Flat, n: number, h: number): number {
  const o = Math.floor((this.thread.x + 0.5) / 2);
  const part = this.thread.x - o * 2;
  const row = Math.floor((o + 0.5) / n);
  const k = o - row * n;
  if (k < h) {
    if (part > 0.5) {
      if (k === 0 || k * 2 === n) return 0;
      return x[2 * (row * h + k) + 1]!;
    }
    return x[2 * (row * h + k)]!;
  }
  if (part > 0.5) return -x[2 * (row * h + n - k) + 1]!;
  return x[2 * (row * h + n - k)]!;
}
