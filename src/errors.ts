/**
 * Typed errors. Every public function validates its inputs and throws one of these,
 * naming the function, the argument, what was expected and what was found, so that a
 * message such as
 *
 *     add: argument 'b': expected a shape broadcastable with [2,3], got [3,4]
 *
 * points at the mistake without a stack trace.
 *
 * @module
 */

/** Where an error arose and what was wrong, in structured form. */
export interface ErrorDetails {
  /** The public function that rejected its input, e.g. `"matmul"`. */
  readonly fn: string;
  /** The offending argument's name, e.g. `"b"` or `"axis"`. */
  readonly arg?: string;
  /** What the function expected, in words or as a value. */
  readonly expected?: string;
  /** What it received. */
  readonly actual?: string;
}

/** Base class of all errors difftape throws on bad input. */
export class DifftapeError extends Error {
  /**
   * The structured details the message was built from. (Named `info`, not `details`:
   * test runners such as uvu treat an error's `details` as a diff string.)
   */
  readonly info: ErrorDetails;

  constructor(details: ErrorDetails, message?: string) {
    super(message ?? formatMessage(details));
    this.name = new.target.name;
    this.info = details;
  }
}

/** A shape that does not fit: mismatched dimensions, bad reshape, non-broadcastable. */
export class ShapeError extends DifftapeError {}

/** A dtype that the operation does not accept, or that would silently lose meaning. */
export class DTypeError extends DifftapeError {}

/** An axis index out of range for the tensor's rank, or repeated. */
export class AxisError extends DifftapeError {}

/** A wrong number of arguments, a wrong kind of argument, or a value out of range. */
export class ArgumentError extends DifftapeError {}

/**
 * An iterative method that broke down, diverged to NaN or infinity, or (when asked to
 * throw) did not reach its tolerance within its budget. Carries where it happened.
 */
export class ConvergenceError extends DifftapeError {
  /** The iteration at which the method failed, when known. */
  readonly iteration: number | undefined;
  /** The residual (or offending value) at that iteration, when known. */
  readonly residual: number | undefined;

  constructor(details: ErrorDetails, progress: { iteration?: number; residual?: number } = {}, message?: string) {
    super(details, message);
    this.iteration = progress.iteration;
    this.residual = progress.residual;
  }
}

function formatMessage(d: ErrorDetails): string {
  const where = d.arg === undefined ? d.fn : `${d.fn}: argument '${d.arg}'`;
  if (d.actual !== undefined && d.expected !== undefined) {
    return `${where}: expected ${d.expected}, got ${d.actual}`;
  }
  if (d.expected !== undefined) return `${where}: expected ${d.expected}`;
  if (d.actual !== undefined) return `${where}: got ${d.actual}`;
  return where;
}

/** Formats a shape as `[2,3]` for messages. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** Formats any value briefly for an error message. */
export function fmtValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return v.length > 8 ? `an array of length ${v.length}` : `[${v.map(fmtValue).join(',')}]`;
  if (typeof v === 'function') return 'a function';
  const name = (v as { constructor?: { name?: string } }).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}
