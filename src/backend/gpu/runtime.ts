/**
 * The gpu.js runtime behind the GPU backend: loading gpu.js (an optional peer dependency,
 * imported on first use), choosing its mode, compiling each kernel of `kernels/` once,
 * launching kernels into device storage and reading results back.
 *
 * Every launch is synchronous. gpu.js's `webgpu` kernels return a Promise, but after a
 * kernel is built its dispatch reaches `queue.submit` synchronously; the runtime builds
 * all kernels when it starts and then takes each output buffer as a handle right after
 * the call, so chains of ops never wait. Only reading values back is asynchronous there.
 *
 * @module
 */
import { ArgumentError } from '../../errors.js';
import * as conv from '../../../kernels/conv.js';
import * as elementwise from '../../../kernels/elementwise.js';
import * as fft from '../../../kernels/fft.js';
import * as math from '../../../kernels/math.js';
import * as matmul from '../../../kernels/matmul.js';
import * as reduce from '../../../kernels/reduce.js';
import * as stencil from '../../../kernels/stencil.js';

/** The gpu.js modes the runtime can run on. */
export type GpuMode = 'webgpu' | 'webgl2' | 'webgl' | 'headlessgl' | 'webasm' | 'cpu';

/** What a kernel argument is: `a` a flat array (a tensor or a small table), `n` a number. */
type Signature = string;

/** Every kernel the backend launches, with its argument kinds (for building ahead). */
const KERNELS = {
  copyFlat: [elementwise.copyFlat, 'a'],
  fill: [elementwise.fill, 'n'],
  copyStrided: [elementwise.copyStrided, 'aan'],
  unary: [elementwise.unary, 'an'],
  binary: [elementwise.binary, 'aannnnnnnnn'],
  where: [elementwise.where, 'aaannnnnnn'],
  realToComplex: [elementwise.realToComplex, 'a'],
  complexUnary: [elementwise.complexUnary, 'an'],
  complexAbs: [elementwise.complexAbs, 'a'],
  complexBinary: [elementwise.complexBinary, 'aannnnn'],
  complexCompare: [elementwise.complexCompare, 'aannnnn'],
  paste: [elementwise.paste, 'aaa'],
  axpy: [elementwise.axpy, 'aaan'],
  reduceChunks: [reduce.reduceChunks, 'annnnn'],
  dotChunks: [reduce.dotChunks, 'aannn'],
  matmul: [matmul.matmul, 'aannnnn'],
  stencil: [stencil.stencil, 'aaaaannnnnnnn'],
  stockham: [fft.stockham, 'aannnnnnnnn'],
  conv1d: [conv.conv1d, 'aannnnnnn'],
  conv2d: [conv.conv2d, 'aannnnnnnnnn'],
  convWeightGrad1d: [conv.convWeightGrad1d, 'aannnnnnn'],
  convWeightGrad2d: [conv.convWeightGrad2d, 'aannnnnnnnnn'],
} as const satisfies Record<string, readonly [(...args: never[]) => number, Signature]>;

/** The gpu.js kernel class each mode runs. */
const KERNEL_CLASS: Readonly<Record<GpuMode, string>> = {
  webgpu: 'WebGPUKernel', webgl2: 'WebGL2Kernel', webgl: 'WebGLKernel', headlessgl: 'HeadlessGLKernel',
  webasm: 'WebAssemblyKernel', cpu: 'CPUKernel',
};

/** A kernel's name. */
export type KernelName = keyof typeof KERNELS;

/** A handle to device memory: a texture (GL), a buffer (WebGPU) or a typed array. */
export type Handle = object;

/** A kernel argument: device memory, a small float32 table or a number. */
export type Arg = Handle | Float32Array | number;

interface GpuJsKernel {
  (...args: unknown[]): unknown;
  setOutput(output: number[]): GpuJsKernel;
  kernel: { constructor: { name: string }; outputBuffer?: unknown; output?: number[]; context?: unknown };
}
interface GpuJsInstance {
  addFunction(fn: (...args: number[]) => number): unknown;
  createKernel(fn: unknown, settings: Record<string, unknown>): GpuJsKernel;
  destroy(): unknown;
}
interface GpuJsModule {
  GPU: new (settings: { mode: string }) => GpuJsInstance;
  WebGPUBufferResult: new (settings: Record<string, unknown>) => Handle;
}

let modulePromise: Promise<GpuJsModule> | null = null;

/** Imports gpu.js once (CommonJS in Node, the browser build in bundles). */
export function loadGpuJs(): Promise<GpuJsModule> {
  modulePromise ??= import('gpu.js').then(
    (m: Record<string, unknown>) => ((m['GPU'] ? m : m['default']) as GpuJsModule),
    (e: unknown) => {
      modulePromise = null;
      throw new ArgumentError({
        fn: 'createGpuBackend', arg: 'gpu.js',
        expected: 'the optional peer dependency gpu.js (npm install gpu.js@2.24)',
        actual: `an import failure: ${e instanceof Error ? e.message : String(e)}`,
      });
    },
  );
  return modulePromise;
}

/** gpu.js with one mode: compiled kernels, launches and readback. */
export class Runtime {
  private readonly kernels = new Map<KernelName, GpuJsKernel>();

  private constructor(
    private readonly lib: GpuJsModule,
    private readonly gpu: GpuJsInstance,
    /** The gpu.js backend that runs the kernels. */
    readonly mode: GpuMode,
  ) {}

  /** Starts gpu.js in `mode` and, for WebGPU, builds every kernel ahead. */
  static async start(mode: GpuMode): Promise<Runtime> {
    const lib = await loadGpuJs();
    const gpu = new lib.GPU({ mode });
    // The scalar helpers kernels call (kernels/math.ts).
    for (const f of [math.broadcastIndex, math.sinCosF, math.log1pF, math.expm1F]) gpu.addFunction(f);
    const rt = new Runtime(lib, gpu, mode);
    if (mode === 'webgpu') {
      for (const name of Object.keys(KERNELS) as KernelName[]) {
        const [, sig] = KERNELS[name];
        const k = rt.kernel(name).setOutput([4]);
        const args = [...sig].map((c) => (c === 'a' ? new Float32Array(4) : 1));
        const out = (await k(...args)) as { delete(): void };
        out.delete();
      }
    }
    // gpu.js may degrade a kernel to another mode; say so rather than mislabel results.
    rt.free(rt.launch('copyFlat', 1, [new Float32Array(1)]));
    const ran = rt.kernel('copyFlat').kernel.constructor.name;
    if (ran !== KERNEL_CLASS[mode]) {
      throw new ArgumentError({ fn: 'createGpuBackend', arg: 'options.mode', expected: `gpu.js mode '${mode}' to run`, actual: `kernels on ${ran}` });
    }
    return rt;
  }

  private kernel(name: KernelName): GpuJsKernel {
    let k = this.kernels.get(name);
    if (k === undefined) {
      k = this.gpu.createKernel(KERNELS[name][0], {
        dynamicOutput: true, dynamicArguments: true, pipeline: true, immutable: true,
        output: [1], loopMaxIterations: 1 << 24, tactic: 'precision', precision: 'single',
      });
      this.kernels.set(name, k);
    }
    return k;
  }

  /** Runs kernel `name` over `n` outputs and returns the device handle of the result. */
  launch(name: KernelName, n: number, args: readonly Arg[]): Handle {
    const k = this.kernel(name).setOutput([n]);
    const out = k(...args);
    if (this.mode !== 'webgpu') return out as Handle;
    // The dispatch is submitted; the output buffer is the kernel's until its next call.
    const inner = k.kernel;
    const handle = new this.lib.WebGPUBufferResult({
      buffer: inner.outputBuffer, output: [n], componentCount: 1, context: inner.context, kernel: inner,
    });
    void (out as Promise<{ delete(): void }>).then((h) => h.delete());
    return handle;
  }

  /** The values behind `handle` (`n` of them), synchronously; not on WebGPU. */
  read(handle: Handle, n: number): Float32Array {
    if (handle instanceof Float32Array) return handle.length === n ? handle : handle.subarray(0, n);
    if (this.mode === 'webgpu') {
      throw new ArgumentError({
        fn: 'read', arg: 'tensor', expected: 'an asynchronous read on the webgpu backend (await x.data())',
        actual: 'a synchronous one (toArray, toTypedArray, item, or an op that falls back to the CPU)',
      });
    }
    return flat((handle as { toArray(): unknown }).toArray(), n);
  }

  /** The values behind `handle` (`n` of them). */
  async readAsync(handle: Handle, n: number): Promise<Float32Array> {
    if (handle instanceof Float32Array) return this.read(handle, n);
    return flat(await (handle as { toArray(): unknown }).toArray(), n);
  }

  /** Frees device memory (typed arrays are left to the garbage collector). */
  free(handle: Handle): void {
    if (!(handle instanceof Float32Array)) (handle as { delete(): void }).delete();
  }

  /** Frees every kernel and the gpu.js instance. */
  destroy(): void {
    this.kernels.clear();
    this.gpu.destroy();
  }
}

/** A Float32Array of the first `n` values of what gpu.js returned. */
function flat(v: unknown, n: number): Float32Array {
  if (v instanceof Float32Array) return v.length === n ? v : v.slice(0, n);
  const out = new Float32Array(n);
  let i = 0;
  const walk = (a: unknown): void => {
    if (i >= n) return;
    if (typeof a === 'number') out[i++] = a;
    else for (let j = 0; j < (a as ArrayLike<unknown>).length; j++) walk((a as ArrayLike<unknown>)[j]);
  };
  walk(v);
  return out;
}
