/**
 * Optimizers and learning-rate schedules over parameter trees, after optax: pure
 * `init`/`update` functions whose state is a plain tree, and updates that are added to
 * the parameters with `applyUpdates`.
 *
 * @module
 */
export { type AdamState, adam } from './adam.js';
export { type Optimizer, applyUpdates } from './optimizer.js';
export { type Schedule, constantSchedule, cosineDecay, exponentialDecay, warmupCosineDecay } from './schedules.js';
export { type SgdState, sgd } from './sgd.js';
