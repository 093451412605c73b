/**
 * Method syntax for the common ops: `x.mul(w).add(b).relu().sum()`. Each method is the
 * function of the same name in `src/ops/`, with the tensor as first argument.
 *
 * @module
 */
import type { DType } from '../tensor/dtype.js';
import type { Shape } from '../tensor/shape.js';
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import * as ew from './elementwise.js';
import { matmul } from './matmul.js';
import * as red from './reduce.js';
import * as v from './view.js';

declare module '../tensor/tensor.js' {
  interface Tensor {
    /** {@link ew.add} */ add(other: TensorLike): Tensor;
    /** {@link ew.sub} */ sub(other: TensorLike): Tensor;
    /** {@link ew.mul} */ mul(other: TensorLike): Tensor;
    /** {@link ew.div} */ div(other: TensorLike): Tensor;
    /** {@link ew.pow} */ pow(other: TensorLike): Tensor;
    /** {@link ew.maximum} */ maximum(other: TensorLike): Tensor;
    /** {@link ew.minimum} */ minimum(other: TensorLike): Tensor;
    /** {@link ew.equal} */ equal(other: TensorLike): Tensor;
    /** {@link ew.less} */ less(other: TensorLike): Tensor;
    /** {@link ew.greater} */ greater(other: TensorLike): Tensor;
    /** {@link ew.neg} */ neg(): Tensor;
    /** {@link ew.abs} */ abs(): Tensor;
    /** {@link ew.square} */ square(): Tensor;
    /** {@link ew.sqrt} */ sqrt(): Tensor;
    /** {@link ew.exp} */ exp(): Tensor;
    /** {@link ew.log} */ log(): Tensor;
    /** {@link ew.sin} */ sin(): Tensor;
    /** {@link ew.cos} */ cos(): Tensor;
    /** {@link ew.tanh} */ tanh(): Tensor;
    /** {@link ew.sigmoid} */ sigmoid(): Tensor;
    /** {@link ew.relu} */ relu(): Tensor;
    /** {@link ew.cast} */ cast(dtype: DType): Tensor;
    /** {@link red.sum} */ sum(axis?: red.Axes, options?: red.ReduceOptions): Tensor;
    /** {@link red.mean} */ mean(axis?: red.Axes, options?: red.ReduceOptions): Tensor;
    /** {@link red.max} */ max(axis?: red.Axes, options?: red.ReduceOptions): Tensor;
    /** {@link red.min} */ min(axis?: red.Axes, options?: red.ReduceOptions): Tensor;
    /** {@link matmul} */ matmul(other: TensorLike): Tensor;
    /** {@link v.reshape} */ reshape(shape: Shape | number): Tensor;
    /** {@link v.transpose} */ transpose(axes?: readonly number[]): Tensor;
    /** {@link v.broadcastTo} */ broadcastTo(shape: Shape): Tensor;
    /** {@link v.expandDims} */ expandDims(axis: number): Tensor;
    /** {@link v.squeeze} */ squeeze(axis?: number | readonly number[]): Tensor;
    /** {@link v.slice} */ slice(...specs: v.SliceSpec[]): Tensor;
  }
}

type Methods = { [K in keyof Tensor]?: (this: Tensor, ...args: never[]) => unknown };
const methods: Methods = {
  add(o: TensorLike) { return ew.add(this, o); },
  sub(o: TensorLike) { return ew.sub(this, o); },
  mul(o: TensorLike) { return ew.mul(this, o); },
  div(o: TensorLike) { return ew.div(this, o); },
  pow(o: TensorLike) { return ew.pow(this, o); },
  maximum(o: TensorLike) { return ew.maximum(this, o); },
  minimum(o: TensorLike) { return ew.minimum(this, o); },
  equal(o: TensorLike) { return ew.equal(this, o); },
  less(o: TensorLike) { return ew.less(this, o); },
  greater(o: TensorLike) { return ew.greater(this, o); },
  neg() { return ew.neg(this); },
  abs() { return ew.abs(this); },
  square() { return ew.square(this); },
  sqrt() { return ew.sqrt(this); },
  exp() { return ew.exp(this); },
  log() { return ew.log(this); },
  sin() { return ew.sin(this); },
  cos() { return ew.cos(this); },
  tanh() { return ew.tanh(this); },
  sigmoid() { return ew.sigmoid(this); },
  relu() { return ew.relu(this); },
  cast(d: DType) { return ew.cast(this, d); },
  sum(a?: red.Axes, o?: red.ReduceOptions) { return red.sum(this, a, o); },
  mean(a?: red.Axes, o?: red.ReduceOptions) { return red.mean(this, a, o); },
  max(a?: red.Axes, o?: red.ReduceOptions) { return red.max(this, a, o); },
  min(a?: red.Axes, o?: red.ReduceOptions) { return red.min(this, a, o); },
  matmul(o: TensorLike) { return matmul(this, o); },
  reshape(s: Shape | number) { return v.reshape(this, s); },
  transpose(axes?: readonly number[]) { return v.transpose(this, axes); },
  broadcastTo(s: Shape) { return v.broadcastTo(this, s); },
  expandDims(a: number) { return v.expandDims(this, a); },
  squeeze(a?: number | readonly number[]) { return v.squeeze(this, a); },
  slice(...specs: v.SliceSpec[]) { return v.slice(this, ...specs); },
};
Object.assign(Tensor.prototype, methods);
