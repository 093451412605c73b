/**
 * Scalar helpers the kernels call: the index an output element reads from a broadcast
 * operand, and float32 elementary functions accurate to a few float32 ulps on every gpu.js
 * backend.
 *
 * Shader `sin` and `cos` are allowed large errors (WGSL: an absolute 2^-11 on [-pi, pi];
 * SwiftShader's are near 1e-4 relative), and `log(1 + v)` or `exp(v) - 1` built from the
 * shader's `log` and `exp` lose the digits of small `v`. These helpers use only `+ - * /`
 * and `floor`, which every backend rounds correctly, following Cephes' single-precision
 * `sinf`/`cosf`: reduction by multiples of pi/4 with a three-part pi/4 (exact products for
 * |x| below about 5e4), then minimax polynomials on [-pi/4, pi/4].
 *
 * They take and return numbers only (the WebAssembly backend rejects array arguments to
 * helpers), and the runtime registers them with gpu.js so kernels can call them.
 *
 * @module
 */

/** sin(x) (`cosine` = 0) or cos(x) (`cosine` = 1) in float32. */
export function sinCosF(x: number, cosine: number): number {
  let sign = 1;
  let a = x;
  if (a < 0) {
    a = -a;
    if (cosine < 0.5) sign = -1;
  }
  let j = Math.floor(a * 1.2732395447351628);
  j = j + (j - 2 * Math.floor(j / 2));
  // The octant of the reduced argument, 0..7, and the reduced argument itself.
  let oct = j - 8 * Math.floor(j / 8) + 2 * cosine;
  oct = oct - 8 * Math.floor(oct / 8);
  const r = ((a - j * 0.78515625) - j * 2.4187564849853515625e-4) - j * 3.77489497744594108e-8;
  if (oct > 3.5) {
    sign = -sign;
    oct = oct - 4;
  }
  const z = r * r;
  let y = 0;
  if (oct > 0.5 && oct < 2.5) {
    y = ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1;
  } else {
    y = ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * r + r;
  }
  return sign * y;
}

/** log(1 + v) in float32, accurate for small `v`: 2 atanh(v / (2 + v)) by its series. */
export function log1pF(v: number): number {
  if (v > 0.5 || v < -0.4) return Math.log(1 + v);
  const s = v / (2 + v);
  const s2 = s * s;
  return 2 * s * (1 + s2 * (1 / 3 + s2 * (1 / 5 + s2 * (1 / 7 + s2 * (1 / 9 + s2 * (1 / 11 + s2 / 13))))));
}

/** exp(v) - 1 in float32, accurate for small `v`: its Taylor series within |v| <= 0.5. */
export function expm1F(v: number): number {
  if (v > 0.5 || v < -0.5) return Math.exp(v) - 1;
  return v * (1 + (v / 2) * (1 + (v / 3) * (1 + (v / 4) * (1 + (v / 5) * (1 + (v / 6) * (1 + (v / 7) * (1 + (v / 8) * (1 + v / 9))))))));
}

/**
 * The element of a dense operand that output element `i` reads when the operand is
 * broadcast to the output with its non-broadcast axes in one run: `floor(i / div) mod m`
 * (see `broadcastRun` in `src/backend/gpu/backend.ts`).
 */
export function broadcastIndex(i: number, div: number, m: number): number {
  const q = Math.floor((i + 0.5) / div);
  return q - Math.floor((q + 0.5) / m) * m;
}
