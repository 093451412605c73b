/**
 * Constant-coefficient stencils over the trailing 1 to 3 axes of a dense batch (the
 * linear-algebra layer's Laplacians, derivatives and heat operators), and one relaxation
 * sweep `x + w (b - S x)` (Jacobi, or one colour of red-black Gauss-Seidel when `w` is
 * zero on the other colour).
 *
 * The grid is `[g0, g1, g2]` (leading extents 1 for fewer axes); term `t` reads the
 * neighbour at offsets `offs[3t..3t+2]` with weight `coefs[t]`. Boundary codes per axis:
 * 0 zero outside, 1 edge (clamped), 2 wrap (periodic).
 *
 * @module
 */
import type { Flat, KernelThis } from './types.js';

/**
 * One element of `S x`, or with `relax` = 1 of `x + w (b - S x)`, where `w` is shaped like
 * the grid (shared by the batch). Plain stencils pass `x` for the unused `b` and `w`.
 */
export function stencil(
  this: KernelThis, x: Flat, b: Flat, w: Flat, offs: Flat, coefs: Flat, terms: number,
  g0: number, g1: number, g2: number, b0: number, b1: number, b2: number, relax: number,
): number {
  const gs = g0 * g1 * g2;
  const batch = Math.floor((this.thread.x + 0.5) / gs);
  const local = this.thread.x - batch * gs;
  const i0 = Math.floor((local + 0.5) / (g1 * g2));
  const r = local - i0 * g1 * g2;
  const i1 = Math.floor((r + 0.5) / g2);
  const i2 = r - i1 * g2;
  let acc = 0;
  for (let t = 0; t < terms; t++) {
    let j0 = i0 + offs[3 * t]!;
    let j1 = i1 + offs[3 * t + 1]!;
    let j2 = i2 + offs[3 * t + 2]!;
    let inside = 1;
    if (j0 < 0 || j0 >= g0) {
      if (b0 < 0.5) inside = 0;
      else if (b0 < 1.5) j0 = Math.min(Math.max(j0, 0), g0 - 1);
      else j0 = j0 - Math.floor((j0 + 0.5) / g0) * g0;
    }
    if (j1 < 0 || j1 >= g1) {
      if (b1 < 0.5) inside = 0;
      else if (b1 < 1.5) j1 = Math.min(Math.max(j1, 0), g1 - 1);
      else j1 = j1 - Math.floor((j1 + 0.5) / g1) * g1;
    }
    if (j2 < 0 || j2 >= g2) {
      if (b2 < 0.5) inside = 0;
      else if (b2 < 1.5) j2 = Math.min(Math.max(j2, 0), g2 - 1);
      else j2 = j2 - Math.floor((j2 + 0.5) / g2) * g2;
    }
    if (inside > 0.5) acc += coefs[t]! * x[batch * gs + (j0 * g1 + j1) * g2 + j2]!;
  }
  if (relax < 0.5) return acc;
  const i = this.thread.x;
  return x[i]! + w[local]! * (b[i]! - acc);
}
