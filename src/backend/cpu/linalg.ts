/**
 * CPU kernels for linear algebra: stencils, sparse products and triangular solves,
 * the fused vector updates of Krylov methods, and a dense LU solve.
 *
 * Inputs arrive dense and row-major (the caller copies strided views). Every sum runs in
 * a fixed order, so results are deterministic on every engine.
 *
 * @module
 */
import type { SparsePattern, StencilBoundary, StencilSpec } from '../backend.js';
import { type DType, type TypedArray, allocate } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/tensor.js';
import { arrayOf } from './storage.js';

/** The elements of a dense tensor as a view starting at its first element. */
function data(x: Tensor): TypedArray {
  return arrayOf(x).subarray(x.offset, x.offset + x.size);
}

/** Where index `j` of an axis of extent `n` reads from under a boundary rule, or -1. */
function boundaryIndex(j: number, n: number, rule: string): number {
  if (j >= 0 && j < n) return j;
  if (rule === 'zero') return -1;
  if (rule === 'edge') return j < 0 ? 0 : n - 1;
  return ((j % n) + n) % n;
}

/**
 * `out[d + i] (+)= sum_k c_k X[p_k + i]` for i in [lo, hi), for terms k .. k+m-1 with
 * m <= 5 (assigning when `first`). Fixed arities keep the inner loops free of an inner
 * loop over terms, which V8 would not unroll.
 */
function run(out: TypedArray, X: TypedArray, d: number, lo: number, hi: number, P: Int32Array, C: Float64Array, k: number, m: number, first: boolean): void {
  // Both arrays have at least k + 5 entries (see stencilKernel); only the first m are used.
  const p0 = P[k]!, p1 = P[k + 1]!, p2 = P[k + 2]!, p3 = P[k + 3]!, p4 = P[k + 4]!;
  const c0 = C[k]!, c1 = C[k + 1]!, c2 = C[k + 2]!, c3 = C[k + 3]!, c4 = C[k + 4]!;
  if (m === 5) {
    if (first) for (let i = lo; i < hi; i++) out[d + i] = c0 * X[p0 + i]! + c1 * X[p1 + i]! + c2 * X[p2 + i]! + c3 * X[p3 + i]! + c4 * X[p4 + i]!;
    else for (let i = lo; i < hi; i++) out[d + i] += c0 * X[p0 + i]! + c1 * X[p1 + i]! + c2 * X[p2 + i]! + c3 * X[p3 + i]! + c4 * X[p4 + i]!;
  } else if (m === 4) {
    if (first) for (let i = lo; i < hi; i++) out[d + i] = c0 * X[p0 + i]! + c1 * X[p1 + i]! + c2 * X[p2 + i]! + c3 * X[p3 + i]!;
    else for (let i = lo; i < hi; i++) out[d + i] += c0 * X[p0 + i]! + c1 * X[p1 + i]! + c2 * X[p2 + i]! + c3 * X[p3 + i]!;
  } else if (m === 3) {
    if (first) for (let i = lo; i < hi; i++) out[d + i] = c0 * X[p0 + i]! + c1 * X[p1 + i]! + c2 * X[p2 + i]!;
    else for (let i = lo; i < hi; i++) out[d + i] += c0 * X[p0 + i]! + c1 * X[p1 + i]! + c2 * X[p2 + i]!;
  } else if (m === 2) {
    if (first) for (let i = lo; i < hi; i++) out[d + i] = c0 * X[p0 + i]! + c1 * X[p1 + i]!;
    else for (let i = lo; i < hi; i++) out[d + i] += c0 * X[p0 + i]! + c1 * X[p1 + i]!;
  } else if (first) for (let i = lo; i < hi; i++) out[d + i] = c0 * X[p0 + i]!;
  else for (let i = lo; i < hi; i++) out[d + i] += c0 * X[p0 + i]!;
}

interface StencilPlan {
  terms: readonly { offset: readonly number[]; coef: number }[];
  /** Per term, the source row base for each row of one grid (-1: outside, zero boundary). */
  src: Int32Array[];
  /** Per term, where each point of a row reads from along the innermost axis (-1: zero). */
  maps: Int32Array[];
  /** Per term, its offset along the innermost axis. */
  shift: number[];
  /** The points of a row where every term reads inside the row without a boundary rule. */
  lo: number;
  hi: number;
}

const plans = new WeakMap<StencilSpec, Map<string, StencilPlan>>();

/** The index tables of a stencil on a grid (cached per spec, grid and orientation). */
function stencilPlan(spec: StencilSpec, grid: readonly number[], negate: boolean): StencilPlan {
  let bySpec = plans.get(spec);
  if (bySpec === undefined) plans.set(spec, (bySpec = new Map()));
  const key = `${grid.join(',')}${negate ? '-' : '+'}`;
  const cached = bySpec.get(key);
  if (cached !== undefined) return cached;
  const D = grid.length;
  const n = grid[D - 1]!;
  const rows = grid.reduce((a, b) => a * b, 1) / n;
  const strides: number[] = [];
  for (let d = D - 1, s = 1; d >= 0; s *= grid[d]!, d--) strides[d] = s;
  const terms = negate ? spec.terms.map((t) => ({ offset: t.offset.map((o) => -o), coef: t.coef })) : spec.terms;
  const last = spec.boundary[D - 1]!;
  const src = terms.map((t) => {
    const base = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      let rem = r;
      let b = 0;
      for (let d = D - 2; d >= 0 && b >= 0; d--) {
        const i = rem % grid[d]!;
        rem = (rem - i) / grid[d]!;
        const j = boundaryIndex(i + t.offset[d]!, grid[d]!, spec.boundary[d]!);
        b = j < 0 ? -1 : b + j * strides[d]!;
      }
      base[r] = b;
    }
    return base;
  });
  const maps = terms.map((t) => {
    const m = new Int32Array(n);
    for (let i = 0; i < n; i++) m[i] = boundaryIndex(i + t.offset[D - 1]!, n, last);
    return m;
  });
  const shift = terms.map((t) => t.offset[D - 1]!);
  const lo = Math.min(n, Math.max(0, ...shift.map((o) => -o)));
  const hi = Math.max(lo, Math.min(n, ...shift.map((o) => n - o)));
  const plan = { terms, src, maps, shift, lo, hi };
  bySpec.set(key, plan);
  return plan;
}

/**
 * Applies a constant-coefficient stencil (or its adjoint) to the trailing axes of `x`.
 *
 * Gather form, row by row: along the innermost axis the points where every term reads
 * inside the row take one fused pass (terms four at a time); only the few points near
 * the ends go through the boundary rule. With `zero` and `wrap` boundaries the adjoint is
 * the stencil with negated offsets; with `edge` boundaries it is not a stencil, and runs
 * in scatter form.
 */
export function stencilKernel(x: Tensor, spec: StencilSpec, transpose: boolean, dtype: DType): TypedArray {
  const X = data(x);
  const scatter = transpose && spec.boundary.includes('edge');
  // The gather form writes every point; the scatter form accumulates into zeros.
  const out = allocate(dtype, x.size, scatter);
  const D = spec.boundary.length;
  const grid = x.shape.slice(x.ndim - D);
  const gridSize = grid.reduce((a, b) => a * b, 1);
  const batch = gridSize === 0 ? 0 : x.size / gridSize;
  const n = grid[D - 1]!;
  const rows = gridSize / n;
  const { terms, src, maps, shift, lo, hi } = stencilPlan(spec, grid, transpose && !scatter);
  const K = terms.length;
  // Padded to a multiple of five so that `run` may read a whole group.
  const P = new Int32Array(K + 5);
  const C = new Float64Array(K + 5);
  const B = new Int32Array(K);
  const M: Int32Array[] = new Array<Int32Array>(K);
  for (let b = 0; b < batch; b++) {
    for (let r = 0; r < rows; r++) {
      const dst = b * gridSize + r * n;
      let m = 0;
      for (let k = 0; k < K; k++) {
        if (src[k]![r]! < 0) continue;
        B[m] = b * gridSize + src[k]![r]!;
        P[m] = B[m]! + shift[k]!;
        C[m] = terms[k]!.coef;
        M[m] = maps[k]!;
        m++;
      }
      if (scatter) {
        for (let k = 0; k < m; k++) {
          const map = M[k]!;
          for (let i = 0; i < n; i++) if (map[i]! >= 0) out[B[k]! + map[i]!] += C[k]! * X[dst + i]!;
        }
        continue;
      }
      if (m === 0) out.fill(0, dst + lo, dst + hi);
      for (let k = 0; k < m; k += 5) run(out, X, dst, lo, hi, P, C, k, Math.min(5, m - k), k === 0);
      for (let i = 0; i < n; i++) {
        if (i === lo && hi > lo) i = hi;
        if (i >= n) break;
        let s = 0;
        for (let k = 0; k < m; k++) {
          const j = M[k]![i]!;
          if (j >= 0) s += C[k]! * X[B[k]! + j]!;
        }
        out[dst + i] = s;
      }
    }
  }
  return out;
}

/** `x + w * (b - S x)` with `w` shared by every sample of the batch. */
export function stencilRelaxKernel(x: Tensor, b: Tensor, w: Tensor, spec: StencilSpec, dtype: DType): TypedArray {
  const out = stencilKernel(x, spec, false, dtype);
  const X = data(x);
  const Bv = data(b);
  const W = data(w);
  const m = w.size;
  for (let s = 0; s < x.size; s += m) {
    for (let i = 0; i < m; i++) out[s + i] = X[s + i]! + W[i]! * (Bv[s + i]! - out[s + i]!);
  }
  return out;
}

/**
 * The multigrid transfer of `Backend.gridTransfer` along `axis`: whole rows of the inner
 * axes at once, as weighted sums of one to three input rows.
 */
export function gridTransferKernel(
  x: Tensor, axis: number, boundary: StencilBoundary, restrict: boolean, scale: number, dtype: DType,
): { array: TypedArray; shape: number[] } {
  const X = data(x);
  const n = x.shape[axis]!;
  const coarseOf = (f: number) => (boundary === 'zero' ? (f - 1) / 2 : f / 2);
  const nOut = restrict ? coarseOf(n) : boundary === 'zero' ? 2 * n + 1 : 2 * n;
  const shape = x.shape.map((d, i) => (i === axis ? nOut : d));
  const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const out = allocate(dtype, outer * nOut * inner, false);
  // Each output row j is sum_t w_t * input row src_t (at most three terms; -1: none).
  const rows: [number, number][][] = [];
  const q = scale / 4;
  const h = scale / 2;
  for (let j = 0; j < nOut; j++) {
    let terms: [number, number][];
    if (restrict) {
      if (boundary === 'zero') terms = [[2 * j, q], [2 * j + 1, h], [2 * j + 2, q]];
      else if (boundary === 'wrap') terms = [[(2 * j - 1 + n) % n, q], [2 * j, h], [2 * j + 1, q]];
      else terms = [[2 * j, h], [2 * j + 1, h]];
    } else if (boundary === 'zero') {
      terms = j % 2 === 1 ? [[(j - 1) / 2, scale]] : [[j / 2 - 1, h], [j / 2, h]].filter(([c]) => c! >= 0 && c! < n) as [number, number][];
    } else if (boundary === 'wrap') {
      terms = j % 2 === 0 ? [[j / 2, scale]] : [[(j - 1) / 2, h], [((j + 1) / 2) % n, h]];
    } else {
      terms = [[Math.floor(j / 2), scale]];
    }
    rows.push(terms);
  }
  if (inner === 1) {
    // Along the innermost axis, one explicit loop per case (same terms, same order as the
    // row tables below).
    for (let o = 0; o < outer; o++) {
      const xo = o * n;
      const yo = o * nOut;
      if (restrict && boundary === 'zero') {
        for (let j = 0; j < nOut; j++) out[yo + j] = q * X[xo + 2 * j]! + h * X[xo + 2 * j + 1]! + q * X[xo + 2 * j + 2]!;
      } else if (restrict && boundary === 'wrap') {
        for (let j = 0; j < nOut; j++) out[yo + j] = q * X[xo + ((2 * j - 1 + n) % n)]! + h * X[xo + 2 * j]! + q * X[xo + 2 * j + 1]!;
      } else if (restrict) {
        for (let j = 0; j < nOut; j++) out[yo + j] = h * X[xo + 2 * j]! + h * X[xo + 2 * j + 1]!;
      } else if (boundary === 'zero') {
        out[yo] = h * X[xo]!;
        for (let i = 0; i < n; i++) {
          out[yo + 2 * i + 1] = scale * X[xo + i]!;
          if (i + 1 < n) out[yo + 2 * i + 2] = h * X[xo + i]! + h * X[xo + i + 1]!;
        }
        out[yo + 2 * n] = h * X[xo + n - 1]!;
      } else if (boundary === 'wrap') {
        for (let i = 0; i < n; i++) {
          out[yo + 2 * i] = scale * X[xo + i]!;
          out[yo + 2 * i + 1] = h * X[xo + i]! + h * X[xo + ((i + 1) % n)]!;
        }
      } else {
        for (let i = 0; i < n; i++) out[yo + 2 * i] = out[yo + 2 * i + 1] = scale * X[xo + i]!;
      }
    }
    return { array: out, shape };
  }
  for (let o = 0; o < outer; o++) {
    const xo = o * n * inner;
    const yo = o * nOut * inner;
    for (let j = 0; j < nOut; j++) {
      const t = rows[j]!;
      const d = yo + j * inner;
      const a = xo + t[0]![0] * inner;
      const wa = t[0]![1];
      if (t.length === 1) {
        for (let i = 0; i < inner; i++) out[d + i] = wa * X[a + i]!;
      } else if (t.length === 2) {
        const b = xo + t[1]![0] * inner;
        const wb = t[1]![1];
        for (let i = 0; i < inner; i++) out[d + i] = wa * X[a + i]! + wb * X[b + i]!;
      } else if (t.length === 3) {
        const b = xo + t[1]![0] * inner;
        const c = xo + t[2]![0] * inner;
        const wb = t[1]![1];
        const wc = t[2]![1];
        for (let i = 0; i < inner; i++) out[d + i] = wa * X[a + i]! + wb * X[b + i]! + wc * X[c + i]!;
      }
    }
  }
  return { array: out, shape };
}

/** `S x` or `S^T x` over the last axis of `x`, batched over the leading axes. */
export function spmvKernel(values: Tensor, x: Tensor, p: SparsePattern, transpose: boolean, dtype: DType): TypedArray {
  const V = data(values);
  const X = data(x);
  const nIn = transpose ? p.nRows : p.nCols;
  const nOut = transpose ? p.nCols : p.nRows;
  const batch = nIn === 0 ? 0 : x.size / nIn;
  const out = allocate(dtype, batch * nOut);
  const { indptr, indices } = p;
  for (let b = 0; b < batch; b++) {
    const xo = b * nIn;
    const yo = b * nOut;
    if (!transpose) {
      for (let i = 0; i < p.nRows; i++) {
        let s = 0;
        for (let k = indptr[i]!; k < indptr[i + 1]!; k++) s += V[k]! * X[xo + indices[k]!]!;
        out[yo + i] = s;
      }
    } else {
      for (let i = 0; i < p.nRows; i++) {
        const xi = X[xo + i]!;
        for (let k = indptr[i]!; k < indptr[i + 1]!; k++) out[yo + indices[k]!] += V[k]! * xi;
      }
    }
  }
  return out;
}

/**
 * Triangular solve by substitution with the stored triangle of a sparse matrix. The
 * transposed solves run in scatter form over the rows, so no transposed pattern is built.
 */
export function triSolveKernel(
  values: Tensor, r: Tensor, p: SparsePattern, lower: boolean, transpose: boolean, dtype: DType,
): TypedArray {
  const V = data(values);
  const R = data(r);
  const n = p.nRows;
  const batch = n === 0 ? 0 : r.size / n;
  const out = allocate(dtype, r.size);
  const { indptr, indices } = p;
  const diag = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) for (let k = indptr[i]!; k < indptr[i + 1]!; k++) if (indices[k] === i) diag[i] = k;
  // Forward substitution walks rows upwards from the first; a transposed solve runs the
  // other way and pushes each solved unknown into the rows still to come.
  const ascending = lower !== transpose;
  for (let b = 0; b < batch; b++) {
    const o = b * n;
    if (transpose) for (let i = 0; i < n; i++) out[o + i] = R[o + i]!;
    for (let t = 0; t < n; t++) {
      const i = ascending ? t : n - 1 - t;
      const d = diag[i]! < 0 ? 0 : V[diag[i]!]!;
      if (!transpose) {
        let s = R[o + i]!;
        for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
          const j = indices[k]!;
          if (lower ? j < i : j > i) s -= V[k]! * out[o + j]!;
        }
        out[o + i] = s / d;
      } else {
        const yi = out[o + i]! / d;
        out[o + i] = yi;
        for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
          const j = indices[k]!;
          if (lower ? j < i : j > i) out[o + j] -= V[k]! * yi;
        }
      }
    }
  }
  return out;
}

/**
 * `y + alpha_s * x` for each sample s (alpha has one element per sample). The loop is
 * unrolled by four: V8 does not vectorise, and the independent statements let the CPU
 * overlap them (about 1.5x here).
 */
export function axpyKernel(alpha: Tensor, x: Tensor, y: Tensor, dtype: DType): TypedArray {
  const A = data(alpha);
  const X = data(x);
  const Y = data(y);
  const out = allocate(dtype, x.size, false);
  const m = alpha.size === 0 ? 0 : x.size / alpha.size;
  for (let s = 0; s < alpha.size; s++) {
    const a = A[s]!;
    const end = (s + 1) * m;
    let i = s * m;
    for (; i + 3 < end; i += 4) {
      out[i] = Y[i]! + a * X[i]!;
      out[i + 1] = Y[i + 1]! + a * X[i + 1]!;
      out[i + 2] = Y[i + 2]! + a * X[i + 2]!;
      out[i + 3] = Y[i + 3]! + a * X[i + 3]!;
    }
    for (; i < end; i++) out[i] = Y[i]! + a * X[i]!;
  }
  return out;
}

/** `x + a p`, `r + (-a) q` and the new `r.r` per sample, as `axpyKernel` and `vdotKernel`. */
export function cgUpdateKernel(alpha: Tensor, x: Tensor, r: Tensor, p: Tensor, q: Tensor, dtype: DType): [TypedArray, TypedArray, TypedArray] {
  const A = data(alpha);
  const X = data(x);
  const R = data(r);
  const P = data(p);
  const Q = data(q);
  const xo = allocate(dtype, x.size, false);
  const ro = allocate(dtype, x.size, false);
  const rr = allocate(dtype, alpha.size, false);
  const m = alpha.size === 0 ? 0 : x.size / alpha.size;
  for (let s = 0; s < alpha.size; s++) {
    const a = A[s]!;
    const na = -a;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const end = (s + 1) * m;
    let i = s * m;
    for (; i + 3 < end; i += 4) {
      xo[i] = X[i]! + a * P[i]!;
      xo[i + 1] = X[i + 1]! + a * P[i + 1]!;
      xo[i + 2] = X[i + 2]! + a * P[i + 2]!;
      xo[i + 3] = X[i + 3]! + a * P[i + 3]!;
      // Read back what was stored: in float32 the sum must see the rounded values.
      ro[i] = R[i]! + na * Q[i]!;
      ro[i + 1] = R[i + 1]! + na * Q[i + 1]!;
      ro[i + 2] = R[i + 2]! + na * Q[i + 2]!;
      ro[i + 3] = R[i + 3]! + na * Q[i + 3]!;
      const r0 = ro[i]!;
      const r1 = ro[i + 1]!;
      const r2 = ro[i + 2]!;
      const r3 = ro[i + 3]!;
      s0 += r0 * r0;
      s1 += r1 * r1;
      s2 += r2 * r2;
      s3 += r3 * r3;
    }
    for (; i < end; i++) {
      xo[i] = X[i]! + a * P[i]!;
      ro[i] = R[i]! + na * Q[i]!;
      const ri = ro[i]!;
      s0 += ri * ri;
    }
    rr[s] = s0 + s1 + (s2 + s3);
  }
  return [xo, ro, rr];
}

/**
 * Per-sample inner products over blocks of `x.size / samples` elements, with four
 * partial sums (elements i mod 4) added as `(s0 + s1) + (s2 + s3)`: a fixed order, so
 * deterministic everywhere, and faster than one running sum.
 */
export function vdotKernel(a: Tensor, b: Tensor, samples: number, dtype: DType): TypedArray {
  const A = data(a);
  const B = data(b);
  const out = allocate(dtype, samples, false);
  const m = samples === 0 ? 0 : a.size / samples;
  for (let s = 0; s < samples; s++) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const end = (s + 1) * m;
    let i = s * m;
    for (; i + 3 < end; i += 4) {
      s0 += A[i]! * B[i]!;
      s1 += A[i + 1]! * B[i + 1]!;
      s2 += A[i + 2]! * B[i + 2]!;
      s3 += A[i + 3]! * B[i + 3]!;
    }
    for (; i < end; i++) s0 += A[i]! * B[i]!;
    out[s] = s0 + s1 + (s2 + s3);
  }
  return out;
}

/**
 * LU with partial pivoting and the two triangular solves, per sample; an unbatched
 * matrix is factored once for all right-hand sides. Returns null for a singular matrix.
 */
export function denseSolveKernel(a: Tensor, b: Tensor, dtype: DType): TypedArray | null {
  const n = b.shape.at(-1)!;
  const samples = n === 0 ? 0 : b.size / n;
  const mats = n === 0 ? 0 : a.size / (n * n);
  const A = data(a);
  const B = data(b);
  const out = allocate(dtype, b.size, false);
  const lu = new Float64Array(n * n);
  const piv = new Int32Array(n);
  const y = new Float64Array(n);
  let factored = -1;
  for (let s = 0; s < samples; s++) {
    const m = mats === 1 ? 0 : s;
    if (m !== factored) {
      for (let i = 0; i < n * n; i++) lu[i] = A[m * n * n + i]!;
      for (let k = 0; k < n; k++) {
        let p = k;
        for (let i = k + 1; i < n; i++) if (Math.abs(lu[i * n + k]!) > Math.abs(lu[p * n + k]!)) p = i;
        piv[k] = p;
        if (lu[p * n + k] === 0) return null;
        if (p !== k) {
          for (let j = 0; j < n; j++) {
            const t = lu[k * n + j]!;
            lu[k * n + j] = lu[p * n + j]!;
            lu[p * n + j] = t;
          }
        }
        const pivot = lu[k * n + k]!;
        for (let i = k + 1; i < n; i++) {
          const l = (lu[i * n + k] = lu[i * n + k]! / pivot);
          if (l !== 0) for (let j = k + 1; j < n; j++) lu[i * n + j] -= l * lu[k * n + j]!;
        }
      }
      factored = m;
    }
    for (let i = 0; i < n; i++) y[i] = B[s * n + i]!;
    for (let k = 0; k < n; k++) {
      const p = piv[k]!;
      if (p !== k) { const t = y[k]!; y[k] = y[p]!; y[p] = t; }
    }
    for (let i = 0; i < n; i++) {
      let v = y[i]!;
      for (let j = 0; j < i; j++) v -= lu[i * n + j]! * y[j]!;
      y[i] = v;
    }
    for (let i = n - 1; i >= 0; i--) {
      let v = y[i]!;
      for (let j = i + 1; j < n; j++) v -= lu[i * n + j]! * y[j]!;
      y[i] = v / lu[i * n + i]!;
    }
    for (let i = 0; i < n; i++) out[s * n + i] = y[i]!;
  }
  return out;
}
