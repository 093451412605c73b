/**
 * Finite-difference stencil operators on regular grids: the Laplacian, the Poisson
 * operator `-Laplacian`, first derivatives and the backward-Euler (BTCS) heat operator
 * `I - a Laplacian`, with Dirichlet, Neumann or periodic boundaries per axis. They know
 * their diagonal, their CSR matrix, whether red-black ordering decouples them, and how
 * to rediscretise themselves on a grid coarsened by 2 (for multigrid).
 *
 * Grids and boundaries:
 * - `dirichlet`: the unknowns are the `n` interior nodes of a grid whose boundary nodes
 *   hold 0 (spacing `h`, typically `L / (n + 1)`); coarsening needs `n` odd and keeps
 *   the nodes `1, 3, 5, ...` (vertex-centred), giving `(n - 1) / 2` unknowns.
 * - `neumann`: `n` cells with zero normal derivative at the walls (a ghost cell repeats
 *   the boundary cell); coarsening needs `n` even and merges pairs of cells.
 * - `periodic`: `n` nodes on a circle; coarsening needs `n` even and keeps even nodes.
 *
 * @module
 */
import type { StencilBoundary, StencilSpec, StencilTerm, SparsePattern } from '../backend/index.js';
import { ArgumentError, DTypeError, fmtValue } from '../errors.js';
import { gridTransfer, stencil, stencilRelax } from '../ops/linalg.js';
import { neg } from '../ops/elementwise.js';
import { tensor } from '../tensor/creation.js';
import { type DType, isFloat } from '../tensor/dtype.js';
import { sizeOf } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { type Boundary, type CompleteOperator, type Grid, identityOperator, scaleOperator, sumOperator } from './operator.js';


/** Grid options shared by the stencil constructors. */
export interface StencilGridOptions {
  /** Grid spacing, one number or one per axis (default 1). */
  spacing?: number | readonly number[];
  /** Boundary condition, one or one per axis (default `dirichlet`). */
  boundary?: Boundary | readonly Boundary[];
  /** float64 (default) or float32. */
  dtype?: DType;
}


const RULE: Record<Boundary, StencilBoundary> = { dirichlet: 'zero', neumann: 'edge', periodic: 'wrap' };

/** Validates and expands grid options. */
export function stencilGrid(shape: readonly number[], options: StencilGridOptions, fn: string): Grid {
  if (!Array.isArray(shape) || shape.length < 1 || shape.length > 3 || !shape.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new ArgumentError({ fn, arg: 'shape', expected: '1 to 3 positive integer extents', actual: fmtValue(shape) });
  }
  const D = shape.length;
  const perAxis = <T>(v: T | readonly T[] | undefined, def: T, arg: string): T[] => {
    const list = v === undefined ? Array<T>(D).fill(def) : Array.isArray(v) ? [...(v as T[])] : Array<T>(D).fill(v as T);
    if (list.length !== D) throw new ArgumentError({ fn, arg, expected: `one value or ${D}`, actual: fmtValue(v) });
    return list;
  };
  const spacing = perAxis(options.spacing, 1, 'spacing');
  if (!spacing.every((h) => typeof h === 'number' && Number.isFinite(h) && h > 0)) {
    throw new ArgumentError({ fn, arg: 'spacing', expected: 'positive finite numbers', actual: fmtValue(options.spacing) });
  }
  const boundary = perAxis<Boundary>(options.boundary, 'dirichlet', 'boundary');
  for (const b of boundary) {
    if (!(b in RULE)) throw new ArgumentError({ fn, arg: 'boundary', expected: "'dirichlet', 'neumann' or 'periodic'", actual: fmtValue(b) });
  }
  const dtype = options.dtype ?? 'float64';
  if (!isFloat(dtype)) throw new DTypeError({ fn, arg: 'dtype', expected: 'float32 or float64', actual: String(dtype) });
  return { shape: [...shape], spacing, boundary, dtype };
}

/** The grid coarsened by 2 per axis, or undefined where an axis cannot be coarsened. */
export function coarsenGrid(g: Grid): Grid | undefined {
  const shape: number[] = [];
  for (let d = 0; d < g.shape.length; d++) {
    const n = g.shape[d]!;
    if (g.boundary[d] === 'dirichlet' ? n < 3 || n % 2 === 0 : n < 4 || n % 2 === 1) return undefined;
    shape.push(g.boundary[d] === 'dirichlet' ? (n - 1) / 2 : n / 2);
  }
  return { ...g, shape, spacing: g.spacing.map((h) => 2 * h) };
}

/** `sum_t coef_t [map(i + offset_t) == i]`: the diagonal of a stencil on a grid. */
function stencilDiagonal(terms: readonly StencilTerm[], grid: Grid): Float64Array {
  const size = sizeOf(grid.shape);
  const out = new Float64Array(size);
  const D = grid.shape.length;
  const idx = new Array<number>(D).fill(0);
  for (let p = 0; p < size; p++) {
    let rem = p;
    for (let d = D - 1; d >= 0; d--) { idx[d] = rem % grid.shape[d]!; rem = Math.floor(rem / grid.shape[d]!); }
    for (const t of terms) {
      if (t.offset.every((o, d) => mapIndex(idx[d]! + o, grid.shape[d]!, grid.boundary[d]!) === idx[d])) out[p] += t.coef;
    }
  }
  return out;
}

function mapIndex(j: number, n: number, b: Boundary): number {
  if (j >= 0 && j < n) return j;
  if (b === 'dirichlet') return -1;
  if (b === 'neumann') return j < 0 ? 0 : n - 1;
  return ((j % n) + n) % n;
}

/** The CSR matrix of a stencil over flattened grid vectors (duplicates merged). */
function stencilCsr(terms: readonly StencilTerm[], grid: Grid): { pattern: SparsePattern; values: Float64Array } {
  const size = sizeOf(grid.shape);
  const D = grid.shape.length;
  const strides: number[] = [];
  for (let d = D - 1, s = 1; d >= 0; s *= grid.shape[d]!, d--) strides[d] = s;
  const indptr = new Int32Array(size + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const rows: number[] = [];
  const idx = new Array<number>(D).fill(0);
  for (let p = 0; p < size; p++) {
    let rem = p;
    for (let d = D - 1; d >= 0; d--) { idx[d] = rem % grid.shape[d]!; rem = Math.floor(rem / grid.shape[d]!); }
    const row = new Map<number, number>();
    for (const t of terms) {
      let q = 0;
      for (let d = 0; d < D && q >= 0; d++) {
        const j = mapIndex(idx[d]! + t.offset[d]!, grid.shape[d]!, grid.boundary[d]!);
        q = j < 0 ? -1 : q + j * strides[d]!;
      }
      if (q >= 0) row.set(q, (row.get(q) ?? 0) + t.coef);
    }
    for (const q of [...row.keys()].sort((a, b) => a - b)) { cols.push(q); vals.push(row.get(q)!); rows.push(p); }
    indptr[p + 1] = cols.length;
  }
  return { pattern: { nRows: size, nCols: size, indptr, indices: Int32Array.from(cols), rows: Int32Array.from(rows) }, values: Float64Array.from(vals) };
}

/** True when every off-centre coupling joins points of opposite parity. */
function stencilCheckerboard(terms: readonly StencilTerm[], grid: Grid): boolean {
  const oddWrap = grid.boundary.some((b, d) => b === 'periodic' && grid.shape[d]! % 2 === 1 && grid.shape[d]! > 1);
  return !oddWrap && terms.every((t) => t.coef === 0 || t.offset.every((o) => o === 0) || t.offset.reduce((s, o) => s + Math.abs(o), 0) % 2 === 1);
}

/**
 * An operator from a constant-coefficient stencil on `grid`. `rebuild` makes the same
 * operator on another grid (used to coarsen); without it the operator cannot coarsen.
 */
export function stencilOperator(
  terms: readonly StencilTerm[], grid: Grid, rebuild?: (g: Grid) => CompleteOperator,
): CompleteOperator {
  const spec: StencilSpec = { terms, boundary: grid.boundary.map((b) => RULE[b]) };
  // Caches hold plain arrays, never tensors: a tensor made inside someone's tidy() scope
  // would be released when that scope closes.
  let diag: Float64Array | undefined;
  let csr: { pattern: SparsePattern; values: Float64Array } | undefined;
  let coarse: { op: CompleteOperator | undefined } | undefined;
  return {
    inShape: grid.shape,
    outShape: grid.shape,
    dtype: grid.dtype,
    params: [],
    grid,
    apply: (x: Tensor) => stencil(x, spec),
    applyTranspose: (y: Tensor) => stencil(y, spec, { transpose: true }),
    relax: (x: Tensor, b: Tensor, w: Tensor) => stencilRelax(x, b, w, spec),
    diagonal: () => tensor((diag ??= stencilDiagonal(terms, grid)), { shape: grid.shape, dtype: grid.dtype }),
    csr: () => {
      csr ??= stencilCsr(terms, grid);
      return { pattern: csr.pattern, values: tensor(csr.values, { dtype: grid.dtype }) };
    },
    coarsen: () => {
      if (coarse === undefined) {
        const g = rebuild && coarsenGrid(grid);
        coarse = { op: g ? rebuild!(g) : undefined };
      }
      return coarse.op;
    },
    checkerboard: stencilCheckerboard(terms, grid),
  };
}

/** The 3-point-per-axis Laplacian terms: `sum_d (x[i-e_d] - 2 x[i] + x[i+e_d]) / h_d^2`. */
function laplacianTerms(grid: Grid, scale: number): StencilTerm[] {
  const D = grid.shape.length;
  const terms: StencilTerm[] = [];
  let centre = 0;
  for (let d = 0; d < D; d++) {
    const w = scale / (grid.spacing[d]! * grid.spacing[d]!);
    centre -= 2 * w;
    for (const s of [-1, 1]) terms.push({ offset: Array.from({ length: D }, (_, e) => (e === d ? s : 0)), coef: w });
  }
  terms.unshift({ offset: new Array<number>(D).fill(0), coef: centre });
  return terms;
}

/** The second-order finite-difference Laplacian (negative semi-definite). */
export function laplacian(shape: readonly number[], options: StencilGridOptions = {}): CompleteOperator {
  const build = (g: Grid): CompleteOperator => stencilOperator(laplacianTerms(g, 1), g, build);
  return build(stencilGrid(shape, options, 'laplacian'));
}

/**
 * The Poisson operator `-Laplacian`: symmetric positive definite with Dirichlet
 * boundaries (singular, with constants in its null space, when every axis is periodic
 * or Neumann).
 */
export function poisson(shape: readonly number[], options: StencilGridOptions = {}): CompleteOperator {
  const build = (g: Grid): CompleteOperator => stencilOperator(laplacianTerms(g, -1), g, build);
  return build(stencilGrid(shape, options, 'poisson'));
}

/**
 * The central first derivative along `axis`, `(x[i+1] - x[i-1]) / (2h)` (skew-symmetric
 * with Dirichlet or periodic boundaries).
 */
export function firstDerivative(shape: readonly number[], axis: number, options: StencilGridOptions = {}): CompleteOperator {
  const grid = stencilGrid(shape, options, 'firstDerivative');
  const D = grid.shape.length;
  if (!Number.isInteger(axis) || axis < -D || axis >= D) {
    throw new ArgumentError({ fn: 'firstDerivative', arg: 'axis', expected: `an axis in [${-D}, ${D - 1}]`, actual: fmtValue(axis) });
  }
  const a = axis < 0 ? axis + D : axis;
  const build = (g: Grid): CompleteOperator => {
    const w = 1 / (2 * g.spacing[a]!);
    const unit = (s: number) => Array.from({ length: D }, (_, e) => (e === a ? s : 0));
    return stencilOperator([{ offset: unit(1), coef: w }, { offset: unit(-1), coef: -w }], g, build);
  };
  return build(grid);
}

/** Options of {@link heatOperator}. */
export interface HeatOptions extends StencilGridOptions {
  /**
   * The diffusion number `nu * dt` (units of length squared): a number, or a scalar
   * tensor to differentiate with respect to.
   */
  a: number | Tensor;
}

/**
 * The backward-Euler (BTCS) heat operator `I - a Laplacian`: one implicit step of
 * `u_t = nu Laplacian u` solves `(I - nu dt Laplacian) u^{n+1} = u^n`. Symmetric positive
 * definite for `a > 0` with any of the boundaries.
 */
export function heatOperator(shape: readonly number[], options: HeatOptions): CompleteOperator {
  const fn = 'heatOperator';
  const { a } = options ?? {};
  const grid = stencilGrid(shape, options ?? {}, fn);
  if (a instanceof Tensor) {
    if (a.size !== 1) throw new ArgumentError({ fn, arg: 'a', expected: 'a number or a one-element tensor', actual: `shape [${a.shape.join(', ')}]` });
    const L = laplacian(shape, options);
    return sumOperator(identityOperator(grid.shape, { dtype: grid.dtype }), scaleOperator(neg(a), L));
  }
  if (typeof a !== 'number' || !Number.isFinite(a)) {
    throw new ArgumentError({ fn, arg: 'a', expected: 'a finite number or a scalar tensor', actual: fmtValue(a) });
  }
  const build = (g: Grid): CompleteOperator => {
    const terms = laplacianTerms(g, -a);
    terms[0] = { offset: terms[0]!.offset, coef: 1 + terms[0]!.coef };
    return stencilOperator(terms, g, build);
  };
  return build(grid);
}

// ---------------------------------------------------------------------------------------
// Grid transfers for multigrid

/** Fine-to-coarse restriction `R` over the trailing grid axes of `x` (full weighting; pairwise averages for cells). */
export function restrict(x: Tensor, fine: Grid): Tensor {
  const lead = x.ndim - fine.shape.length;
  return fine.boundary.reduce((y, b, d) => gridTransfer(y, lead + d, RULE[b], true), x);
}

/** Coarse-to-fine prolongation `P = 2^D R^T` (linear interpolation; piecewise constant for cells). */
export function prolong(x: Tensor, fine: Grid): Tensor {
  const lead = x.ndim - fine.shape.length;
  return fine.boundary.reduce((y, b, d) => gridTransfer(y, lead + d, RULE[b], false), x);
}
