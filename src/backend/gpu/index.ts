/**
 * The GPU backend: creating it, choosing its gpu.js mode.
 *
 * @example
 * const gpu = await createGpuBackend();          // webgpu, webgl2, ... whatever runs here
 * const x = to(tensor([1, 2, 3], { dtype: 'float32' }), gpu);
 * const y = tidy(() => exp(x).mul(2));
 * console.log(gpu.mode, await y.data());
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { registerBackend } from '../index.js';
import { GpuBackend } from './backend.js';
import { installNodeWebGpu, hasWebGpuAdapter, isNode } from './env.js';
import { type GpuMode, Runtime } from './runtime.js';

export { GpuBackend } from './backend.js';
export type { GpuMode } from './runtime.js';
export { installNodeWebGpu } from './env.js';

/** The gpu.js modes `createGpuBackend` accepts. */
export const GPU_MODES: readonly GpuMode[] = ['webgpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'];

/** Options of {@link createGpuBackend}. */
export interface GpuBackendOptions {
  /**
   * The gpu.js mode, or `'auto'` (the default): in the browser `webgpu` when an adapter
   * answers, else `webgl2`, else `webasm`; in Node `webgpu` when the npm `webgpu` package
   * gives an adapter, else `webasm` (`headlessgl` needs the native `gl` package: ask for
   * it by name).
   */
  readonly mode?: GpuMode | 'auto';
}

/**
 * Starts gpu.js and returns a GPU backend over it, registered so that `tidy` frees its
 * intermediates. Which gpu.js backend runs is `backend.mode`. Kernels are compiled once
 * per backend and cached (on WebGPU all of them are built here, ahead of use).
 *
 * Requires the optional peer dependency `gpu.js` (2.24 or newer).
 */
export async function createGpuBackend(options: GpuBackendOptions = {}): Promise<GpuBackend> {
  const mode = options.mode ?? 'auto';
  if (mode !== 'auto' && !GPU_MODES.includes(mode)) {
    throw new ArgumentError({ fn: 'createGpuBackend', arg: 'options.mode', expected: `'auto' or one of ${GPU_MODES.join(', ')}`, actual: fmtValue(mode) });
  }
  if (mode === 'webgpu' && isNode() && !(await installNodeWebGpu())) {
    throw new ArgumentError({
      fn: 'createGpuBackend', arg: 'options.mode',
      expected: 'a WebGPU adapter (npm package webgpu, glibc >= 2.38, a Vulkan driver; VK_DRIVER_FILES pointing at its ICD)',
      actual: "'webgpu' where none answers",
    });
  }
  const backend = new GpuBackend(await Runtime.start(mode === 'auto' ? await autoMode() : mode));
  registerBackend(backend);
  return backend;
}

/** The best mode this environment runs. */
async function autoMode(): Promise<GpuMode> {
  if (isNode()) return (await installNodeWebGpu()) ? 'webgpu' : 'webasm';
  if (await hasWebGpuAdapter()) return 'webgpu';
  const doc = (globalThis as { document?: { createElement(tag: string): { getContext(kind: string): unknown } } }).document;
  if (doc?.createElement('canvas').getContext('webgl2')) return 'webgl2';
  return 'webasm';
}
