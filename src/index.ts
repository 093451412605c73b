/**
 * difftape: a pure-TypeScript automatic-differentiation engine for differentiable
 * physics. This module re-exports the public API.
 *
 * @module
 */
export * from './autodiff/index.js';
export { type Backend, cpu, getDefaultBackend, registerBackend, setDefaultBackend } from './backend/index.js';
export {
  GPU_MODES, GpuBackend, type GpuBackendOptions, type GpuMode, createGpuBackend, installNodeWebGpu,
} from './backend/gpu/index.js';
export * as dmath from './dmath/index.js';
export * from './errors.js';
export * from './fft/index.js';
export * from './io/index.js';
export * from './linalg/index.js';
export * from './nn/index.js';
export * from './optim/index.js';
export * from './ops/index.js';
export * from './physics/index.js';
export * from './prdp/index.js';
export * as random from './random/index.js';
export * from './tensor/index.js';
