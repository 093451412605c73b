/**
 * Loops over strided layouts. A kernel describes each operand by its strides over a
 * common loop shape; `coalesce` merges axes that every operand walks densely, and
 * `forEachRun` visits the innermost axis as runs, so that the kernel's hot loop is a
 * plain indexed loop with constant strides.
 *
 * @module
 */
import type { Tensor } from '../../tensor/tensor.js';

/**
 * Strides of `x` when broadcast to `shape` (right-aligned; 0 on broadcast axes).
 * `x.shape` must broadcast to `shape`.
 */
export function broadcastStrides(x: Tensor, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length).fill(0);
  const lead = shape.length - x.shape.length;
  for (let i = 0; i < x.shape.length; i++) {
    out[lead + i] = x.shape[i] === 1 ? 0 : x.strides[i]!;
  }
  return out;
}

/**
 * The stride of `x` when a kernel may walk it as one flat run of `n` elements: 1 when
 * it is dense with n elements (then its order is the output's), 0 when it holds a single
 * element (broadcast), otherwise undefined. Kernels use it to skip the general loop
 * machinery in the common cases.
 */
export function flatStride(x: Tensor, n: number): 0 | 1 | undefined {
  if (x.size === 1) return 0;
  return x.size === n && x.isContiguous ? 1 : undefined;
}

/** A loop shape with per-operand strides, after merging mergeable axes. */
export interface Loop {
  readonly shape: number[];
  readonly strides: number[][];
}

/**
 * Drops size-1 axes and merges axis i with axis i+1 wherever, for every operand,
 * `stride[i] == stride[i+1] * shape[i+1]`. The result always has rank >= 1.
 */
export function coalesce(shape: readonly number[], strides: readonly (readonly number[])[]): Loop {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let ax = 0; ax < shape.length; ax++) {
    const d = shape[ax]!;
    if (d === 1) continue;
    const last = outShape.length - 1;
    const mergeable = last >= 0 && strides.every((s, j) => outStrides[j]![last] === s[ax]! * d);
    if (mergeable) {
      outShape[last] = outShape[last]! * d;
      strides.forEach((s, j) => (outStrides[j]![last] = s[ax]!));
    } else {
      outShape.push(d);
      strides.forEach((s, j) => outStrides[j]!.push(s[ax]!));
    }
  }
  if (outShape.length === 0) {
    outShape.push(1);
    outStrides.forEach((s) => s.push(0));
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * Calls `run(pos, outPos, len)` once per run of the innermost axis, in row-major order.
 * `pos[j]` is operand j's storage index at the start of the run (it advances by
 * `strides[j][last]` per element); `outPos` counts elements visited so far, i.e. the
 * index into a dense output.
 */
export function forEachRun(
  loop: Loop,
  offsets: readonly number[],
  run: (pos: number[], outPos: number, len: number) => void,
): void {
  const { shape, strides } = loop;
  for (const d of shape) if (d === 0) return;
  const rank = shape.length;
  const k = strides.length;
  const pos = offsets.slice();
  const len = shape[rank - 1]!;
  const idx = new Array<number>(rank).fill(0);
  let outPos = 0;
  for (;;) {
    run(pos, outPos, len);
    outPos += len;
    let ax = rank - 2;
    for (; ax >= 0; ax--) {
      idx[ax]!++;
      for (let j = 0; j < k; j++) pos[j]! += strides[j]![ax]!;
      if (idx[ax]! < shape[ax]!) break;
      for (let j = 0; j < k; j++) pos[j]! -= strides[j]![ax]! * shape[ax]!;
      idx[ax] = 0;
    }
    if (ax < 0) return;
  }
}
