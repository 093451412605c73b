/**
 * The reverse-mode tape: a Wengert list.
 *
 * While a function is being differentiated, a {@link Tape} is active. Every primitive
 * applied to a tensor that the tape watches is appended to the tape as an entry (its
 * inputs, its outputs and its VJP closure), and its outputs become watched in turn.
 * {@link backward} then walks the entries from last to first, handing each entry the
 * cotangents of its outputs and adding what its VJP returns onto the cotangents of its
 * inputs. That is all of reverse mode.
 *
 * Tapes nest. Each `grad` opens its own tape on top of those already active, and an
 * entry is recorded on every active tape that watches one of its inputs. A backward
 * pass runs after its own tape has been closed, so the ops inside the VJP rules are
 * recorded on the enclosing tapes: the gradient is itself a differentiable function,
 * and grad-of-grad needs no second mechanism.
 *
 * @module
 */
import { DTypeError, ShapeError, fmtShape } from '../errors.js';
import { add, cast } from '../ops/elementwise.js';
import { type Recorder, type VjpFn, setRecorder } from '../ops/primitive.js';
import { isComplex, isInexact } from '../tensor/dtype.js';
import { shapesEqual } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';

/** One recorded primitive application. */
export interface TapeEntry {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
  readonly vjp: VjpFn;
}

/** A Wengert list of the primitive applications that depend on watched tensors. */
export class Tape {
  /** The entries, in execution order. */
  readonly entries: TapeEntry[] = [];
  /** Tensors whose value depends on a watched input; only their entries are recorded. */
  readonly watched = new Set<Tensor>();
  /** While positive, nothing is recorded on this tape. */
  paused = 0;

  /** Marks `x` as an independent variable of this tape. */
  watch(x: Tensor): void {
    this.watched.add(x);
  }

  /** Appends an entry and marks its outputs watched. */
  push(entry: TapeEntry): void {
    this.entries.push(entry);
    for (const o of entry.outputs) this.watched.add(o);
  }

  /** True when some input is watched and the tape is not paused. */
  wants(inputs: readonly Tensor[]): boolean {
    if (this.paused > 0) return false;
    for (const x of inputs) if (this.watched.has(x)) return true;
    return false;
  }
}

/** The active tapes, outermost first. */
const active: Tape[] = [];

const recorder: Recorder = {
  record(name, inputs, outputs, vjp) {
    for (const tape of active) {
      if (tape.wants(inputs)) tape.push({ name, inputs, outputs, vjp });
    }
  },
};

/** Runs `fn` with `tape` active (on top of any active tapes). */
export function withTape<T>(tape: Tape, fn: () => T): T {
  active.push(tape);
  setRecorder(recorder);
  try {
    return fn();
  } finally {
    active.splice(active.lastIndexOf(tape), 1);
    if (active.length === 0) setRecorder(null);
  }
}

/** The innermost active tape that would record an op on these inputs, if any. */
export function innermostTapeFor(inputs: readonly Tensor[]): Tape | undefined {
  for (let i = active.length - 1; i >= 0; i--) if (active[i]!.wants(inputs)) return active[i];
  return undefined;
}

/** Runs `fn` with `tape` and every tape above it paused (the ones below keep recording). */
export function pausedFrom<T>(tape: Tape, fn: () => T): T {
  const from = active.indexOf(tape);
  const paused = from < 0 ? [] : active.slice(from);
  for (const t of paused) t.paused++;
  try {
    return fn();
  } finally {
    for (const t of paused) t.paused--;
  }
}

/**
 * Runs `fn` without recording anything on the active tapes: results computed inside do
 * not carry gradients. (A `grad` opened inside `fn` still works on its own.)
 */
export function noGrad<T>(fn: () => T): T {
  return active.length === 0 ? fn() : pausedFrom(active[0]!, fn);
}

/**
 * Adjusts a VJP result to the dtype of the input it flows to (float32 inputs get float32
 * cotangents; a real cotangent of a complex input has zero imaginary part), checking its
 * shape and that a real input never receives a complex cotangent.
 */
function fitCotangent(g: Tensor, x: Tensor, entry: TapeEntry): Tensor {
  if (!shapesEqual(g.shape, x.shape)) {
    throw new ShapeError({ fn: `vjp of '${entry.name}'`, arg: 'cotangent', expected: `shape ${fmtShape(x.shape)}`, actual: fmtShape(g.shape) });
  }
  if (g.dtype === x.dtype || !isInexact(x.dtype)) return g;
  if (isComplex(g.dtype) && !isComplex(x.dtype)) {
    throw new DTypeError({ fn: `vjp of '${entry.name}'`, arg: 'cotangent', expected: `a real cotangent for a ${x.dtype} input`, actual: g.dtype });
  }
  return cast(g, x.dtype);
}

/**
 * Reverse accumulation over `tape`: seeds `outputs` with `cotangents`, runs the entries'
 * VJPs from last to first, and returns the accumulated cotangent of each tensor in
 * `wrt` (null where nothing flowed). The tape must no longer be active; ops run here
 * are recorded on the tapes that are.
 */
export function backward(
  tape: Tape,
  outputs: readonly Tensor[],
  cotangents: readonly Tensor[],
  wrt: readonly Tensor[],
): (Tensor | null)[] {
  const ct = new Map<Tensor, Tensor>();
  const accumulate = (x: Tensor, g: Tensor): void => {
    const prev = ct.get(x);
    ct.set(x, prev === undefined ? g : add(prev, g));
  };
  outputs.forEach((o, i) => accumulate(o, cotangents[i]!));
  const keep = new Set(wrt);
  for (let i = tape.entries.length - 1; i >= 0; i--) {
    const entry = tape.entries[i]!;
    let any = false;
    const gs = entry.outputs.map((o) => {
      const g = ct.get(o);
      if (g !== undefined) any = true;
      return g ?? null;
    });
    if (!any) continue;
    const gin = entry.vjp(gs);
    entry.inputs.forEach((x, j) => {
      const g = gin[j];
      if (g != null && tape.watched.has(x)) accumulate(x, fitCotangent(g, x, entry));
    });
    // An output's cotangent is complete once its producer has run: free it.
    for (const o of entry.outputs) if (!keep.has(o)) ct.delete(o);
  }
  return wrt.map((x) => ct.get(x) ?? null);
}
