/**
 * What a gpu.js kernel function sees as `this`, and the conventions every kernel in this
 * folder follows.
 *
 * - A kernel is a plain `function` (never an arrow function or a method) whose source
 *   gpu.js transpiles to WGSL, GLSL, WebAssembly or JavaScript. Use only what every
 *   gpu.js backend accepts: `let`/`const` numbers, `for` loops with a bound passed as an
 *   argument, `if`, `Math.*`, and array reads `x[i]`. Give every variable of a kernel a
 *   distinct name (gpu.js's CPU mode hoists loop variables into one scope), and start
 *   every loop counter at an integer literal (WGSL types it from there; `++` needs an integer). No helper functions (the
 *   WebAssembly backend rejects array arguments to helpers), no closures, no `**`.
 * - Every tensor argument is a flat float32 array (device storage), every output is 1-D
 *   (`this.thread.x` is the flat output index), and shapes, strides, op codes and
 *   coefficients arrive as numbers or small float32 tables (a view's geometry, a
 *   stencil's terms, FFT twiddles), so one compiled kernel serves all sizes.
 * - Index arithmetic happens in float32 on the GL backends: divide with
 *   `Math.floor((i + 0.5) / n)` (exact for indices below 2^24) rather than `%` or a plain
 *   `Math.floor(i / n)`.
 * - Complex tensors are interleaved `[re, im]` pairs: output element `i` of a complex
 *   result is part `i % 2` of complex element `floor(i / 2)`.
 *
 * @module
 */

/** The `this` of a gpu.js kernel. */
export interface KernelThis {
  readonly thread: { readonly x: number; readonly y: number; readonly z: number };
}

/** A flat float32 tensor argument as a kernel reads it. */
export type Flat = Float32Array;
