/**
 * Function transformations: `vjp`, `grad`, `valueAndGrad`, `jvp`, `hvp`, `jacobian`.
 * Arguments and results may be trees of tensors (nested arrays and plain objects).
 *
 * @module
 */
import { ArgumentError, DTypeError, ShapeError, fmtShape, fmtValue } from '../errors.js';
import { add, mul } from '../ops/elementwise.js';
import { sum } from '../ops/reduce.js';
import { identity, reshape } from '../ops/view.js';
import { stack } from '../ops/join.js';
import { onesLike, tensor, zeros, zerosLike } from '../tensor/creation.js';
import { isFloat } from '../tensor/dtype.js';
import { shapesEqual } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { type Tree, type TreeDef, treeDefsEqual, treeFlatten, treeUnflatten } from '../tensor/tree.js';
import { Tape, backward, withTape } from './tape.js';

/** Which positional arguments to differentiate: one index or several. */
export type ArgNums = number | readonly number[];

function checkFunction(f: unknown, fn: string): void {
  if (typeof f !== 'function') throw new ArgumentError({ fn, arg: 'f', expected: 'a function', actual: fmtValue(f) });
}

function checkArgNums(argnums: ArgNums, nargs: number, fn: string): number[] {
  const list = typeof argnums === 'number' ? [argnums] : [...argnums];
  for (const a of list) {
    if (!Number.isInteger(a) || a < 0 || a >= nargs) {
      throw new ArgumentError({ fn, arg: 'argnums', expected: `indices of the ${nargs} arguments passed`, actual: fmtValue(argnums) });
    }
  }
  return list;
}

/**
 * Evaluates `f(...primals)` on a fresh tape. The tensors of the arguments at positions
 * `argnums` are replaced by new identities (recorded on enclosing tapes, so outer
 * derivatives see through them) and watched.
 */
function trace(f: (...args: never[]) => unknown, primals: readonly Tree[], argnums: readonly number[]) {
  const tape = new Tape();
  const args = [...primals];
  const defs: TreeDef[] = [];
  const vars: Tensor[][] = [];
  for (const a of argnums) {
    const { leaves, def } = treeFlatten(primals[a]!, 'vjp');
    const fresh = leaves.map(identity);
    defs.push(def);
    vars.push(fresh);
    args[a] = treeUnflatten(def, fresh) as Tree;
  }
  const out = withTape(tape, () => {
    for (const v of vars.flat()) tape.watch(v);
    return (f as (...a: Tree[]) => unknown)(...args);
  });
  return { tape, out, defs, vars };
}

/** Cotangents for the watched variables, as trees; zeros where nothing flowed. */
function pullback(
  t: ReturnType<typeof trace>, outLeaves: readonly Tensor[], cts: readonly Tensor[],
): Tree[] {
  const flat = t.vars.flat();
  const gs = backward(t.tape, outLeaves, cts, flat);
  let k = 0;
  return t.defs.map((def, i) => treeUnflatten(def, t.vars[i]!.map((x) => gs[k++] ?? zerosLike(x))) as Tree);
}

/**
 * The value of `f(...primals)` and its vector-Jacobian product function: `vjpFn(ct)`
 * returns, for each argument, the cotangent tree `ct^T J` (same structure as the
 * argument). `ct` has the structure and shapes of the output. `vjpFn` may be called
 * many times.
 */
export function vjp<A extends unknown[], R>(f: (...args: A) => R, ...primals: A): [R, (cotangent: R) => A] {
  checkFunction(f, 'vjp');
  const argnums = primals.map((_, i) => i);
  const t = trace(f as (...a: never[]) => unknown, primals as Tree[], argnums);
  const out = t.out as R;
  const { leaves: outLeaves, def: outDef } = treeFlatten(out as Tree, 'vjp');
  const vjpFn = (cotangent: R): A => {
    const { leaves, def } = treeFlatten(cotangent as Tree, 'vjp');
    if (!treeDefsEqual(def, outDef)) {
      throw new ArgumentError({ fn: 'vjp', arg: 'cotangent', expected: "the structure of f's output", actual: 'a different structure' });
    }
    leaves.forEach((c, i) => {
      if (!shapesEqual(c.shape, outLeaves[i]!.shape)) {
        throw new ShapeError({ fn: 'vjp', arg: 'cotangent', expected: `shape ${fmtShape(outLeaves[i]!.shape)}`, actual: fmtShape(c.shape) });
      }
    });
    return pullback(t, outLeaves, leaves) as A;
  };
  return [out, vjpFn];
}

/** Options of {@link grad} and {@link valueAndGrad}. */
export interface GradOptions {
  /** Argument position(s) to differentiate with respect to (default 0). */
  argnums?: ArgNums;
  /** When true, `f` returns `[loss, aux]` and only `loss` is differentiated. */
  hasAux?: boolean;
}

function scalarLoss(out: unknown, fn: string): Tensor {
  if (!(out instanceof Tensor)) {
    throw new ArgumentError({ fn, arg: 'f', expected: 'a function returning a scalar tensor', actual: `one returning ${fmtValue(out)}` });
  }
  if (out.size !== 1) {
    throw new ShapeError({ fn, arg: 'f', expected: 'a function returning one element', actual: `shape ${fmtShape(out.shape)}` });
  }
  if (!isFloat(out.dtype)) {
    throw new DTypeError({ fn, arg: 'f', expected: 'a floating-point result', actual: out.dtype });
  }
  return out;
}

/** The gradient of a function of arguments `A` with respect to argument(s) `N`. */
export type GradOf<A extends unknown[], N> = N extends number
  ? A[N]
  : { -readonly [K in keyof N]: N[K] extends number ? A[N[K]] : never };

/** A differentiable scalar function of arguments `A`. */
type Loss<A extends unknown[]> = (...args: A) => Tensor;
/** A scalar function that also returns auxiliary data (`hasAux`). */
type LossAux<A extends unknown[], Aux> = (...args: A) => readonly [Tensor, Aux];

function valueAndGradImpl(f: (...args: never[]) => unknown, options: GradOptions, fn: string) {
  checkFunction(f, fn);
  const { argnums = 0, hasAux = false } = options;
  return (...args: Tree[]): [unknown, unknown] => {
    const nums = checkArgNums(argnums, args.length, fn);
    const t = trace(f, args, nums);
    const result = t.out;
    let lossValue: unknown = result;
    if (hasAux) {
      if (!Array.isArray(result) || result.length !== 2) {
        throw new ArgumentError({ fn, arg: 'f', expected: 'a function returning [loss, aux] (hasAux)', actual: fmtValue(result) });
      }
      lossValue = result[0];
    }
    const loss = scalarLoss(lossValue, fn);
    const grads = pullback(t, [loss], [onesLike(loss)]);
    return [result, typeof argnums === 'number' ? grads[0] : grads];
  };
}

/**
 * `valueAndGrad(f)(...args)` returns `[f(...args), gradient]`, where the gradient is that
 * of the scalar result with respect to argument `argnums` (a tree like that argument),
 * or a tuple of such trees when `argnums` is an array. With `hasAux`, `f` returns
 * `[loss, aux]` and so does the value.
 */
export function valueAndGrad<A extends unknown[]>(f: Loss<A>, options?: { argnums?: 0 }): (...args: A) => [Tensor, A[0]];
export function valueAndGrad<A extends unknown[], const N extends ArgNums>(
  f: Loss<A>, options: { argnums: N; hasAux?: false },
): (...args: A) => [Tensor, GradOf<A, N>];
export function valueAndGrad<A extends unknown[], Aux, const N extends ArgNums = 0>(
  f: LossAux<A, Aux>, options: { argnums?: N; hasAux: true },
): (...args: A) => [[Tensor, Aux], GradOf<A, N>];
export function valueAndGrad(f: (...args: never[]) => unknown, options: GradOptions = {}): (...args: never[]) => [unknown, unknown] {
  return valueAndGradImpl(f, options, 'valueAndGrad') as (...args: never[]) => [unknown, unknown];
}

/**
 * `grad(f)(...args)`: the gradient of the scalar `f(...args)` with respect to argument
 * `argnums` (default 0), a tree shaped like that argument; a tuple when `argnums` is
 * an array. With `hasAux`, `f` returns `[loss, aux]` and the result is
 * `[gradient, aux]`. Nest it (`grad(x => sum(grad(f)(x)))`) for higher derivatives.
 */
export function grad<A extends unknown[]>(f: Loss<A>, options?: { argnums?: 0 }): (...args: A) => A[0];
export function grad<A extends unknown[], const N extends ArgNums>(
  f: Loss<A>, options: { argnums: N; hasAux?: false },
): (...args: A) => GradOf<A, N>;
export function grad<A extends unknown[], Aux, const N extends ArgNums = 0>(
  f: LossAux<A, Aux>, options: { argnums?: N; hasAux: true },
): (...args: A) => [GradOf<A, N>, Aux];
export function grad(f: (...args: never[]) => unknown, options: GradOptions = {}): (...args: never[]) => unknown {
  const vg = valueAndGradImpl(f, options, 'grad');
  return (...args: Tree[]) => {
    const [value, g] = vg(...args);
    return options.hasAux ? [g, (value as unknown[])[1]] : g;
  };
}

/**
 * Forward mode: `[f(...primals), J tangents]`, the Jacobian-vector product, with one
 * tangent tree per primal. It is computed by transposing the VJP: the pullback
 * `u -> J^T u` is linear in u, so differentiating `<J^T u, t>` with respect to u gives
 * `J t` (the "double VJP" trick). Its cost is about that of two backward passes.
 */
export function jvp<A extends unknown[], R>(f: (...args: A) => R, primals: A, tangents: A): [R, R] {
  checkFunction(f, 'jvp');
  if (!Array.isArray(primals) || !Array.isArray(tangents) || primals.length !== tangents.length) {
    throw new ArgumentError({ fn: 'jvp', arg: 'tangents', expected: `an array of ${Array.isArray(primals) ? primals.length : '?'} tangent trees`, actual: fmtValue(tangents) });
  }
  const tangentLeaves = tangents.map((t, i) => {
    const p = treeFlatten(primals[i] as Tree, 'jvp');
    const q = treeFlatten(t as Tree, 'jvp');
    if (!treeDefsEqual(p.def, q.def) || q.leaves.some((l, j) => !shapesEqual(l.shape, p.leaves[j]!.shape))) {
      throw new ShapeError({ fn: 'jvp', arg: `tangents[${i}]`, expected: 'the structure and shapes of the primal', actual: 'a mismatch' });
    }
    return q.leaves;
  });
  const outer = new Tape();
  let out!: R;
  let u: Tensor[] = [];
  let pulled: Tree[] = [];
  let outDef!: TreeDef;
  withTape(outer, () => {
    const [o, vjpFn] = vjp(f, ...primals);
    out = o;
    const flat = treeFlatten(o as Tree, 'jvp');
    outDef = flat.def;
    u = flat.leaves.map((l) => zerosLike(l));
    u.forEach((x) => outer.watch(x));
    pulled = vjpFn(treeUnflatten(flat.def, u) as R) as Tree[];
  });
  const pulledLeaves = pulled.flatMap((p) => treeFlatten(p, 'jvp').leaves);
  const tanLeaves = tangentLeaves.flat();
  const tout = backward(outer, pulledLeaves, tanLeaves, u);
  return [out, treeUnflatten(outDef, tout.map((g, i) => g ?? zerosLike(u[i]!))) as R];
}

/** Sum over leaves of `sum(a * b)`, for trees of equal structure. */
function treeVdot(a: Tree, b: Tree): Tensor {
  const la = treeFlatten(a, 'hvp').leaves;
  const lb = treeFlatten(b, 'hvp').leaves;
  return la.map((x, i) => sum(mul(x, lb[i]!))).reduce((s, t) => add(s, t));
}

/**
 * Hessian-vector product of a scalar function: `H(x) v`, computed by reverse over
 * reverse (`grad` of `<grad f(x), v>`). `x` and `v` are trees of the same structure.
 */
export function hvp<T>(f: (x: T) => Tensor, x: T, v: T): T {
  checkFunction(f, 'hvp');
  const g = grad(f);
  return grad((y: T) => treeVdot(g(y) as Tree, v as Tree))(x);
}

/**
 * The Jacobian of `f` at tensor `x`, of shape `[...out.shape, ...x.shape]`, by one
 * reverse pass per output element (suits functions with few outputs).
 */
export function jacobian(f: (x: Tensor) => Tensor, x: Tensor): Tensor {
  checkFunction(f, 'jacobian');
  const [out, vjpFn] = vjp(f, x);
  if (!(out instanceof Tensor)) {
    throw new ArgumentError({ fn: 'jacobian', arg: 'f', expected: 'a function returning a tensor', actual: fmtValue(out) });
  }
  const rows: Tensor[] = [];
  for (let i = 0; i < out.size; i++) {
    const seed = new Float64Array(out.size);
    seed[i] = 1;
    const ct = tensor(seed, { shape: out.shape, dtype: out.dtype, backend: out.storage.backend });
    rows.push(vjpFn(ct)[0]);
  }
  if (rows.length === 0) return zeros([...out.shape, ...x.shape], { dtype: x.dtype, backend: x.storage.backend });
  return reshape(stack(rows), [...out.shape, ...x.shape]);
}
