/**
 * Exponax-style pseudo-spectral physics: the spectral toolkit, ETDRK integrators,
 * nonlinear terms and steppers.
 *
 * @module
 */
import './catalog.js';

export * from './etdrk.js';
export * from './nonlinear/index.js';
export * from './registry.js';
export * from './spectral.js';
export * from './stepper.js';
export * from './steppers/index.js';
