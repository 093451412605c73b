/**
 * Backends and the choice of the default one.
 *
 * @module
 */
import type { Backend } from './backend.js';
import { cpu } from './cpu/index.js';

export type {
  ArgReduceOp, Backend, BinaryOp, ComplexBinaryOp, ComplexUnaryOp, ReduceOp, SparsePattern, StencilBoundary,
  StencilSpec, StencilTerm, Storage, UnaryOp,
} from './backend.js';
export { cpu } from './cpu/index.js';

let current: Backend = cpu;

/** The backend that creation functions place new tensors on (initially `cpu`). */
export function getDefaultBackend(): Backend {
  return current;
}

/** Sets the backend that creation functions place new tensors on. */
export function setDefaultBackend(backend: Backend): void {
  current = backend;
}
