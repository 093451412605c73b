/**
 * Op codes of the elementwise kernels: an op's code is its position in these lists, which
 * follow the `if` chains in `kernels/elementwise.ts`.
 *
 * @module
 */
import type { BinaryOp, ComplexBinaryOp, ComplexUnaryOp, ReduceOp, UnaryOp } from '../backend.js';

const index = <T extends string>(list: readonly T[]): Readonly<Record<T, number>> =>
  Object.fromEntries(list.map((op, i) => [op, i])) as Record<T, number>;

/** Unary op codes; 28 to 30 are the identity, truncation and `!= 0` used by casts. */
export const UNARY = index<UnaryOp | 'identity' | 'trunc' | 'nonzero'>([
  'neg', 'abs', 'sign', 'square', 'reciprocal', 'relu', 'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sqrt',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'sigmoid', 'erf', 'floor', 'ceil', 'round',
  'logicalNot', 'identity', 'trunc', 'nonzero',
]);

/** Binary op codes. */
export const BINARY = index<BinaryOp>([
  'add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'atan2', 'mod', 'equal', 'notEqual', 'less', 'lessEqual',
  'greater', 'greaterEqual', 'logicalAnd', 'logicalOr', 'logicalXor',
]);

/** Complex unary op codes (`abs` has its own kernel). */
export const COMPLEX_UNARY = index<Exclude<ComplexUnaryOp, 'abs'>>(['neg', 'conj', 'exp', 'square', 'reciprocal']);

/** Complex binary op codes (`equal` and `notEqual` have their own kernel, codes 0 and 1). */
export const COMPLEX_BINARY = index<Exclude<ComplexBinaryOp, 'equal' | 'notEqual'>>(['add', 'sub', 'mul', 'div']);

/** Reduction op codes. */
export const REDUCE = index<ReduceOp>(['sum', 'prod', 'max', 'min']);
