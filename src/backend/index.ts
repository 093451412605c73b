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
const registered = new Set<Backend>([cpu]);

/**
 * Makes `tidy` scopes cover `backend` (the GPU backend registers itself when created).
 * Registering twice is harmless.
 */
export function registerBackend(backend: Backend): void {
  registered.add(backend);
}

/** Removes a backend from `tidy`'s scopes (when it is destroyed). */
export function unregisterBackend(backend: Backend): void {
  if (backend !== cpu) registered.delete(backend);
}

/** Every registered backend, the CPU first. */
export function registeredBackends(): readonly Backend[] {
  return [...registered];
}

/** The backend that creation functions place new tensors on (initially `cpu`). */
export function getDefaultBackend(): Backend {
  return current;
}

/** Sets the backend that creation functions place new tensors on (and registers it). */
export function setDefaultBackend(backend: Backend): void {
  registerBackend(backend);
  current = backend;
}
