/**
 * Exponax-style pseudo-spectral physics: the spectral toolkit, ETDRK integrators,
 * nonlinear terms and steppers.
 *
 * @module
 */
import './catalog.js';

export * from './etdrk.js';
export * from './fourier.js';
export * from './generic/index.js';
export * from './ic/index.js';
export * from './metrics.js';
export * from './nonlinear/index.js';
export * from './registry.js';
export * from './spectral.js';
export * from './stepper.js';
export * from './steppers/index.js';
export * from './utils.js';
