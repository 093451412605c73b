/**
 * Pseudo-spectral nonlinear terms.
 *
 * @module
 */
export * from './base.js';
export * from './convection.js';
export { Leray, ProjectedConvection3d, ProjectedConvection3dKolmogorov } from './projected-convection.js';
export * from './reaction.js';
export {
  type KolmogorovOptions,
  VorticityConvection2d,
  VorticityConvection2dKolmogorov,
  type VorticityConvectionOptions,
  inverseLaplaceOperator,
} from './vorticity-convection.js';
