/**
 * Krylov and gradient methods: steepest descent, conjugate gradients (optionally with a
 * Jacobi preconditioner), BiCGStab and restarted GMRES(m).
 *
 * Scalars are per sample (tensors with the vector axes kept at extent 1), so a batch of
 * right-hand sides is solved as independent systems in one pass.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { add, cast, equal, mul, neg, sqrt, sub } from '../../ops/elementwise.js';
import { axpy, vdot } from '../../ops/linalg.js';
import { getRecorder } from '../../ops/primitive.js';
import { zerosLike } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { LinearOperator } from '../operator.js';
import {
  type IterativeOptions, Monitor, type SolveResult, Workspace, checkPositive, inverseDiagonal, norm, ratio, residualLoop, safeDiv,
  setupProblem,
} from './common.js';

/**
 * Steepest descent for SPD `A`: `x <- x + (r.r / r.Ar) r`. The step length depends on
 * `r`, so the iterate is not linear in `b`.
 */
export function steepestDescent(A: LinearOperator, b: Tensor, options: IterativeOptions): SolveResult {
  const p = setupProblem('steepestDescent', A, b, options);
  return residualLoop(p, (x, r, rr, k) => axpy(ratio(rr, vdot(r, p.A.apply(r), p.ndim), p, k, 'r^T A r', true), r, x));
}

/** Options of {@link cg}. */
export interface CgOptions extends IterativeOptions {
  /** `jacobi` preconditions with the inverse diagonal (PCG); default none. */
  preconditioner?: 'none' | 'jacobi';
}

/**
 * Conjugate gradients for symmetric positive definite `A` (Hestenes-Stiefel), with an
 * optional Jacobi preconditioner. A non-positive `p^T A p` raises a `ConvergenceError`.
 */
export function cg(A: LinearOperator, b: Tensor, options: CgOptions): SolveResult {
  const p = setupProblem(options?.preconditioner === 'jacobi' ? 'pcg' : 'cg', A, b, options);
  const pre = options.preconditioner ?? 'none';
  if (pre !== 'none' && pre !== 'jacobi') {
    throw new ArgumentError({ fn: p.fn, arg: 'preconditioner', expected: "'none' or 'jacobi'", actual: fmtValue(pre) });
  }
  const invD = pre === 'jacobi' ? inverseDiagonal(p) : undefined;
  const precondition = (r: Tensor) => (invD === undefined ? r : mul(r, invD));
  const monitor = new Monitor(p);
  const ws = new Workspace([p.b, p.x0]);
  let s = ws.step({}, () => {
    const r = sub(p.b, p.A.apply(p.x0));
    const z = precondition(r);
    return { x: p.x0, r, p: z, rz: vdot(r, z, p.ndim) };
  });
  let done = monitor.check(invD === undefined ? s.rz : vdot(s.r, s.r, p.ndim));
  let k = 0;
  for (; k < p.maxIter && !done; k++) {
    s = ws.step(s, () => {
      const Ap = p.A.apply(s.p);
      const alpha = ratio(s.rz, vdot(s.p, Ap, p.ndim), p, k, 'p^T A p', true);
      let x: Tensor;
      let r: Tensor;
      let rz: Tensor | undefined;
      if (invD === undefined && getRecorder() === null) {
        // Nothing records: the three vector updates in one pass, bit-identical to the ops.
        [x, r, rz] = p.b.storage.backend.cgUpdate(alpha, s.x, s.r, s.p, Ap);
      } else {
        x = axpy(alpha, s.p, s.x);
        r = axpy(neg(alpha), Ap, s.r);
      }
      const z = precondition(r);
      rz ??= vdot(r, z, p.ndim);
      done = monitor.check(invD === undefined ? rz : vdot(r, r, p.ndim));
      const beta = ratio(rz, s.rz, p, k, 'r^T z');
      return { x, r, p: axpy(beta, s.p, z), rz };
    });
  }
  return monitor.result(s.x, k);
}

/**
 * BiCGStab (van der Vorst) for general nonsingular `A`, with shadow residual
 * `r^ = r_0`. Breakdown (`r^.r = 0` or `r^.v = 0` with a non-zero residual) raises a
 * `ConvergenceError`.
 */
export function bicgstab(A: LinearOperator, b: Tensor, options: IterativeOptions): SolveResult {
  const p = setupProblem('bicgstab', A, b, options);
  const monitor = new Monitor(p);
  const ws = new Workspace([p.b, p.x0]);
  let s = ws.step({}, () => {
    const r = sub(p.b, p.A.apply(p.x0));
    const one = add(zerosLike(vdot(r, r, p.ndim)), 1);
    return { x: p.x0, r, rHat: r, p: zerosLike(r), v: zerosLike(r), rho: one, alpha: one, omega: one };
  });
  let done = monitor.check(vdot(s.r, s.r, p.ndim));
  let k = 0;
  for (; k < p.maxIter && !done; k++) {
    s = ws.step(s, () => {
      const rho = vdot(s.rHat, s.r, p.ndim);
      const beta = mul(ratio(rho, s.rho, p, k, "r^.r (rho)"), ratio(s.alpha, s.omega, p, k, 'omega'));
      const dir = axpy(beta, axpy(neg(s.omega), s.v, s.p), s.r);
      const v = p.A.apply(dir);
      const alpha = ratio(rho, vdot(s.rHat, v, p.ndim), p, k, 'r^.v');
      const h = axpy(alpha, dir, s.x);
      const sv = axpy(neg(alpha), v, s.r);
      const t = p.A.apply(sv);
      const omega = safeDiv(vdot(t, sv, p.ndim), vdot(t, t, p.ndim));
      const x = axpy(omega, sv, h);
      const r = axpy(neg(omega), t, sv);
      done = monitor.check(vdot(r, r, p.ndim));
      return { x, r, rHat: s.rHat, p: dir, v, rho, alpha, omega };
    });
  }
  return monitor.result(s.x, k);
}

/** Options of {@link gmres}. */
export interface GmresOptions extends IterativeOptions {
  /** Arnoldi steps per restart cycle, m (default 20). One iteration is one cycle. */
  restart?: number;
}

/**
 * Restarted GMRES(m) with modified Gram-Schmidt and Givens rotations. Each iteration
 * (restart cycle) builds an m-step Krylov basis from the current residual and minimises
 * the residual over it; a cycle ends early when every sample's estimated residual is
 * within `tol`. `residuals` holds the true residual at the start of each cycle and at
 * the end.
 */
export function gmres(A: LinearOperator, b: Tensor, options: GmresOptions): SolveResult {
  const p = setupProblem('gmres', A, b, options);
  const m = options.restart ?? 20;
  checkPositive(m, p.fn, 'restart', true);
  const bNorm = Float64Array.from(vdot(p.b, p.b, p.ndim).toTypedArray(), (v) => (v > 0 ? Math.sqrt(v) : 1));
  return residualLoop(p, (x, r, rr) => cycle(x, r, sqrt(rr)));

  function cycle(x: Tensor, r: Tensor, beta: Tensor): Tensor {
    const V = [safeDiv(r, beta)];
    const H: Tensor[][] = []; // H[j][i]: column j, row i (after rotations)
    const cs: Tensor[] = [];
    const sn: Tensor[] = [];
    const g = [beta];
    for (let j = 0; j < m; j++) {
      let w = p.A.apply(V[j]!);
      const col: Tensor[] = [];
      for (let i = 0; i <= j; i++) {
        col.push(vdot(w, V[i]!, p.ndim));
        w = axpy(neg(col[i]!), V[i]!, w);
      }
      const hNext = norm(w, p.ndim);
      V.push(safeDiv(w, hNext));
      for (let i = 0; i < j; i++) {
        const a = col[i]!;
        const c = col[i + 1]!;
        col[i] = add(mul(cs[i]!, a), mul(sn[i]!, c));
        col[i + 1] = sub(mul(cs[i]!, c), mul(sn[i]!, a));
      }
      // A zero pair (a lucky breakdown earlier) leaves the rotation as the identity.
      const rho = sqrt(add(mul(col[j]!, col[j]!), mul(hNext, hNext)));
      const c = add(safeDiv(col[j]!, rho), isZero(rho));
      const sgn = safeDiv(hNext, rho);
      cs.push(c);
      sn.push(sgn);
      col[j] = rho;
      g.push(neg(mul(sgn, g[j]!)));
      g[j] = mul(c, g[j]!);
      H.push(col);
      const est = g[j + 1]!.toTypedArray();
      if (p.tol !== undefined && est.every((e, t) => Math.abs(e) / bNorm[t]! <= p.tol!)) break;
    }
    // Back substitution for the upper-triangular least-squares system H y = g.
    const n = H.length;
    const y: Tensor[] = new Array<Tensor>(n);
    for (let i = n - 1; i >= 0; i--) {
      let acc = g[i]!;
      for (let l = i + 1; l < n; l++) acc = sub(acc, mul(H[l]![i]!, y[l]!));
      y[i] = safeDiv(acc, H[i]![i]!);
    }
    let out = x;
    for (let i = 0; i < n; i++) out = axpy(y[i]!, V[i]!, out);
    return out;
  }
}

/** 1 where `x` is zero, else 0 (same shape and dtype). */
function isZero(x: Tensor): Tensor {
  return cast(equal(x, 0), x.dtype);
}
