/**
 * CPU convolutions: the "same"-size, stride-1 cross-correlation of `Backend.conv` and its
 * weight cotangent `Backend.convWeightGrad`, over one or two spatial axes.
 *
 * A 1-D problem runs as a 2-D one with a single row and a single kernel row. The input
 * is first copied into planes with a halo of `(k - 1) / 2 * dilation` points on each side,
 * filled with zeros or with the wrapped-around values, so that every kernel tap is a
 * constant offset into a plane (`tapOff`) and the hot loops have no bounds tests and no
 * index wrapping.
 *
 * The forward pass works like the matmul kernel's core: it computes four output channels
 * at two neighbouring points in eight local accumulators while it runs over the
 * `Cin * taps` products, reading the kernel from a copy packed four channels side by side.
 * The weight cotangent runs four output channels at once over all points. Each output
 * element is a sum in a fixed order (input channel, then tap; batch, then point),
 * accumulated in float64 and rounded once for a float32 result, hence deterministic.
 *
 * @module
 */
import type { ConvSpec } from '../backend.js';
import { type DType, type TypedArray, allocate, promoteTypes } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/tensor.js';
import { arrayOf } from './storage.js';

/** A convolution as a 2-D problem (a 1-D one has `h = kh = 1`) over haloed planes. */
interface Geometry {
  readonly n: number;
  readonly cin: number;
  readonly cout: number;
  readonly h: number;
  readonly w: number;
  /** Extents of a haloed plane. */
  readonly hp: number;
  readonly wp: number;
  /** Halo widths: rows above and below, columns left and right. */
  readonly haloH: number;
  readonly haloW: number;
  readonly periodic: boolean;
  /** Kernel taps per channel pair, `kh * kw`. */
  readonly taps: number;
  /** Offset of tap `th * kw + tw` from an output point's top-left read in a haloed plane. */
  readonly tapOff: Int32Array;
}

/** `a mod m` in `[0, m)` for `m > 0`. */
function wrapIndex(a: number, m: number): number {
  const r = a % m;
  return r < 0 ? r + m : r;
}

function geometry(xShape: readonly number[], kernelShape: readonly number[], cout: number, spec: ConvSpec): Geometry {
  const D = xShape.length - 2;
  const h = D === 2 ? xShape[2]! : 1;
  const w = xShape[xShape.length - 1]!;
  const kh = D === 2 ? kernelShape[2]! : 1;
  const kw = kernelShape[kernelShape.length - 1]!;
  const dh = D === 2 ? spec.dilation[0]! : 1;
  const dw = spec.dilation[D - 1]!;
  const haloH = ((kh - 1) / 2) * dh;
  const haloW = ((kw - 1) / 2) * dw;
  const hp = h + 2 * haloH;
  const wp = w + 2 * haloW;
  const tapOff = new Int32Array(kh * kw);
  for (let th = 0; th < kh; th++) for (let tw = 0; tw < kw; tw++) tapOff[th * kw + tw] = th * dh * wp + tw * dw;
  return {
    n: xShape[0]!, cin: xShape[1]!, cout, h, w, hp, wp, haloH, haloW, periodic: spec.padding === 'periodic', taps: kh * kw, tapOff,
  };
}

/**
 * The `N * Cin` planes of dense `x` (elements from `offset`) with their halos: a haloed
 * point reads the grid point it wraps to (periodic) or 0 (zero padding).
 */
function haloed(X: TypedArray, offset: number, g: Geometry): Float64Array {
  const { n, cin, h, w, hp, wp, haloH, haloW, periodic } = g;
  const out = new Float64Array(n * cin * hp * wp);
  const colSrc = new Int32Array(wp);
  for (let c = 0; c < wp; c++) {
    const s = c - haloW;
    colSrc[c] = periodic ? wrapIndex(s, w) : s >= 0 && s < w ? s : -1;
  }
  for (let plane = 0; plane < n * cin; plane++) {
    for (let r = 0; r < hp; r++) {
      const s = r - haloH;
      const sr = periodic ? wrapIndex(s, h) : s >= 0 && s < h ? s : -1;
      if (sr < 0) continue;
      const src = offset + plane * h * w + sr * w;
      const dst = plane * hp * wp + r * wp;
      for (let c = 0; c < haloW; c++) if (colSrc[c]! >= 0) out[dst + c] = X[src + colSrc[c]!]!;
      for (let c = 0; c < w; c++) out[dst + haloW + c] = X[src + c]!;
      for (let c = haloW + w; c < wp; c++) if (colSrc[c]! >= 0) out[dst + c] = X[src + colSrc[c]!]!;
    }
  }
  return out;
}

/** `acc` as an array of `dtype` (itself for float64). */
function finish(acc: Float64Array, dtype: DType): TypedArray {
  if (dtype === 'float64') return acc;
  const out = allocate(dtype, acc.length);
  out.set(acc);
  return out;
}

/**
 * `out[n,co,p] = sum_{ci,t} w[co,ci,t] x[n,ci,p + (t - c) * dilation]` for dense row-major
 * float `x` `[N, Cin, ...spatial]` and `w` `[Cout, Cin, ...k]`; dense `[N, Cout,
 * ...spatial]` of the promoted dtype.
 */
export function convKernel(x: Tensor, w: Tensor, spec: ConvSpec): TypedArray {
  const dtype = promoteTypes(x.dtype, w.dtype);
  const cout = w.shape[0]!;
  const g = geometry(x.shape, w.shape, cout, spec);
  const { n, cin, h, w: wd, hp, wp, taps, tapOff } = g;
  const hw = h * wd;
  const out = new Float64Array(n * cout * hw);
  if (out.length === 0 || cin === 0) return finish(out, dtype);
  const XP = haloed(arrayOf(x), x.offset, g);
  const plane = hp * wp;
  const red = cin * taps;
  // Offsets of the Cin * taps reads of one output point, and the kernel packed as
  // [block of 4 output channels][ci * taps + t][lane] (zero in missing lanes).
  const readOff = new Int32Array(red);
  for (let ci = 0; ci < cin; ci++) for (let t = 0; t < taps; t++) readOff[ci * taps + t] = ci * plane + tapOff[t]!;
  const blocks = Math.ceil(cout / 4);
  const K = arrayOf(w);
  const WP = new Float64Array(blocks * red * 4);
  for (let co = 0; co < cout; co++) {
    const src = w.offset + co * red;
    const dst = (co >> 2) * red * 4 + (co & 3);
    for (let r = 0; r < red; r++) WP[dst + 4 * r] = K[src + r]!;
  }
  for (let b = 0; b < n; b++) {
    const xBatch = b * cin * plane;
    for (let cb = 0; cb < blocks; cb++) {
      const wb = cb * red * 4;
      const lanes = Math.min(4, cout - 4 * cb);
      const o0 = (b * cout + 4 * cb) * hw;
      for (let i = 0; i < h; i++) {
        const xRow = xBatch + i * wp;
        const oRow = o0 + i * wd;
        let j = 0;
        for (; j + 2 <= wd; j += 2) {
          let a0 = 0, a1 = 0, a2 = 0, a3 = 0, c0 = 0, c1 = 0, c2 = 0, c3 = 0;
          const xb = xRow + j;
          for (let r = 0, q = wb; r < red; r++, q += 4) {
            const o = xb + readOff[r]!;
            const u = XP[o]!, v = XP[o + 1]!;
            const w0 = WP[q]!, w1 = WP[q + 1]!, w2 = WP[q + 2]!, w3 = WP[q + 3]!;
            a0 += w0 * u; a1 += w1 * u; a2 += w2 * u; a3 += w3 * u;
            c0 += w0 * v; c1 += w1 * v; c2 += w2 * v; c3 += w3 * v;
          }
          const o = oRow + j;
          out[o] = a0; out[o + 1] = c0;
          if (lanes > 1) { out[o + hw] = a1; out[o + hw + 1] = c1; }
          if (lanes > 2) { out[o + 2 * hw] = a2; out[o + 2 * hw + 1] = c2; }
          if (lanes > 3) { out[o + 3 * hw] = a3; out[o + 3 * hw + 1] = c3; }
        }
        if (j < wd) {
          let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
          const xb = xRow + j;
          for (let r = 0, q = wb; r < red; r++, q += 4) {
            const u = XP[xb + readOff[r]!]!;
            a0 += WP[q]! * u; a1 += WP[q + 1]! * u; a2 += WP[q + 2]! * u; a3 += WP[q + 3]! * u;
          }
          const o = oRow + j;
          out[o] = a0;
          if (lanes > 1) out[o + hw] = a1;
          if (lanes > 2) out[o + 2 * hw] = a2;
          if (lanes > 3) out[o + 3 * hw] = a3;
        }
      }
    }
  }
  return finish(out, dtype);
}

/**
 * `dW[co,ci,t] = sum_{n,p} g[n,co,p] x[n,ci,p + (t - c) * dilation]` for dense row-major
 * float `x` `[N, Cin, ...spatial]` and `g` `[N, Cout, ...spatial]`; dense `kernelShape`
 * `[Cout, Cin, ...k]` of the promoted dtype.
 */
export function convWeightGradKernel(x: Tensor, g: Tensor, spec: ConvSpec, kernelShape: readonly number[]): TypedArray {
  const dtype = promoteTypes(x.dtype, g.dtype);
  const cout = g.shape[1]!;
  const geo = geometry(x.shape, kernelShape, cout, spec);
  const { n, cin, h, w: wd, hp, wp, taps, tapOff } = geo;
  const hw = h * wd;
  const out = new Float64Array(cout * cin * taps);
  if (out.length === 0 || n * hw === 0) return finish(out, dtype);
  const XP = haloed(arrayOf(x), x.offset, geo);
  const G = arrayOf(g);
  const plane = hp * wp;
  for (let co0 = 0; co0 < cout; co0 += 4) {
    const lanes = Math.min(4, cout - co0);
    for (let ci = 0; ci < cin; ci++) {
      for (let t = 0; t < taps; t++) {
        if (lanes === 4) {
          let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
          for (let b = 0; b < n; b++) {
            const gb = g.offset + (b * cout + co0) * hw;
            const xb = (b * cin + ci) * plane + tapOff[t]!;
            for (let i = 0; i < h; i++) {
              const gr = gb + i * wd;
              const xr = xb + i * wp;
              for (let j = 0; j < wd; j++) {
                const u = XP[xr + j]!;
                const p = gr + j;
                s0 += G[p]! * u; s1 += G[p + hw]! * u; s2 += G[p + 2 * hw]! * u; s3 += G[p + 3 * hw]! * u;
              }
            }
          }
          const d = (co0 * cin + ci) * taps + t;
          const step = cin * taps;
          out[d] = s0; out[d + step] = s1; out[d + 2 * step] = s2; out[d + 3 * step] = s3;
        } else {
          for (let co = co0; co < co0 + lanes; co++) {
            let s = 0;
            for (let b = 0; b < n; b++) {
              const gb = g.offset + (b * cout + co) * hw;
              const xb = (b * cin + ci) * plane + tapOff[t]!;
              for (let i = 0; i < h; i++) {
                const gr = gb + i * wd;
                const xr = xb + i * wp;
                for (let j = 0; j < wd; j++) s += G[gr + j]! * XP[xr + j]!;
              }
            }
            out[(co * cin + ci) * taps + t] = s;
          }
        }
      }
    }
  }
  return finish(out, dtype);
}
