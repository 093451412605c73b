/**
 * The ops: everything that computes with tensors. Importing this module also attaches
 * the method syntax (`x.add(y)`) to tensors.
 *
 * @module
 */
import './methods.js';

export * from './activation.js';
export { angle, complex, conj, imag, real } from './complex.js';
export { checkTensor, toTensor } from './convert.js';
export * from './conv.js';
export { to, toAsync } from './device.js';
export * from './elementwise.js';
export * from './gather.js';
export * from './join.js';
export * from './linalg.js';
export * from './matmul.js';
export * from './pad.js';
export { type Primitive, type Recorder, type VjpFn, type VjpRule, bind } from './primitive.js';
export * from './reduce.js';
export { dispose, tidy } from './tidy.js';
export * from './view.js';
