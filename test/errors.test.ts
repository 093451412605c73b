import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, AxisError, ConvergenceError, DTypeError, DifftapeError, ShapeError, add, cast, grad, matmul, mean,
  type Tensor, random, randomNormal, reshape, sum, tensor, where, zeros,
} from '../src/index.js';
import { fmtShape, fmtValue } from '../src/errors.js';

function caught(f: () => unknown): DifftapeError {
  try {
    f();
  } catch (e) {
    if (e instanceof DifftapeError) return e;
    throw new Error(`expected a DifftapeError, got ${String(e)}`);
  }
  throw new Error('expected an error, none was thrown');
}

test('messages name the function, the argument, what was expected and what was found', () => {
  const e = caught(() => add(zeros([2, 3]), zeros([4])));
  assert.instance(e, ShapeError);
  assert.is(e.name, 'ShapeError');
  assert.is(e.info.fn, 'add');
  assert.is(e.message, "add: argument 'shapes': expected shapes that broadcast together, got [2,3] and [4]");
  const r = caught(() => reshape(zeros([2, 3]), [4, 2]));
  assert.match(r.message, /^reshape: argument 'shape': expected a shape with 6 elements/);
  assert.is(new ConvergenceError({ fn: 'cg', expected: 'residual < 1e-8' }).message, 'cg: expected residual < 1e-8');
  assert.is(new ArgumentError({ fn: 'f', actual: '3' }).message, 'f: got 3');
  assert.is(new AxisError({ fn: 'f', arg: 'axis' }).message, "f: argument 'axis'");
});

test('wrong argument counts and kinds', () => {
  assert.instance(caught(() => (add as (a: unknown) => unknown)(tensor([1]))), ArgumentError);
  assert.match(caught(() => (matmul as (a: unknown) => unknown)(tensor([1]))).message, /^matmul: argument 'b'/);
  assert.match(caught(() => sum('x' as never)).message, /^sum: argument 'x': expected a Tensor or a number, got "x"/);
  assert.instance(caught(() => grad(undefined as never)), ArgumentError);
  assert.instance(caught(() => where(true as never, 1, 2)), ArgumentError);
});

test('dtype misuse is rejected instead of producing NaN or garbage', () => {
  assert.instance(caught(() => cast(tensor([1]), 'float16' as never)), DTypeError);
  assert.instance(caught(() => tensor([1, 2], { dtype: 'int64' as never })), DTypeError);
  assert.instance(caught(() => tensor([true, 1] as never)), DTypeError);
  assert.instance(caught(() => randomNormal(random.key(0), [2], { dtype: 'int32' as never })), DTypeError);
  assert.instance(caught(() => matmul(tensor([true, false]), tensor([true, false]))), DTypeError);
  // A gradient of an integer-valued function is refused rather than silently zero.
  assert.instance(caught(() => grad((x: Tensor) => sum(cast(x, 'int32')))(tensor([1.5]))), DTypeError);
  // mean of integers is a float, not a truncated integer
  assert.is(mean(tensor([1, 2], { dtype: 'int32' })).dtype, 'float64');
});

test('axes out of range or repeated', () => {
  assert.match(caught(() => sum(zeros([2, 3]), 2)).message, /^sum: argument 'axis': expected an integer in \[-2, 1\], got 2/);
  assert.instance(caught(() => sum(zeros([2, 3]), [0, -2])), AxisError);
  assert.instance(caught(() => sum(zeros([2, 3]), 0.5)), AxisError);
});

test('formatting helpers', () => {
  assert.is(fmtShape([2, 3]), '[2,3]');
  assert.is(fmtShape([]), '[]');
  assert.is(fmtValue('a'), '"a"');
  assert.is(fmtValue([1, [2]]), '[1,[2]]');
  assert.is(fmtValue(new Array(20).fill(0)), 'an array of length 20');
  assert.is(fmtValue(() => 1), 'a function');
  assert.is(fmtValue({}), 'an object');
  assert.is(fmtValue(new Map()), 'a Map');
  assert.is(fmtValue(null), 'null');
});

test.run();
