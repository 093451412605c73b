/**
 * pad (every mode) and roll against NumPy outputs stored in
 * test/fixtures/pad/pad_cases.json (made by make_pad_fixtures.py beside it), plus errors
 * and gradients.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, AxisError, type PadMode, type PadWidths, type Tensor, arange, grad, mul, pad, randomNormal,
  reshape, roll, sin, slice, square, sum, tensor, transpose,
} from '../../src/index.js';
import { checkGrad, throwsTyped } from '../helpers/checks.js';
import { key } from '../../src/random/index.js';
import { loadFixtureText } from '../helpers/fixtures.js';

const randn = (seed: number, shape: number[]): Tensor => randomNormal(key(seed), shape);

/** np.arange(size).reshape(shape) + 0.5, as in make_pad_fixtures.py. */
function base(shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return reshape(arange(n).cast('float64').add(0.5), shape);
}

interface PadCase { shape: number[]; widths: PadWidths; mode: PadMode; value?: number; out_shape: number[]; out: number[] }
interface RollCase { shape: number[]; shift: number | number[]; axis: number | number[] | null; out: number[] }

let cases: { numpy: string; pad: PadCase[]; roll: RollCase[] } | undefined;
async function fixtures(): Promise<NonNullable<typeof cases>> {
  cases ??= JSON.parse(await loadFixtureText('pad/pad_cases.json'));
  return cases!;
}

test('pad matches NumPy in every mode (widths as number, pair and per-axis pairs)', async () => {
  const { pad: padCases } = await fixtures();
  const modes = new Set<string>();
  for (const c of padCases) {
    const label = `${c.mode} shape ${JSON.stringify(c.shape)} widths ${JSON.stringify(c.widths)}`;
    const y = pad(base(c.shape), c.widths, c.value === undefined ? { mode: c.mode } : { mode: c.mode, value: c.value });
    assert.equal(y.shape, c.out_shape, label);
    assert.equal(Array.from(y.toTypedArray()), c.out, label);
    // The same pad on a transposed (strided) input of the transposed shape.
    if (c.shape.length === 2 && Array.isArray(c.widths) && Array.isArray(c.widths[0])) {
      const w = c.widths as readonly (readonly [number, number])[];
      const strided = transpose(transpose(base(c.shape)).add(0)); // same values, column-major
      assert.not.ok(strided.isContiguous || strided.size < 2);
      const yt = pad(strided, [w[0]!, w[1]!], { mode: c.mode, value: c.value ?? 0 });
      assert.equal(Array.from(yt.toTypedArray()), c.out, `${label} (strided input)`);
    }
    modes.add(c.mode);
  }
  assert.is(modes.size, 5);
});

test('pad: defaults, dtypes, zero widths, views', () => {
  const x = tensor([1, 2]);
  assert.equal(pad(x, 1).toArray(), [0, 1, 2, 0]);
  assert.equal(pad(x, [0, 2], { value: -1 }).toArray(), [1, 2, -1, -1]);
  assert.is(pad(x, 0), x);
  assert.is(pad(x, [[0, 0]], { mode: 'reflect' }), x);
  const i = pad(arange(3), 1, { mode: 'edge' });
  assert.is(i.dtype, 'int32');
  assert.equal(i.toArray(), [0, 0, 1, 2, 2]);
  const ic = pad(arange(2), 1, { value: 9 });
  assert.is(ic.dtype, 'int32');
  assert.equal(ic.toArray(), [9, 0, 1, 9]);
  const b = pad(tensor([true, false]), [1, 1], { mode: 'wrap' });
  assert.is(b.dtype, 'bool');
  assert.equal(b.toArray(), [0, 1, 0, 1]);
  assert.equal(pad(tensor(3), 2).toArray(), 3, 'a scalar has no axes to pad');
  assert.equal(pad(tensor([1, 2, 3]), [1, 2], { mode: 'reflect' }).toArray(), [2, 1, 2, 3, 2, 1]);
  // Strided input with an offset.
  const s = slice(base([3, 4]), [1, 3], [null, null, -2]);
  assert.equal(pad(s, [[0, 0], [1, 1]], { mode: 'wrap' }).toArray(), [[5.5, 7.5, 5.5, 7.5], [9.5, 11.5, 9.5, 11.5]]);
});

test('pad rejects bad widths, modes and empty axes', () => {
  const x = base([2, 3]);
  throwsTyped(() => pad(x, -1), ArgumentError, 'pad', 'widths');
  throwsTyped(() => pad(x, 1.5), ArgumentError, 'pad', 'widths');
  throwsTyped(() => pad(x, [1, -1]), ArgumentError, 'pad', 'widths');
  throwsTyped(() => pad(x, [[1, 1]]), ArgumentError, 'pad', 'widths');
  throwsTyped(() => pad(x, [[1, 1], [1, 1], [1, 1]]), ArgumentError, 'pad', 'widths');
  throwsTyped(() => pad(x, [[1, 1], [1]] as never), ArgumentError, 'pad', 'widths');
  throwsTyped(() => pad(x, [1, 2, 3] as never), ArgumentError, 'pad', 'widths');
  throwsTyped(() => pad(x, 'a' as never), ArgumentError, 'pad', 'widths');
  throwsTyped(() => pad(x, 1, { mode: 'mirror' as never }), ArgumentError, 'pad', 'mode');
  throwsTyped(() => pad(x, 1, { value: 'a' as never }), ArgumentError, 'pad', 'value');
  throwsTyped(() => pad(reshape(tensor([]), [2, 0]), 1, { mode: 'wrap' }), ArgumentError, 'pad', 'x');
  throwsTyped(() => pad('x' as never, 1), ArgumentError, 'pad', 'x');
});

test('roll matches NumPy (positive, negative, large shifts, several axes, flattened)', async () => {
  const { roll: rollCases } = await fixtures();
  for (const c of rollCases) {
    const label = `shape ${JSON.stringify(c.shape)} shift ${JSON.stringify(c.shift)} axis ${JSON.stringify(c.axis)}`;
    const y = c.axis === null ? roll(base(c.shape), c.shift) : roll(base(c.shape), c.shift, c.axis);
    assert.equal(y.shape, c.shape, label);
    assert.equal(Array.from(y.toTypedArray()), c.out, label);
  }
  const x = arange(5);
  assert.is(roll(x, 0, 0), x);
  assert.is(roll(x, 1, 0).dtype, 'int32');
});

test('roll rejects bad shifts and axes', () => {
  const x = base([2, 3]);
  throwsTyped(() => roll(x, [1, 2]), ArgumentError, 'roll', 'shift');
  throwsTyped(() => roll(x, 1.5, 0), ArgumentError, 'roll', 'shift');
  throwsTyped(() => roll(x, 1.5), ArgumentError, 'roll', 'shift');
  throwsTyped(() => roll(x, [1, 2], 0), ArgumentError, 'roll', 'shift');
  throwsTyped(() => roll(x, [1], [0, 1]), ArgumentError, 'roll', 'shift');
  throwsTyped(() => roll(x, 1, 2), AxisError, 'roll', 'axis');
  throwsTyped(() => roll(x, [1, 1], [0, -3]), AxisError, 'roll', 'axis');
  throwsTyped(() => roll(null as never, 1), ArgumentError, 'roll', 'x');
});

test('gradcheck: pad in every mode, including widths wider than the axis', () => {
  const x = randn(1, [3, 2]);
  for (const mode of ['constant', 'wrap', 'reflect', 'symmetric', 'edge'] as const) {
    checkGrad((a) => pad(a, 1, { mode }), [x], `${mode} 1`);
    checkGrad((a) => sin(pad(a, [[2, 0], [1, 3]], { mode, value: 0.5 })), [x], `${mode} pairs`);
    checkGrad((a) => pad(a, [[7, 5], [4, 6]], { mode }), [x], `${mode} wide`);
    checkGrad((a) => pad(transpose(a), [[0, 1], [5, 2]], { mode }), [x], `${mode} strided`);
    checkGrad((a) => pad(a, 3, { mode }), [randn(2, [1])], `${mode} single element`);
  }
});

test('gradcheck: roll', () => {
  const x = randn(3, [3, 4]);
  checkGrad((a) => roll(a, 1, 0), [x], 'roll 1');
  checkGrad((a) => roll(a, -7, 1), [x], 'roll -7');
  checkGrad((a) => sin(roll(a, [2, -1], [1, 0])), [x], 'roll two axes');
  checkGrad((a) => roll(a, 5), [x], 'roll flattened');
  checkGrad((a) => roll(a, [1, 1], [1, 1]), [x], 'roll repeated axis');
});

test('second order: grad of grad through pad and slice', () => {
  for (const mode of ['constant', 'reflect', 'symmetric', 'wrap', 'edge'] as const) {
    const inner = (y: Tensor): Tensor => sum(mul(square(sin(slice(pad(y, [[2, 5], [3, 1]], { mode }), [1, -1], [null, null, -2]))), base([8, 3])));
    checkGrad((a) => grad(inner)(a) as Tensor, [randn(4, [3, 2])], `grad of pad ${mode}`);
  }
  const r = (y: Tensor): Tensor => sum(square(sin(roll(y, [1, -2], [0, 1]))));
  checkGrad((a) => grad(r)(a) as Tensor, [randn(5, [3, 4])], 'grad of roll');
});

test.run();
