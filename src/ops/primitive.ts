/**
 * Primitives and how they are applied.
 *
 * A primitive is the unit the tape records: a forward computation (which dispatches to a
 * backend kernel) plus its vector-Jacobian product. Every op in `src/ops/` is either a
 * primitive applied with {@link bind}, or a composition of other ops, whose gradient
 * then follows from theirs.
 *
 * `bind` knows nothing about tapes: the autodiff layer installs a {@link Recorder} while
 * a gradient is being taken, and `bind` hands each call to it. With no recorder, applying
 * a primitive costs one null check over the kernel itself.
 *
 * @module
 */
import type { Tensor } from '../tensor/tensor.js';

/**
 * Cotangents of a primitive's inputs given the cotangent `g` of its output. `null` for an
 * input means no gradient flows to it (an integer input, a mask, a zero derivative).
 * Rules are written with ops, so they can themselves be differentiated.
 */
export type VjpRule<P> = (
  g: Tensor,
  inputs: readonly Tensor[],
  output: Tensor,
  params: P,
) => readonly (Tensor | null)[];

/** A differentiable operation: forward and VJP in one record. */
export interface Primitive<P> {
  /** Name shown in errors and in tape dumps. */
  readonly name: string;
  /** Computes the output from validated inputs. Never records. */
  readonly forward: (inputs: readonly Tensor[], params: P) => Tensor;
  /** The vector-Jacobian product. Required: a primitive without one does not type-check. */
  readonly vjp: VjpRule<P>;
}

/** Cotangents of several outputs mapped to cotangents of several inputs. */
export type VjpFn = (cotangents: readonly (Tensor | null)[]) => readonly (Tensor | null)[];

/** What the autodiff layer installs to watch primitive applications. */
export interface Recorder {
  record(name: string, inputs: readonly Tensor[], outputs: readonly Tensor[], vjp: VjpFn): void;
}

let recorder: Recorder | null = null;

/** Installs (or, with null, removes) the recorder that {@link bind} reports to. */
export function setRecorder(r: Recorder | null): void {
  recorder = r;
}

/** The installed recorder, if any. */
export function getRecorder(): Recorder | null {
  return recorder;
}

/** Applies a primitive: runs its forward and reports the call to the recorder, if any. */
export function bind<P>(prim: Primitive<P>, inputs: readonly Tensor[], params: P): Tensor {
  const output = prim.forward(inputs, params);
  if (recorder !== null) {
    recorder.record(prim.name, inputs, [output], (cts) => {
      const g = cts[0];
      return g ? prim.vjp(g, inputs, output, params) : inputs.map(() => null);
    });
  }
  return output;
}
