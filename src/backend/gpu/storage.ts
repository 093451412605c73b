/**
 * Device storage of the GPU backend, its scopes and the live-allocation count.
 *
 * @module
 */
import type { Backend, Storage } from '../backend.js';
import type { Handle } from './runtime.js';

/** Float32 values in device memory (a texture, a WebGPU buffer or, on gpu.js's CPU modes, an array). */
export class GpuStorage implements Storage {
  released = false;

  constructor(
    readonly backend: Backend,
    /** The device memory; null for an empty tensor or a scalar not uploaded yet. */
    public handle: Handle | null,
    /** How many float32 values it holds (twice the elements for complex64). */
    readonly length: number,
    private readonly book: Bookkeeping,
    /**
     * The value of a one-element storage made from host data. It is uploaded only when a
     * kernel needs it as an array (`handle` stays null until then); kernels that take
     * scalar arguments read it from here and never upload it.
     */
    readonly scalar: number | null = null,
  ) {
    book.created(this);
  }

  /** Frees the device memory now; later use fails loudly. Releasing twice is harmless. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.book.released(this);
    this.handle = null;
  }
}

/** What one backend instance knows about its storages: open scopes and the live count. */
export class Bookkeeping {
  private readonly scopes: GpuStorage[][] = [];
  /** Storages created and not yet released. */
  live = 0;

  constructor(private readonly free: (h: Handle) => void) {}

  created(s: GpuStorage): void {
    this.live += 1;
    this.scopes.at(-1)?.push(s);
  }

  released(s: GpuStorage): void {
    this.live -= 1;
    if (s.handle !== null) this.free(s.handle);
  }

  open(): void {
    this.scopes.push([]);
  }

  /** Closes the innermost scope: storages in `keep` move to the enclosing one, the others are freed. */
  close(keep: readonly Storage[]): void {
    const created = this.scopes.pop() ?? [];
    const kept = new Set(keep);
    const parent = this.scopes.at(-1);
    for (const s of created) {
      if (kept.has(s)) parent?.push(s);
      else s.release();
    }
  }
}
