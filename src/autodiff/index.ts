/**
 * Automatic differentiation: the tape, function transformations, custom adjoints and the
 * finite-difference checker.
 *
 * @module
 */
export { stopGradient } from '../ops/view.js';
export * from './custom-vjp.js';
export * from './grad.js';
export * from './gradcheck.js';
export { Tape, type TapeEntry, backward, noGrad, withTape } from './tape.js';
