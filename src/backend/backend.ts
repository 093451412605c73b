/**
 * The backend interface: the kernels every backend implements. Ops in `src/ops/` decide
 * shapes, dtypes and gradients; a backend only computes. The interface is the kernel
 * table: a backend that lacks a kernel fails to type-check.
 *
 * Views (reshape of a dense tensor, transpose, broadcast, slice) never reach a backend:
 * they are new strides over the same storage, made in `src/ops/`.
 *
 * @module
 */
import type { DType, TypedArray } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';

/** Elementwise functions of one argument. */
export type UnaryOp =
  | 'neg' | 'abs' | 'sign' | 'square' | 'reciprocal' | 'relu'
  | 'exp' | 'expm1' | 'log' | 'log1p' | 'log2' | 'log10' | 'sqrt'
  | 'sin' | 'cos' | 'tan' | 'asin' | 'acos' | 'atan'
  | 'sinh' | 'cosh' | 'tanh' | 'sigmoid' | 'erf'
  | 'floor' | 'ceil' | 'round' | 'logicalNot';

/** Elementwise functions of two broadcast arguments. */
export type BinaryOp =
  | 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum' | 'atan2' | 'mod'
  | 'equal' | 'notEqual' | 'less' | 'lessEqual' | 'greater' | 'greaterEqual'
  | 'logicalAnd' | 'logicalOr' | 'logicalXor';

/** Elementwise functions of one complex argument (`abs` gives a real result). */
export type ComplexUnaryOp = 'neg' | 'conj' | 'exp' | 'abs' | 'square' | 'reciprocal';

/** Elementwise functions of two complex arguments (comparisons give bool). */
export type ComplexBinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'equal' | 'notEqual';

/** Reductions along axes. */
export type ReduceOp = 'sum' | 'prod' | 'max' | 'min';

/** Index-of-extremum reductions along one axis. */
export type ArgReduceOp = 'argmax' | 'argmin';

/** How a stencil reads outside the grid along one axis. */
export type StencilBoundary = 'zero' | 'edge' | 'wrap';

/** One term `coef * x[i + offset]` of a constant-coefficient stencil. */
export interface StencilTerm {
  readonly offset: readonly number[];
  readonly coef: number;
}

/**
 * A constant-coefficient stencil over the trailing `boundary.length` axes: outside the
 * grid, `zero` reads 0 (homogeneous Dirichlet), `edge` repeats the boundary value
 * (homogeneous Neumann, cell-centred) and `wrap` is periodic.
 */
export interface StencilSpec {
  readonly terms: readonly StencilTerm[];
  readonly boundary: readonly StencilBoundary[];
}

/**
 * The pattern of a sparse matrix in compressed sparse row form. `rows[k]` repeats the row
 * of entry k (the expanded `indptr`), which gradient rules gather with.
 */
export interface SparsePattern {
  readonly nRows: number;
  readonly nCols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly rows: Int32Array;
}

/**
 * A "same"-size, stride-1 convolution over the trailing 1 or 2 spatial axes (see
 * `Backend.conv`): how it reads outside the grid and how far apart its taps are.
 */
export interface ConvSpec {
  /** `zero`: reads outside the grid are 0; `periodic`: they wrap around. */
  readonly padding: 'zero' | 'periodic';
  /** The distance between neighbouring kernel taps, one positive integer per spatial axis. */
  readonly dilation: readonly number[];
}

/** Where a tensor's elements live. Each backend has its own storage class. */
export interface Storage {
  /** The backend that owns this storage and runs kernels on it. */
  readonly backend: Backend;
}

/**
 * A compute backend. Every kernel returns a new tensor in dense row-major layout on this
 * backend; inputs may be any strided view. Shapes and dtypes are already validated.
 * Complex tensors reach `complexUnary`, `complexBinary`, `where`, `cast`, `copy`,
 * `reduce` (sum only) and the data-movement kernels; the real arithmetic kernels and
 * `matmul` see real tensors only.
 */
export interface Backend {
  /** Short name, e.g. `"cpu"`. */
  readonly name: string;
  /**
   * True for backends that compute in float32 only (the GPU): JS numbers meeting their
   * integer tensors become float32 rather than float64.
   */
  readonly float32Only?: boolean;
  /** Wraps a typed array (the backend may adopt it without copying). */
  fromArray(array: TypedArray): Storage;
  /** Opens a memory scope (see `tidy`): storage created until it closes may be released. */
  openScope(): void;
  /** Closes the innermost scope, releasing its storage except `keep`. */
  closeScope(keep: readonly Storage[]): void;
  /**
   * Frees `storage` now (its memory may be reused); tensors over it fail loudly when used.
   * Releasing twice is harmless.
   */
  release(storage: Storage): void;
  /** The tensor's elements in row-major order, as a new typed array of its dtype. */
  read(x: Tensor): TypedArray;
  /**
   * `read`, asynchronously: backends whose device memory cannot be read synchronously
   * (WebGPU) implement it; `Tensor.data()` falls back to `read` without it.
   */
  readAsync?(x: Tensor): Promise<TypedArray>;

  unary(op: UnaryOp, x: Tensor, outDtype: DType): Tensor;
  binary(op: BinaryOp, a: Tensor, b: Tensor, outShape: readonly number[], outDtype: DType): Tensor;
  complexUnary(op: ComplexUnaryOp, x: Tensor, outDtype: DType): Tensor;
  complexBinary(op: ComplexBinaryOp, a: Tensor, b: Tensor, outShape: readonly number[], outDtype: DType): Tensor;
  /** `cond ? a : b` with broadcasting; `cond` is bool. */
  where(cond: Tensor, a: Tensor, b: Tensor, outShape: readonly number[], dtype: DType): Tensor;
  /**
   * Converts elements (float to int truncates toward zero; to bool tests non-zero; real to
   * complex sets the imaginary parts to zero; complex to real is not asked for).
   */
  cast(x: Tensor, dtype: DType): Tensor;
  /** A dense copy. */
  copy(x: Tensor): Tensor;

  /** Reduces over `axes` (sorted, distinct), keeping them as size-1 axes. */
  reduce(op: ReduceOp, x: Tensor, axes: readonly number[]): Tensor;
  /** int32 index of the first extremum along `axis`, keeping it as a size-1 axis. */
  argReduce(op: ArgReduceOp, x: Tensor, axis: number): Tensor;

  /** Batched matrix product of `[..., m, k]` and `[..., k, n]` with broadcast batch axes. */
  matmul(a: Tensor, b: Tensor, outShape: readonly number[], dtype: DType): Tensor;

  /** Joins tensors of equal dtype along `axis`. */
  concat(xs: readonly Tensor[], axis: number, outShape: readonly number[]): Tensor;
  /** Pads with a constant; `widths[i] = [before, after]`, both non-negative. */
  padConstant(x: Tensor, widths: readonly (readonly [number, number])[], value: number): Tensor;
  /**
   * The adjoint of a strided slice: a zero tensor of `shape` with `x` written at
   * `start[i] + k * step[i]` along each axis.
   */
  unslice(x: Tensor, shape: readonly number[], start: readonly number[], step: readonly number[]): Tensor;
  /**
   * The DFT of complex `x` over `axes`, times `scale`: out_k = scale * sum_j x_j
   * exp(-+2 pi i j k / n) per axis (minus forward, plus `inverse`).
   */
  fft(x: Tensor, axes: readonly number[], inverse: boolean, scale: number): Tensor;
  /**
   * The real-to-complex DFT of real `x` over `axes`, times `scale`; the last of `axes` is
   * the tensor's last axis and keeps its n//2+1 non-negative frequencies.
   */
  rfft(x: Tensor, axes: readonly number[], scale: number): Tensor;
  /**
   * The complex-to-real inverse DFT over `axes`, times `scale`, to length `n` along the
   * tensor's last axis (the last of `axes`), where `x` holds n//2+1 frequencies. The
   * imaginary parts of the zero and (for even n) Nyquist frequencies are ignored, as in
   * pocketfft.
   */
  irfft(x: Tensor, axes: readonly number[], n: number, scale: number): Tensor;
  /**
   * The stencil applied to the trailing axes of `x` (leading axes are a batch); with
   * `transpose`, the adjoint stencil (scatter form), which is not a stencil of the same
   * kind at `edge` boundaries.
   */
  stencil(x: Tensor, spec: StencilSpec, transpose: boolean): Tensor;
  /**
   * One relaxation sweep with a stencil `S`: `x + w * (b - S x)`, where `w` (the grid
   * shape, shared by the batch) holds the per-point weights (a Jacobi or one-colour
   * Gauss-Seidel step).
   */
  stencilRelax(x: Tensor, b: Tensor, w: Tensor, spec: StencilSpec): Tensor;
  /**
   * A multigrid transfer along one axis, times `scale`. Restriction maps `n` fine points
   * to `m` coarse ones by full weighting `(1/4, 1/2, 1/4)` around the coarse point
   * (`zero`: vertex-centred, n = 2m + 1, coarse j at fine 2j + 1; `wrap`: n = 2m, coarse
   * j at fine 2j) or by pairwise averages of cells (`edge`, n = 2m). Prolongation is
   * twice the adjoint of restriction: linear interpolation (piecewise constant for cells).
   */
  gridTransfer(x: Tensor, axis: number, boundary: StencilBoundary, restrict: boolean, scale: number): Tensor;
  /**
   * `S x` (or `S^T x`) for the sparse matrix with `pattern` and 1-D `values`, over the
   * last axis of `x` (leading axes are a batch).
   */
  spmv(values: Tensor, x: Tensor, pattern: SparsePattern, transpose: boolean): Tensor;
  /**
   * Solves `T y = r` (or `T^T y = r`) by substitution, where `T` is the triangular sparse
   * matrix (`lower` or upper, diagonal stored) with `pattern` and `values`, over the last
   * axis of `r`.
   */
  triSolve(values: Tensor, r: Tensor, pattern: SparsePattern, lower: boolean, transpose: boolean): Tensor;
  /** `y + alpha * x` where `alpha` holds one number per sample (leading axes of `x`). */
  axpy(alpha: Tensor, x: Tensor, y: Tensor): Tensor;
  /**
   * The conjugate-gradient update in one pass: `x + alpha p`, `r - alpha q` and the
   * per-sample `r.r` of the new residual, with exactly the arithmetic of `axpy` (with
   * `-alpha`) and `vdot`, so the fused and the op-by-op paths agree to the bit.
   */
  cgUpdate(alpha: Tensor, x: Tensor, r: Tensor, p: Tensor, q: Tensor): [Tensor, Tensor, Tensor];
  /**
   * Per-sample inner products of `a` and `b` (equal shapes) over their trailing `ndim`
   * axes, summed in row-major order; the reduced axes are kept with extent 1.
   */
  vdot(a: Tensor, b: Tensor, ndim: number): Tensor;
  /**
   * Solves `A x = b` by LU factorisation with partial pivoting: `a` is `[n, n]` or
   * `[...batch, n, n]` and `b` is `[...batch, n]`. Returns null if `a` is singular.
   */
  denseSolve(a: Tensor, b: Tensor): Tensor | null;
  /** Selects entries along `axis` by int32 `indices` (already in range, non-negative). */
  gather(x: Tensor, indices: Tensor, axis: number): Tensor;
  /** Adds `updates` into a copy of `base` at `indices` along `axis` (adjoint of gather). */
  scatterAdd(base: Tensor, indices: Tensor, updates: Tensor, axis: number): Tensor;
  /**
   * Cross-correlation of real float `x` `[N, Cin, ...spatial]` (1 or 2 spatial axes) with
   * `w` `[Cout, Cin, ...k]` (odd sizes), stride 1, "same" size: `[N, Cout, ...spatial]`
   * with `out[n,co,p] = sum_{ci,t} w[co,ci,t] x[n,ci,p + (t - (k-1)/2) * dilation]`, reads
   * outside the grid following `spec.padding`. The dtype is the promoted input dtype.
   */
  conv(x: Tensor, w: Tensor, spec: ConvSpec): Tensor;
  /**
   * The weight cotangent of `conv`: `dW[co,ci,t] = sum_{n,p} g[n,co,p] x[n,ci,p + (t -
   * (k-1)/2) * dilation]` (same padding rule), of shape `kernelShape` `[Cout, Cin, ...k]`
   * and the promoted dtype of `x` and `g`.
   */
  convWeightGrad(x: Tensor, g: Tensor, spec: ConvSpec, kernelShape: readonly number[]): Tensor;
}
