/**
 * Checks the test harness itself, in Node and in the browser: uvu runs in
 * deferred mode under our runners, its assertions work, and fixtures load
 * through test/helpers/fixtures.ts in both environments.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isBrowser } from '../helpers/env.js';
import { loadFixture, loadFixtureText } from '../helpers/fixtures.js';

const runner = suite('harness: runner');

runner('uvu runs deferred, queued by our runner', () => {
  // Without UVU_DEFER, uvu would auto-run each suite on a timer instead.
  const g = globalThis as { UVU_DEFER?: unknown; UVU_QUEUE?: unknown };
  assert.is(g.UVU_DEFER, 1);
  assert.ok(Array.isArray(g.UVU_QUEUE));
});

runner('uvu assertions compare deeply and check throws', () => {
  assert.equal({ a: [1, 2, { b: 3 }] }, { a: [1, 2, { b: 3 }] });
  assert.not.equal(new Float32Array([1, 2]), new Float32Array([1, 3]));
  // Note: a function `expects` is a predicate, not a class; and uvu rethrows
  // its own assertion errors from inside `fn`.
  assert.throws(() => {
    throw new RangeError('bad shape [2, 3]');
  }, /bad shape/);
  assert.throws(() => JSON.parse('{'), (err: unknown) => err instanceof SyntaxError);
});

runner('isBrowser matches the environment', () => {
  const hasDocument = typeof (globalThis as { document?: unknown }).document !== 'undefined';
  assert.is(isBrowser, hasDocument);
  if (isBrowser) assert.is((globalThis as unknown as { location: { hostname: string } }).location.hostname, '127.0.0.1');
});

runner.run();

const fixtures = suite('harness: fixtures');

fixtures('loadFixture returns the bytes as a plain Uint8Array', async () => {
  const bytes = await loadFixture('harness/hello.txt');
  assert.is(bytes.constructor, Uint8Array);
  assert.is(bytes.byteOffset, 0);
  assert.is(bytes.buffer.byteLength, bytes.byteLength);
  assert.equal(Array.from(bytes.subarray(0, 5)), [104, 101, 108, 108, 111]); // "hello"
});

fixtures('loadFixtureText decodes UTF-8', async () => {
  assert.is(await loadFixtureText('harness/hello.txt'), 'hello, difftape\n');
});

fixtures('missing fixtures and path escapes reject', async () => {
  for (const bad of ['harness/missing.bin', '../package.json', '/etc/passwd']) {
    let error: unknown;
    try {
      await loadFixture(bad);
    } catch (err) {
      error = err;
    }
    assert.instance(error, Error, `loadFixture(${bad}) should reject`);
  }
});

fixtures.run();
