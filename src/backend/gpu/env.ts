/**
 * Environment glue: which gpu.js mode to run, and WebGPU for Node.
 *
 * In Node, gpu.js finds WebGPU through `navigator.gpu`, which Node lacks. Where the npm
 * `webgpu` package (Dawn) loads (glibc 2.38 or newer, a Vulkan driver; set
 * `VK_DRIVER_FILES` to the driver's ICD JSON when it is not on the default path),
 * `installNodeWebGpu` puts a `navigator.gpu` in place. Two details of Dawn's objects stop
 * gpu.js otherwise: a device rejects a plain function for `onuncapturederror` and for
 * `addEventListener('uncapturederror', ...)`, so the shim's devices carry their own
 * tolerant versions of both.
 *
 * @module
 */

/** The `navigator.gpu` subset gpu.js uses. */
interface GpuLike {
  requestAdapter(options?: unknown): Promise<AdapterLike | null>;
}
interface AdapterLike {
  requestDevice(descriptor?: unknown): Promise<DeviceLike>;
}
interface DeviceLike {
  addEventListener?: (type: string, fn: unknown) => void;
}

type Global = typeof globalThis & { navigator?: { gpu?: GpuLike } };

/** True in Node (and Node-compatible runtimes), false in browsers and workers. */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

/** The `navigator.gpu` of this environment, if there is one. */
function navigatorGpu(): GpuLike | undefined {
  return (globalThis as Global).navigator?.gpu;
}

/** True when a WebGPU adapter answers. */
export async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = navigatorGpu();
  if (gpu === undefined) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

/** Makes a Dawn adapter's devices tolerate gpu.js's error-handler installation. */
export function tolerantAdapter(adapter: AdapterLike): AdapterLike {
  return new Proxy(adapter, {
    get(target, key) {
      if (key === 'requestDevice') {
        return async (descriptor?: unknown) => {
          const device = await target.requestDevice(descriptor);
          Object.defineProperty(device, 'onuncapturederror', { value: null, writable: true, configurable: true });
          const add = device.addEventListener?.bind(device);
          Object.defineProperty(device, 'addEventListener', {
            configurable: true, writable: true,
            value: (type: string, fn: unknown) => {
              try {
                add?.(type, fn);
              } catch {
                // Dawn rejects plain-function listeners; gpu.js only logs from them.
              }
            },
          });
          return device;
        };
      }
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/**
 * In Node, installs `navigator.gpu` from the npm `webgpu` package when it loads and an
 * adapter answers. Returns whether WebGPU is now available. Never throws.
 */
export async function installNodeWebGpu(): Promise<boolean> {
  if (navigatorGpu() !== undefined) return hasWebGpuAdapter();
  let mod: Record<string, unknown>;
  try {
    const name = 'webgpu';
    mod = (await import(/* @vite-ignore */ name)) as Record<string, unknown>;
  } catch {
    return false;
  }
  const lib = (mod['create'] ? mod : mod['default']) as { create(flags: string[]): GpuLike; globals?: Record<string, unknown> };
  let dawn: GpuLike;
  try {
    dawn = lib.create([]);
  } catch {
    return false;
  }
  if (lib.globals) {
    for (const [k, v] of Object.entries(lib.globals)) if (!(k in globalThis)) Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
  }
  const shim = {
    requestAdapter: async (options?: unknown) => {
      const a = await dawn.requestAdapter(options);
      return a === null ? null : tolerantAdapter(a);
    },
    getPreferredCanvasFormat: () => 'rgba8unorm',
  };
  const g = globalThis as Global;
  const nav = g.navigator ?? {};
  Object.defineProperty(nav, 'gpu', { value: shim, configurable: true, writable: true });
  if (g.navigator === undefined) Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true, writable: true });
  return hasWebGpuAdapter();
}
