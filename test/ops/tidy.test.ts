import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, type Tensor, add, cast, complex, exp, fft, flip, full, grad, irfft, mul, neg, rfft, rfft2, sum, tensor, tidy, where,
} from '../../src/index.js';
import { type Backend, cpu, registerBackend } from '../../src/index.js';
import { type Storage, unregisterBackend } from '../../src/backend/index.js';

test('tidy returns its result and releases the intermediates', () => {
  const x = tensor([1, 2, 3]);
  let inner: Tensor | undefined;
  const y = tidy(() => {
    inner = mul(x, 2);
    return add(inner, 1);
  });
  assert.equal(y.toArray(), [3, 5, 7]);
  assert.equal(x.toArray(), [1, 2, 3], 'inputs are untouched');
  assert.throws(() => inner!.toArray(), /released/);
});

test('released memory is reused, and a reused array starts from zeros', () => {
  const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  for (let i = 0; i < 5; i++) {
    const r = tidy(() => exp(add(mul(x, 0.5), 1)));
    assert.equal(r.toArray(), Array.from({ length: 10 }, (_, k) => exp(tensor((k + 1) * 0.5 + 1)).item()));
  }
});

test('kernels that skip zero-filling a reused array still write every slot', () => {
  const x = tensor(Array.from({ length: 24 }, (_, i) => Math.sin(i + 1))).reshape([4, 6]);
  const z = complex(x, flip(x, 1));
  const ops: [string, () => Tensor][] = [
    ['unary', () => neg(x)], ['binary broadcast', () => mul(x, x.slice(null, [0, 1]))], ['where', () => where(x.greater(0), x, 0)],
    ['cast', () => cast(x, 'float32')], ['complex mul', () => mul(z, z.slice([0, 1]))], ['complex neg', () => neg(z)],
    ['rfft', () => rfft(x)], ['irfft', () => irfft(rfft(x), 6)], ['fft', () => fft(z, undefined, 0)], ['rfft2', () => rfft2(x)],
  ];
  for (const [name, op] of ops) {
    const want = op().toArray();
    // Fill the pool with NaN-filled arrays of every size the op allocates, then rerun it.
    for (let n = 1; n <= 100; n++) tidy(() => (full([n], NaN), full([n], NaN, { dtype: 'float32' }), tensor(0)));
    assert.equal(tidy(op).toArray(), want, name);
  }
});

test('trees are kept whole; nested scopes hand their results to the outer one', () => {
  const x = tensor([1, 2]);
  const out = tidy(() => {
    const a = tidy(() => ({ p: mul(x, 3), q: [add(x, 1)] }));
    return { p: a.p, q: a.q[0]!, r: mul(a.p, 2) };
  });
  assert.equal([out.p.toArray(), out.q.toArray(), out.r.toArray()], [[3, 6], [2, 3], [6, 12]]);
});

test('inside a gradient, tidy keeps everything the tape needs', () => {
  const g = grad((v: Tensor) => tidy(() => sum(mul(exp(v), v))))(tensor([0.5, 1]));
  Array.from(g.toTypedArray()).forEach((n, i) => {
    const v = [0.5, 1][i]!;
    assert.ok(Math.abs(n - Math.exp(v) * (1 + v)) < 1e-12);
  });
});

test('errors release the scope and propagate; bad arguments are refused', () => {
  const x = tensor([1]);
  assert.throws(() => tidy(() => { mul(x, 2); throw new Error('boom'); }), /boom/);
  assert.equal(tidy(() => mul(x, 2)).toArray(), [2]);
  assert.throws(() => tidy(3 as never), (e: unknown) => e instanceof ArgumentError);
});

test('tidy opens and closes a scope on every registered backend, once each', () => {
  const calls: string[] = [];
  const fake: Backend = {
    ...cpu, name: 'fake',
    openScope: () => void calls.push('open'),
    closeScope: (keep: readonly Storage[]) => void calls.push(`close keeping ${keep.length}`),
  };
  registerBackend(fake);
  registerBackend(fake);
  try {
    tidy(() => tensor([1, 2]));
    assert.equal(calls, ['open', 'close keeping 1']);
  } finally {
    unregisterBackend(fake);
  }
  tidy(() => tensor([1]));
  assert.equal(calls.length, 2, 'an unregistered backend gets no scope');
});

test.run();
