/** README.md's example is examples/readme.ts (type-checked with the project) and runs. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const block = (text: string): string => /```ts\n([\s\S]*?)```/.exec(text)![1]!;

test('the README example is examples/readme.ts', () => {
  const readme = block(readFileSync('README.md', 'utf8')).replace("from 'difftape'", "from '../src/index.js'");
  const example = readFileSync('examples/readme.ts', 'utf8').split('\n').slice(1).join('\n');
  assert.fixture(example, readme);
});

test('the README example runs and its gradient check passes', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/readme.ts'], { encoding: 'utf8' });
  const [lossLine, check] = out.trim().split('\n');
  assert.ok(Number(lossLine!.split(' ')[0]) < 0.1, out);
  assert.is(check, 'true');
});

test.run();
