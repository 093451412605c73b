/** examples/heat-diffusivity.ts (the worked example of docs/linear-solves.md) runs and learns. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';

test('a short run of the diffusivity example lowers the loss and passes its checks', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/heat-diffusivity.ts', '--steps', '60'], { encoding: 'utf8' });
  const losses = [...out.matchAll(/loss ([0-9.e+-]+)/g)].map((m) => Number(m[1]));
  assert.ok(losses.length >= 2 && losses.at(-1)! < losses[0]! / 100, out);
  const fd = /central differences at entries [0-9, ]+: (.*)/.exec(out)![1]!.split(', ').map(Number);
  assert.ok(fd.every((r) => r < 1e-4), out);
  const jac = Number(/implicit vs unrolled ([0-9.e+-]+)/.exec(out)![1]);
  assert.ok(jac < 1e-12, out);
});

test.run();
