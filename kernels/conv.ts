/**
 * "Same"-size, stride-1 convolutions (cross-correlations) over one or two spatial axes,
 * and their weight cotangents: the GPU versions of `Backend.conv` and
 * `Backend.convWeightGrad` (the CPU reference is `src/backend/cpu/conv.ts`).
 *
 * Every tensor is dense row-major float32: `x` `[n, cin, ...grid]`, the kernel `w`
 * `[cout, cin, ...k]` with odd sizes, the output cotangent `g` `[n, cout, ...grid]`.
 * Kernel tap `t` of an axis with kernel size `k` and dilation `dil` reads the grid point
 * `p + (t - (k - 1) / 2) * dil`; outside the grid it reads 0 when `periodic` is 0 and
 * wraps around when it is 1 (any number of times: dilations may exceed the grid). Each
 * thread computes one output element and sums in a fixed order, so results do not
 * depend on the launch.
 *
 * @module
 */
import type { Flat, KernelThis } from './types.js';

/**
 * One element of the 1-D convolution `[n, cout, len]`:
 * `out[b, co, p] = sum_{ci, t} w[co, ci, t] x[b, ci, p + (t - (k - 1) / 2) dil]`.
 */
export function conv1d(
  this: KernelThis, x: Flat, w: Flat, n: number, cin: number, cout: number, len: number, k: number, dil: number,
  periodic: number,
): number {
  const i = this.thread.x;
  const row = Math.floor((i + 0.5) / len);
  const p = i - row * len;
  const b = Math.floor((row + 0.5) / cout);
  const co = row - b * cout;
  const c = (k - 1) / 2;
  let acc = 0;
  // Threads past the batch (a padded launch) read nothing.
  const ciEnd = b < n ? cin : 0;
  for (let ci = 0; ci < cin; ci++) {
    if (ci < ciEnd) {
      const xb = (b * cin + ci) * len;
      const wb = (co * cin + ci) * k;
      for (let t = 0; t < k; t++) {
        let j = p + (t - c) * dil;
        let inside = 1;
        if (j < 0 || j >= len) {
          if (periodic < 0.5) inside = 0;
          else j = j - Math.floor((j + 0.5) / len) * len;
        }
        if (inside > 0.5) acc += w[wb + t]! * x[xb + j]!;
      }
    }
  }
  return acc;
}

/**
 * One element of the 2-D convolution `[n, cout, h, wd]` with a `[cout, cin, kh, kw]`
 * kernel and dilations `dh`, `dw`:
 * `out[b, co, p, q] = sum_{ci, s, t} w[co, ci, s, t] x[b, ci, p + (s - ch) dh, q + (t - cw) dw]`.
 */
export function conv2d(
  this: KernelThis, x: Flat, w: Flat, n: number, cin: number, cout: number, h: number, wd: number,
  kh: number, kw: number, dh: number, dw: number, periodic: number,
): number {
  const i = this.thread.x;
  const hw = h * wd;
  const plane = Math.floor((i + 0.5) / hw);
  const local = i - plane * hw;
  const p = Math.floor((local + 0.5) / wd);
  const q = local - p * wd;
  const b = Math.floor((plane + 0.5) / cout);
  const co = plane - b * cout;
  const ch = (kh - 1) / 2;
  const cw = (kw - 1) / 2;
  let acc = 0;
  // Threads past the batch (a padded launch) read nothing.
  const ciEnd = b < n ? cin : 0;
  for (let ci = 0; ci < cin; ci++) {
    if (ci < ciEnd) {
      const xb = (b * cin + ci) * hw;
      const wb = (co * cin + ci) * kh * kw;
      for (let s = 0; s < kh; s++) {
        let r = p + (s - ch) * dh;
        let rowInside = 1;
        if (r < 0 || r >= h) {
          if (periodic < 0.5) rowInside = 0;
          else r = r - Math.floor((r + 0.5) / h) * h;
        }
        for (let t = 0; t < kw; t++) {
          let col = q + (t - cw) * dw;
          let inside = rowInside;
          if (col < 0 || col >= wd) {
            if (periodic < 0.5) inside = 0;
            else col = col - Math.floor((col + 0.5) / wd) * wd;
          }
          if (inside > 0.5) acc += w[wb + s * kw + t]! * x[xb + r * wd + col]!;
        }
      }
    }
  }
  return acc;
}

/**
 * One element of the 1-D weight cotangent `[cout, cin, k]`:
 * `dW[co, ci, t] = sum_{b, p} g[b, co, p] x[b, ci, p + (t - (k - 1) / 2) dil]`.
 */
export function convWeightGrad1d(
  this: KernelThis, x: Flat, g: Flat, n: number, cin: number, cout: number, len: number, k: number, dil: number,
  periodic: number,
): number {
  const i = this.thread.x;
  const pair = Math.floor((i + 0.5) / k);
  const t = i - pair * k;
  const co = Math.floor((pair + 0.5) / cin);
  const ci = pair - co * cin;
  const off = (t - (k - 1) / 2) * dil;
  let acc = 0;
  for (let b = 0; b < n; b++) {
    const gb = (b * cout + co) * len;
    const xb = (b * cin + ci) * len;
    for (let p = 0; p < len; p++) {
      let j = p + off;
      let inside = 1;
      if (j < 0 || j >= len) {
        if (periodic < 0.5) inside = 0;
        else j = j - Math.floor((j + 0.5) / len) * len;
      }
      if (inside > 0.5) acc += g[gb + p]! * x[xb + j]!;
    }
  }
  return acc;
}

/**
 * One element of the 2-D weight cotangent `[cout, cin, kh, kw]`:
 * `dW[co, ci, s, t] = sum_{b, p, q} g[b, co, p, q] x[b, ci, p + (s - ch) dh, q + (t - cw) dw]`.
 */
export function convWeightGrad2d(
  this: KernelThis, x: Flat, g: Flat, n: number, cin: number, cout: number, h: number, wd: number,
  kh: number, kw: number, dh: number, dw: number, periodic: number,
): number {
  const i = this.thread.x;
  const taps = kh * kw;
  const pair = Math.floor((i + 0.5) / taps);
  const tap = i - pair * taps;
  const s = Math.floor((tap + 0.5) / kw);
  const t = tap - s * kw;
  const co = Math.floor((pair + 0.5) / cin);
  const ci = pair - co * cin;
  const offR = (s - (kh - 1) / 2) * dh;
  const offC = (t - (kw - 1) / 2) * dw;
  const hw = h * wd;
  let acc = 0;
  for (let b = 0; b < n; b++) {
    const gb = (b * cout + co) * hw;
    const xb = (b * cin + ci) * hw;
    for (let p = 0; p < h; p++) {
      let r = p + offR;
      let rowInside = 1;
      if (r < 0 || r >= h) {
        if (periodic < 0.5) rowInside = 0;
        else r = r - Math.floor((r + 0.5) / h) * h;
      }
      if (rowInside > 0.5) {
        for (let q = 0; q < wd; q++) {
          let col = q + offC;
          let inside = 1;
          if (col < 0 || col >= wd) {
            if (periodic < 0.5) inside = 0;
            else col = col - Math.floor((col + 0.5) / wd) * wd;
          }
          if (inside > 0.5) acc += g[gb + p * wd + q]! * x[xb + r * wd + col]!;
        }
      }
    }
  }
  return acc;
}
