/**
 * `difftape rollout` and `difftape sensitivity` against the Exponax golden data, and their
 * one-line errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cos, mul, add, parseNpy, serializeNpy, tensor, type Tensor } from '../../src/index.js';
import { runCli as run } from '../helpers/cli.js';
import { goldenArray, goldenIc, goldenMeta, relMaxAbs } from '../helpers/exponax.js';

const dir = mkdtempSync(join(tmpdir(), 'difftape-cli-'));
const file = (name: string): string => join(dir, name);
const save = (name: string, x: Tensor): string => {
  writeFileSync(file(name), serializeNpy(x));
  return file(name);
};


test('rollout reproduces the Burgers golden trajectory at the requested snapshots', async () => {
  const meta = await goldenMeta('burgers_1d');
  const ic = save('burgers_ic.npy', goldenIc(meta));
  const r = run([
    'rollout', '--stepper', 'Burgers', '--dims', '1', '--points', String(meta.num_points), '--extent', String(meta.domain_extent),
    '--dt', String(meta.dt), '--params', JSON.stringify(meta.kwargs), '--ic', ic, '--steps', '100',
    '--snapshots', meta.snapshots!.join(','), '--out', file('traj.npy'),
  ]);
  assert.is(r.code, 0, r.err);
  const info = JSON.parse(r.out) as { secondsPerStep: number; shape: number[] };
  assert.ok(info.secondsPerStep > 0);
  const traj = parseNpy(readFileSync(file('traj.npy')));
  assert.equal(traj.shape, [meta.snapshots!.length, 1, meta.num_points]);
  assert.ok(relMaxAbs(traj, await goldenArray('burgers_1d', 'traj.npy')) < 1e-9);
});

test('rollout reproduces every golden trajectory by its Exponax class name and snake_case parameters', async () => {
  const cases = readdirSync(join(import.meta.dirname, '../fixtures/exponax'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(e.parentPath, e.name, 'traj.npy'))).map((e) => e.name);
  assert.ok(cases.length >= 12, `found ${cases.length} cases`);
  for (const name of cases) {
    const meta = await goldenMeta(name);
    const grid = ['--dims', String(meta.num_spatial_dims), '--points', String(meta.num_points)];
    if (meta.domain_extent !== undefined && !meta.stepper.startsWith('generic.Difficulty')) grid.push('--extent', String(meta.domain_extent), '--dt', String(meta.dt));
    const r = run([
      'rollout', '--stepper', meta.stepper, ...grid, '--params', JSON.stringify(meta.kwargs), '--ic', save(`${name}_ic.npy`, goldenIc(meta)),
      '--steps', String(meta.snapshots!.at(-1)), '--snapshots', meta.snapshots!.join(','), '--out', file(`${name}.npy`),
    ]);
    assert.is(r.code, 0, `${name}: ${r.err}`);
    const e = relMaxAbs(parseNpy(readFileSync(file(`${name}.npy`))), await goldenArray(name, 'traj.npy'));
    assert.ok(e < (name === 'ks_1d' ? 1e-7 : 1e-9), `${name} (${meta.stepper}): relative error ${e}`);
  }
});

test('sensitivity reproduces the golden gradients (initial state and diffusivity)', async () => {
  const meta = await goldenMeta('grad_burgers_1d');
  const N = meta.num_points;
  const L = meta.domain_extent!;
  const x = tensor(Array.from({ length: N }, (_, i) => (i * L) / N));
  const w = add(cos(mul(x, (2 * Math.PI) / L)), 0.5).reshape([1, N]);
  const r = run([
    'sensitivity', '--stepper', 'Burgers', '--dims', '1', '--points', String(N), '--extent', String(L), '--dt', String(meta.dt),
    '--params', JSON.stringify(meta.kwargs), '--ic', save('g_ic.npy', goldenIc(meta)), '--steps', String(meta.steps),
    '--weights', save('w.npy', w), '--wrt', 'diffusivity', '--out', file('grad.npy'),
  ]);
  assert.is(r.code, 0, r.err);
  const info = JSON.parse(r.out) as { loss: number; dLossDParam: number };
  assert.ok(Math.abs(info.loss - meta.loss!) < 1e-9 * Math.abs(meta.loss!));
  assert.ok(Math.abs(info.dLossDParam - meta.d_loss_d_diffusivity!) < 1e-9 * Math.abs(meta.d_loss_d_diffusivity!));
  assert.ok(relMaxAbs(parseNpy(readFileSync(file('grad.npy'))), await goldenArray('grad_burgers_1d', 'grad_u0.npy')) < 1e-9);
});

/** sin(2 pi x) on 64 points, shape (1, 64). */
function sineIc(n: number): Tensor {
  return tensor(Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * i) / n)), { shape: [1, n] });
}

test('bad input gives one line on stderr, a non-zero exit and no output file', () => {
  const ic = save('ic.npy', tensor([[0.1, 0.2, 0.3, 0.4]]));
  writeFileSync(file('not.txt'), 'hello');
  const base = ['--dims', '1', '--points', '4', '--extent', '1', '--dt', '0.1', '--steps', '3'];
  const cases: [string[], RegExp][] = [
    [['rollout', '--stepper', 'Nope', ...base, '--ic', ic, '--out', file('o1.npy')], /unknown stepper 'Nope'/],
    [['rollout', '--stepper', 'Burgers', ...base, '--params', '{"viscosity": 1}', '--ic', ic, '--out', file('o2.npy')], /viscosity/],
    [['rollout', '--stepper', 'Burgers', ...base, '--params', 'nope', '--ic', ic, '--out', file('o3.npy')], /--params must be a JSON object/],
    [['rollout', '--stepper', 'Burgers', ...base, '--ic', file('not.txt'), '--out', file('o4.npy')], /must be a \.npy file/],
    [['rollout', '--stepper', 'Burgers', '--dims', '1', '--points', '8', '--extent', '1', '--dt', '0.1', '--steps', '3', '--ic', ic, '--out', file('o5.npy')], /--ic has shape \[1,4\], expected \[1,8\]/],
    [['rollout', '--stepper', 'Burgers', ...base, '--out', file('o6.npy')], /--ic is required/],
    [['rollout', '--stepper', 'Burgers', ...base, '--ic', ic, '--dtype', 'int8', '--out', file('o7.npy')], /--dtype/],
    [['rollout', '--stepper', 'Burgers', ...base, '--ic', ic, '--bogus', '1', '--out', file('o8.npy')], /bogus/],
    [['rollout', '--stepper', 'Burgers', '--dims', '1', '--points', '64', '--extent', '1', '--dt', '100', '--steps', '40', '--params', '{"diffusivity": 0}', '--ic', save('big.npy', sineIc(64)), '--out', file('o9.npy')], /diverged/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.ok(r.code !== 0, `${args.join(' ')} should fail`);
    assert.match(r.err, message);
    assert.is(r.err.split('\n').length, 1, 'one line');
    assert.not.match(r.err, /\n\s+at /, 'no stack trace');
  }
  assert.equal(readdirSync(dir).filter((f) => /^o\d\.npy/.test(f) || f.endsWith('.tmp')), []);
  assert.not.ok(existsSync(file('o9.npy')));
});

test.run();
