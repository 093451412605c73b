/**
 * Elementwise ops: the unary and binary rule tables, `where` and `cast`.
 *
 * Each table is keyed by the backend's op names and typed as a complete record, so an
 * op that a backend can compute but that has no dtype rule and VJP here fails `tsc`.
 * A VJP of `null` declares the derivative zero wherever it exists (sign, floor, the
 * comparisons); nothing is propagated through such an op.
 *
 * @module
 */
import type { BinaryOp, ComplexBinaryOp, ComplexUnaryOp, UnaryOp } from '../backend/index.js';
import { ArgumentError, DTypeError } from '../errors.js';
import { type DType, checkDType, isComplex, isFloat, isInexact, promoteTypes, realOf, toFloat } from '../tensor/dtype.js';
import { broadcastShapes } from '../tensor/shape.js';
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { complex, imag, real } from './complex.js';
import { toOperands, toTensor } from './convert.js';
import { type Primitive, bind } from './primitive.js';
import { sumTo } from './reduce.js';

// ---------------------------------------------------------------------------------------
// Unary

/** How a unary op's output dtype follows its input, and its VJP. */
interface UnaryRule {
  /** 'float': integers become float64; 'same': bool becomes int32; 'bool': logical. */
  readonly out: 'float' | 'same' | 'bool';
  /** `g * f'(x)` given the input x and the output y; null: zero derivative. */
  readonly vjp: ((g: Tensor, x: Tensor, y: Tensor) => Tensor) | null;
}

const TWO_OVER_SQRT_PI = 1.1283791670955126;

const UNARY_RULES: { readonly [K in UnaryOp]: UnaryRule } = {
  neg: { out: 'same', vjp: (g) => neg(g) },
  abs: { out: 'same', vjp: (g, x) => mul(g, sign(x)) },
  sign: { out: 'same', vjp: null },
  square: { out: 'same', vjp: (g, x) => mul(g, mul(x, 2)) },
  reciprocal: { out: 'float', vjp: (g, _x, y) => neg(mul(g, square(y))) },
  relu: { out: 'same', vjp: (g, x) => where(greater(x, 0), g, 0) },
  exp: { out: 'float', vjp: (g, _x, y) => mul(g, y) },
  expm1: { out: 'float', vjp: (g, _x, y) => mul(g, add(y, 1)) },
  log: { out: 'float', vjp: (g, x) => div(g, x) },
  log1p: { out: 'float', vjp: (g, x) => div(g, add(x, 1)) },
  log2: { out: 'float', vjp: (g, x) => div(g, mul(x, Math.LN2)) },
  log10: { out: 'float', vjp: (g, x) => div(g, mul(x, Math.LN10)) },
  sqrt: { out: 'float', vjp: (g, _x, y) => div(g, mul(y, 2)) },
  sin: { out: 'float', vjp: (g, x) => mul(g, cos(x)) },
  cos: { out: 'float', vjp: (g, x) => neg(mul(g, sin(x))) },
  tan: { out: 'float', vjp: (g, _x, y) => mul(g, add(square(y), 1)) },
  asin: { out: 'float', vjp: (g, x) => div(g, sqrt(sub(1, square(x)))) },
  acos: { out: 'float', vjp: (g, x) => neg(div(g, sqrt(sub(1, square(x))))) },
  atan: { out: 'float', vjp: (g, x) => div(g, add(square(x), 1)) },
  sinh: { out: 'float', vjp: (g, x) => mul(g, cosh(x)) },
  cosh: { out: 'float', vjp: (g, x) => mul(g, sinh(x)) },
  tanh: { out: 'float', vjp: (g, _x, y) => mul(g, sub(1, square(y))) },
  sigmoid: { out: 'float', vjp: (g, _x, y) => mul(g, mul(y, sub(1, y))) },
  erf: { out: 'float', vjp: (g, x) => mul(g, mul(exp(neg(square(x))), TWO_OVER_SQRT_PI)) },
  floor: { out: 'same', vjp: null },
  ceil: { out: 'same', vjp: null },
  round: { out: 'same', vjp: null },
  logicalNot: { out: 'bool', vjp: null },
};

function unaryOutDType(rule: UnaryRule, d: DType): DType {
  if (rule.out === 'bool') return 'bool';
  if (rule.out === 'float') return toFloat(d);
  return d === 'bool' ? 'int32' : d;
}

function unary(op: UnaryOp): (x: TensorLike) => Tensor {
  const rule = UNARY_RULES[op];
  const prim: Primitive<null> = {
    name: op,
    forward: ([x]) => x!.storage.backend.unary(op, x!, unaryOutDType(rule, x!.dtype)),
    vjp: (g, [x], y) => [rule.vjp !== null && isFloat(x!.dtype) ? rule.vjp(g, x!, y) : null],
  };
  const complexPrim = op in COMPLEX_UNARY_RULES ? complexUnaryPrim(op as ComplexUnaryOp) : undefined;
  return (x) => {
    const t = toTensor(x, op);
    if (!isComplex(t.dtype)) return bind(prim, [t], null);
    if (complexPrim === undefined) throw notForComplex(op);
    return bind(complexPrim, [t], null);
  };
}

function notForComplex(fn: string): DTypeError {
  return new DTypeError({ fn, arg: 'x', expected: 'a real tensor (this op is not defined for complex values)', actual: 'a complex tensor' });
}

// ---------------------------------------------------------------------------------------
// Complex unary ops. Gradients follow one convention: for a real loss L of a complex z =
// x + iy, the cotangent is dL/dx + i dL/dy (PyTorch's). For a holomorphic f, the VJP is
// then g * conj(f'(z)).

/** The VJP of a complex unary op, given the input x and the output y. */
interface ComplexUnaryRule {
  readonly vjp: (g: Tensor, x: Tensor, y: Tensor) => Tensor;
}

const COMPLEX_UNARY_RULES: { readonly [K in ComplexUnaryOp]: ComplexUnaryRule } = {
  neg: { vjp: (g) => neg(g) },
  conj: { vjp: (g) => conj(g) },
  exp: { vjp: (g, _x, y) => mul(g, conj(y)) },
  // |z| is real: d|z|/dx + i d|z|/dy = z / |z| (0 at z = 0), divided part by part in
  // real arithmetic, which rounds once per part.
  abs: {
    vjp: (g, x, y) => {
      const r = where(equal(y, 0), 1, y);
      return complex(div(mul(g, real(x)), r), div(mul(g, imag(x)), r));
    },
  },
  square: { vjp: (g, x) => mul(g, conj(mul(x, 2))) },
  reciprocal: { vjp: (g, _x, y) => neg(mul(g, conj(square(y)))) },
};

/** The primitive of a complex unary op (`abs` returns the real dtype of its parts). */
function complexUnaryPrim(op: ComplexUnaryOp): Primitive<null> {
  const rule = COMPLEX_UNARY_RULES[op];
  return {
    name: `complex ${op}`,
    forward: ([x]) => x!.storage.backend.complexUnary(op, x!, op === 'abs' ? realOf(x!.dtype) : x!.dtype),
    vjp: (g, [x], y) => [rule.vjp(g, x!, y)],
  };
}

/** `-x`. */
export const neg = unary('neg');
/** `|x|`; its derivative at 0 is taken as 0. */
export const abs = unary('abs');
/** -1, 0 or 1 by the sign of x (NaN stays NaN). Zero derivative. */
export const sign = unary('sign');
/** `x * x`. */
export const square = unary('square');
/** `1 / x`. */
export const reciprocal = unary('reciprocal');
/** `max(x, 0)`; its derivative at 0 is taken as 0. */
export const relu = unary('relu');
/** `e^x` (deterministic `dmath.exp` on the CPU). */
export const exp = unary('exp');
/** `e^x - 1`, accurate for small x. */
export const expm1 = unary('expm1');
/** Natural logarithm. */
export const log = unary('log');
/** `log(1 + x)`, accurate for small x. */
export const log1p = unary('log1p');
/** Base-2 logarithm (exact at powers of two). */
export const log2 = unary('log2');
/** Base-10 logarithm (exact at powers of ten). */
export const log10 = unary('log10');
/** Square root (correctly rounded). */
export const sqrt = unary('sqrt');
/** Sine. */
export const sin = unary('sin');
/** Cosine. */
export const cos = unary('cos');
/** Tangent. */
export const tan = unary('tan');
/** Arcsine. */
export const asin = unary('asin');
/** Arccosine. */
export const acos = unary('acos');
/** Arctangent. */
export const atan = unary('atan');
/** Hyperbolic sine. */
export const sinh = unary('sinh');
/** Hyperbolic cosine. */
export const cosh = unary('cosh');
/** Hyperbolic tangent. */
export const tanh = unary('tanh');
/** Logistic sigmoid `1 / (1 + e^-x)`, evaluated without overflow for either sign. */
export const sigmoid = unary('sigmoid');
/** Error function `2/sqrt(pi) * integral_0^x e^(-t^2) dt`. */
export const erf = unary('erf');
/** Largest integer <= x. Zero derivative. */
export const floor = unary('floor');
/** Smallest integer >= x. Zero derivative. */
export const ceil = unary('ceil');
/** Nearest integer, halves to even (as NumPy). Zero derivative. */
export const round = unary('round');
/** Logical not (non-zero is true). */
export const logicalNot = unary('logicalNot');

const conjPrim = complexUnaryPrim('conj');

/** The complex conjugate `x - iy`; a real tensor is returned as it is. */
export function conj(z: TensorLike): Tensor {
  const t = toTensor(z, 'conj', 'z');
  return isComplex(t.dtype) ? bind(conjPrim, [t], null) : t;
}

// ---------------------------------------------------------------------------------------
// Binary

/** Output dtype and VJP of a binary op. */
interface BinaryRule {
  /** 'promote': common dtype (bool becomes int32); 'float': at least float64 for integers; 'bool'. */
  readonly out: 'promote' | 'float' | 'bool';
  /** Cotangents of a and b at the broadcast shape; null: zero derivative. */
  readonly vjp: ((g: Tensor, a: Tensor, b: Tensor, y: Tensor) => [Tensor | null, Tensor | null]) | null;
}

/** Weight of `a` in a max/min: 1 where it wins, 1/2 on ties (as JAX), else 0. */
function winnerWeight(wins: Tensor, a: Tensor, b: Tensor, g: Tensor): Tensor {
  return cast(where(wins, 1, where(equal(a, b), 0.5, 0)), g.dtype);
}

const BINARY_RULES: { readonly [K in BinaryOp]: BinaryRule } = {
  add: { out: 'promote', vjp: (g) => [g, g] },
  sub: { out: 'promote', vjp: (g) => [g, neg(g)] },
  mul: { out: 'promote', vjp: (g, a, b) => [mul(g, b), mul(g, a)] },
  div: { out: 'float', vjp: (g, _a, b, y) => [div(g, b), neg(div(mul(g, y), b))] },
  pow: {
    out: 'promote',
    // d/db a^b = a^b log(a), with log(0) replaced by 0 so that 0^b has a finite b-gradient.
    vjp: (g, a, b, y) => [mul(g, mul(b, pow(a, sub(b, 1)))), mul(g, mul(y, log(where(equal(a, 0), 1, a))))],
  },
  maximum: {
    out: 'promote',
    vjp: (g, a, b) => {
      const w = winnerWeight(greater(a, b), a, b, g);
      return [mul(g, w), mul(g, sub(1, w))];
    },
  },
  minimum: {
    out: 'promote',
    vjp: (g, a, b) => {
      const w = winnerWeight(less(a, b), a, b, g);
      return [mul(g, w), mul(g, sub(1, w))];
    },
  },
  atan2: {
    out: 'float',
    vjp: (g, a, b) => {
      const r2 = add(square(a), square(b));
      return [div(mul(g, b), r2), neg(div(mul(g, a), r2))];
    },
  },
  mod: { out: 'promote', vjp: (g, a, b) => [g, neg(mul(g, floor(div(a, b))))] },
  equal: { out: 'bool', vjp: null },
  notEqual: { out: 'bool', vjp: null },
  less: { out: 'bool', vjp: null },
  lessEqual: { out: 'bool', vjp: null },
  greater: { out: 'bool', vjp: null },
  greaterEqual: { out: 'bool', vjp: null },
  logicalAnd: { out: 'bool', vjp: null },
  logicalOr: { out: 'bool', vjp: null },
  logicalXor: { out: 'bool', vjp: null },
};

function binaryOutDType(rule: BinaryRule, a: DType, b: DType): DType {
  if (rule.out === 'bool') return 'bool';
  const p = promoteTypes(a, b);
  if (rule.out === 'float') return toFloat(p);
  return p === 'bool' ? 'int32' : p;
}

function binary(op: BinaryOp): (a: TensorLike, b: TensorLike) => Tensor {
  const rule = BINARY_RULES[op];
  const prim: Primitive<{ shape: number[] }> = {
    name: op,
    forward: ([a, b], { shape }) => a!.storage.backend.binary(op, a!, b!, shape, binaryOutDType(rule, a!.dtype, b!.dtype)),
    vjp: (g, [a, b], y) => {
      if (rule.vjp === null) return [null, null];
      const [ga, gb] = rule.vjp(g, a!, b!, y);
      return [
        ga !== null && isFloat(a!.dtype) ? sumTo(ga, a!.shape) : null,
        gb !== null && isFloat(b!.dtype) ? sumTo(gb, b!.shape) : null,
      ];
    },
  };
  const complexPrim = op in COMPLEX_BINARY_RULES ? complexBinaryPrim(op as ComplexBinaryOp) : undefined;
  return (x, y) => {
    const [a, b] = toOperands(x, y, op);
    checkSameBackend(a, b, op);
    const shape = broadcastShapes(op, a.shape, b.shape);
    if (!isComplex(a.dtype) && !isComplex(b.dtype)) return bind(prim, [a, b], { shape });
    if (complexPrim === undefined) throw notForComplex(op);
    const dtype = promoteTypes(a.dtype, b.dtype);
    return bind(complexPrim, [cast(a, dtype), cast(b, dtype)], { shape });
  };
}

/** Cotangents of a and b of a complex binary op at the broadcast shape; null: none. */
type ComplexBinaryRule = ((g: Tensor, a: Tensor, b: Tensor, y: Tensor) => [Tensor, Tensor]) | null;

const COMPLEX_BINARY_RULES: { readonly [K in ComplexBinaryOp]: ComplexBinaryRule } = {
  add: (g) => [g, g],
  sub: (g) => [g, neg(g)],
  mul: (g, a, b) => [mul(g, conj(b)), mul(g, conj(a))],
  // y = a / b: dy/da = 1/b, dy/db = -y/b.
  div: (g, _a, b, y) => {
    const ga = div(g, conj(b));
    return [ga, neg(mul(ga, conj(y)))];
  },
  equal: null,
  notEqual: null,
};

function complexBinaryPrim(op: ComplexBinaryOp): Primitive<{ shape: number[] }> {
  const rule = COMPLEX_BINARY_RULES[op];
  return {
    name: `complex ${op}`,
    forward: ([a, b], { shape }) => a!.storage.backend.complexBinary(op, a!, b!, shape, rule === null ? 'bool' : a!.dtype),
    vjp: (g, [a, b], y) => {
      if (rule === null) return [null, null];
      const [ga, gb] = rule(g, a!, b!, y);
      return [sumTo(ga, a!.shape), sumTo(gb, b!.shape)];
    },
  };
}

function checkSameBackend(a: Tensor, b: Tensor, fn: string): void {
  if (a.storage.backend !== b.storage.backend) {
    throw new ArgumentError({ fn, arg: 'b', expected: `a tensor on backend '${a.storage.backend.name}'`, actual: `one on '${b.storage.backend.name}'` });
  }
}

/** `a + b` with broadcasting. */
export const add = binary('add');
/** `a - b` with broadcasting. */
export const sub = binary('sub');
/** `a * b` with broadcasting. */
export const mul = binary('mul');
/** `a / b` with broadcasting; integers divide as floats. */
export const div = binary('div');
/** `a ** b` with broadcasting (deterministic `dmath.pow` on the CPU). */
export const pow = binary('pow');
/** Elementwise maximum; NaN propagates; ties share the gradient. */
export const maximum = binary('maximum');
/** Elementwise minimum; NaN propagates; ties share the gradient. */
export const minimum = binary('minimum');
/** `atan2(a, b)`: the angle of the point (b, a), in (-pi, pi]. */
export const atan2 = binary('atan2');
/** Floor modulo: `a - floor(a / b) * b`, with the sign of b (as NumPy's `%`). */
export const mod = binary('mod');
/** `a == b` (bool). */
export const equal = binary('equal');
/** `a != b` (bool). */
export const notEqual = binary('notEqual');
/** `a < b` (bool). */
export const less = binary('less');
/** `a <= b` (bool). */
export const lessEqual = binary('lessEqual');
/** `a > b` (bool). */
export const greater = binary('greater');
/** `a >= b` (bool). */
export const greaterEqual = binary('greaterEqual');
/** Logical and (non-zero is true). */
export const logicalAnd = binary('logicalAnd');
/** Logical or (non-zero is true). */
export const logicalOr = binary('logicalOr');
/** Logical exclusive or (non-zero is true). */
export const logicalXor = binary('logicalXor');

// ---------------------------------------------------------------------------------------
// where, cast and small compositions

const wherePrim: Primitive<{ shape: number[]; dtype: DType }> = {
  name: 'where',
  forward: ([c, a, b], { shape, dtype }) => c!.storage.backend.where(c!, a!, b!, shape, dtype),
  vjp: (g, [c, a, b]) => [
    null,
    isInexact(a!.dtype) ? sumTo(where(c!, g, 0), a!.shape) : null,
    isInexact(b!.dtype) ? sumTo(where(c!, 0, g), b!.shape) : null,
  ],
};

/** `cond ? a : b` elementwise, broadcasting all three; `cond` is bool (others are tested for non-zero). */
export function where(cond: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  let c = toTensor(cond, 'where', 'cond');
  if (c.dtype !== 'bool') c = notEqual(c, 0);
  // Two plain numbers take the condition's backend (in its widest float).
  const [x, y] = toOperands(a, b, 'where', c.storage.backend);
  checkSameBackend(c, x, 'where');
  checkSameBackend(x, y, 'where');
  const shape = broadcastShapes('where', c.shape, x.shape, y.shape);
  const dtype = promoteTypes(x.dtype, y.dtype);
  // Complex values move as pairs, so both branches must be of the result's dtype.
  const [xs, ys] = isComplex(dtype) ? [cast(x, dtype), cast(y, dtype)] : [x, y];
  return bind(wherePrim, [c, xs, ys], { shape, dtype });
}

const castPrim: Primitive<{ dtype: DType }> = {
  name: 'cast',
  forward: ([x], { dtype }) => x!.storage.backend.cast(x!, dtype),
  vjp: (g, [x]) => {
    if (!isInexact(x!.dtype) || !isInexact(g.dtype)) return [null];
    // A real value made complex only moves the real part: its cotangent is Re(g).
    return [cast(isComplex(g.dtype) && !isComplex(x!.dtype) ? real(g) : g, x!.dtype)];
  },
};

/**
 * `x` converted to `dtype` (float to int truncates toward zero; to bool tests non-zero;
 * real to complex sets imaginary parts to zero). Complex to real is refused: take
 * `real(x)` to drop the imaginary parts explicitly.
 */
export function cast(x: TensorLike, dtype: DType): Tensor {
  const t = toTensor(x, 'cast');
  const d = checkDType(dtype, 'cast');
  if (t.dtype === d) return t;
  if (isComplex(t.dtype) && !isComplex(d)) {
    throw new DTypeError({ fn: 'cast', arg: 'dtype', expected: 'a complex dtype for a complex tensor (use real() or imag())', actual: d });
  }
  return bind(castPrim, [t], { dtype: d });
}

/** True where x is NaN. */
export function isNan(x: TensorLike): Tensor {
  const t = toTensor(x, 'isNan');
  return notEqual(t, t);
}

/** True where x is neither NaN nor infinite. */
export function isFinite(x: TensorLike): Tensor {
  return less(abs(toTensor(x, 'isFinite')), Infinity);
}

/** `x` limited to `[lo, hi]` (either bound may be omitted with null). */
export function clip(x: TensorLike, lo: TensorLike | null, hi: TensorLike | null): Tensor {
  let t = toTensor(x, 'clip');
  if (lo !== null) t = maximum(t, toTensor(lo, 'clip', 'lo', t));
  if (hi !== null) t = minimum(t, toTensor(hi, 'clip', 'hi', t));
  return t;
}

