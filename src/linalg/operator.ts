/**
 * Linear operators: what the solvers need to know about a matrix `A`.
 *
 * An operator maps vectors of `inShape` to vectors of `outShape`; both may be grids
 * (a 2-D stencil acts on `[ny, nx]` arrays). `apply` accepts any number of leading batch
 * axes, so one operator serves a whole batch of right-hand sides. The tensors an operator
 * depends on are listed in `params`: gradients with respect to them flow through
 * `linearSolve` (a tensor the matvec uses but that is missing from `params` is treated
 * as a constant by the implicit adjoint).
 *
 * Every constructor here returns an operator with a transpose; {@link asOperator} gives
 * one to a user's object that lacks it, by differentiating the matvec (for a linear map,
 * the vector-Jacobian product is the transpose).
 *
 * @module
 */
import { Tape, backward, withTape } from '../autodiff/tape.js';
import type { SparsePattern } from '../backend/index.js';
import { ArgumentError, DTypeError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { add, mul, sub } from '../ops/elementwise.js';
import { scatterAdd, take } from '../ops/gather.js';
import { concat } from '../ops/join.js';
import { spmv } from '../ops/linalg.js';
import { matmul } from '../ops/matmul.js';
import { expandDims, matrixTranspose, reshape, squeeze } from '../ops/view.js';
import { eye, ones, tensor, zeros } from '../tensor/creation.js';
import { type DType, isFloat } from '../tensor/dtype.js';
import { sizeOf } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

/** A square or rectangular linear map, batched over leading axes. */
export interface LinearOperator {
  /** The per-sample shape of the vectors it acts on. */
  readonly inShape: readonly number[];
  /** The per-sample shape of its results. */
  readonly outShape: readonly number[];
  /** The dtype it computes in (float32 or float64). */
  readonly dtype: DType;
  /** The tensors the operator depends on (differentiable parameters). */
  readonly params: readonly Tensor[];
  /** `A x` for `x` of shape `[...batch, ...inShape]`. */
  apply(x: Tensor): Tensor;
  /** `A^T y` for `y` of shape `[...batch, ...outShape]`. */
  applyTranspose?(y: Tensor): Tensor;
  /**
   * `x + w * (b - A x)` in one pass, where `w` has `inShape` (a relaxation sweep: Jacobi,
   * one colour of red-black Gauss-Seidel). Optional; {@link relax} falls back to ops.
   */
  relax?(x: Tensor, b: Tensor, w: Tensor): Tensor;
  /** The main diagonal, of shape `inShape` (square operators). */
  diagonal?(): Tensor;
  /** The matrix in CSR form over flattened vectors (for lexicographic Gauss-Seidel). */
  csr?(): { pattern: SparsePattern; values: Tensor };
  /** The same operator on a grid coarsened by 2 per axis (for multigrid), if possible. */
  coarsen?(): LinearOperator | undefined;
  /** The regular grid a stencil operator discretises on (multigrid transfers need it). */
  readonly grid?: Grid;
  /**
   * True when only points of opposite parity (sum of grid indices) are coupled, so that
   * red-black Gauss-Seidel is an exact Gauss-Seidel sweep.
   */
  readonly checkerboard?: boolean;
}

/** A boundary condition of one grid axis. */
export type Boundary = 'dirichlet' | 'neumann' | 'periodic';

/** A regular grid: per-axis extents, spacings and boundary conditions. */
export interface Grid {
  readonly shape: readonly number[];
  readonly spacing: readonly number[];
  readonly boundary: readonly Boundary[];
  readonly dtype: DType;
}

/** A {@link LinearOperator} whose transpose is known (what the solvers work with). */
export interface CompleteOperator extends LinearOperator {
  applyTranspose(y: Tensor): Tensor;
}

/** The number of elements of one input vector. */
export function inSize(op: LinearOperator): number {
  return sizeOf(op.inShape);
}

/** The number of elements of one output vector. */
export function outSize(op: LinearOperator): number {
  return sizeOf(op.outShape);
}

/** The leading (batch) shape of `x` as an input of `op`, or a ShapeError. */
export function batchShapeOf(op: LinearOperator, x: Tensor, fn: string, arg: string, shape = op.inShape): number[] {
  const k = x.ndim - shape.length;
  if (k < 0 || shape.some((d, i) => x.shape[k + i] !== d)) {
    throw new ShapeError({ fn, arg, expected: `[...batch, ${shape.join(', ')}]`, actual: fmtShape(x.shape) });
  }
  return x.shape.slice(0, k);
}

/** A relaxation sweep `x + w * (b - A x)`, fused when the operator offers it. */
export function relax(A: LinearOperator, x: Tensor, b: Tensor, w: Tensor): Tensor {
  return A.relax ? A.relax(x, b, w) : add(x, mul(sub(b, A.apply(x)), w));
}

/**
 * `A^T y` by reverse-mode differentiation of the matvec: for a linear map the pullback
 * of any point is the transpose. The operations are recorded on any enclosing tape, so
 * the result stays differentiable in `y` and in the operator's parameters.
 */
function transposeByVjp(op: LinearOperator, y: Tensor): Tensor {
  const batch = y.shape.slice(0, y.ndim - op.outShape.length);
  const x = zeros([...batch, ...op.inShape], { dtype: op.dtype });
  const tape = new Tape();
  const out = withTape(tape, () => {
    tape.watch(x);
    return op.apply(x);
  });
  return backward(tape, [out], [y], [x])[0] ?? zeros(x.shape, { dtype: op.dtype });
}

/**
 * Validates a user's operator and fills in what the solvers need: a transpose (from the
 * VJP of `apply` when none is given) and checks of shapes and dtype.
 */
export function asOperator(op: LinearOperator, fn = 'asOperator'): CompleteOperator {
  if (op === null || typeof op !== 'object' || typeof op.apply !== 'function') {
    throw new ArgumentError({ fn, arg: 'A', expected: 'a LinearOperator (an object with inShape, outShape, dtype, params and apply)', actual: fmtValue(op) });
  }
  for (const key of ['inShape', 'outShape'] as const) {
    const s = op[key];
    if (!Array.isArray(s) || !s.every((d) => Number.isInteger(d) && d > 0)) {
      throw new ArgumentError({ fn, arg: `A.${key}`, expected: 'an array of positive integers', actual: fmtValue(s) });
    }
  }
  if (!isFloat(op.dtype)) throw new DTypeError({ fn, arg: 'A.dtype', expected: 'float32 or float64', actual: String(op.dtype) });
  if (!Array.isArray(op.params) || !op.params.every((p) => p instanceof Tensor)) {
    throw new ArgumentError({ fn, arg: 'A.params', expected: 'an array of tensors', actual: fmtValue(op.params) });
  }
  if (typeof op.applyTranspose === 'function') return op as CompleteOperator;
  const base = op;
  return Object.assign(Object.create(Object.getPrototypeOf(op) as object) as object, op, {
    applyTranspose: (y: Tensor) => transposeByVjp(base, y),
  }) as CompleteOperator;
}

/** Options of {@link fromMatvec}. */
export interface MatvecOptions {
  /** Per-sample input shape. */
  inShape: readonly number[];
  /** Per-sample output shape (default: `inShape`). */
  outShape?: readonly number[];
  /** The tensors the matvec closes over and that gradients should reach. */
  params?: readonly Tensor[];
  /** Default float64. */
  dtype?: DType;
  /** `A^T y`; derived from the VJP of `matvec` when omitted. */
  transpose?: (y: Tensor) => Tensor;
  /** The main diagonal (enables Jacobi and the Jacobi preconditioner). */
  diagonal?: () => Tensor;
  /** Declares that only opposite-parity grid points are coupled (red-black ordering). */
  checkerboard?: boolean;
}

/**
 * An operator from any differentiable matvec function, e.g. a variable-coefficient
 * diffusion written with difftape ops and closing over a parameter field.
 *
 * @example
 * const kappa = tensor(...); // [n + 1] face diffusivities
 * const A = fromMatvec((u) => sub(u, mul(dt, divKappaGrad(kappa, u))), { inShape: [n], params: [kappa] });
 */
export function fromMatvec(matvec: (x: Tensor) => Tensor, options: MatvecOptions): LinearOperator {
  if (typeof matvec !== 'function') throw new ArgumentError({ fn: 'fromMatvec', arg: 'matvec', expected: 'a function', actual: fmtValue(matvec) });
  const op: LinearOperator = {
    inShape: [...options.inShape],
    outShape: [...(options.outShape ?? options.inShape)],
    dtype: options.dtype ?? 'float64',
    params: [...(options.params ?? [])],
    apply: matvec,
    ...(options.transpose ? { applyTranspose: options.transpose } : {}),
    ...(options.diagonal ? { diagonal: options.diagonal } : {}),
    checkerboard: options.checkerboard ?? false,
  };
  return asOperator(op, 'fromMatvec');
}

/** True when every coupling (i, j), i != j, has i + j odd. */
function patternIsCheckerboard(p: SparsePattern, values?: ArrayLike<number>): boolean {
  for (let k = 0; k < p.indices.length; k++) {
    const i = p.rows[k]!;
    const j = p.indices[k]!;
    if (i !== j && (i + j) % 2 === 0 && (values === undefined || values[k] !== 0)) return false;
  }
  return true;
}

/**
 * A dense matrix `[m, n]` as an operator on vectors `[..., n]`. Differentiable in the
 * matrix.
 */
export function denseOperator(matrix: Tensor): CompleteOperator {
  const fn = 'denseOperator';
  if (!(matrix instanceof Tensor) || matrix.ndim !== 2) {
    throw new ShapeError({ fn, arg: 'matrix', expected: 'a 2-D tensor [m, n]', actual: matrix instanceof Tensor ? fmtShape(matrix.shape) : fmtValue(matrix) });
  }
  if (!isFloat(matrix.dtype)) throw new DTypeError({ fn, arg: 'matrix', expected: 'float32 or float64', actual: matrix.dtype });
  const [m, n] = matrix.shape as [number, number];
  let pattern: SparsePattern | undefined;
  const fullPattern = (): SparsePattern => {
    if (pattern === undefined) {
      const indptr = new Int32Array(m + 1);
      const indices = new Int32Array(m * n);
      const rows = new Int32Array(m * n);
      for (let i = 0; i < m; i++) {
        indptr[i + 1] = (i + 1) * n;
        for (let j = 0; j < n; j++) { indices[i * n + j] = j; rows[i * n + j] = i; }
      }
      pattern = { nRows: m, nCols: n, indptr, indices, rows };
    }
    return pattern;
  };
  return {
    inShape: [n],
    outShape: [m],
    dtype: matrix.dtype,
    params: [matrix],
    apply: (x) => squeeze(matmul(matrix, expandDims(x, -1)), -1),
    applyTranspose: (y) => squeeze(matmul(matrixTranspose(matrix), expandDims(y, -1)), -1),
    diagonal: () => take(reshape(matrix, [m * n]), Array.from({ length: Math.min(m, n) }, (_, i) => i * n + i)),
    csr: () => ({ pattern: fullPattern(), values: reshape(matrix, [m * n]) }),
    get checkerboard() {
      return m === n && patternIsCheckerboard(fullPattern(), matrix.toTypedArray());
    },
  };
}

/** Sorted, duplicate-free CSR pattern from COO triplets, and where each triplet went. */
function patternFromCoo(rows: ArrayLike<number>, cols: ArrayLike<number>, m: number, n: number): { pattern: SparsePattern; slot: Int32Array } {
  const nnzIn = rows.length;
  const order = Array.from({ length: nnzIn }, (_, k) => k).sort((a, b) => rows[a]! - rows[b]! || cols[a]! - cols[b]! || a - b);
  const slot = new Int32Array(nnzIn);
  const ind: number[] = [];
  const rowOf: number[] = [];
  const indptr = new Int32Array(m + 1);
  let last = -1;
  for (const k of order) {
    const key = rows[k]! * n + cols[k]!;
    if (key !== last) {
      ind.push(cols[k]!);
      rowOf.push(rows[k]!);
      indptr[rows[k]! + 1]!++;
      last = key;
    }
    slot[k] = ind.length - 1;
  }
  for (let i = 0; i < m; i++) indptr[i + 1] += indptr[i]!;
  return { pattern: { nRows: m, nCols: n, indptr, indices: Int32Array.from(ind), rows: Int32Array.from(rowOf) }, slot };
}

/**
 * A sparse matrix in CSR form as an operator on vectors `[..., nCols]`. Differentiable in
 * `values` (one per stored entry, in pattern order).
 */
export function csrOperator(pattern: SparsePattern, values: Tensor): CompleteOperator {
  const fn = 'csrOperator';
  const { nRows: m, nCols: n } = pattern;
  if (!(values instanceof Tensor) || values.ndim !== 1 || values.size !== pattern.indices.length) {
    throw new ShapeError({ fn, arg: 'values', expected: `a 1-D tensor of ${pattern.indices.length} values`, actual: values instanceof Tensor ? fmtShape(values.shape) : fmtValue(values) });
  }
  if (!isFloat(values.dtype)) throw new DTypeError({ fn, arg: 'values', expected: 'float32 or float64', actual: values.dtype });
  let diag: number[] | undefined;
  return {
    inShape: [n],
    outShape: [m],
    dtype: values.dtype,
    params: [values],
    apply: (x) => spmv(values, x, pattern),
    applyTranspose: (y) => spmv(values, y, pattern, { transpose: true }),
    diagonal: () => {
      if (diag === undefined) {
        // Index of each diagonal entry in the values, or the slot of an appended zero.
        diag = Array.from({ length: Math.min(m, n) }, () => values.size);
        for (let k = 0; k < pattern.indices.length; k++) if (pattern.indices[k] === pattern.rows[k]) diag[pattern.rows[k]!] = k;
      }
      return take(concat([values, zeros([1], { dtype: values.dtype })]), diag);
    },
    csr: () => ({ pattern, values }),
    get checkerboard() {
      return m === n && patternIsCheckerboard(pattern, values.toTypedArray());
    },
  };
}

/**
 * A sparse matrix from COO triplets `(rows[k], cols[k], values[k])`; duplicates add up.
 * `values` may be a tensor (gradients flow to each triplet) or numbers.
 */
export function fromCoo(
  rows: ArrayLike<number>, cols: ArrayLike<number>, values: Tensor | ArrayLike<number>, shape: readonly [number, number],
  options: { dtype?: DType } = {},
): CompleteOperator {
  const fn = 'fromCoo';
  const [m, n] = shape;
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 1 || n < 1) {
    throw new ArgumentError({ fn, arg: 'shape', expected: 'two positive integers', actual: fmtValue(shape) });
  }
  const v = values instanceof Tensor ? values : tensor(Array.from(values), { dtype: options.dtype ?? 'float64' });
  if (rows.length !== cols.length || v.ndim !== 1 || v.size !== rows.length) {
    throw new ShapeError({ fn, arg: 'values', expected: `${rows.length} rows, columns and values`, actual: `${rows.length}, ${cols.length} and ${fmtShape(v.shape)}` });
  }
  for (let k = 0; k < rows.length; k++) {
    if (!Number.isInteger(rows[k]) || rows[k]! < 0 || rows[k]! >= m || !Number.isInteger(cols[k]) || cols[k]! < 0 || cols[k]! >= n) {
      throw new ArgumentError({ fn, arg: 'rows/cols', expected: `indices inside ${m}x${n}`, actual: `(${rows[k]}, ${cols[k]}) at entry ${k}` });
    }
  }
  const { pattern, slot } = patternFromCoo(rows, cols, m, n);
  // Summing duplicates is a scatter-add: differentiable, so triplet values get gradients.
  const summed = scatterAdd(zeros([pattern.indices.length], { dtype: v.dtype }), tensor(slot, { dtype: 'int32' }), v);
  return csrOperator(pattern, summed);
}

/** The identity on vectors of `shape`. */
export function identityOperator(shape: readonly number[], options: { dtype?: DType } = {}): CompleteOperator {
  const dtype = options.dtype ?? 'float64';
  const n = sizeOf(shape);
  let pattern: SparsePattern | undefined;
  return {
    inShape: [...shape],
    outShape: [...shape],
    dtype,
    params: [],
    apply: (x) => x,
    applyTranspose: (y) => y,
    diagonal: () => ones(shape, { dtype }),
    csr: () => {
      const idx = Int32Array.from({ length: n }, (_, i) => i);
      pattern ??= { nRows: n, nCols: n, indptr: Int32Array.from({ length: n + 1 }, (_, i) => i), indices: idx, rows: idx };
      return { pattern, values: ones([n], { dtype }) };
    },
    coarsen: () => (shape.every((d) => d >= 2) ? identityOperator(shape.map((d) => Math.floor(d / 2)), { dtype }) : undefined),
    checkerboard: true,
  };
}

/** The dense matrix of an operator, `[outSize, inSize]`, differentiable in its parameters. */
export function toDense(op: LinearOperator): Tensor {
  const n = inSize(op);
  const basis = reshape(eye(n, n, 0, { dtype: op.dtype }), [n, ...op.inShape]);
  // Row j of the result is A e_j, i.e. column j of A.
  return matrixTranspose(reshape(op.apply(basis), [n, outSize(op)]));
}

function sameShapes(a: LinearOperator, b: LinearOperator, fn: string): void {
  const eq = (x: readonly number[], y: readonly number[]) => x.length === y.length && x.every((d, i) => d === y[i]);
  if (!eq(a.inShape, b.inShape) || !eq(a.outShape, b.outShape)) {
    throw new ShapeError({ fn, arg: 'operators', expected: `equal shapes (${fmtShape(a.inShape)} -> ${fmtShape(a.outShape)})`, actual: `${fmtShape(b.inShape)} -> ${fmtShape(b.outShape)}` });
  }
  if (a.dtype !== b.dtype) throw new DTypeError({ fn, arg: 'operators', expected: a.dtype, actual: b.dtype });
}

/** Union of two CSR patterns and, for each pattern, where its entries land in the union. */
function unionPattern(p: SparsePattern, q: SparsePattern): { pattern: SparsePattern; fromP: Int32Array; fromQ: Int32Array } {
  const rows = [...p.rows, ...q.rows];
  const cols = [...p.indices, ...q.indices];
  const { pattern, slot } = patternFromCoo(rows, cols, p.nRows, p.nCols);
  return { pattern, fromP: slot.subarray(0, p.rows.length), fromQ: slot.subarray(p.rows.length) };
}

/** `A + B` (equal shapes); keeps diagonal, CSR form, coarsening and checkerboard when both have them. */
export function sumOperator(a: LinearOperator, b: LinearOperator): CompleteOperator {
  const A = asOperator(a, 'sumOperator');
  const B = asOperator(b, 'sumOperator');
  sameShapes(A, B, 'sumOperator');
  let union: ReturnType<typeof unionPattern> | undefined;
  return {
    inShape: A.inShape,
    outShape: A.outShape,
    dtype: A.dtype,
    params: [...A.params, ...B.params],
    ...(A.grid ?? B.grid ? { grid: A.grid ?? B.grid } : {}),
    apply: (x) => add(A.apply(x), B.apply(x)),
    applyTranspose: (y) => add(A.applyTranspose(y), B.applyTranspose(y)),
    ...(A.diagonal && B.diagonal ? { diagonal: () => add(A.diagonal!(), B.diagonal!()) } : {}),
    ...(A.csr && B.csr
      ? {
          csr: () => {
            const ca = A.csr!();
            const cb = B.csr!();
            union ??= unionPattern(ca.pattern, cb.pattern);
            const nnz = union.pattern.indices.length;
            const z = zeros([nnz], { dtype: A.dtype });
            const values = scatterAdd(scatterAdd(z, tensor(union.fromP, { dtype: 'int32' }), ca.values), tensor(union.fromQ, { dtype: 'int32' }), cb.values);
            return { pattern: union.pattern, values };
          },
        }
      : {}),
    ...(A.coarsen && B.coarsen
      ? {
          coarsen: () => {
            const ca = A.coarsen!();
            const cb = B.coarsen!();
            return ca && cb ? sumOperator(ca, cb) : undefined;
          },
        }
      : {}),
    checkerboard: (A.checkerboard ?? false) && (B.checkerboard ?? false),
  };
}

/**
 * `s * A` for a number or a scalar tensor `s` (a tensor becomes a parameter, so the
 * solve is differentiable in it).
 */
export function scaleOperator(s: number | Tensor, a: LinearOperator): CompleteOperator {
  const A = asOperator(a, 'scaleOperator');
  if (s instanceof Tensor) {
    if (s.size !== 1) throw new ShapeError({ fn: 'scaleOperator', arg: 's', expected: 'a number or a one-element tensor', actual: fmtShape(s.shape) });
    if (s.dtype !== A.dtype) throw new DTypeError({ fn: 'scaleOperator', arg: 's', expected: A.dtype, actual: s.dtype });
  } else if (!Number.isFinite(s)) {
    throw new ArgumentError({ fn: 'scaleOperator', arg: 's', expected: 'a finite number or a scalar tensor', actual: fmtValue(s) });
  }
  const k = s instanceof Tensor ? reshape(s, []) : s;
  return {
    inShape: A.inShape,
    outShape: A.outShape,
    dtype: A.dtype,
    params: s instanceof Tensor ? [s, ...A.params] : A.params,
    ...(A.grid ? { grid: A.grid } : {}),
    apply: (x) => mul(A.apply(x), k),
    applyTranspose: (y) => mul(A.applyTranspose(y), k),
    ...(A.diagonal ? { diagonal: () => mul(A.diagonal!(), k) } : {}),
    ...(A.csr ? { csr: () => { const c = A.csr!(); return { pattern: c.pattern, values: mul(c.values, k) }; } } : {}),
    ...(A.coarsen ? { coarsen: () => { const c = A.coarsen!(); return c && scaleOperator(s, c); } } : {}),
    checkerboard: A.checkerboard ?? false,
  };
}

/** `A B`: applies `B` first. */
export function productOperator(a: LinearOperator, b: LinearOperator): CompleteOperator {
  const A = asOperator(a, 'productOperator');
  const B = asOperator(b, 'productOperator');
  if (sizeOf(B.outShape) !== sizeOf(A.inShape) || B.outShape.some((d, i) => d !== A.inShape[i]) || B.outShape.length !== A.inShape.length) {
    throw new ShapeError({ fn: 'productOperator', arg: 'b', expected: `an output shape of ${fmtShape(A.inShape)}`, actual: fmtShape(B.outShape) });
  }
  if (A.dtype !== B.dtype) throw new DTypeError({ fn: 'productOperator', arg: 'b', expected: A.dtype, actual: B.dtype });
  return {
    inShape: B.inShape,
    outShape: A.outShape,
    dtype: A.dtype,
    params: [...A.params, ...B.params],
    apply: (x) => A.apply(B.apply(x)),
    applyTranspose: (y) => B.applyTranspose(A.applyTranspose(y)),
  };
}

const transposed = new WeakMap<SparsePattern, { pattern: SparsePattern; perm: Int32Array }>();

/** The pattern of `S^T` and, for each of its entries, the index of the entry of `S`. */
function transposePattern(p: SparsePattern): { pattern: SparsePattern; perm: Int32Array } {
  let t = transposed.get(p);
  if (t === undefined) {
    const { pattern, slot } = patternFromCoo(p.indices, p.rows, p.nCols, p.nRows);
    const perm = new Int32Array(slot.length);
    for (let k = 0; k < slot.length; k++) perm[slot[k]!] = k;
    t = { pattern, perm };
    transposed.set(p, t);
  }
  return t;
}

/** `A^T` as an operator (its transpose is `A` again). */
export function transposeOperator(a: LinearOperator): CompleteOperator {
  const A = asOperator(a, 'transposeOperator');
  return {
    inShape: A.outShape,
    outShape: A.inShape,
    dtype: A.dtype,
    params: A.params,
    ...(A.grid ? { grid: A.grid } : {}),
    apply: (y) => A.applyTranspose(y),
    applyTranspose: (x) => A.apply(x),
    ...(A.diagonal ? { diagonal: () => A.diagonal!() } : {}),
    ...(A.csr
      ? {
          csr: () => {
            const c = A.csr!();
            const t = transposePattern(c.pattern);
            return { pattern: t.pattern, values: take(c.values, tensor(t.perm, { dtype: 'int32' })) };
          },
        }
      : {}),
    ...(A.coarsen ? { coarsen: () => { const c = A.coarsen!(); return c && transposeOperator(c); } } : {}),
    checkerboard: A.checkerboard ?? false,
  };
}
