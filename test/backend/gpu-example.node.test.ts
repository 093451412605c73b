/** examples/gpu-rollout.ts runs a KS rollout on the GPU backend and agrees with the CPU. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';

test('the GPU rollout example runs on webasm and matches the float32 CPU rollout', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/gpu-rollout.ts', 'webasm'], { encoding: 'utf8' });
  assert.match(out, /gpu\.js mode: webasm/);
  assert.match(out, /read back 640 values/);
  // 200 steps of a chaotic system in float32: the two op orders drift apart slowly.
  const diff = Number(/difference from the CPU: ([0-9.e+-]+)/.exec(out)![1]);
  assert.ok(diff < 1e-3, out);
});

test.run();
