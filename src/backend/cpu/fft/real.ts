/**
 * Real-input forward FFT and complex-to-real inverse FFT along rows.
 *
 * Even `n = 2h`: a real row `x` read as `h` interleaved complex values is
 * `z_k = x_{2k} + i x_{2k+1}` without any copy; with `Z = FFT_h(z)`,
 *
 *     E_k = (Z_k + conj Z_{h-k}) / 2,   O_k = (Z_k - conj Z_{h-k}) / (2i)
 *     X_k = E_k + w^k O_k,   X_{h-k} = conj(E_k - w^k O_k),   w = e^{-2 pi i/n}
 *
 * for `k = 0..h/2`. The inverse runs this backwards: `Z'_k = (X_k + conj X_{h-k}) +
 * i conj(w^k) (X_k - conj X_{h-k})`, and the unnormalized inverse `FFT_h` of `Z'` is
 * `n z`, i.e. `n x` read as complex, written straight into the output row. The imaginary
 * parts of `X_0` and `X_h` (DC and Nyquist) are never read, which is pocketfft's
 * complex-to-real semantics.
 *
 * Odd `n`: one full complex transform per row (the imaginary input zero), keeping the
 * first `(n+1)/2` bins; the inverse builds the Hermitian spectrum (imaginary part of DC
 * dropped) and keeps the real part. (Packing two rows into one complex transform would
 * halve that cost but mix the rows' rounding errors; odd lengths are rare in spectral
 * solvers, so rows stay independent.)
 *
 * Rows are processed in chunks of consecutive rows (`blocksPerChunk`): one complex FFT
 * call per chunk, then the per-row pre- or post-processing, with scratch kept in the plan.
 * Each row's result is independent of how rows are batched, bit for bit.
 *
 * @module
 */
import { type Plan, Workspace, blocksPerChunk, getPlan, transformBlocks } from './plan.js';
import { cisInto } from './twiddle.js';

/** A cached real-transform plan. */
export interface RealPlan {
  readonly n: number;
  /** The complex plan run per row: length n/2 (even n) or n (odd n). */
  readonly plan: Plan;
  /** Even n: `w^k = e^{-2 pi i k/n}` for `k = 0..h/2`, interleaved; empty for odd n. */
  readonly w: Float64Array;
  readonly ws: Workspace;
}

const realPlans = new Map<number, RealPlan>();

/** The cached real plan for length `n >= 1`. */
export function getRealPlan(n: number): RealPlan {
  let p = realPlans.get(n);
  if (p === undefined) {
    if (n % 2 === 0) {
      const h = n / 2;
      const q = h >> 1;
      const w = new Float64Array(2 * (q + 1));
      for (let k = 0; k <= q; k++) cisInto(k, n, -1, w, 2 * k);
      p = { n, plan: getPlan(h), w, ws: new Workspace() };
    } else {
      p = { n, plan: getPlan(n), w: new Float64Array(0), ws: new Workspace() };
    }
    realPlans.set(n, p);
  }
  return p;
}

/**
 * Real forward FFT of `rows` rows of length `n` (dense in `x`) into the half spectra
 * (`n/2 + 1` complex values per row, dense in `out`).
 */
export function realForwardRows(rp: RealPlan, x: Float64Array, out: Float64Array, rows: number): void {
  if (rp.n % 2 === 0) evenForward(rp, x, out, rows);
  else oddForward(rp, x, out, rows);
}

/**
 * Complex-to-real inverse FFT (unnormalized) of `rows` half spectra of `n/2 + 1` bins
 * (dense in `x`) into real rows of length `n` (dense in `out`).
 */
export function realInverseRows(rp: RealPlan, x: Float64Array, out: Float64Array, rows: number): void {
  if (rp.n % 2 === 0) evenInverse(rp, x, out, rows);
  else oddInverse(rp, x, out, rows);
}

function evenForward(rp: RealPlan, x: Float64Array, out: Float64Array, rows: number): void {
  const n = rp.n;
  const h = n >> 1;
  const q = h >> 1;
  const w = rp.w;
  const per = blocksPerChunk(h);
  const z = rp.ws.get(0, 2 * h * Math.min(per, rows));
  const ostride = 2 * (h + 1);
  for (let r0 = 0; r0 < rows; r0 += per) {
    const count = Math.min(per, rows - r0);
    // Row r of x, read as h complex values, is z_k = x_2k + i x_2k+1.
    transformBlocks(rp.plan, x, r0 * n, z, 0, 1, count, false);
    for (let c = 0; c < count; c++) {
      const zo = 2 * h * c;
      const o = (r0 + c) * ostride;
      const z0r = z[zo]!;
      const z0i = z[zo + 1]!;
      out[o] = z0r + z0i;
      out[o + 1] = 0;
      out[o + 2 * h] = z0r - z0i;
      out[o + 2 * h + 1] = 0;
      for (let k = 1; k <= q; k++) {
        const ia = 2 * k;
        const ib = 2 * (h - k);
        const ar = z[zo + ia]!;
        const ai = z[zo + ia + 1]!;
        const br = z[zo + ib]!;
        const bi = z[zo + ib + 1]!;
        // E = (Z_k + conj Z_{h-k})/2, O = (Z_k - conj Z_{h-k})/(2i), T = w^k O.
        const er = 0.5 * (ar + br);
        const ei = 0.5 * (ai - bi);
        const or = 0.5 * (ai + bi);
        const oi = 0.5 * (br - ar);
        const wr = w[ia]!;
        const wi = w[ia + 1]!;
        const tr = or * wr - oi * wi;
        const ti = or * wi + oi * wr;
        out[o + ia] = er + tr;
        out[o + ia + 1] = ei + ti;
        out[o + ib] = er - tr;
        out[o + ib + 1] = ti - ei;
      }
    }
  }
}

function evenInverse(rp: RealPlan, x: Float64Array, out: Float64Array, rows: number): void {
  const n = rp.n;
  const h = n >> 1;
  const q = h >> 1;
  const w = rp.w;
  const per = blocksPerChunk(h);
  const z = rp.ws.get(0, 2 * h * Math.min(per, rows));
  const istride = 2 * (h + 1);
  for (let r0 = 0; r0 < rows; r0 += per) {
    const count = Math.min(per, rows - r0);
    for (let c = 0; c < count; c++) {
      const i = (r0 + c) * istride;
      const zo = 2 * h * c;
      // Imaginary parts of X_0 and X_h are never read.
      const x0 = x[i]!;
      const xh = x[i + 2 * h]!;
      z[zo] = x0 + xh;
      z[zo + 1] = x0 - xh;
      for (let k = 1; k <= q; k++) {
        const ia = 2 * k;
        const ib = 2 * (h - k);
        const ar = x[i + ia]!;
        const ai = x[i + ia + 1]!;
        const br = x[i + ib]!;
        const bi = x[i + ib + 1]!;
        // A = X_k + conj X_{h-k}, D = X_k - conj X_{h-k}, B = conj(w^k) D.
        const sr = ar + br;
        const si = ai - bi;
        const dr = ar - br;
        const di = ai + bi;
        const wr = w[ia]!;
        const wi = w[ia + 1]!;
        const Br = dr * wr + di * wi;
        const Bi = di * wr - dr * wi;
        // Z'_k = A + i B, Z'_{h-k} = conj(A) + i conj(B).
        z[zo + ia] = sr - Bi;
        z[zo + ia + 1] = si + Br;
        z[zo + ib] = sr + Bi;
        z[zo + ib + 1] = Br - si;
      }
    }
    // n x, read as complex, is z: written straight into the output rows.
    transformBlocks(rp.plan, z, 0, out, r0 * n, 1, count, true);
  }
}

function oddForward(rp: RealPlan, x: Float64Array, out: Float64Array, rows: number): void {
  const n = rp.n;
  const h = n >> 1;
  const per = blocksPerChunk(n);
  const size = 2 * n * Math.min(per, rows);
  const z = rp.ws.get(0, size);
  const spec = rp.ws.get(1, size);
  const ostride = 2 * (h + 1);
  for (let r0 = 0; r0 < rows; r0 += per) {
    const count = Math.min(per, rows - r0);
    const i0 = r0 * n;
    for (let j = 0; j < count * n; j++) {
      z[2 * j] = x[i0 + j]!;
      z[2 * j + 1] = 0;
    }
    transformBlocks(rp.plan, z, 0, spec, 0, 1, count, false);
    for (let c = 0; c < count; c++) {
      const o = (r0 + c) * ostride;
      out.set(spec.subarray(2 * n * c, 2 * n * c + ostride), o);
      out[o + 1] = 0;
    }
  }
}

function oddInverse(rp: RealPlan, x: Float64Array, out: Float64Array, rows: number): void {
  const n = rp.n;
  const h = n >> 1;
  const per = blocksPerChunk(n);
  const size = 2 * n * Math.min(per, rows);
  const z = rp.ws.get(0, size);
  const res = rp.ws.get(1, size);
  const istride = 2 * (h + 1);
  for (let r0 = 0; r0 < rows; r0 += per) {
    const count = Math.min(per, rows - r0);
    for (let c = 0; c < count; c++) {
      const i = (r0 + c) * istride;
      const zo = 2 * n * c;
      // The Hermitian extension, with the imaginary part of X_0 dropped.
      z[zo] = x[i]!;
      z[zo + 1] = 0;
      for (let k = 1; k <= h; k++) {
        const re = x[i + 2 * k]!;
        const im = x[i + 2 * k + 1]!;
        z[zo + 2 * k] = re;
        z[zo + 2 * k + 1] = im;
        z[zo + 2 * (n - k)] = re;
        z[zo + 2 * (n - k) + 1] = -im;
      }
    }
    transformBlocks(rp.plan, z, 0, res, 0, 1, count, true);
    const o = r0 * n;
    for (let j = 0; j < count * n; j++) out[o + j] = res[2 * j]!;
  }
}
