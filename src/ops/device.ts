/**
 * Moving tensors between backends (CPU memory and GPU device memory).
 *
 * @module
 */
import type { Backend } from '../backend/backend.js';
import { ArgumentError, fmtValue } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { checkTensor } from './convert.js';
import { type Primitive, bind } from './primitive.js';

/** Throws an `ArgumentError` unless `b` is a backend. */
export function checkBackend(b: unknown, fn: string): Backend {
  if (typeof b !== 'object' || b === null || typeof (b as Backend).fromArray !== 'function' || typeof (b as Backend).name !== 'string') {
    throw new ArgumentError({ fn, arg: 'backend', expected: 'a backend (cpu, or one made by createGpuBackend)', actual: fmtValue(b) });
  }
  return b as Backend;
}

/** `x`'s values in a new dense tensor on `backend`. */
function transfer(x: Tensor, backend: Backend): Tensor {
  return new Tensor(backend.fromArray(x.storage.backend.read(x)), x.shape, x.dtype);
}

const toPrim: Primitive<{ backend: Backend }> = {
  name: 'to',
  forward: ([x], { backend }) => transfer(x!, backend),
  // The identity on values: the cotangent moves back to where x lives.
  vjp: (g, [x]) => [to(g, x!.storage.backend)],
};

/**
 * `x` on `backend` (itself if it is already there); differentiable, the gradient moving
 * back. The GPU backend holds float32, complex64, int32 and bool: cast float64 tensors
 * with `cast(x, 'float32')` first. Reading from a WebGPU device is asynchronous: use
 * {@link toAsync} for that direction.
 *
 * @example
 * const gpu = await createGpuBackend();
 * const y = to(x.cast('float32'), gpu).exp();
 * const back = to(y, cpu);
 */
export function to(x: Tensor, backend: Backend): Tensor {
  checkTensor(x, 'to');
  checkBackend(backend, 'to');
  if (x.storage.backend === backend) return x;
  return bind(toPrim, [x], { backend });
}

/** `x` on `backend`, read asynchronously (works from WebGPU devices); not differentiable. */
export async function toAsync(x: Tensor, backend: Backend): Promise<Tensor> {
  checkTensor(x, 'toAsync');
  checkBackend(backend, 'toAsync');
  if (x.storage.backend === backend) return x;
  return new Tensor(backend.fromArray(await x.data()), x.shape, x.dtype);
}
