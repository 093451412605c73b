/**
 * The GPU backend's environment glue in Node: mode selection with and without WebGPU,
 * and the `navigator.gpu` shim's tolerance of Dawn's strict error-handler setters.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ArgumentError, createGpuBackend, installNodeWebGpu } from '../../src/index.js';
import { tolerantAdapter } from '../../src/backend/gpu/env.js';

test("'auto' picks webgpu where npm webgpu gives an adapter, else webasm; 'webgpu' says what is missing", async () => {
  const webgpu = await installNodeWebGpu();
  const gpu = await createGpuBackend();
  assert.is(gpu.mode, webgpu ? 'webgpu' : 'webasm');
  gpu.destroy();
  if (!webgpu) {
    let err: unknown;
    try {
      await createGpuBackend({ mode: 'webgpu' });
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof ArgumentError && /VK_DRIVER_FILES/.test((err as Error).message));
  }
});

test('the shim gives devices a tolerant onuncapturederror and addEventListener', async () => {
  // A device like Dawn's: both ways of installing an error handler reject a plain function.
  class StrictDevice {
    readonly label = 'dawn';
    set onuncapturederror(_fn: unknown) {
      throw new TypeError('invalid value to onuncapturederror');
    }
    addEventListener(_type: string, _fn: unknown): void {
      throw new TypeError('invalid listener');
    }
  }
  const adapter = {
    info: { vendor: 'test' },
    requestDevice: async () => new StrictDevice(),
    features: new Set(['x']),
  };
  const strict = await adapter.requestDevice();
  assert.throws(() => ((strict as { onuncapturederror: unknown }).onuncapturederror = () => {}), /invalid value/);
  const wrapped = tolerantAdapter(adapter);
  assert.equal((wrapped as typeof adapter).info, { vendor: 'test' });
  const device = (await wrapped.requestDevice()) as unknown as { onuncapturederror: unknown; addEventListener(t: string, f: unknown): void; label: string };
  const handler = (): void => {};
  device.onuncapturederror = handler;
  assert.is(device.onuncapturederror, handler);
  device.addEventListener('uncapturederror', handler);
  assert.is(device.label, 'dawn');
});

test.run();
