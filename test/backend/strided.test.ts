/**
 * Strided loops of the CPU backend: which axes `coalesce` merges, and that `forEachRun`
 * visits every element exactly once, in row-major order, for any strides.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { broadcastStrides, coalesce, forEachRun, type Loop } from '../../src/backend/cpu/strided.js';
import { arange, broadcastTo, reshape, slice, tensor, transpose } from '../../src/index.js';
import { rng, randInt } from '../helpers/checks.js';


/** Storage positions of every element, in row-major order, by plain index counting. */
function reference(shape: readonly number[], strides: readonly (readonly number[])[], offsets: readonly number[]): number[][] {
  const size = shape.reduce((a, b) => a * b, 1);
  const out: number[][] = [];
  const idx = new Array<number>(shape.length).fill(0);
  for (let n = 0; n < size; n++) {
    out.push(strides.map((s, j) => offsets[j]! + idx.reduce((acc, v, i) => acc + v * s[i]!, 0)));
    for (let ax = shape.length - 1; ax >= 0; ax--) {
      if (++idx[ax]! < shape[ax]!) break;
      idx[ax] = 0;
    }
  }
  return out;
}

/** The positions `forEachRun` visits, expanded element by element; checks outPos too. */
function visited(loop: Loop, offsets: readonly number[]): number[][] {
  const out: number[][] = [];
  const inner = loop.strides.map((s) => s.at(-1)!);
  forEachRun(loop, offsets, (pos, outPos, len) => {
    assert.is(outPos, out.length, 'outPos counts the elements visited before the run');
    assert.is(len, loop.shape.at(-1)!);
    for (let k = 0; k < len; k++) out.push(pos.map((p, j) => p + k * inner[j]!));
  });
  return out;
}

test('coalesce merges exactly the axes every operand walks densely', () => {
  const cases: [number[], number[][], number[], number[][]][] = [
    // shape, strides -> merged shape, merged strides
    [[2, 3, 4], [[12, 4, 1]], [24], [[1]]],
    [[2, 3, 4], [[12, 4, 1], [12, 4, 1]], [24], [[1], [1]]],
    [[3, 2], [[1, 3]], [3, 2], [[1, 3]]], // transposed: nothing merges
    [[2, 3, 4], [[24, 4, 1]], [2, 12], [[24, 1]]], // every other block
    [[2, 3, 4], [[12, 4, 1], [1, 2, 6]], [2, 3, 4], [[12, 4, 1], [1, 2, 6]]], // one operand blocks merging
    [[2, 3, 4], [[12, 4, 1], [0, 4, 1]], [2, 12], [[12, 1], [0, 1]]],
    [[2, 3], [[0, 0]], [6], [[0]]], // a broadcast scalar
    [[2, 3], [[0, 1]], [2, 3], [[0, 1]]], // a broadcast row
    [[2, 3], [[1, 0]], [2, 3], [[1, 0]]],
    [[3, 4], [[-4, -1]], [12], [[-1]]], // reversed dense
    [[3, 4], [[4, -1]], [3, 4], [[4, -1]]],
    [[2, 1, 3], [[3, 99, 1]], [6], [[1]]], // size-1 axes are dropped whatever their stride
    [[1, 5, 1], [[7, 2, 9]], [5], [[2]]],
    [[1, 1], [[5, 6], [7, 8]], [1], [[0], [0]]],
    [[], [[], []], [1], [[0], [0]]],
    [[4, 2, 3], [[6, 3, 1], [0, 3, 1]], [4, 6], [[6, 1], [0, 1]]],
  ];
  for (const [shape, strides, wantShape, wantStrides] of cases) {
    const got = coalesce(shape, strides);
    const label = `${JSON.stringify(shape)} ${JSON.stringify(strides)}`;
    assert.equal(got.shape, wantShape, label);
    assert.equal(got.strides, wantStrides, label);
  }
});

test('coalesce keeps size-0 loops empty and never returns rank 0', () => {
  for (const shape of [[0], [2, 0, 3], [0, 1], [3, 0]]) {
    const loop = coalesce(shape, [shape.map(() => 1)]);
    assert.ok(loop.shape.length >= 1);
    assert.is(loop.shape.reduce((a, b) => a * b, 1), 0, JSON.stringify(shape));
    let calls = 0;
    forEachRun(loop, [0], () => calls++);
    assert.is(calls, 0);
  }
});

test('forEachRun visits every element once in row-major order (random layouts)', () => {
  const r = rng(2024);
  for (let trial = 0; trial < 500; trial++) {
    const rank = randInt(r, 0, 4);
    const shape = Array.from({ length: rank }, () => (r() < 0.1 ? randInt(r, 0, 1) : randInt(r, 1, 4)));
    const nOps = randInt(r, 1, 3);
    const strides = Array.from({ length: nOps }, (_, j) => {
      if (j === 0 || r() < 0.3) {
        // Dense row-major, possibly with some axes reversed or broadcast.
        let s = 1;
        const dense = new Array<number>(rank);
        for (let i = rank - 1; i >= 0; i--) {
          dense[i] = s;
          s *= shape[i]!;
        }
        return dense.map((d) => (r() < 0.15 ? 0 : r() < 0.15 ? -d : d));
      }
      return shape.map(() => (r() < 0.2 ? 0 : randInt(r, -20, 20)));
    });
    const offsets = strides.map(() => randInt(r, 0, 100));
    const want = reference(shape, strides, offsets);
    const label = `shape ${JSON.stringify(shape)} strides ${JSON.stringify(strides)}`;
    // Through coalesce (as kernels use it) and on the raw layout (rank >= 1).
    assert.equal(visited(coalesce(shape, strides), offsets), want, `coalesced ${label}`);
    if (rank > 0) assert.equal(visited({ shape: [...shape], strides: strides.map((s) => [...s]) }, offsets), want, `raw ${label}`);
    // Coalescing preserves the number of elements.
    assert.is(coalesce(shape, strides).shape.reduce((a, b) => a * b, 1), want.length);
  }
});

test('broadcastStrides right-aligns and zeroes broadcast axes', () => {
  const x = reshape(arange(6), [2, 1, 3]);
  assert.equal(broadcastStrides(x, [4, 2, 5, 3]), [0, 3, 0, 1]);
  assert.equal(broadcastStrides(transpose(x), [3, 1, 2]), [1, 0, 3]);
  assert.equal(broadcastStrides(tensor(1), [2, 2]), [0, 0]);
  assert.equal(broadcastStrides(broadcastTo(tensor([1, 2]), [3, 2]), [3, 2]), [0, 1]);
  assert.equal(broadcastStrides(slice(reshape(arange(12), [3, 4]), null, [null, null, -2]), [2, 3, 2]), [0, 4, -2]);
});

test.run();
