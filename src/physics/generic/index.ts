/**
 * The generic steppers (Exponax's `exponax.stepper.generic`): families of PDEs given by
 * lists of coefficients, each in three interfaces, physical (`General*`: coefficients on
 * `(0, L)^D` with time step dt), normalized (`Normalized*`: L = 1, dt = 1) and difficulty
 * (`Difficulty*`: normalized values rescaled by the resolution), with the conversions
 * between them. Every linear part is `L = sum_j sum_d a_j (i k_d)^j`, so `D a_0` at order 0.
 *
 * @module
 */
export { buildGenericLinearOperator } from './common.js';
export * from './conversions.js';
export * from './convection.js';
export * from './general-nonlinear-fun.js';
export * from './gradient-norm.js';
export * from './linear.js';
export * from './nonlinear.js';
export * from './polynomial.js';
export * from './vorticity-convection.js';
