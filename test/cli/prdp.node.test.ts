/** `difftape prdp`: short runs write valid reports and charts; bad arguments fail in one line. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as run } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'difftape-prdp-'));


test('prdp poisson and heat1d write report.json and history.svg and print progress', () => {
  const p = run(['prdp', 'poisson', '--epochs', '12', '--out', join(dir, 'p')]);
  assert.is(p.code, 0, p.err);
  assert.match(p.out, /iteration 1\/12/);
  assert.match(p.out, /final parameter error/);
  const report = JSON.parse(readFileSync(join(dir, 'p', 'report.json'), 'utf8'));
  assert.is(report.K.length, 12);
  assert.is(report.validation.length, 12);
  assert.ok(Array.isArray(report.refinements) && typeof report.innerIterations === 'number');
  assert.ok(readFileSync(join(dir, 'p', 'history.svg'), 'utf8').startsWith('<svg'));
  const h = run(['prdp', 'heat1d', '--mode', 'constant', '--K', '3', '--epochs', '2', '--seed', '4', '--adjoint', 'unrolled', '--out', join(dir, 'h'), '--quiet']);
  assert.is(h.code, 0, h.err);
  assert.is(h.out, '');
  const hr = JSON.parse(readFileSync(join(dir, 'h', 'report.json'), 'utf8'));
  assert.equal([hr.mode, hr.adjoint, hr.seed, hr.K], ['constant', 'unrolled', 4, [3, 3]]);
});

test('prdp sweep writes sweep.json and sweep.svg', () => {
  const s = run(['prdp', 'sweep', 'heat1d', '--seeds', '1', '--Ks', '1,2', '--epochs', '2', '--width', '8', '--tolerance', '0.5', '--out', join(dir, 's')]);
  assert.is(s.code, 0, s.err);
  assert.match(s.out, /PRDP savings/);
  const sw = JSON.parse(readFileSync(join(dir, 's', 'sweep.json'), 'utf8'));
  assert.equal([sw.Ks, sw.seeds, sw.tolerance, sw.runs.length], [[1, 2], [1], 0.5, 3]);
  assert.ok(readFileSync(join(dir, 's', 'sweep.svg'), 'utf8').includes('PRDP'));
});

test('bad arguments: one line and exit code 2', () => {
  for (const args of [
    ['prdp', 'navier'], ['prdp', 'sweep', 'poisson'], ['prdp', 'heat1d', '--mode', 'fixed'], ['prdp', 'heat1d', '--mode', 'constant'],
    ['prdp', 'heat1d', '--adjoint', 'exact'], ['prdp', 'heat1d', '--epochs', '0'], ['prdp', 'poisson', '--width', '3'],
    ['prdp', 'sweep', 'heat1d', '--Ks', 'a,b'], ['prdp', 'sweep', 'heat1d', '--tolerance', '-1'], ['prdp', 'heat1d', '--bogus'],
  ]) {
    const r = run(args);
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.err, /^difftape prdp: /, r.err);
    assert.not.match(r.err, /\n/);
  }
});

test.run();
