/**
 * The GPU backend: every kernel of the backend interface over gpu.js, in float32.
 *
 * Tensors on this backend hold float32 values in device memory: float32 as is, complex64
 * as interleaved pairs, int32 and bool as exact small floats (integers beyond 2^24 lose
 * digits, as in any float32 GPU code). Asking for float64 or complex128 work throws a
 * `DTypeError`: the backend never rounds silently.
 *
 * Views reach kernels through one strided-copy kernel when they are not dense; broadcast
 * operands are read in place when their non-broadcast axes are one run of the output's
 * axes (see `kernels/elementwise.ts`), else materialised first.
 *
 * Kernels without a GPU version (argmax/argmin, multigrid transfers, sparse products and
 * triangular solves, dense LU solves, gather and scatter, the adjoint of an `edge`
 * stencil) run on the CPU backend: inputs are read back, the float32 CPU kernel runs and
 * the result is uploaded. That needs a synchronous read, which WebGPU lacks, so there
 * they throw with the op's name.
 *
 * @module
 */
import { ArgumentError, DTypeError, ShapeError, fmtShape } from '../../errors.js';
import { type DType, type TypedArray, isComplex } from '../../tensor/dtype.js';
import { sizeOf } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import type {
  ArgReduceOp, Backend, BinaryOp, ComplexBinaryOp, ComplexUnaryOp, ConvSpec, ReduceOp, SparsePattern, StencilBoundary,
  StencilSpec, Storage, UnaryOp,
} from '../backend.js';
import { cpu } from '../cpu/index.js';
import { cisInto } from '../cpu/fft/twiddle.js';
import { unregisterBackend } from '../index.js';
import { keptShape } from '../cpu/reduce.js';
import { halfShape } from '../cpu/spectral.js';
import { BINARY, COMPLEX_BINARY, COMPLEX_UNARY, REDUCE, UNARY } from './codes.js';
import { type Arg, type GpuMode, type Handle, type KernelName, Runtime } from './runtime.js';
import { Bookkeeping, GpuStorage } from './storage.js';

/** Largest number of axes (after merging) a strided view may have. */
const MAX_AXES = 6;
/** Elements one thread reduces in a pass. */
const CHUNK = 256;
/** Stencil boundary codes of `kernels/stencil.ts`. */
const BOUNDARY: Readonly<Record<StencilBoundary, number>> = { zero: 0, edge: 1, wrap: 2 };

/** A dense operand: device memory in row-major order, freed after use when `temp`. */
interface Dense {
  readonly h: Handle;
  readonly temp: boolean;
}

/** The GPU backend over one gpu.js runtime. Create it with `createGpuBackend`. */
export class GpuBackend implements Backend {
  readonly name = 'gpu';
  readonly float32Only = true;
  private readonly book: Bookkeeping;

  constructor(private readonly rt: Runtime) {
    this.book = new Bookkeeping((h) => rt.free(h));
  }

  /** The gpu.js backend that runs the kernels: `webgpu`, `webgl2`, `webgl`, `headlessgl`, `webasm` or `cpu`. */
  get mode(): GpuMode {
    return this.rt.mode;
  }

  /** Device allocations made and not yet released (for leak tests). */
  get liveAllocations(): number {
    return this.book.live;
  }

  /**
   * Frees the kernels and the gpu.js instance and leaves `tidy`'s scopes; tensors on this
   * backend become unusable.
   */
  destroy(): void {
    unregisterBackend(this);
    this.rt.destroy();
  }

  // ---- storage -------------------------------------------------------------------------

  fromArray(array: TypedArray): Storage {
    if (array instanceof Float64Array) {
      throw new DTypeError({
        fn: 'gpu backend', arg: 'values', expected: 'float32, complex64, int32 or bool data (the GPU computes in float32)',
        actual: 'float64 or complex128 data (create the tensor with { dtype: "float32" } or cast it first)',
      });
    }
    const f = array instanceof Float32Array ? array : Float32Array.from(array);
    // A scalar (a JS number meeting a tensor, usually) is uploaded only if a kernel needs it as an array.
    if (f.length === 1) return new GpuStorage(this, null, 1, this.book, f[0]!);
    return this.store(f.length === 0 ? null : this.rt.launch('copyFlat', f.length, [f]), f.length);
  }

  openScope(): void {
    this.book.open();
  }

  closeScope(keep: readonly Storage[]): void {
    this.book.close(keep);
  }

  release(storage: Storage): void {
    if (storage instanceof GpuStorage && storage.backend === this) storage.release();
  }

  read(x: Tensor): TypedArray {
    const v = hostScalar(x);
    if (v !== null) return typed(new Float32Array(x.size).fill(v), x.dtype);
    const d = this.dense(x);
    const values = this.rt.read(d.h, floats(x));
    const out = typed(values, x.dtype);
    this.done(d);
    return out;
  }

  /** The tensor's elements, read back asynchronously (the only way on WebGPU). */
  async readAsync(x: Tensor): Promise<TypedArray> {
    const v = hostScalar(x);
    if (v !== null) return typed(new Float32Array(x.size).fill(v), x.dtype);
    const d = this.dense(x);
    try {
      return typed(await this.rt.readAsync(d.h, floats(x)), x.dtype);
    } finally {
      this.done(d);
    }
  }

  // ---- elementwise ---------------------------------------------------------------------

  unary(op: UnaryOp, x: Tensor, outDtype: DType): Tensor {
    this.float32(outDtype, op);
    return this.map('unary', x, x.shape, outDtype, [UNARY[op]]);
  }

  binary(op: BinaryOp, a: Tensor, b: Tensor, outShape: readonly number[], outDtype: DType): Tensor {
    this.float32(outDtype, op);
    const n = sizeOf(outShape);
    if (n === 0) return this.make(null, 0, outShape, outDtype);
    // Host scalars travel as kernel arguments; a device operand stands in for their array.
    const sa = hostScalar(a);
    const sb = hostScalar(b);
    const [da, ba] = sa === null ? this.operand(a, outShape) : [null, [1, 1] as [number, number]];
    const [db, bb] = sb === null ? this.operand(b, outShape) : [null, [1, 1] as [number, number]];
    const ha = da?.h ?? db?.h ?? this.dense(a).h;
    const hb = db?.h ?? ha;
    const h = this.rt.launch('binary', n, [ha, hb, BINARY[op], ...ba, ...bb, sa === null ? 0 : 1, sa ?? 0, sb === null ? 0 : 1, sb ?? 0]);
    if (da) this.done(da);
    if (db) this.done(db);
    return this.make(h, n, outShape, outDtype);
  }

  complexUnary(op: ComplexUnaryOp, x: Tensor, outDtype: DType): Tensor {
    this.float32(outDtype, op);
    if (op === 'abs') return this.map('complexAbs', x, x.shape, outDtype, []);
    return this.map('complexUnary', x, x.shape, outDtype, [COMPLEX_UNARY[op]]);
  }

  complexBinary(op: ComplexBinaryOp, a: Tensor, b: Tensor, outShape: readonly number[], outDtype: DType): Tensor {
    this.float32(outDtype, op);
    if (op === 'equal' || op === 'notEqual') {
      return this.broadcast2('complexCompare', a, b, outShape, outDtype, op === 'equal' ? 0 : 1, 1);
    }
    return this.broadcast2('complexBinary', a, b, outShape, outDtype, COMPLEX_BINARY[op], 2);
  }

  where(c: Tensor, a: Tensor, b: Tensor, outShape: readonly number[], dtype: DType): Tensor {
    this.float32(dtype, 'where');
    const n = sizeOf(outShape);
    if (n === 0) return this.make(null, 0, outShape, dtype);
    const [dc, bc] = this.operand(c, outShape);
    const [da, ba] = this.operand(a, outShape);
    const [db, bb] = this.operand(b, outShape);
    const pairs = isComplex(dtype) ? 2 : 1;
    const h = this.rt.launch('where', n * pairs, [dc.h, da.h, db.h, pairs === 2 ? 1 : 0, ...bc, ...ba, ...bb]);
    this.done(dc, da, db);
    return this.make(h, n * pairs, outShape, dtype);
  }

  cast(x: Tensor, dtype: DType): Tensor {
    this.float32(dtype, 'cast');
    if (isComplex(dtype)) {
      if (isComplex(x.dtype)) return this.copy(x);
      return this.map('realToComplex', x, x.shape, dtype, []);
    }
    const code = dtype === 'bool' ? UNARY.nonzero : dtype === 'int32' && x.dtype === 'float32' ? UNARY.trunc : UNARY.identity;
    return this.map('unary', x, x.shape, dtype, [code]);
  }

  copy(x: Tensor): Tensor {
    const n = floats(x);
    if (n === 0) return this.make(null, 0, x.shape, x.dtype);
    const d = this.dense(x);
    const h = d.temp ? d.h : this.rt.launch('copyFlat', n, [d.h]);
    return this.make(h, n, x.shape, x.dtype);
  }

  // ---- reductions and products ----------------------------------------------------------

  reduce(op: ReduceOp, x: Tensor, axes: readonly number[]): Tensor {
    const shape = keptShape(x.shape, axes);
    const keep = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
    const rows = sizeOf(keep.map((i) => x.shape[i]!)) * (isComplex(x.dtype) ? 2 : 1);
    const k = sizeOf(axes.map((i) => x.shape[i]!));
    if (rows === 0) return this.make(null, 0, shape, x.dtype);
    if (k === 0) {
      const empty = { sum: 0, prod: 1, max: -Infinity, min: Infinity }[op];
      return this.make(this.rt.launch('fill', rows, [empty]), rows, shape, x.dtype);
    }
    const run = axes.every((a, i) => i === 0 || a === axes[i - 1]! + 1);
    if (run) {
      // One run of axes: reduce the middle of [outer, k, inner] in place of layout (a
      // complex pair is part of inner).
      const inner = sizeOf(x.shape.slice(axes.at(-1)! + 1)) * (isComplex(x.dtype) ? 2 : 1);
      const d = this.dense(x);
      const h = this.reduceRows(d.h, rows / inner, k, REDUCE[op], inner);
      this.done(d);
      return this.make(h, rows, shape, x.dtype);
    }
    // Kept axes first (then the complex pair, as a real axis), reduced axes last.
    const extents = (ax: readonly number[]): number[] => ax.map((i) => x.shape[i]!);
    const floatStrides = (ax: readonly number[]): number[] => ax.map((i) => 2 * x.strides[i]!);
    const view = isComplex(x.dtype)
      ? new Tensor(x.storage, [...extents(keep), 2, ...extents(axes)], 'float32', [...floatStrides(keep), 1, ...floatStrides(axes)], 2 * x.offset)
      : this.permuted(x, [...keep, ...axes]);
    const d = this.dense(view);
    const h = this.reduceRows(d.h, rows, k, REDUCE[op], 1);
    this.done(d);
    return this.make(h, rows, shape, x.dtype);
  }

  argReduce(op: ArgReduceOp, x: Tensor, axis: number): Tensor {
    return this.viaCpu('argReduce', [x], ([c]) => cpu.argReduce(op, c!, axis));
  }

  matmul(a: Tensor, b: Tensor, outShape: readonly number[], dtype: DType): Tensor {
    this.float32(dtype, 'matmul');
    const n = sizeOf(outShape);
    if (n === 0) return this.make(null, 0, outShape, dtype);
    const [m, k] = a.shape.slice(-2) as [number, number];
    if (k === 0) return this.filled(outShape, dtype, 0);
    const cols = outShape.at(-1)!;
    const batch = outShape.slice(0, -2);
    const [da, sa] = this.batched(a, batch);
    const [db, sb] = this.batched(b, batch);
    const h = this.rt.launch('matmul', n, [da.h, db.h, m, k, cols, sa, sb]);
    this.done(da, db);
    return this.make(h, n, outShape, dtype);
  }

  // ---- data movement ----------------------------------------------------------------------

  concat(xs: readonly Tensor[], axis: number, outShape: readonly number[]): Tensor {
    const dtype = xs[0]!.dtype;
    let out = this.filled(outShape, dtype, 0);
    let at = 0;
    for (const x of xs) {
      const start = outShape.map((_, i) => (i === axis ? at : 0));
      const next = this.paste(out, x, start, outShape.map(() => 1));
      this.release(out.storage);
      out = next;
      at += x.shape[axis]!;
    }
    return out;
  }

  padConstant(x: Tensor, widths: readonly (readonly [number, number])[], value: number): Tensor {
    const shape = x.shape.map((d, i) => d + widths[i]![0] + widths[i]![1]);
    const base = this.filled(shape, x.dtype, value);
    const out = this.paste(base, x, widths.map((w) => w[0]), shape.map(() => 1));
    this.release(base.storage);
    return out;
  }

  unslice(x: Tensor, shape: readonly number[], start: readonly number[], step: readonly number[]): Tensor {
    const base = this.filled(shape, x.dtype, 0);
    const out = this.paste(base, x, start, step);
    this.release(base.storage);
    return out;
  }

  gather(x: Tensor, indices: Tensor, axis: number): Tensor {
    return this.viaCpu('gather', [x, indices], ([c, i]) => cpu.gather(c!, i!, axis));
  }

  scatterAdd(base: Tensor, indices: Tensor, updates: Tensor, axis: number): Tensor {
    return this.viaCpu('scatterAdd', [base, indices, updates], ([b, i, u]) => cpu.scatterAdd(b!, i!, u!, axis));
  }

  // ---- convolutions -----------------------------------------------------------------------

  conv(x: Tensor, w: Tensor, spec: ConvSpec): Tensor {
    this.float32(x.dtype, 'conv');
    this.float32(w.dtype, 'conv');
    const [cout, cin, ...k] = w.shape as [number, number, ...number[]];
    const shape = [x.shape[0]!, cout, ...x.shape.slice(2)];
    return this.convLaunch(k.length === 1 ? 'conv1d' : 'conv2d', x, w, shape, cin, cout, x.shape.slice(2), k, spec);
  }

  convWeightGrad(x: Tensor, g: Tensor, spec: ConvSpec, kernelShape: readonly number[]): Tensor {
    this.float32(x.dtype, 'convWeightGrad');
    this.float32(g.dtype, 'convWeightGrad');
    const [cout, cin, ...k] = kernelShape as [number, number, ...number[]];
    const name = k.length === 1 ? 'convWeightGrad1d' : 'convWeightGrad2d';
    return this.convLaunch(name, x, g, kernelShape, cin, cout, x.shape.slice(2), k, spec);
  }

  /** A convolution kernel over dense `a` and `b` (`x` and `w`, or `x` and `g`). */
  private convLaunch(
    name: KernelName, a: Tensor, b: Tensor, shape: readonly number[], cin: number, cout: number,
    grid: readonly number[], k: readonly number[], spec: ConvSpec,
  ): Tensor {
    const n = sizeOf(shape);
    if (n === 0) return this.make(null, 0, shape, 'float32');
    // A batch or channel of extent zero leaves sums of nothing.
    if (a.size === 0 || b.size === 0) return this.filled(shape, 'float32', 0);
    const da = this.dense(a);
    const db = this.dense(b);
    const geom = k.length === 1 ? [grid[0]!, k[0]!, spec.dilation[0]!] : [...grid, ...k, ...spec.dilation];
    const h = this.rt.launch(name, n, [da.h, db.h, a.shape[0]!, cin, cout, ...geom, spec.padding === 'periodic' ? 1 : 0]);
    this.done(da, db);
    return this.make(h, n, shape, 'float32');
  }

  // ---- FFT ------------------------------------------------------------------------------

  fft(x: Tensor, axes: readonly number[], inverse: boolean, scale: number): Tensor {
    this.float32(x.dtype, 'fft');
    let cur = x;
    let s = scale;
    for (const axis of axes) {
      const next = this.fftAxis(cur, axis, inverse ? 1 : -1, s);
      if (cur !== x) this.release(cur.storage);
      cur = next;
      s = 1;
    }
    return cur === x ? this.copy(x) : cur;
  }

  rfft(x: Tensor, axes: readonly number[], scale: number): Tensor {
    this.float32(x.dtype, 'rfft');
    const n = x.shape.at(-1)!;
    const half = halfShape(x.shape);
    if (x.size === 0) return this.make(null, 0, half, 'complex64');
    const d = this.dense(x);
    // The last axis: real in, the n // 2 + 1 non-negative frequencies out.
    const h = this.passes(d.h, x.size / n, n, 1, -1, scale, 1, 1, half.at(-1)!);
    this.done(d);
    let cur = this.make(h, 2 * sizeOf(half), half, 'complex64');
    for (const axis of axes.slice(0, -1)) {
      const next = this.fftAxis(cur, axis, -1, 1);
      this.release(cur.storage);
      cur = next;
    }
    return cur;
  }

  irfft(x: Tensor, axes: readonly number[], n: number, scale: number): Tensor {
    this.float32(x.dtype, 'irfft');
    if (x.size === 0) return this.make(null, 0, [...x.shape.slice(0, -1), n], 'float32');
    let cur = x;
    for (const axis of axes.slice(0, -1)) {
      const next = this.fftAxis(cur, axis, 1, 1);
      if (cur !== x) this.release(cur.storage);
      cur = next;
    }
    const h = x.shape.at(-1)!;
    const shape = [...x.shape.slice(0, -1), n];
    const d = this.dense(cur);
    // The last axis: half spectrum in (extended by symmetry), real parts out.
    const out = this.passes(d.h, cur.size / h, n, 1, 1, scale, 2, 2, h);
    this.done(d);
    if (cur !== x) this.release(cur.storage);
    return this.make(out, sizeOf(shape), shape, 'float32');
  }

  // ---- linear algebra ---------------------------------------------------------------------

  stencil(x: Tensor, spec: StencilSpec, transpose: boolean): Tensor {
    this.float32(x.dtype, 'stencil');
    if (spec.boundary.length > 3 || (transpose && spec.boundary.includes('edge'))) {
      return this.viaCpu('stencil', [x], ([c]) => cpu.stencil(c!, spec, transpose));
    }
    const [offs, coefs, grid, bnd] = stencilArgs(x.shape, spec, transpose);
    const n = x.size;
    if (n === 0) return this.make(null, 0, x.shape, x.dtype);
    const d = this.dense(x);
    const h = this.rt.launch('stencil', n, [d.h, d.h, d.h, offs, coefs, spec.terms.length, ...grid, ...bnd, 0]);
    this.done(d);
    return this.make(h, n, x.shape, x.dtype);
  }

  stencilRelax(x: Tensor, b: Tensor, w: Tensor, spec: StencilSpec): Tensor {
    this.float32(x.dtype, 'stencilRelax');
    if (spec.boundary.length > 3) return this.viaCpu('stencilRelax', [x, b, w], ([cx, cb, cw]) => cpu.stencilRelax(cx!, cb!, cw!, spec));
    const [offs, coefs, grid, bnd] = stencilArgs(x.shape, spec, false);
    const dx = this.dense(x);
    const db = this.dense(b);
    const dw = this.dense(w);
    const n = x.size;
    const h = n === 0 ? null : this.rt.launch('stencil', n, [dx.h, db.h, dw.h, offs, coefs, spec.terms.length, ...grid, ...bnd, 1]);
    this.done(dx, db, dw);
    return this.make(h, n, x.shape, x.dtype);
  }

  gridTransfer(x: Tensor, axis: number, boundary: StencilBoundary, restrict: boolean, scale: number): Tensor {
    return this.viaCpu('gridTransfer', [x], ([c]) => cpu.gridTransfer(c!, axis, boundary, restrict, scale));
  }

  spmv(values: Tensor, x: Tensor, pattern: SparsePattern, transpose: boolean): Tensor {
    return this.viaCpu('spmv', [values, x], ([v, c]) => cpu.spmv(v!, c!, pattern, transpose));
  }

  triSolve(values: Tensor, r: Tensor, pattern: SparsePattern, lower: boolean, transpose: boolean): Tensor {
    return this.viaCpu('triSolve', [values, r], ([v, c]) => cpu.triSolve(v!, c!, pattern, lower, transpose));
  }

  axpy(alpha: Tensor, x: Tensor, y: Tensor): Tensor {
    this.float32(y.dtype, 'axpy');
    const n = y.size;
    if (n === 0) return this.make(null, 0, y.shape, y.dtype);
    const da = this.dense(alpha);
    const dx = this.dense(x);
    const dy = this.dense(y);
    const h = this.rt.launch('axpy', n, [da.h, dx.h, dy.h, n / alpha.size]);
    this.done(da, dx, dy);
    return this.make(h, n, y.shape, y.dtype);
  }

  cgUpdate(alpha: Tensor, x: Tensor, r: Tensor, p: Tensor, q: Tensor): [Tensor, Tensor, Tensor] {
    const xo = this.axpy(alpha, p, x);
    const minus = this.unary('neg', alpha, alpha.dtype);
    const ro = this.axpy(minus, q, r);
    this.release(minus.storage);
    return [xo, ro, this.vdotRows(ro, ro, alpha.shape)];
  }

  vdot(a: Tensor, b: Tensor, ndim: number): Tensor {
    this.float32(a.dtype, 'vdot');
    return this.vdotRows(a, b, a.shape.map((d, i) => (i >= a.ndim - ndim ? 1 : d)));
  }

  denseSolve(a: Tensor, b: Tensor): Tensor | null {
    let singular = false;
    const out = this.viaCpu('denseSolve', [a, b], ([ca, cb]) => {
      const s = cpu.denseSolve(ca!, cb!);
      singular = s === null;
      return s ?? cb!;
    });
    if (!singular) return out;
    this.release(out.storage);
    return null;
  }

  // ---- helpers --------------------------------------------------------------------------

  /** A dense tensor on this backend over `h`. */
  private make(h: Handle | null, n: number, shape: readonly number[], dtype: DType): Tensor {
    return new Tensor(this.store(h, n), shape, dtype);
  }

  private store(h: Handle | null, n: number): GpuStorage {
    return new GpuStorage(this, h, n, this.book);
  }

  /** Device memory of `x` in dense row-major order (a fresh copy for views). */
  private dense(x: Tensor): Dense {
    const s = x.storage;
    if (!(s instanceof GpuStorage) || s.backend !== this) {
      throw new ArgumentError({ fn: 'gpu backend', arg: 'tensor', expected: 'a tensor on this GPU backend', actual: `one on '${s.backend.name}'` });
    }
    if (s.released) {
      throw new ArgumentError({
        fn: 'gpu backend', arg: `tensor #${x.id}`, expected: 'live device storage',
        actual: 'storage released by dispose() or by the tidy() scope that made it (return it from the scope to keep it)',
      });
    }
    const n = floats(x);
    if (n === 0) return { h: new Float32Array(0), temp: false };
    if (s.handle === null && s.scalar !== null) s.handle = this.rt.launch('copyFlat', 1, [Float32Array.of(s.scalar)]);
    if (x.isContiguous && x.offset === 0 && s.length === n) return { h: s.handle!, temp: false };
    const pair = isComplex(x.dtype);
    const shape = pair ? [...x.shape, 2] : [...x.shape];
    const strides = pair ? [...x.strides.map((t) => 2 * t), 1] : [...x.strides];
    const [sh, st] = merge(shape, strides);
    if (sh.length > MAX_AXES) {
      throw new ShapeError({ fn: 'gpu backend', arg: 'tensor', expected: `a view of at most ${MAX_AXES} mergeable axes`, actual: fmtShape(x.shape) });
    }
    while (sh.length < MAX_AXES) {
      sh.unshift(1);
      st.unshift(0);
    }
    const off = (pair ? 2 : 1) * x.offset;
    return { h: this.rt.launch('copyStrided', n, [s.handle!, Float32Array.from([...sh, ...st]), off]), temp: true };
  }

  /** Frees temporary copies. */
  private done(...ds: Dense[]): void {
    for (const d of ds) if (d.temp) this.rt.free(d.h);
  }

  /** One kernel over the dense elements of `x`, with one output per float32 of the result. */
  private map(name: KernelName, x: Tensor, shape: readonly number[], dtype: DType, extra: readonly Arg[]): Tensor {
    const n = sizeOf(shape) * (isComplex(dtype) ? 2 : 1);
    if (n === 0) return this.make(null, 0, shape, dtype);
    const d = this.dense(x);
    const h = this.rt.launch(name, n, [d.h, ...extra]);
    this.done(d);
    return this.make(h, n, shape, dtype);
  }

  /** A binary kernel with broadcast operands; `width` is 2 when each output element is a complex pair. */
  private broadcast2(
    name: KernelName, a: Tensor, b: Tensor, outShape: readonly number[], dtype: DType, code: number, width: 1 | 2,
  ): Tensor {
    const n = sizeOf(outShape);
    if (n === 0) return this.make(null, 0, outShape, dtype);
    const [da, ba] = this.operand(a, outShape);
    const [db, bb] = this.operand(b, outShape);
    const h = this.rt.launch(name, n * width, [da.h, db.h, code, ...ba, ...bb]);
    this.done(da, db);
    return this.make(h, n * width, outShape, dtype);
  }

  /** A dense operand and its `[div, mod]` broadcast read against `outShape`. */
  private operand(x: Tensor, outShape: readonly number[]): [Dense, [number, number]] {
    const run = broadcastRun(x.shape, outShape);
    if (run !== null) return [this.dense(x), run];
    // Non-broadcast axes are not one run: materialise the broadcast.
    const pad = outShape.length - x.ndim;
    const strides = outShape.map((d, i) => (i < pad || x.shape[i - pad] !== d ? 0 : x.strides[i - pad]!));
    return [this.dense(new Tensor(x.storage, outShape, x.dtype, strides, x.offset)), [1, sizeOf(outShape)]];
  }

  /** The operand of a batched matmul as dense matrices and the stride between them. */
  private batched(x: Tensor, batch: readonly number[]): [Dense, number] {
    const mat = x.shape.slice(-2);
    const own = x.shape.slice(0, -2);
    const per = sizeOf(mat);
    if (sizeOf(own) === 1) return [this.dense(x), 0];
    if (own.length === batch.length && own.every((d, i) => d === batch[i])) return [this.dense(x), per];
    const pad = batch.length - own.length;
    const strides = [...batch.map((d, i) => (i < pad || own[i - pad] !== d ? 0 : x.strides[i - pad]!)), ...x.strides.slice(-2)];
    return [this.dense(new Tensor(x.storage, [...batch, ...mat], x.dtype, strides, x.offset)), per];
  }

  /** `x` with its axes in `order` (a view; a complex pair stays last). */
  private permuted(x: Tensor, order: readonly number[]): Tensor {
    if (order.every((a, i) => a === i)) return x;
    return new Tensor(x.storage, order.map((a) => x.shape[a]!), x.dtype, order.map((a) => x.strides[a]!), x.offset);
  }

  /**
   * Reductions along the middle axis of a dense `[outer, k, inner]` array, in passes of at
   * most `CHUNK` elements per thread.
   */
  private reduceRows(h: Handle, outer: number, k: number, op: number, inner: number): Handle {
    let cur = h;
    let len = k;
    for (;;) {
      const nc = Math.ceil(len / CHUNK);
      const next = this.rt.launch('reduceChunks', outer * nc * inner, [cur, len, CHUNK, nc, op, inner]);
      if (cur !== h) this.rt.free(cur);
      cur = next;
      if (nc === 1) return cur;
      len = nc;
    }
  }

  /** Per-sample inner products of `a` and `b` over all but the leading axes of `shape`. */
  private vdotRows(a: Tensor, b: Tensor, shape: readonly number[]): Tensor {
    const rows = sizeOf(shape);
    const k = rows === 0 ? 0 : a.size / rows;
    if (rows === 0) return this.make(null, 0, shape, a.dtype);
    if (k === 0) return this.filled(shape, a.dtype, 0);
    const da = this.dense(a);
    const db = this.dense(b);
    const nc = Math.ceil(k / CHUNK);
    const part = this.rt.launch('dotChunks', rows * nc, [da.h, db.h, k, CHUNK, nc]);
    this.done(da, db);
    const h = nc === 1 ? part : this.reduceRows(part, rows, nc, REDUCE.sum, 1);
    if (h !== part) this.rt.free(part);
    return this.make(h, rows, shape, a.dtype);
  }

  /** `value` everywhere (both parts of complex elements). */
  private filled(shape: readonly number[], dtype: DType, value: number): Tensor {
    const n = sizeOf(shape) * (isComplex(dtype) ? 2 : 1);
    return this.make(n === 0 ? null : this.rt.launch('fill', n, [value]), n, shape, dtype);
  }

  /** `x` written into a copy of `base` at `start + k * step` along each axis. */
  private paste(base: Tensor, x: Tensor, start: readonly number[], step: readonly number[]): Tensor {
    const n = floats(base);
    if (n === 0 || x.size === 0) return this.copy(base);
    const pair = isComplex(base.dtype);
    const out = pair ? [...base.shape, 2] : [...base.shape];
    const inn = pair ? [...x.shape, 2] : [...x.shape];
    const st = pair ? [...start, 0] : [...start];
    const sp = pair ? [...step, 1] : [...step];
    if (out.length > MAX_AXES) {
      throw new ShapeError({ fn: 'gpu backend', arg: 'tensor', expected: `at most ${MAX_AXES} axes`, actual: fmtShape(base.shape) });
    }
    while (out.length < MAX_AXES) {
      out.unshift(1);
      inn.unshift(1);
      st.unshift(0);
      sp.unshift(1);
    }
    const db = this.dense(base);
    const dx = this.dense(x);
    const h = this.rt.launch('paste', n, [db.h, dx.h, Float32Array.from([...out, ...st, ...sp, ...inn])]);
    this.done(db, dx);
    return this.make(h, n, base.shape, base.dtype);
  }

  /** The DFT of complex `x` along `axis`, times `scale`, in place of layout (no transposes). */
  private fftAxis(x: Tensor, axis: number, sign: number, scale: number): Tensor {
    const n = x.shape[axis]!;
    const inner = sizeOf(x.shape.slice(axis + 1));
    if (x.size === 0) return this.make(null, 0, x.shape, x.dtype);
    const d = this.dense(x);
    const h = this.passes(d.h, x.size / (n * inner), n, inner, sign, scale, 0, 0, n);
    this.done(d);
    return this.make(h, 2 * x.size, x.shape, x.dtype);
  }

  /**
   * Stockham passes over the factors of `n` along the middle axis of `[outer, n, inner]`:
   * the first reads `input` in `inMode`, the last writes `outMode` (see
   * `kernels/fft.ts`; `h` is the half-spectrum length of the real modes), and `scale`
   * multiplies once. Returns the result's device memory; `input` is left alone.
   */
  private passes(
    input: Handle, outer: number, n: number, inner: number, sign: number, scale: number,
    inMode: 0 | 1 | 2, outMode: 0 | 1 | 2, h: number,
  ): Handle {
    const fs = n === 1 ? [1] : factors(n);
    const tw = twiddles(n);
    const full = 2 * outer * n * inner;
    let cur = input;
    let ns = 1;
    fs.forEach((p, i) => {
      const last = i === fs.length - 1;
      const mode = last ? outMode : 0;
      const size = mode === 0 ? full : mode === 1 ? 2 * outer * h * inner : outer * n * inner;
      const next = this.rt.launch('stockham', size, [cur, tw, n, inner, p, ns, sign, i === 0 ? scale : 1, i === 0 ? inMode : 0, mode, h]);
      if (cur !== input) this.rt.free(cur);
      cur = next;
      ns *= p;
    });
    return cur;
  }

  /** Runs a CPU kernel on read-back copies of `xs` and uploads its result. */
  private viaCpu(op: string, xs: readonly Tensor[], f: (cs: Tensor[]) => Tensor): Tensor {
    if (this.mode === 'webgpu') {
      throw new DTypeError({
        fn: op, arg: 'backend', expected: 'a GPU kernel or a synchronous read for the CPU fallback',
        actual: `no ${op} kernel on the GPU, and webgpu reads are asynchronous (move the tensors to the CPU with await toAsync(x, cpu))`,
      });
    }
    const cs = xs.map((x) => (x.storage.backend === cpu ? x : new Tensor(cpu.fromArray(this.read(x)), x.shape, x.dtype)));
    const r = f(cs);
    return new Tensor(this.fromArray(cpu.read(r)), r.shape, r.dtype);
  }

  /** Throws unless `dtype` is one the backend computes in. */
  private float32(dtype: DType, op: string): void {
    if (dtype === 'float64' || dtype === 'complex128') {
      throw new DTypeError({
        fn: op, arg: 'dtype', expected: 'float32, complex64, int32 or bool (the GPU backend computes in float32)',
        actual: `${dtype} (cast to ${dtype === 'float64' ? 'float32' : 'complex64'} first, or keep float64 work on the CPU)`,
      });
    }
  }
}

/**
 * The host value behind a tensor over a one-element storage made from host data (every
 * element of any view of it has that value), else null.
 */
function hostScalar(x: Tensor): number | null {
  const s = x.storage;
  return s instanceof GpuStorage && s.scalar !== null && !s.released ? s.scalar : null;
}

/** Float32 values behind `x`'s elements. */
function floats(x: Tensor): number {
  return x.size * (isComplex(x.dtype) ? 2 : 1);
}

/** Float32 values as the typed array of `dtype`. */
function typed(values: Float32Array, dtype: DType): TypedArray {
  if (dtype === 'int32') return Int32Array.from(values);
  if (dtype === 'bool') return Uint8Array.from(values, (v) => (v !== 0 ? 1 : 0));
  return Float32Array.from(values);
}

/** Merges adjacent axes that step through memory as one (and drops extent-1 axes). */
function merge(shape: readonly number[], strides: readonly number[]): [number[], number[]] {
  const sh: number[] = [];
  const st: number[] = [];
  shape.forEach((d, i) => {
    if (d === 1) return;
    const k = sh.length - 1;
    if (k >= 0 && st[k] === strides[i]! * d) {
      sh[k] = sh[k]! * d;
      st[k] = strides[i]!;
    } else {
      sh.push(d);
      st.push(strides[i]!);
    }
  });
  if (sh.length === 0) return [[1], [0]];
  return [sh, st];
}

/**
 * `[div, mod]` such that element `i` of the output reads element `floor(i / div) mod mod`
 * of a dense `shape` broadcast to `outShape`, or null when its non-broadcast axes are not
 * one run.
 */
export function broadcastRun(shape: readonly number[], outShape: readonly number[]): [number, number] | null {
  const pad = outShape.length - shape.length;
  const own = outShape.map((_, i) => (i < pad ? 1 : shape[i - pad]!));
  const real = own.flatMap((d, i) => (d !== 1 ? [i] : []));
  if (real.length === 0) return [1, 1];
  const lo = real[0]!;
  const hi = real.at(-1)! + 1;
  for (let i = lo; i < hi; i++) if (own[i] !== outShape[i]) return null;
  return [sizeOf(outShape.slice(hi)), sizeOf(outShape.slice(lo, hi))];
}

/**
 * The radices of a Stockham FFT of length `n`: eights, then a four or a two, then odd
 * factors (fewer passes means fewer launches and fewer trips through device memory).
 */
export function factors(n: number): number[] {
  const out: number[] = [];
  let m = n;
  while (m % 8 === 0) {
    out.push(8);
    m /= 8;
  }
  if (m % 4 === 0) {
    out.push(4);
    m /= 4;
  }
  if (m % 2 === 0) {
    out.push(2);
    m /= 2;
  }
  for (let p = 3; p * p <= m; p += 2) {
    while (m % p === 0) {
      out.push(p);
      m /= p;
    }
  }
  if (m > 1) out.push(m);
  return out;
}

const TWIDDLES = new Map<number, Float32Array>();

/** `cos, sin (2 pi j / n)` for `j < n`, interleaved: the CPU FFT's float64 roots, rounded (cached per size). */
function twiddles(n: number): Float32Array {
  let t = TWIDDLES.get(n);
  if (t === undefined) {
    const roots = new Float64Array(2 * n);
    for (let j = 0; j < n; j++) cisInto(j, n, 1, roots, 2 * j);
    t = Float32Array.from(roots);
    if (TWIDDLES.size > 64) TWIDDLES.clear();
    TWIDDLES.set(n, t);
  }
  return t;
}

/** Kernel arguments of a stencil over the trailing axes of `shape`. */
function stencilArgs(
  shape: readonly number[], spec: StencilSpec, transpose: boolean,
): [Float32Array, Float32Array, [number, number, number], [number, number, number]] {
  const d = spec.boundary.length;
  const offs = new Float32Array(3 * spec.terms.length);
  spec.terms.forEach((t, i) => {
    t.offset.forEach((o, j) => (offs[3 * i + 3 - d + j] = transpose ? -o : o));
  });
  const coefs = Float32Array.from(spec.terms, (t) => t.coef);
  const grid = [1, 1, 1] as [number, number, number];
  const bnd = [0, 0, 0] as [number, number, number];
  for (let j = 0; j < d; j++) {
    grid[3 - d + j] = shape[shape.length - d + j]!;
    bnd[3 - d + j] = BOUNDARY[spec.boundary[j]!];
  }
  return [offs, coefs, grid, bnd];
}
