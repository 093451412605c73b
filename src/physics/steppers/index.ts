/**
 * The concrete steppers, one file per PDE family.
 *
 * @module
 */
export * from './burgers.js';
export { type Coefficient } from './common.js';
export * from './kuramoto-sivashinsky.js';
