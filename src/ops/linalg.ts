/**
 * Linear-algebra primitives: stencils, sparse matrix-vector products, sparse triangular
 * solves, the fused per-sample vector updates of Krylov methods (`axpy`, `vdot`) and a
 * dense solve. Each comes with its adjoint, written with these same ops, so the
 * iterative solvers built from them differentiate to any order.
 *
 * Vectors carry leading batch axes: a stencil acts on the trailing grid axes, a sparse
 * matrix on the last axis, and `axpy`/`vdot` take one scalar per sample.
 *
 * @module
 */
import type { SparsePattern, StencilBoundary, StencilSpec } from '../backend/index.js';
import { ArgumentError, DTypeError, ShapeError, fmtShape } from '../errors.js';
import { tensor } from '../tensor/creation.js';
import { isFloat } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor } from './convert.js';
import { mul, neg, sub } from './elementwise.js';
import { take } from './gather.js';
import { type Primitive, bind } from './primitive.js';
import { sumTo } from './reduce.js';
import { expandDims, matrixTranspose } from './view.js';

function checkFloat(x: Tensor, fn: string, arg: string, like?: Tensor): void {
  if (!isFloat(x.dtype)) throw new DTypeError({ fn, arg, expected: 'float32 or float64', actual: x.dtype });
  if (like !== undefined && x.dtype !== like.dtype) throw new DTypeError({ fn, arg, expected: like.dtype, actual: x.dtype });
}

// ---------------------------------------------------------------------------------------
// Stencils

const stencilPrim: Primitive<{ spec: StencilSpec; transpose: boolean }> = {
  name: 'stencil',
  forward: ([x], { spec, transpose }) => x!.storage.backend.stencil(x!, spec, transpose),
  vjp: (g, _inputs, _y, { spec, transpose }) => [bind(stencilPrim, [g], { spec, transpose: !transpose })],
};

/** Validates a stencil spec against the tensor it applies to. */
function checkStencil(t: Tensor, spec: StencilSpec, fn: string): void {
  checkFloat(t, fn, 'x');
  const D = spec.boundary.length;
  if (D === 0 || t.ndim < D) {
    throw new ShapeError({ fn, arg: 'x', expected: `at least ${Math.max(D, 1)} axes for a ${D}-D stencil`, actual: fmtShape(t.shape) });
  }
  for (const term of spec.terms) {
    if (term.offset.length !== D || !term.offset.every(Number.isInteger) || !Number.isFinite(term.coef)) {
      throw new ArgumentError({ fn, arg: 'spec', expected: `terms with ${D} integer offsets and finite coefficients`, actual: JSON.stringify(term) });
    }
  }
  for (const b of spec.boundary) {
    if (b !== 'zero' && b !== 'edge' && b !== 'wrap') {
      throw new ArgumentError({ fn, arg: 'spec.boundary', expected: "'zero', 'edge' or 'wrap'", actual: String(b) });
    }
  }
}

/**
 * Applies a constant-coefficient stencil to the trailing `spec.boundary.length` axes of
 * `x`: `y[i] = sum_t coef_t * x[i + offset_t]`, reading outside the grid by each axis's
 * boundary rule. With `transpose`, applies the adjoint map instead.
 */
export function stencil(x: Tensor, spec: StencilSpec, options: { transpose?: boolean } = {}): Tensor {
  const t = toTensor(x, 'stencil', 'x');
  checkStencil(t, spec, 'stencil');
  return bind(stencilPrim, [t], { spec, transpose: options.transpose ?? false });
}

const relaxPrim: Primitive<{ spec: StencilSpec }> = {
  name: 'stencilRelax',
  forward: ([x, b, w], { spec }) => x!.storage.backend.stencilRelax(x!, b!, w!, spec),
  // y = x + w (b - S x)  =>  x-bar = g - S^T (w g), b-bar = w g, w-bar = g (b - S x).
  vjp: (g, [x, b, w], _y, { spec }) => {
    const wg = mul(w!, g);
    return [
      sub(g, bind(stencilPrim, [wg], { spec, transpose: true })),
      wg,
      sumTo(mul(g, sub(b!, bind(stencilPrim, [x!], { spec, transpose: false }))), w!.shape),
    ];
  },
};

/**
 * One relaxation sweep `x + w * (b - S x)` with the stencil `S` in one pass, where `w`
 * has the grid's shape (per-point weights shared by the batch): weighted Jacobi when `w`
 * is `omega / diag(S)`, one colour of red-black Gauss-Seidel when `w` vanishes on the
 * other colour.
 */
export function stencilRelax(x: Tensor, b: Tensor, w: Tensor, spec: StencilSpec): Tensor {
  const fn = 'stencilRelax';
  checkStencil(x, spec, fn);
  const t = x.shape;
  checkFloat(b, fn, 'b', x);
  checkFloat(w, fn, 'w', x);
  const D = spec.boundary.length;
  if (b.ndim !== x.ndim || b.shape.some((d, i) => d !== t[i])) throw new ShapeError({ fn, arg: 'b', expected: fmtShape(x.shape), actual: fmtShape(b.shape) });
  if (w.ndim !== D || w.shape.some((d, i) => d !== x.shape[x.ndim - D + i])) {
    throw new ShapeError({ fn, arg: 'w', expected: fmtShape(x.shape.slice(x.ndim - D)), actual: fmtShape(w.shape) });
  }
  return bind(relaxPrim, [x, b, w], { spec });
}

interface TransferParams { axis: number; boundary: StencilBoundary; restrict: boolean; scale: number }

const transferPrim: Primitive<TransferParams> = {
  name: 'gridTransfer',
  forward: ([x], { axis, boundary, restrict, scale }) => x!.storage.backend.gridTransfer(x!, axis, boundary, restrict, scale),
  // Prolongation is twice the adjoint of restriction, so each is the other's adjoint up to 2.
  vjp: (g, _x, _y, p) => [bind(transferPrim, [g], { ...p, restrict: !p.restrict, scale: p.scale * (p.restrict ? 0.5 : 2) })],
};

/**
 * A multigrid grid transfer along one `axis`: `restrict` maps fine to coarse by full
 * weighting (`zero` boundary: vertex-centred, n = 2m + 1 fine points; `wrap`: periodic,
 * n = 2m) or pairwise cell averages (`edge`: Neumann cells, n = 2m); otherwise
 * prolongation, twice the adjoint (linear interpolation; piecewise constant for cells).
 */
export function gridTransfer(x: Tensor, axis: number, boundary: StencilBoundary, restrict: boolean): Tensor {
  const fn = 'gridTransfer';
  checkFloat(x, fn, 'x');
  if (!Number.isInteger(axis) || axis < -x.ndim || axis >= x.ndim) {
    throw new ArgumentError({ fn, arg: 'axis', expected: `an axis of a ${x.ndim}-D tensor`, actual: String(axis) });
  }
  const a = axis < 0 ? axis + x.ndim : axis;
  if (boundary !== 'zero' && boundary !== 'edge' && boundary !== 'wrap') {
    throw new ArgumentError({ fn, arg: 'boundary', expected: "'zero', 'edge' or 'wrap'", actual: String(boundary) });
  }
  const n = x.shape[a]!;
  const ok = !restrict ? n >= 1 : boundary === 'zero' ? n >= 3 && n % 2 === 1 : n >= 2 && n % 2 === 0;
  if (!ok) {
    throw new ShapeError({ fn, arg: 'x', expected: `an extent along axis ${a} that coarsens (${boundary === 'zero' ? 'odd, at least 3' : 'even'})`, actual: fmtShape(x.shape) });
  }
  return bind(transferPrim, [x], { axis: a, boundary, restrict, scale: 1 });
}

// ---------------------------------------------------------------------------------------
// Sparse matrices

/**
 * The pattern's row and column indices as int32 tensors on `like`'s backend. Made per call
 * (a copy of the pattern's arrays): a cached tensor would be released by the tidy() scope
 * it was made in.
 */
function patternIndices(p: SparsePattern, like: Tensor): { rows: Tensor; cols: Tensor } {
  const backend = like.storage.backend;
  return {
    rows: tensor(p.rows, { shape: [p.rows.length], dtype: 'int32', backend }),
    cols: tensor(p.indices, { shape: [p.indices.length], dtype: 'int32', backend }),
  };
}

/**
 * The cotangent of the values of a sparse matrix in `y = S x` (or `S^T x`): entry k at
 * (i, j) receives `sum_batch g[i] x[j]` (or `g[j] x[i]`), with `scale` applied.
 */
function valuesCotangent(g: Tensor, x: Tensor, p: SparsePattern, transpose: boolean, nnz: number): Tensor {
  const { rows, cols } = patternIndices(p, g);
  const prod = mul(take(g, transpose ? cols : rows, -1), take(x, transpose ? rows : cols, -1));
  return sumTo(prod, [nnz]);
}

interface SparseParams { pattern: SparsePattern; transpose: boolean }

const spmvPrim: Primitive<SparseParams> = {
  name: 'spmv',
  forward: ([v, x], { pattern, transpose }) => v!.storage.backend.spmv(v!, x!, pattern, transpose),
  vjp: (g, [v, x], _y, { pattern, transpose }) => [
    valuesCotangent(g, x!, pattern, transpose, v!.size),
    bind(spmvPrim, [v!, g], { pattern, transpose: !transpose }),
  ],
};

function checkSparse(values: Tensor, x: Tensor, p: SparsePattern, nIn: number, fn: string): void {
  checkFloat(values, fn, 'values');
  checkFloat(x, fn, 'x', values);
  if (values.ndim !== 1 || values.size !== p.indices.length) {
    throw new ShapeError({ fn, arg: 'values', expected: `[${p.indices.length}] (one value per stored entry)`, actual: fmtShape(values.shape) });
  }
  if (x.ndim === 0 || x.shape.at(-1) !== nIn) {
    throw new ShapeError({ fn, arg: 'x', expected: `a last axis of ${nIn}`, actual: fmtShape(x.shape) });
  }
}

/**
 * Sparse matrix-vector product `S x` (or `S^T x` with `transpose`) over the last axis of
 * `x`, where `S` has `pattern` and the 1-D `values`; differentiable in both.
 */
export function spmv(values: Tensor, x: Tensor, pattern: SparsePattern, options: { transpose?: boolean } = {}): Tensor {
  const transpose = options.transpose ?? false;
  checkSparse(values, x, pattern, transpose ? pattern.nRows : pattern.nCols, 'spmv');
  return bind(spmvPrim, [values, x], { pattern, transpose });
}

interface TriParams extends SparseParams { lower: boolean }

const triSolvePrim: Primitive<TriParams> = {
  name: 'triangularSolve',
  forward: ([v, r], { pattern, lower, transpose }) => v!.storage.backend.triSolve(v!, r!, pattern, lower, transpose),
  // T y = r  =>  r-bar = T^-T g and T-bar = -r-bar y^T on the stored entries.
  vjp: (g, [v], y, { pattern, lower, transpose }) => {
    const rBar = bind(triSolvePrim, [v!, g], { pattern, lower, transpose: !transpose });
    return [neg(valuesCotangent(rBar, y, pattern, transpose, v!.size)), rBar];
  },
};

const triangular = new WeakMap<SparsePattern, 'lower' | 'upper' | 'diagonal' | 'neither'>();

function triangleOf(p: SparsePattern): 'lower' | 'upper' | 'diagonal' | 'neither' {
  let t = triangular.get(p);
  if (t === undefined) {
    let lower = true;
    let upper = true;
    const hasDiag = new Uint8Array(p.nRows);
    for (let k = 0; k < p.indices.length; k++) {
      const i = p.rows[k]!;
      const j = p.indices[k]!;
      if (j > i) lower = false;
      if (j < i) upper = false;
      if (j === i) hasDiag[i] = 1;
    }
    t = !hasDiag.every((h) => h === 1) ? 'neither' : lower && upper ? 'diagonal' : lower ? 'lower' : upper ? 'upper' : 'neither';
    triangular.set(p, t);
  }
  return t;
}

/**
 * Solves `T y = r` (or `T^T y = r`) over the last axis of `r`, where `T` is a square
 * triangular sparse matrix (`lower` or upper) whose pattern stores every diagonal entry
 * and nothing outside its triangle. Differentiable in `values` and `r`.
 */
export function triangularSolve(
  values: Tensor, r: Tensor, pattern: SparsePattern, options: { lower: boolean; transpose?: boolean },
): Tensor {
  const fn = 'triangularSolve';
  checkSparse(values, r, pattern, pattern.nRows, fn);
  const tri = triangleOf(pattern);
  const lower = options.lower;
  if (pattern.nRows !== pattern.nCols || tri === 'neither' || (tri !== 'diagonal' && (tri === 'lower') !== lower)) {
    throw new ArgumentError({ fn, arg: 'pattern', expected: `a square ${lower ? 'lower' : 'upper'}-triangular pattern storing the diagonal`, actual: `a ${pattern.nRows}x${pattern.nCols} ${tri} pattern` });
  }
  return bind(triSolvePrim, [values, r], { pattern, lower, transpose: options.transpose ?? false });
}

// ---------------------------------------------------------------------------------------
// Per-sample vector updates

const vdotPrim: Primitive<{ ndim: number }> = {
  name: 'vdot',
  forward: ([a, b], { ndim }) => a!.storage.backend.vdot(a!, b!, ndim),
  vjp: (g, [a, b]) => [mul(g, b!), mul(g, a!)],
};

/**
 * Per-sample inner products: sums `a * b` over the trailing `ndim` axes, keeping them
 * with extent 1 (so the result broadcasts against `a`). `a` and `b` have equal shapes.
 */
export function vdot(a: Tensor, b: Tensor, ndim: number): Tensor {
  const fn = 'vdot';
  checkFloat(a, fn, 'a');
  checkFloat(b, fn, 'b', a);
  if (a.ndim !== b.ndim || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new ShapeError({ fn, arg: 'b', expected: fmtShape(a.shape), actual: fmtShape(b.shape) });
  }
  if (!Number.isInteger(ndim) || ndim < 0 || ndim > a.ndim) {
    throw new ArgumentError({ fn, arg: 'ndim', expected: `an integer in [0, ${a.ndim}]`, actual: String(ndim) });
  }
  return bind(vdotPrim, [a, b], { ndim });
}

const axpyPrim: Primitive<null> = {
  name: 'axpy',
  forward: ([alpha, x, y]) => x!.storage.backend.axpy(alpha!, x!, y!),
  vjp: (g, [alpha, x]) => [vdot(g, x!, x!.ndim - leadingAxes(alpha!)), mul(g, alpha!), g],
};

/** The number of leading axes of `alpha` before its trailing extent-1 axes. */
function leadingAxes(alpha: Tensor): number {
  let k = alpha.ndim;
  while (k > 0 && alpha.shape[k - 1] === 1) k--;
  return k;
}

/**
 * `y + alpha * x` in one pass, where `alpha` holds one scalar per sample: its shape is
 * that of `x` with the trailing (vector) axes set to 1, as {@link vdot} returns.
 */
export function axpy(alpha: Tensor, x: Tensor, y: Tensor): Tensor {
  const fn = 'axpy';
  checkFloat(x, fn, 'x');
  checkFloat(y, fn, 'y', x);
  checkFloat(alpha, fn, 'alpha', x);
  if (x.ndim !== y.ndim || x.shape.some((d, i) => d !== y.shape[i])) {
    throw new ShapeError({ fn, arg: 'y', expected: fmtShape(x.shape), actual: fmtShape(y.shape) });
  }
  const k = leadingAxes(alpha);
  if (alpha.ndim !== x.ndim || alpha.shape.some((d, i) => (i < k ? d !== x.shape[i] : d !== 1))) {
    throw new ShapeError({ fn, arg: 'alpha', expected: `the shape of x with trailing axes of extent 1 (x is ${fmtShape(x.shape)})`, actual: fmtShape(alpha.shape) });
  }
  return bind(axpyPrim, [alpha, x, y], null);
}

// ---------------------------------------------------------------------------------------
// Dense solve

const solvePrim: Primitive<null> = {
  name: 'solve',
  forward: ([a, b]) => {
    const x = a!.storage.backend.denseSolve(a!, b!);
    if (x === null) throw new ArgumentError({ fn: 'solve', arg: 'a', expected: 'a nonsingular matrix', actual: 'a matrix with an exactly zero pivot' });
    return x;
  },
  // A x = b  =>  b-bar = A^-T g and A-bar = -b-bar x^T (summed over a broadcast batch).
  vjp: (g, [a], x) => {
    const bBar = bind(solvePrim, [matrixTranspose(a!), g], null);
    return [sumTo(neg(mul(expandDims(bBar, -1), expandDims(x, -2))), a!.shape), bBar];
  },
};

/**
 * Solves `A x = b` by LU factorisation with partial pivoting (the dense reference for
 * the iterative solvers). `a` is `[n, n]` (shared by every sample) or `[...batch, n, n]`,
 * `b` is `[...batch, n]`. Differentiable in both: `b-bar = A^-T g`, `A-bar = -b-bar x^T`.
 * Throws `ArgumentError` for an exactly singular matrix.
 */
export function solve(a: Tensor, b: Tensor): Tensor {
  const fn = 'solve';
  checkFloat(a, fn, 'a');
  checkFloat(b, fn, 'b', a);
  const n = a.shape.at(-1);
  if (a.ndim < 2 || a.shape.at(-2) !== n) throw new ShapeError({ fn, arg: 'a', expected: 'a square matrix [..., n, n]', actual: fmtShape(a.shape) });
  if (b.ndim < 1 || b.shape.at(-1) !== n) throw new ShapeError({ fn, arg: 'b', expected: `a last axis of ${n}`, actual: fmtShape(b.shape) });
  if (a.ndim > 2 && (a.ndim !== b.ndim + 1 || a.shape.slice(0, -2).some((d, i) => d !== b.shape[i]))) {
    throw new ShapeError({ fn, arg: 'a', expected: `[n, n] or the batch axes of b (${fmtShape(b.shape.slice(0, -1))}) then [n, n]`, actual: fmtShape(a.shape) });
  }
  return bind(solvePrim, [a, b], null);
}

