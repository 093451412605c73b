/**
 * Data types. Storage is a typed array per dtype; complex types interleave real and
 * imaginary parts (element k is at slots 2k and 2k+1), which is why a dtype records how
 * many array slots one element takes.
 *
 * @module
 */
import { DTypeError } from '../errors.js';

/** The element types a tensor can hold. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool' | 'complex64' | 'complex128';

/** Real floating-point dtypes. */
export type FloatDType = 'float32' | 'float64';

/** Complex dtypes: pairs of float32 or float64, interleaved. */
export type ComplexDType = 'complex64' | 'complex128';

/** Dtypes that carry gradients: the real and complex floating-point ones. */
export type InexactDType = FloatDType | ComplexDType;

/** The typed array that stores each dtype. */
export interface TypedArrayFor {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
  complex64: Float32Array;
  complex128: Float64Array;
}

/** Any storage array. */
export type TypedArray = TypedArrayFor[DType];

/** What kind of numbers a dtype holds. */
export type DTypeKind = 'bool' | 'int' | 'float' | 'complex';

interface DTypeInfo {
  readonly kind: DTypeKind;
  /** Bytes per array slot. */
  readonly bytes: number;
  /** Array slots per element (2 for complex types). */
  readonly components: 1 | 2;
  /** Rank in the promotion order bool < int32 < float32 < float64 (complex: of its parts). */
  readonly rank: number;
  readonly make: (n: number) => TypedArray;
}

const INFO: { readonly [D in DType]: DTypeInfo } = {
  bool: { kind: 'bool', bytes: 1, components: 1, rank: 0, make: (n) => new Uint8Array(n) },
  int32: { kind: 'int', bytes: 4, components: 1, rank: 1, make: (n) => new Int32Array(n) },
  float32: { kind: 'float', bytes: 4, components: 1, rank: 2, make: (n) => new Float32Array(n) },
  float64: { kind: 'float', bytes: 8, components: 1, rank: 3, make: (n) => new Float64Array(n) },
  complex64: { kind: 'complex', bytes: 4, components: 2, rank: 2, make: (n) => new Float32Array(n) },
  complex128: { kind: 'complex', bytes: 8, components: 2, rank: 3, make: (n) => new Float64Array(n) },
};

/** All dtypes, in promotion order. */
export const DTYPES: readonly DType[] = ['bool', 'int32', 'float32', 'float64', 'complex64', 'complex128'];

/** True when `x` names a dtype. */
export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(INFO, x);
}

/** Throws a {@link DTypeError} unless `x` names a dtype. */
export function checkDType(x: unknown, fn: string, arg = 'dtype'): DType {
  if (!isDType(x)) {
    throw new DTypeError({ fn, arg, expected: `one of ${DTYPES.join(', ')}`, actual: String(x) });
  }
  return x;
}

/** The kind (bool, int or float) of a dtype. */
export function kindOf(d: DType): DTypeKind {
  return INFO[d].kind;
}

/** True for float32 and float64. */
export function isFloat(d: DType): d is FloatDType {
  return INFO[d].kind === 'float';
}

/** True for complex64 and complex128. */
export function isComplex(d: DType): d is ComplexDType {
  return INFO[d].kind === 'complex';
}

/** True for the dtypes that carry gradients: real and complex floating point. */
export function isInexact(d: DType): d is InexactDType {
  return INFO[d].kind === 'float' || INFO[d].kind === 'complex';
}

/** The complex dtype for values of dtype `d`: complex64 for float32 and complex64, else complex128. */
export function complexOf(d: DType): ComplexDType {
  return d === 'float32' || d === 'complex64' ? 'complex64' : 'complex128';
}

/** The dtype of the parts of a complex dtype (complex64 gives float32); other dtypes map to themselves. */
export function realOf(d: DType): DType {
  return d === 'complex64' ? 'float32' : d === 'complex128' ? 'float64' : d;
}

/** Array slots per element: 2 for complex dtypes, else 1. */
export function componentsOf(d: DType): 1 | 2 {
  return INFO[d].components;
}

/** Bytes per element. */
export function bytesOf(d: DType): number {
  return INFO[d].bytes * INFO[d].components;
}

// Arrays released by a closed scope wait here to be handed out again (see
// `src/ops/tidy.ts`): creating a typed array of a few kilobytes costs about a microsecond
// in V8, far more than the arithmetic of a small op, so steppers that make many small
// temporaries reuse them. Only arrays made by `allocate` while a scope is open are reused.
const spare = new Map<new (n: number) => TypedArray, Map<number, TypedArray[]>>();
const reusable = new WeakSet<TypedArray>();
let openScopes = 0;
const SPARE_PER_SIZE = 64;

/**
 * A typed array holding `n` elements of dtype `d`, zero-filled unless `zeroed` is false:
 * kernels that write every slot pass false, and a reused array then keeps its old values
 * rather than being cleared first.
 */
export function allocate<D extends DType>(d: D, n: number, zeroed = true): TypedArrayFor[D] {
  const slots = n * INFO[d].components;
  if (openScopes === 0) return INFO[d].make(slots) as TypedArrayFor[D];
  const bySize = spare.get(STORAGE_CTOR[d]);
  const old = bySize?.get(slots)?.pop();
  if (old !== undefined) {
    if (zeroed) old.fill(0);
    return old as TypedArrayFor[D];
  }
  const a = INFO[d].make(slots);
  reusable.add(a);
  return a as TypedArrayFor[D];
}

const STORAGE_CTOR: { readonly [D in DType]: new (n: number) => TypedArray } = {
  bool: Uint8Array, int32: Int32Array, float32: Float32Array, float64: Float64Array,
  complex64: Float32Array, complex128: Float64Array,
};

/** Counts scopes in which `allocate` may reuse released arrays (+1 on open, -1 on close). */
export function countScope(delta: 1 | -1): void {
  openScopes += delta;
}

/**
 * Offers an array that nothing references any more for reuse by `allocate`. Arrays it
 * did not make inside a scope (e.g. a caller's own array adopted by `fromArray`) are
 * ignored, so a caller's memory is never handed out.
 */
export function releaseArray(a: TypedArray): void {
  if (!reusable.has(a)) return;
  const ctor = a.constructor as new (n: number) => TypedArray;
  let bySize = spare.get(ctor);
  if (bySize === undefined) spare.set(ctor, (bySize = new Map()));
  let list = bySize.get(a.length);
  if (list === undefined) bySize.set(a.length, (list = []));
  if (list.length < SPARE_PER_SIZE) list.push(a);
}

/** The dtype whose storage is the given typed array, or undefined. */
export function dtypeOfArray(a: unknown): DType | undefined {
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint8Array) return 'bool';
  return undefined;
}

/**
 * Result dtype of a binary operation: the larger of the two in the order
 * bool < int32 < float32 < float64 (float32 with int32 stays float32, as in JAX, so that
 * GPU work is not silently widened). With a complex operand the result is complex, with
 * parts of the larger precision: float64 with complex64 gives complex128.
 */
export function promoteTypes(a: DType, b: DType): DType {
  const wider = INFO[a].rank >= INFO[b].rank ? a : b;
  if (!isComplex(a) && !isComplex(b)) return wider;
  return INFO[wider].rank === 3 ? 'complex128' : 'complex64';
}

/** The dtype to compute a float-only function in: floats stay, others become float64. */
export function toFloat(d: DType): FloatDType {
  return isFloat(d) ? d : 'float64';
}
