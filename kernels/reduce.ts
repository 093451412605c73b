/**
 * Reductions in chunks: a chunk reduces elements `[c * chunk, min(k, (c + 1) * chunk))`
 * of the reduced axis. The backend applies a kernel again while more than one chunk is
 * left (`nc` partial results, then one), so no thread loops over more than `chunk`
 * elements. `op`: 0 sum, 1 product, 2 max, 3 min.
 *
 * @module
 */
import type { Flat, KernelThis } from './types.js';

/**
 * One chunk of a reduction by `op` along the middle axis of `[outer, k, inner]`: output
 * `[outer, nc, inner]`, element `(o, c, l)` reducing `x[o, t, l]` for `t` in chunk `c`.
 */
export function reduceChunks(
  this: KernelThis, x: Flat, k: number, chunk: number, nc: number, op: number, inner: number,
): number {
  const rest = Math.floor((this.thread.x + 0.5) / inner);
  const l = this.thread.x - rest * inner;
  const o = Math.floor((rest + 0.5) / nc);
  const c = rest - o * nc;
  const begin = (o * k + c * chunk) * inner + l;
  const count = Math.min(chunk, k - c * chunk);
  let acc = x[begin]!;
  for (let t = 1; t < count; t++) {
    const v = x[begin + t * inner]!;
    if (op < 0.5) {
      acc += v;
    } else if (op < 1.5) {
      acc *= v;
    } else if (op < 2.5) {
      if (v > acc || v !== v) acc = v;
    } else if (v < acc || v !== v) {
      acc = v;
    }
  }
  return acc;
}

/** One chunk of the row-wise inner products of `a` and `b` (both `[rows, k]`). */
export function dotChunks(this: KernelThis, a: Flat, b: Flat, k: number, chunk: number, nc: number): number {
  const row = Math.floor((this.thread.x + 0.5) / nc);
  const c = this.thread.x - row * nc;
  const begin = row * k + c * chunk;
  const count = Math.min(chunk, k - c * chunk);
  let acc = 0;
  for (let t = 0; t < count; t++) {
    acc += a[begin + t]! * b[begin + t]!;
  }
  return acc;
}
