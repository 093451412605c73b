import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  THREEFRY_PARITY_32,
  THREEFRY_ROTATIONS_2X32,
  THREEFRY_ROUNDS,
  threefry2x32,
  threefry2x32Into,
} from '../../src/random/threefry.js';

// Random123 kat_vectors for threefry2x32_20 (also in JAX's random_test.py and
// TensorFlow's stateful_random_ops_test.py): key, counter -> output.
const KAT: ReadonlyArray<{
  key: [number, number];
  ctr: [number, number];
  out: [number, number];
}> = [
  { key: [0x00000000, 0x00000000], ctr: [0x00000000, 0x00000000], out: [0x6b200159, 0x99ba4efe] },
  { key: [0xffffffff, 0xffffffff], ctr: [0xffffffff, 0xffffffff], out: [0x1cb996fc, 0xbb002be7] },
  { key: [0x13198a2e, 0x03707344], ctr: [0x243f6a88, 0x85a308d3], out: [0xc4923a9c, 0x483df7a0] },
];

test('Random123 known-answer vectors', () => {
  for (const { key, ctr, out } of KAT) {
    assert.equal(threefry2x32(key[0], key[1], ctr[0], ctr[1]), out);
  }
});

test('vectors implied by published jax.random outputs for PRNGKey(0)', () => {
  // jax.random.split(key(0), 3) (partitionable) hashes counters (0, i);
  // fold_in(key(0), 3) hashes (0, 3); the pre-0.5 split/bits outputs pair
  // counters (i, i + 4).
  const cases: Array<[number, number, number, number]> = [
    [0, 1, 928981903, 3453687069],
    [0, 2, 4146024105, 2718843009],
    [0, 3, 2467461003, 3840466878],
    [0, 4, 2285895361, 433833334],
    [1, 5, 1501764800, 4221794875],
  ];
  for (const [c0, c1, x0, x1] of cases) {
    assert.equal(threefry2x32(0, 0, c0, c1), [x0, x1], `counter (${c0}, ${c1})`);
  }
});

test('constants', () => {
  assert.is(THREEFRY_PARITY_32, 0x1bd11bda);
  assert.equal([...THREEFRY_ROTATIONS_2X32], [13, 15, 26, 6, 17, 29, 16, 24]);
  assert.is(THREEFRY_ROUNDS, 20);
  assert.ok(Object.isFrozen(THREEFRY_ROTATIONS_2X32));
});

/** Straight transcription of the documented pseudo-code, with a loop. */
function reference(k0: number, k1: number, c0: number, c1: number): [number, number] {
  const R = [13, 15, 26, 6, 17, 29, 16, 24];
  const ks = [k0 >>> 0, k1 >>> 0, (k0 ^ k1 ^ 0x1bd11bda) >>> 0];
  let x0 = (c0 + ks[0]!) >>> 0;
  let x1 = (c1 + ks[1]!) >>> 0;
  for (let r = 0; r < 20; r++) {
    x0 = (x0 + x1) >>> 0;
    const rot = R[r % 8]!;
    x1 = (((x1 << rot) | (x1 >>> (32 - rot))) ^ x0) >>> 0;
    if (r % 4 === 3) {
      const s = (r + 1) / 4;
      x0 = (x0 + ks[s % 3]!) >>> 0;
      x1 = (x1 + ks[(s + 1) % 3]! + s) >>> 0;
    }
  }
  return [x0, x1];
}

/** xorshift32 for generating test inputs (not under test). */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

test('unrolled implementation equals the documented loop on 5000 inputs', () => {
  const next = xorshift(2024);
  for (let i = 0; i < 5000; i++) {
    const k0 = next(), k1 = next(), c0 = next(), c1 = next();
    assert.equal(threefry2x32(k0, k1, c0, c1), reference(k0, k1, c0, c1));
  }
  for (const { key, ctr, out } of KAT) {
    assert.equal(reference(key[0], key[1], ctr[0], ctr[1]), out);
  }
});

test('threefry2x32Into writes two words at offset, into typed or plain arrays', () => {
  const u = new Uint32Array(5).fill(7);
  threefry2x32Into(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3, u, 2);
  assert.equal([...u], [7, 7, 0xc4923a9c, 0x483df7a0, 7]);
  const plain: number[] = [1, 1];
  threefry2x32Into(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, plain);
  assert.equal(plain, [0x1cb996fc, 0xbb002be7]);
});

test('outputs are unsigned 32-bit integers; inputs reduce with ToUint32', () => {
  const next = xorshift(99);
  for (let i = 0; i < 1000; i++) {
    const [x0, x1] = threefry2x32(next(), next(), next(), next());
    for (const x of [x0, x1]) {
      assert.ok(Number.isInteger(x) && x >= 0 && x <= 0xffffffff, String(x));
    }
  }
  assert.equal(threefry2x32(-1, -1, -1, -1), [0x1cb996fc, 0xbb002be7]);
  assert.equal(threefry2x32(2 ** 32, 0, 2 ** 33, 0), [0x6b200159, 0x99ba4efe]);
});

test('pure: repeated calls agree and the result array is fresh', () => {
  const a = threefry2x32(1, 2, 3, 4);
  const b = threefry2x32(1, 2, 3, 4);
  assert.equal(a, b);
  assert.is.not(a, b);
});

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

test('avalanche: flipping one input bit flips about half of the 64 output bits', () => {
  const next = xorshift(7);
  const trials = 4000;
  let total = 0;
  for (let t = 0; t < trials; t++) {
    const k0 = next(), k1 = next(), c0 = next(), c1 = next();
    const bit = t % 128;
    const word = bit >> 5;
    const mask = (1 << (bit & 31)) >>> 0;
    const ins = [k0, k1, c0, c1];
    ins[word] = (ins[word]! ^ mask) >>> 0;
    const [a0, a1] = threefry2x32(k0, k1, c0, c1);
    const [b0, b1] = threefry2x32(ins[0]!, ins[1]!, ins[2]!, ins[3]!);
    total += popcount(a0 ^ b0) + popcount(a1 ^ b1);
  }
  // Each trial is Binomial(64, 1/2): sd 4, so the mean has sd 4/sqrt(4000) ~ 0.063.
  const mean = total / trials;
  assert.ok(Math.abs(mean - 32) < 0.4, `mean flipped bits ${mean}`);
});

test('no collisions over 2^16 consecutive counters', () => {
  const seen = new Set<string>();
  const out = new Uint32Array(2);
  for (let i = 0; i < 65536; i++) {
    threefry2x32Into(0xdeadbeef, 0x12345678, 0, i, out);
    seen.add(`${out[0]},${out[1]}`);
  }
  assert.is(seen.size, 65536);
});

test.run();
