/**
 * Minibatches: seeded shuffles of row indices, and the rows they select.
 *
 * @module
 */
import { ArgumentError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { checkTensor } from '../ops/convert.js';
import { take } from '../ops/gather.js';
import { type PRNGKey, permutation } from '../random/index.js';
import { tensor } from '../tensor/creation.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkInt, checkKey, checkOptions } from './checks.js';

/**
 * The indices `0 .. n-1` in a random order drawn from `key` ({@link permutation}, the
 * same on every engine), cut into consecutive batches of `batchSize`. The last batch is
 * shorter when `batchSize` does not divide `n`, unless `dropLast` is true, in which case
 * it is left out (so every batch has exactly `batchSize` indices and some indices of
 * this epoch are skipped). Use a fresh key per epoch (`split` or `foldIn`).
 *
 * @param key - the PRNG key of this shuffle.
 * @param n - the number of rows, an integer >= 0.
 * @param batchSize - a positive integer.
 * @param options - `dropLast` (default false).
 * @returns one new `Int32Array` per batch (`[]` when `n` is 0).
 * @throws ArgumentError for a bad key, `n`, `batchSize` or `dropLast`.
 */
export function shuffledBatches(key: PRNGKey, n: number, batchSize: number, options?: { dropLast?: boolean }): Int32Array[] {
  const fn = 'shuffledBatches';
  checkKey(key, fn);
  checkInt(n, fn, 'n', 0);
  checkInt(batchSize, fn, 'batchSize', 1);
  const { dropLast = false } = checkOptions(options, fn);
  if (typeof dropLast !== 'boolean') throw new ArgumentError({ fn, arg: 'options.dropLast', expected: 'a boolean', actual: fmtValue(dropLast) });
  if (n > 2 ** 31) throw new ArgumentError({ fn, arg: 'n', expected: 'at most 2^31', actual: String(n) });
  const perm = permutation(key, n);
  const batches: Int32Array[] = [];
  for (let start = 0; start < n; start += batchSize) {
    if (dropLast && start + batchSize > n) break;
    batches.push(perm.slice(start, start + batchSize));
  }
  return batches;
}

/**
 * The rows of `x` (its entries along axis 0) at `indices`, in that order:
 * `[k, ...x.shape[1:]]` for `k` indices. Built on {@link take}, so gradients flow back
 * to `x` (summed over repeated indices).
 *
 * @param x - a tensor with at least one axis.
 * @param indices - integers in `[0, x.shape[0])`, e.g. a batch from {@link shuffledBatches}.
 * @throws ArgumentError if `x` is not a tensor or an index is not an integer in range;
 *   ShapeError if `x` is a scalar.
 */
export function takeRows(x: Tensor, indices: Int32Array | readonly number[]): Tensor {
  const fn = 'takeRows';
  const t = checkTensor(x, fn, 'x');
  if (t.ndim === 0) throw new ShapeError({ fn, arg: 'x', expected: 'at least one axis', actual: fmtShape(t.shape) });
  if (!(indices instanceof Int32Array) && !Array.isArray(indices)) {
    throw new ArgumentError({ fn, arg: 'indices', expected: 'an Int32Array or an array of integers', actual: fmtValue(indices) });
  }
  const rows = t.shape[0]!;
  const idx = Int32Array.from(indices as ArrayLike<number>, (v) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= rows) {
      throw new ArgumentError({ fn, arg: 'indices', expected: `integers in [0, ${rows - 1}]`, actual: fmtValue(v) });
    }
    return v;
  });
  return take(t, tensor(idx, { backend: t.storage.backend }), 0);
}
