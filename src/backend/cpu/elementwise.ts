/**
 * CPU elementwise kernels. Each op has a scalar function; the hottest arithmetic ops also
 * have a hand-written run loop, because a loop that calls a function passed in as an
 * argument is slow once many different functions pass through it (the call site in V8
 * becomes megamorphic), while a loop written out per op compiles to tight machine code.
 *
 * All transcendental functions come from `dmath`, so float64 results are identical on
 * every JS engine.
 *
 * @module
 */
import * as dm from '../../dmath/index.js';
import type { BinaryOp, UnaryOp } from '../backend.js';
import { type DType, type TypedArray, allocate } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/tensor.js';
import { sizeOf } from '../../tensor/shape.js';
import { arrayOf } from './storage.js';
import { broadcastStrides, coalesce, flatStride, forEachRun } from './strided.js';

type Arr = TypedArray;
type Scalar1 = (x: number) => number;
type Scalar2 = (a: number, b: number) => number;

/** Round half to even, as NumPy does. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  const r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  // Keep the sign of a zero result: round(-0.4) is -0, as in NumPy.
  return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
}

/** Scalar definitions of the unary ops. */
export const UNARY: { readonly [K in UnaryOp]: Scalar1 } = {
  neg: (x) => -x,
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x),
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  relu: (x) => (x > 0 ? x : x !== x ? x : 0),
  exp: dm.exp,
  expm1: dm.expm1,
  log: dm.log,
  log1p: dm.log1p,
  log2: dm.log2,
  log10: dm.log10,
  sqrt: Math.sqrt,
  sin: dm.sin,
  cos: dm.cos,
  tan: dm.tan,
  asin: dm.asin,
  acos: dm.acos,
  atan: dm.atan,
  sinh: dm.sinh,
  cosh: dm.cosh,
  tanh: dm.tanh,
  sigmoid: (x) => {
    if (x >= 0) return 1 / (1 + dm.exp(-x));
    const e = dm.exp(x);
    return e / (1 + e);
  },
  erf: dm.erf,
  floor: Math.floor,
  ceil: Math.ceil,
  round: roundHalfEven,
  logicalNot: (x) => (x === 0 ? 1 : 0),
};

/** Scalar definitions of the binary ops (comparisons give 1 or 0). */
export const BINARY: { readonly [K in BinaryOp]: Scalar2 } = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: dm.pow,
  maximum: (a, b) => (a > b || a !== a ? a : b),
  minimum: (a, b) => (a < b || a !== a ? a : b),
  atan2: dm.atan2,
  // Floor modulo: the result takes the sign of the divisor, as in NumPy.
  mod: (a, b) => {
    const r = a % b;
    return r !== 0 && r < 0 !== b < 0 ? r + b : r;
  },
  equal: (a, b) => (a === b ? 1 : 0),
  notEqual: (a, b) => (a !== b ? 1 : 0),
  less: (a, b) => (a < b ? 1 : 0),
  lessEqual: (a, b) => (a <= b ? 1 : 0),
  greater: (a, b) => (a > b ? 1 : 0),
  greaterEqual: (a, b) => (a >= b ? 1 : 0),
  logicalAnd: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  logicalOr: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
  logicalXor: (a, b) => ((a !== 0) !== (b !== 0) ? 1 : 0),
};

/** int32 products must wrap like 32-bit integers; a double product loses low bits first. */
const INT_OVERRIDES: Partial<Record<BinaryOp, Scalar2>> = { mul: Math.imul };
const INT_UNARY_OVERRIDES: Partial<Record<UnaryOp, Scalar1>> = { square: (x) => Math.imul(x, x) };

type Run2 = (a: Arr, ia: number, sa: number, b: Arr, ib: number, sb: number, o: Arr, io: number, n: number) => void;
type Run1 = (a: Arr, ia: number, sa: number, o: Arr, io: number, n: number) => void;

// Unit strides (the common dense case) get a loop without stride arithmetic, unrolled by
// four: V8 does not vectorise, and independent statements overlap (about 1.5x on a
// server core).
const RUN2: Partial<Record<BinaryOp, Run2>> = {
  add: (a, ia, sa, b, ib, sb, o, io, n) => {
    if (sa === 1 && sb === 1) {
      let k = 0;
      for (; k + 3 < n; k += 4) {
        o[io + k] = a[ia + k]! + b[ib + k]!;
        o[io + k + 1] = a[ia + k + 1]! + b[ib + k + 1]!;
        o[io + k + 2] = a[ia + k + 2]! + b[ib + k + 2]!;
        o[io + k + 3] = a[ia + k + 3]! + b[ib + k + 3]!;
      }
      for (; k < n; k++) o[io + k] = a[ia + k]! + b[ib + k]!;
    } else for (let k = 0; k < n; k++, ia += sa, ib += sb) o[io + k] = a[ia]! + b[ib]!;
  },
  sub: (a, ia, sa, b, ib, sb, o, io, n) => {
    if (sa === 1 && sb === 1) {
      let k = 0;
      for (; k + 3 < n; k += 4) {
        o[io + k] = a[ia + k]! - b[ib + k]!;
        o[io + k + 1] = a[ia + k + 1]! - b[ib + k + 1]!;
        o[io + k + 2] = a[ia + k + 2]! - b[ib + k + 2]!;
        o[io + k + 3] = a[ia + k + 3]! - b[ib + k + 3]!;
      }
      for (; k < n; k++) o[io + k] = a[ia + k]! - b[ib + k]!;
    } else for (let k = 0; k < n; k++, ia += sa, ib += sb) o[io + k] = a[ia]! - b[ib]!;
  },
  mul: (a, ia, sa, b, ib, sb, o, io, n) => {
    if (sa === 1 && sb === 1) {
      let k = 0;
      for (; k + 3 < n; k += 4) {
        o[io + k] = a[ia + k]! * b[ib + k]!;
        o[io + k + 1] = a[ia + k + 1]! * b[ib + k + 1]!;
        o[io + k + 2] = a[ia + k + 2]! * b[ib + k + 2]!;
        o[io + k + 3] = a[ia + k + 3]! * b[ib + k + 3]!;
      }
      for (; k < n; k++) o[io + k] = a[ia + k]! * b[ib + k]!;
    } else for (let k = 0; k < n; k++, ia += sa, ib += sb) o[io + k] = a[ia]! * b[ib]!;
  },
  div: (a, ia, sa, b, ib, sb, o, io, n) => {
    if (sa === 1 && sb === 1) {
      let k = 0;
      for (; k + 3 < n; k += 4) {
        o[io + k] = a[ia + k]! / b[ib + k]!;
        o[io + k + 1] = a[ia + k + 1]! / b[ib + k + 1]!;
        o[io + k + 2] = a[ia + k + 2]! / b[ib + k + 2]!;
        o[io + k + 3] = a[ia + k + 3]! / b[ib + k + 3]!;
      }
      for (; k < n; k++) o[io + k] = a[ia + k]! / b[ib + k]!;
    } else for (let k = 0; k < n; k++, ia += sa, ib += sb) o[io + k] = a[ia]! / b[ib]!;
  },
};

const RUN1: Partial<Record<UnaryOp, Run1>> = {
  neg: (a, ia, sa, o, io, n) => {
    for (let k = 0; k < n; k++, ia += sa) o[io + k] = -a[ia]!;
  },
  square: (a, ia, sa, o, io, n) => {
    for (let k = 0; k < n; k++, ia += sa) o[io + k] = a[ia]! * a[ia]!;
  },
};

function genericRun2(f: Scalar2): Run2 {
  return (a, ia, sa, b, ib, sb, o, io, n) => {
    for (let k = 0; k < n; k++, ia += sa, ib += sb) o[io + k] = f(a[ia]!, b[ib]!);
  };
}

function genericRun1(f: Scalar1): Run1 {
  return (a, ia, sa, o, io, n) => {
    for (let k = 0; k < n; k++, ia += sa) o[io + k] = f(a[ia]!);
  };
}

const isIntLike = (d: DType): boolean => d === 'int32' || d === 'bool';

/** Applies a unary op to every element of `x`, writing a dense array of `outDtype`. */
export function unaryKernel(op: UnaryOp, x: Tensor, outDtype: DType): TypedArray {
  const out = allocate(outDtype, x.size, false);
  const special = isIntLike(x.dtype) ? INT_UNARY_OVERRIDES[op] : undefined;
  const run = special ? genericRun1(special) : (RUN1[op] ?? genericRun1(UNARY[op]));
  const loop = coalesce(x.shape, [x.strides]);
  const A = arrayOf(x);
  const sa = loop.strides[0]!.at(-1)!;
  forEachRun(loop, [x.offset], (pos, o, n) => run(A, pos[0]!, sa, out, o, n));
  return out;
}

/** Applies a binary op with broadcasting, writing a dense array of `outShape` and `outDtype`. */
export function binaryKernel(
  op: BinaryOp,
  a: Tensor,
  b: Tensor,
  outShape: readonly number[],
  outDtype: DType,
): TypedArray {
  const out = allocate(outDtype, sizeOf(outShape), false);
  const intMath = isIntLike(a.dtype) && isIntLike(b.dtype);
  const special = intMath ? INT_OVERRIDES[op] : undefined;
  const run = special ? genericRun2(special) : (RUN2[op] ?? genericRun2(BINARY[op]));
  const A = arrayOf(a);
  const B = arrayOf(b);
  const fa = flatStride(a, out.length);
  const fb = flatStride(b, out.length);
  if (fa !== undefined && fb !== undefined) {
    run(A, a.offset, fa, B, b.offset, fb, out, 0, out.length);
    return out;
  }
  const loop = coalesce(outShape, [broadcastStrides(a, outShape), broadcastStrides(b, outShape)]);
  const sa = loop.strides[0]!.at(-1)!;
  const sb = loop.strides[1]!.at(-1)!;
  forEachRun(loop, [a.offset, b.offset], (pos, o, n) => run(A, pos[0]!, sa, B, pos[1]!, sb, out, o, n));
  return out;
}

/** `cond ? a : b` elementwise with broadcasting. */
export function whereKernel(
  cond: Tensor,
  a: Tensor,
  b: Tensor,
  outShape: readonly number[],
  dtype: DType,
): TypedArray {
  const out = allocate(dtype, sizeOf(outShape), false);
  const loop = coalesce(outShape, [cond, a, b].map((t) => broadcastStrides(t, outShape)));
  const [C, A, B] = [arrayOf(cond), arrayOf(a), arrayOf(b)];
  const [sc, sa, sb] = loop.strides.map((s) => s.at(-1)!) as [number, number, number];
  forEachRun(loop, [cond.offset, a.offset, b.offset], (pos, o, n) => {
    let ic = pos[0]!, ia = pos[1]!, ib = pos[2]!;
    for (let k = 0; k < n; k++, ic += sc, ia += sa, ib += sb) out[o + k] = C[ic] ? A[ia]! : B[ib]!;
  });
  return out;
}

/** A dense copy of `x` converted to `dtype` (to bool: non-zero, NaN included, is true). */
export function castKernel(x: Tensor, dtype: DType): TypedArray {
  const out = allocate(dtype, x.size, false);
  const A = arrayOf(x);
  const loop = coalesce(x.shape, [x.strides]);
  const sa = loop.strides[0]!.at(-1)!;
  const toBool = dtype === 'bool' && x.dtype !== 'bool';
  forEachRun(loop, [x.offset], (pos, o, n) => {
    let ia = pos[0]!;
    if (toBool) for (let k = 0; k < n; k++, ia += sa) out[o + k] = A[ia] !== 0 ? 1 : 0;
    else for (let k = 0; k < n; k++, ia += sa) out[o + k] = A[ia]!;
  });
  return out;
}
