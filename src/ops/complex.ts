/**
 * Complex numbers: building them from parts and taking them apart.
 *
 * Gradients follow one convention throughout difftape (PyTorch's): the cotangent of a
 * complex value z = x + iy under a real loss L is dL/dx + i dL/dy. With it, `real` and
 * `imag` are views whose adjoints put the cotangent back in place, and a holomorphic
 * function f has the VJP g * conj(f'(z)) (see the complex rules in elementwise.ts).
 *
 * @module
 */
import { DTypeError } from '../errors.js';
import { type DType, complexOf, isComplex, isFloat, promoteTypes, realOf } from '../tensor/dtype.js';
import { broadcastShapes } from '../tensor/shape.js';
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { toOperands, toTensor } from './convert.js';
import { atan2, cast } from './elementwise.js';

export { conj } from './elementwise.js';
import { type Primitive, bind } from './primitive.js';
import { broadcastTo } from './view.js';

function requireComplex(x: Tensor, fn: string): void {
  if (!isComplex(x.dtype)) {
    throw new DTypeError({ fn, arg: 'z', expected: 'a complex tensor (build one with complex(re, im))', actual: x.dtype });
  }
}

/** A view of the real (part 0) or imaginary (part 1) parts of complex `z`, sharing storage. */
function partView(z: Tensor, part: 0 | 1): Tensor {
  return new Tensor(z.storage, z.shape, realOf(z.dtype), z.strides.map((s) => 2 * s), 2 * z.offset + part);
}

const realPrim: Primitive<null> = {
  name: 'real',
  forward: ([z]) => partView(z!, 0),
  vjp: (g, [z]) => [cast(g, z!.dtype)],
};

const imagPrim: Primitive<null> = {
  name: 'imag',
  forward: ([z]) => partView(z!, 1),
  vjp: (g) => [complex(0, g)],
};

/** The real parts of complex `z` (a view); a real tensor is returned as it is. */
export function real(z: TensorLike): Tensor {
  const t = toTensor(z, 'real', 'z');
  return isComplex(t.dtype) ? bind(realPrim, [t], null) : t;
}

/** The imaginary parts of complex `z` (a view); for a real tensor, zeros. */
export function imag(z: TensorLike): Tensor {
  const t = toTensor(z, 'imag', 'z');
  if (!isComplex(t.dtype)) return broadcastTo(cast(0, t.dtype === 'float32' ? 'float32' : 'float64'), t.shape);
  return bind(imagPrim, [t], null);
}

const complexPrim: Primitive<{ dtype: DType }> = {
  name: 'complex',
  forward: ([re, im], { dtype }) => {
    // Interleave the parts by joining them on a new last axis, then read the pairs as
    // complex elements of the same storage.
    const pairs = re!.storage.backend.concat([expandRaw(re!), expandRaw(im!)], re!.ndim, [...re!.shape, 2]);
    return new Tensor(pairs.storage, re!.shape, dtype);
  },
  vjp: (g) => [real(g), imag(g)],
};

/** `x` with a trailing axis of extent 1, as a plain view (no tape entry: used inside a kernel call). */
function expandRaw(x: Tensor): Tensor {
  return new Tensor(x.storage, [...x.shape, 1], x.dtype, [...x.strides, 0], x.offset);
}

/**
 * The complex tensor `re + i im` (broadcast together). float32 parts give complex64,
 * other parts complex128.
 */
export function complex(re: TensorLike, im: TensorLike): Tensor {
  const fn = 'complex';
  const [a, b] = toOperands(re, im, fn);
  for (const [t, arg] of [[a, 're'], [b, 'im']] as const) {
    if (isComplex(t.dtype)) throw new DTypeError({ fn, arg, expected: 'a real tensor', actual: t.dtype });
  }
  const shape = broadcastShapes(fn, a.shape, b.shape);
  const part = promoteTypes(a.dtype, b.dtype);
  const partDtype = isFloat(part) ? part : 'float64';
  const [x, y] = [broadcastTo(cast(a, partDtype), shape), broadcastTo(cast(b, partDtype), shape)];
  return bind(complexPrim, [x, y], { dtype: complexOf(partDtype) });
}

/** The argument (phase) of complex `z`, in (-pi, pi]: `atan2(imag(z), real(z))`. */
export function angle(z: TensorLike): Tensor {
  const t = toTensor(z, 'angle', 'z');
  requireComplex(t, 'angle');
  return atan2(imag(t), real(t));
}
