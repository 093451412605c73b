/**
 * PRDP, progressively refined differentiable physics (Bhatia, Koehler, Thuerey, ICLR
 * 2025): the refinement controller, refinable solves with cost accounting, and the
 * released experiments (Poisson inverse problem, heat 1-D and 2-D emulators) with the
 * constant-K sweep that measures the savings.
 *
 * @module
 */
export * from './controller.js';
export { HEAT_SETTINGS, type HeatExperimentOptions, runHeat } from './heat.js';
export * from './physics.js';
export { POISSON_CONTROLLER, type PoissonExperimentOptions, runPoisson } from './poisson.js';
export * from './report.js';
export * from './sweep.js';
