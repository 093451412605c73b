/**
 * Tensors: the class, dtypes, shapes, creation and trees.
 *
 * @module
 */
export * from './creation.js';
export {
  DTYPES, type ComplexDType, type DType, type FloatDType, type InexactDType, type TypedArray, complexOf, isComplex, isFloat,
  isInexact, promoteTypes, realOf,
} from './dtype.js';
export * from './random.js';
export { type Shape, broadcastShapes, sizeOf } from './shape.js';
export { type NestedNumbers, Tensor, type TensorLike } from './tensor.js';
export * from './tree.js';
