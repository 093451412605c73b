import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../src/cli/main.js';
import { capture } from '../helpers/cli.js';


test('info prints the version, backend and dtypes', () => {
  const r = capture(() => main(['info']));
  assert.is(r.code, 0);
  assert.match(r.out, /^difftape \d+\.\d+\.\d+/);
  assert.match(r.out, /default backend: cpu/);
  assert.match(r.out, /float64/);
});

test('--version, help, and errors for unknown commands and arguments', () => {
  assert.match(capture(() => main(['--version'])).out, /^\d+\.\d+\.\d+$/);
  assert.is(capture(() => main(['help'])).code, 0);
  assert.is(capture(() => main([])).code, 1);
  const bad = capture(() => main(['frobnicate']));
  assert.is(bad.code, 2);
  assert.match(bad.err, /unknown command 'frobnicate'/);
  assert.is(capture(() => main(['info', 'extra'])).code, 2);
});

test.run();
