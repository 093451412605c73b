import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, DTypeError, type Tensor, arange, customVjp, gradcheck, mul, sin, sum, take, tensor,
} from '../../src/index.js';

test('passes on correct gradients, including with integer inputs passed through', () => {
  const r = gradcheck((x: Tensor, i: Tensor) => take(sin(x), i), [tensor([0.1, 0.7, 1.3]), arange(3).reshape([3]).slice([null, null, -1])]);
  assert.ok(r.ok, r.message);
  assert.ok(r.maxAbsError < 1e-8);
});

test('fails, with a readable message, on a wrong reverse rule', () => {
  const bad = customVjp((x: Tensor) => mul(x, x), (x: Tensor) => [mul(x, x), x] as [Tensor, Tensor], (x: Tensor, g: Tensor) => [mul(g, x)]);
  const r = gradcheck((x: Tensor) => sum(bad(x)), [tensor([1, 2])]);
  assert.not.ok(r.ok);
  assert.match(r.message, /analytic/);
});

test('rejects float32 inputs, non-tensors and non-float outputs', () => {
  assert.throws(() => gradcheck((x: Tensor) => x, [tensor([1], { dtype: 'float32' })]), (e: unknown) => e instanceof DTypeError);
  assert.throws(() => gradcheck((x: Tensor) => x, [3 as never]), (e: unknown) => e instanceof ArgumentError);
  assert.throws(() => gradcheck((x: Tensor) => x.greater(0), [tensor([1])]), (e: unknown) => e instanceof DTypeError);
});

test.run();
