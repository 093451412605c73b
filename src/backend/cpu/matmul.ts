/**
 * CPU matrix multiplication, batched over broadcast leading axes.
 *
 * The core computes a 4 x 4 block of the output in sixteen local accumulators while it
 * runs along k: each step loads four elements of A and four of B and does sixteen
 * multiply-adds, so the work is bound by arithmetic rather than memory traffic. The
 * four columns of B in use are first packed side by side, so they are read
 * sequentially. Every output element is the sum over k in increasing order, starting
 * from zero, exactly like a plain dot product, hence deterministic.
 *
 * @module
 */
import { type DType, type TypedArray, allocate } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/tensor.js';
import { contiguousStrides, sizeOf } from '../../tensor/shape.js';
import { arrayOf } from './storage.js';

/** C[m,n] = A[m,k] B[k,n] on dense row-major blocks at the given offsets. */
function gemm(
  A: TypedArray, ao: number, B: TypedArray, bo: number, C: Float64Array, co: number,
  m: number, k: number, n: number,
): void {
  const panel = new Float64Array(k * 4);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    for (let p = 0, b = bo + j; p < k; p++, b += n) {
      panel[4 * p] = B[b]!;
      panel[4 * p + 1] = B[b + 1]!;
      panel[4 * p + 2] = B[b + 2]!;
      panel[4 * p + 3] = B[b + 3]!;
    }
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      const a0 = ao + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
      for (let p = 0, q = 0; p < k; p++, q += 4) {
        const b0 = panel[q]!, b1 = panel[q + 1]!, b2 = panel[q + 2]!, b3 = panel[q + 3]!;
        const x0 = A[a0 + p]!, x1 = A[a1 + p]!, x2 = A[a2 + p]!, x3 = A[a3 + p]!;
        c00 += x0 * b0; c01 += x0 * b1; c02 += x0 * b2; c03 += x0 * b3;
        c10 += x1 * b0; c11 += x1 * b1; c12 += x1 * b2; c13 += x1 * b3;
        c20 += x2 * b0; c21 += x2 * b1; c22 += x2 * b2; c23 += x2 * b3;
        c30 += x3 * b0; c31 += x3 * b1; c32 += x3 * b2; c33 += x3 * b3;
      }
      let c = co + i * n + j;
      C[c] = c00; C[c + 1] = c01; C[c + 2] = c02; C[c + 3] = c03; c += n;
      C[c] = c10; C[c + 1] = c11; C[c + 2] = c12; C[c + 3] = c13; c += n;
      C[c] = c20; C[c + 1] = c21; C[c + 2] = c22; C[c + 3] = c23; c += n;
      C[c] = c30; C[c + 1] = c31; C[c + 2] = c32; C[c + 3] = c33;
    }
    for (; i < m; i++) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      const a0 = ao + i * k;
      for (let p = 0, q = 0; p < k; p++, q += 4) {
        const x = A[a0 + p]!;
        c0 += x * panel[q]!; c1 += x * panel[q + 1]!; c2 += x * panel[q + 2]!; c3 += x * panel[q + 3]!;
      }
      const c = co + i * n + j;
      C[c] = c0; C[c + 1] = c1; C[c + 2] = c2; C[c + 3] = c3;
    }
  }
  for (; j < n; j++) {
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let p = 0, a = ao + i * k, b = bo + j; p < k; p++, b += n) s += A[a + p]! * B[b]!;
      C[co + i * n + j] = s;
    }
  }
}

/**
 * Batched product of dense row-major `a` `[..., m, k]` and `b` `[..., k, n]`; leading
 * axes broadcast to those of `outShape`.
 */
export function matmulKernel(a: Tensor, b: Tensor, outShape: readonly number[], dtype: DType): TypedArray {
  const rank = outShape.length;
  const [m, n] = [outShape[rank - 2]!, outShape[rank - 1]!];
  const k = a.shape[a.ndim - 1]!;
  const batchShape = outShape.slice(0, rank - 2);
  const batch = sizeOf(batchShape);
  const acc = new Float64Array(batch * m * n);
  const A = arrayOf(a);
  const B = arrayOf(b);
  // Matrix offsets of each operand per batch index (0 stride on broadcast batch axes).
  const batchOffsets = (x: Tensor): number[] => {
    const lead = batchShape.length - (x.ndim - 2);
    const strides = contiguousStrides(x.shape.slice(0, x.ndim - 2)).map((s, i) => (x.shape[i] === 1 ? 0 : s * x.shape[x.ndim - 2]! * x.shape[x.ndim - 1]!));
    const out: number[] = [];
    const idx = new Array<number>(batchShape.length).fill(0);
    for (let t = 0; t < batch; t++) {
      let off = x.offset;
      for (let i = lead; i < batchShape.length; i++) off += idx[i]! * strides[i - lead]!;
      out.push(off);
      for (let ax = batchShape.length - 1; ax >= 0; ax--) {
        if (++idx[ax]! < batchShape[ax]!) break;
        idx[ax] = 0;
      }
    }
    return out;
  };
  const ao = batchOffsets(a);
  const bo = batchOffsets(b);
  for (let t = 0; t < batch; t++) gemm(A, ao[t]!, B, bo[t]!, acc, t * m * n, m, k, n);
  if (dtype === 'float64') return acc;
  const out = allocate(dtype, acc.length);
  out.set(acc);
  return out;
}
