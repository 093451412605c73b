import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isBrowser } from '../helpers/env.js';
import { parityHashes } from './workload.js';

// The cross-environment comparison itself happens in the browser runner, which compares
// the hashes published here with `parityHashes()` computed in Node.
test('the float64 workload hashes are stable and published for the Node comparison', async () => {
  const first = await parityHashes();
  const second = await parityHashes();
  assert.equal(second, first);
  assert.equal(Object.keys(first).sort(), ['dmath', 'elementwise', 'fft', 'gradients', 'matmul', 'physics', 'random', 'reductions']);
  for (const h of Object.values(first)) assert.match(h, /^[0-9a-f]{64}$/);
  if (isBrowser) (globalThis as { __DIFFTAPE_PARITY__?: unknown }).__DIFFTAPE_PARITY__ = first;
});

test.run();
