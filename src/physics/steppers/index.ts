/**
 * The concrete steppers, one file per PDE family.
 *
 * @module
 */
export * from './advection.js';
export * from './advection-diffusion.js';
export * from './allen-cahn.js';
export * from './burgers.js';
export * from './cahn-hilliard.js';
export { type Coefficient } from './common.js';
export * from './diffusion.js';
export * from './dispersion.js';
export * from './fisher-kpp.js';
export * from './gray-scott.js';
export * from './hyper-diffusion.js';
export * from './korteweg-de-vries.js';
export * from './kuramoto-sivashinsky.js';
export { type LinearStepperOptions, type MatrixCoefficient, type VectorCoefficient } from './linear-coefficients.js';
export * from './navier-stokes.js';
export * from './swift-hohenberg.js';
export * from './wave.js';
