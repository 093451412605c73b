/**
 * Pseudo-spectral nonlinear terms.
 *
 * @module
 */
export * from './base.js';
export * from './convection.js';
