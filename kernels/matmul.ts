/**
 * Batched matrix products.
 *
 * gpu.js exposes no workgroup shared memory, so the classic shared-memory tiling cannot
 * be written; each thread computes one output from a row of `a` and a column of `b`,
 * with the inner loop unrolled by four (independent partial sums, which also shortens
 * the float32 rounding chain).
 *
 * @module
 */
import type { Flat, KernelThis } from './types.js';

/**
 * One element of `a @ b` for dense `a` `[batch, m, k]` and `b` `[batch, k, n]`; `aBatch`
 * and `bBatch` are the strides between matrices (0 for a broadcast operand).
 */
export function matmul(
  this: KernelThis, a: Flat, b: Flat, m: number, k: number, n: number, aBatch: number, bBatch: number,
): number {
  const i = this.thread.x;
  const mn = m * n;
  const bt = Math.floor((i + 0.5) / mn);
  const rem = i - bt * mn;
  const row = Math.floor((rem + 0.5) / n);
  const col = rem - row * n;
  const ab = bt * aBatch + row * k;
  const bb = bt * bBatch + col;
  const k4 = Math.floor((k + 0.5) / 4) * 4;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let t = 0; t < k4; t += 4) {
    s0 += a[ab + t]! * b[bb + t * n]!;
    s1 += a[ab + t + 1]! * b[bb + (t + 1) * n]!;
    s2 += a[ab + t + 2]! * b[bb + (t + 2) * n]!;
    s3 += a[ab + t + 3]! * b[bb + (t + 3) * n]!;
  }
  for (let u = 0; u < k - k4; u++) {
    s0 += a[ab + k4 + u]! * b[bb + (k4 + u) * n]!;
  }
  return s0 + s1 + (s2 + s3);
}
