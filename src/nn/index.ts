/**
 * Neural-network building blocks over plain parameter trees, after Equinox: linear
 * layers and MLPs with Equinox's initialisation, parameter counts, and minibatching.
 *
 * @module
 */
export type { ParamDType } from './checks.js';
export { shuffledBatches, takeRows } from './data.js';
export { type LinearParams, initLinear, linear } from './linear.js';
export { type MlpApplyOptions, type MlpOptions, type MlpParams, initMlp, mlp, mlpParameterCount, parameterCount } from './mlp.js';
