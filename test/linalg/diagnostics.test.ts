/**
 * The PRDP refinement diagnostics: primal residual and suboptimality fall with K, the
 * Jacobian suboptimality of implicit and unrolled Jacobi coincide (symmetric A), and both
 * vanish once the solver has converged; CG's unrolled Jacobian is exact at K = n.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, ShapeError, cg, dispose, heatOperator, poisson, refinementDiagnostics, relativeError, relativeResidual,
  tensor, tidy,
} from '../../src/index.js';
import { assertClose, randomTensor } from '../helpers/assert-close.js';
import { throwsTyped } from '../helpers/checks.js';

test('Jacobi on the 1-D Poisson problem: everything improves with K, implicit = unrolled', () => {
  const n = 10;
  const A = poisson([n], { spacing: 1 / (n + 1) });
  const b = randomTensor([n], { seed: 1 });
  const d = refinementDiagnostics(A, b, { method: 'jacobi', Ks: [1, 10, 100, 1000] });
  assert.equal(d.K, [1, 10, 100, 1000]);
  for (let k = 1; k < d.K.length; k++) {
    assert.ok(d.primalResidual[k]! < d.primalResidual[k - 1]!);
    assert.ok(d.primalSuboptimality[k]! < d.primalSuboptimality[k - 1]!);
    assert.ok(d.jacobianSuboptimality.implicit[k]! < d.jacobianSuboptimality.implicit[k - 1]!);
  }
  assertClose(d.jacobianSuboptimality.implicit, d.jacobianSuboptimality.unrolled, { rtol: 1e-10, atol: 1e-14 });
  assert.ok(d.primalSuboptimality.at(-1)! < 1e-8 && d.jacobianSuboptimality.implicit.at(-1)! < 1e-8);
});

test('CG: the unrolled Jacobian is exact after n steps, the implicit one only when converged', () => {
  const A = heatOperator([6], { a: 2 });
  const b = randomTensor([6], { seed: 2 });
  const d = refinementDiagnostics(A, b, { method: 'cg', Ks: [2, 6] });
  assert.ok(d.jacobianSuboptimality.unrolled[0]! > 1e-3 && d.jacobianSuboptimality.implicit[0]! > 1e-3);
  assert.ok(d.jacobianSuboptimality.unrolled[1]! < 1e-8 && d.jacobianSuboptimality.implicit[1]! < 1e-8);
  assert.ok(d.primalResidual[1]! < 1e-10);
});

test('relativeError and relativeResidual; bad input', () => {
  assertClose(relativeError(tensor([3, 4]), tensor([0, 0])), 5);
  assertClose(relativeError(tensor([1, 1]), tensor([1, 2])), 1 / Math.sqrt(5));
  assertClose(relativeResidual(poisson([2]), tensor([1, 1]), tensor([1, 1])), 0);
  throwsTyped(() => relativeError(tensor([1]), tensor([1, 2])), ShapeError, 'relativeError', 'a');
  throwsTyped(() => refinementDiagnostics(poisson([3]), tensor([1, 2, 3]), { method: 'cg', Ks: [-1] }), ArgumentError, 'refinementDiagnostics', 'Ks');
  throwsTyped(() => refinementDiagnostics(poisson([3]), tensor([[1, 2, 3]]), { method: 'cg', Ks: [1] }), ShapeError, 'refinementDiagnostics', 'b');
});

test('solves inside tidy() scopes: results survive, operator caches stay valid, memory is reused', () => {
  const A = poisson([16, 16], { spacing: 1 / 17 });
  const b = randomTensor([16, 16], { seed: 3 });
  const first = tidy(() => cg(A, b, { maxIter: 30, preconditioner: 'jacobi' }).x);
  const again = cg(A, b, { maxIter: 30, preconditioner: 'jacobi' }).x;
  assertClose(first, again, { rtol: 0 });
  const t = tensor([1, 2]);
  dispose(t);
  assert.throws(() => t.toArray(), /released/);
});

test.run();
