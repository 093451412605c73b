/**
 * Linear solves on the Poisson problem, against SciPy in the same run. Prints one JSON
 * object.
 *
 *     npm run -s bench:linalg [-- --quick]
 *
 * (which builds `dist/` and times the compiled library, see bench/library.ts).
 *
 * Cases, each with the same matrix and right-hand side on both sides:
 * - 2-D Poisson, 5-point, Dirichlet, on the 256 x 256 grid of cells (h = 1/256, 255^2
 *   interior unknowns): CG to a relative residual of 1e-8 against
 *   `scipy.sparse.linalg.cg` on the CSR matrix; multigrid V(1,1)-cycles to 1e-8; 1000
 *   Jacobi sweeps against the same loop in NumPy (`x += (b - A @ x) / d`).
 * - 3-D Poisson, 7-point, Dirichlet, 64^3 unknowns: CG to 1e-6 against SciPy.
 *
 * Times are medians over repeats after a warm-up run (`--quick`: fewer repeats).
 * `ratio` is difftape's time over SciPy's (below 1: difftape faster); `cgOverMultigrid`
 * is the speed-up of multigrid over difftape's CG.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SolveResult } from '../src/index.js';
import { loadLibrary } from './library.js';

const { cg, jacobi, multigrid, poisson, tensor } = await loadLibrary();
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const REPS = values.quick ? 1 : 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median seconds of `fn` over REPS runs after one warm-up run, and its last result. */
function timed(fn: () => SolveResult): { seconds: number; result: SolveResult } {
  let result = fn();
  const ts: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    result = fn();
    ts.push((performance.now() - t0) / 1000);
  }
  return { seconds: median(ts), result };
}

/** A reproducible right-hand side (a fixed-seed LCG), written where Python can read it. */
function rhs(n: number, dir: string, name: string): Float64Array {
  const b = new Float64Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    b[i] = s / 2147483648 - 0.5;
  }
  writeFileSync(join(dir, name), b);
  return b;
}

const PY = String.raw`
import json, sys, time
import numpy as np, scipy, scipy.sparse as sp, scipy.sparse.linalg as sla
REPS = int(sys.argv[1]); d = sys.argv[2]
def lap(n, dim):
    T = sp.diags([-np.ones(n - 1), 2 * np.ones(n), -np.ones(n - 1)], [-1, 0, 1], format='csr')
    I = sp.identity(n, format='csr')
    if dim == 2: return (sp.kron(I, T) + sp.kron(T, I)).tocsr()
    return (sp.kron(sp.kron(T, I), I) + sp.kron(sp.kron(I, T), I) + sp.kron(sp.kron(I, I), T)).tocsr()
def med(f):
    f(); ts = []
    for _ in range(REPS):
        t = time.perf_counter(); out = f(); ts.append(time.perf_counter() - t)
    return sorted(ts)[len(ts) // 2], out
def cg(A, b, tol):
    it = [0]
    def cb(x): it[0] += 1
    x, info = sla.cg(A, b, rtol=tol, maxiter=100000, callback=cb)
    return it[0], float(np.linalg.norm(b - A @ x) / np.linalg.norm(b))
out = {'scipy': scipy.__version__, 'numpy': np.__version__}
n2 = 255; h2 = 1 / 256
A2 = lap(n2, 2) / h2**2; b2 = np.fromfile(d + '/b2.bin')
t, (it, res) = med(lambda: cg(A2, b2, 1e-8))
out['cg2d'] = {'seconds': t, 'iterations': it, 'residual': res}
dg = A2.diagonal()
def jac():
    x = np.zeros_like(b2)
    for _ in range(1000): x += (b2 - A2 @ x) / dg
    return x
t, _ = med(jac)
out['jacobi2d'] = {'seconds': t}
n3 = 64; h3 = 1 / 65
A3 = lap(n3, 3) / h3**2; b3 = np.fromfile(d + '/b3.bin')
t, (it, res) = med(lambda: cg(A3, b3, 1e-6))
out['cg3d'] = {'seconds': t, 'iterations': it, 'residual': res}
print(json.dumps(out))
`;

const dir = mkdtempSync(join(tmpdir(), 'difftape-bench-'));
try {
  const n2 = 255;
  const n3 = 64;
  const A2 = poisson([n2, n2], { spacing: 1 / 256 });
  const b2 = tensor(rhs(n2 * n2, dir, 'b2.bin'), { shape: [n2, n2] });
  const A3 = poisson([n3, n3, n3], { spacing: 1 / 65 });
  const b3 = tensor(rhs(n3 ** 3, dir, 'b3.bin'), { shape: [n3, n3, n3] });

  const py = spawnSync('python3', ['-c', PY, String(REPS), dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const ref = py.status === 0 ? JSON.parse(py.stdout) : { error: (py.stderr || String(py.error)).trim().split('\n').at(-1) };

  const cg2 = timed(() => cg(A2, b2, { maxIter: 100000, tol: 1e-8 }));
  const mg2 = timed(() => multigrid(A2, b2, { maxIter: 100, tol: 1e-8 }));
  const jac2 = timed(() => jacobi(A2, b2, { maxIter: 1000 }));
  const cg3 = timed(() => cg(A3, b3, { maxIter: 100000, tol: 1e-6 }));
  const summary = (t: { seconds: number; result: SolveResult }) => ({
    seconds: t.seconds, iterations: t.result.iterations, residual: t.result.residuals.at(-1),
    secondsPerIteration: t.seconds / Math.max(1, t.result.iterations),
  });
  const ratio = (ours: number, theirs: number | undefined) => (theirs === undefined ? null : ours / theirs);
  console.log(JSON.stringify({
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, scipy: ref.scipy ?? null, numpy: ref.numpy ?? null },
    ...(ref.error ? { scipyError: ref.error } : {}),
    poisson2d: {
      grid: '256 x 256 cells, 255^2 unknowns, Dirichlet, 5-point',
      cg: { ...summary(cg2), scipy: ref.cg2d ?? null, ratio: ratio(cg2.seconds, ref.cg2d?.seconds) },
      multigrid: { ...summary(mg2), cycle: 'V(1,1), red-black Gauss-Seidel', cgOverMultigrid: cg2.seconds / mg2.seconds },
      jacobi1000: { ...summary(jac2), numpy: ref.jacobi2d ?? null, ratio: ratio(jac2.seconds, ref.jacobi2d?.seconds) },
    },
    poisson3d: {
      grid: '64^3 unknowns, Dirichlet, 7-point',
      cg: { ...summary(cg3), scipy: ref.cg3d ?? null, ratio: ratio(cg3.seconds, ref.cg3d?.seconds) },
    },
  }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
