/**
 * CPU matrix multiplication, batched over broadcast leading axes.
 *
 * The core multiplies dense row-major blocks: four rows of the output are accumulated at
 * once, so each element of B loaded from memory feeds four multiply-adds, and the k loop
 * is cut into panels so the rows of B in use stay in cache. Results are summed in k order
 * for every output element, hence deterministic.
 *
 * @module
 */
import { type DType, type TypedArray, allocate } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/tensor.js';
import { contiguousStrides, sizeOf } from '../../tensor/shape.js';
import { arrayOf } from './storage.js';

const KC = 128;

/** C[m,n] += A[m,k] B[k,n] on dense row-major blocks at the given offsets. */
function gemm(
  A: TypedArray, ao: number, B: TypedArray, bo: number, C: Float64Array, co: number,
  m: number, k: number, n: number,
): void {
  for (let k0 = 0; k0 < k; k0 += KC) {
    const k1 = Math.min(k, k0 + KC);
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const c0 = co + i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
      const a0 = ao + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
      for (let p = k0; p < k1; p++) {
        const x0 = A[a0 + p]!, x1 = A[a1 + p]!, x2 = A[a2 + p]!, x3 = A[a3 + p]!;
        const b = bo + p * n;
        for (let j = 0; j < n; j++) {
          const y = B[b + j]!;
          C[c0 + j] += x0 * y;
          C[c1 + j] += x1 * y;
          C[c2 + j] += x2 * y;
          C[c3 + j] += x3 * y;
        }
      }
    }
    for (; i < m; i++) {
      const c0 = co + i * n;
      const a0 = ao + i * k;
      for (let p = k0; p < k1; p++) {
        const x0 = A[a0 + p]!;
        const b = bo + p * n;
        for (let j = 0; j < n; j++) C[c0 + j] += x0 * B[b + j]!;
      }
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
