// The example of README.md, verbatim but for the import path (test/readme.node.test.ts checks).
import { grad, gradcheck, matmul, mean, random, randomNormal, square, sub, tanh, tensor, zeros, type Tensor } from '../src/index.js';

// d/dx sum(sin(x)) = cos(x), and second derivatives by nesting
const x = tensor([0.5, 1.5]);
const d2 = grad((v: Tensor) => grad((w: Tensor) => w.sin().sum())(v).sum())(x); // -sin(x)

// A one-hidden-layer network fitted by gradient descent over a parameter tree
const [k1, k2] = random.split(random.key(0));
const xs = randomNormal(k1, [64, 3]), ys = xs.sum(1, { keepdims: true }).sin();
let p = { w1: randomNormal(k2, [3, 16], { std: 0.5 }), b1: zeros([16]), w2: zeros([16, 1]) };
const loss = (q: typeof p) => mean(square(sub(matmul(tanh(matmul(xs, q.w1).add(q.b1)), q.w2), ys)));
for (let step = 0; step < 200; step++) {
  const g = grad(loss)(p);
  p = { w1: p.w1.sub(g.w1.mul(0.1)), b1: p.b1.sub(g.b1.mul(0.1)), w2: p.w2.sub(g.w2.mul(0.1)) };
}
console.log(loss(p).item(), d2.toArray());
console.log(gradcheck((w: Tensor) => loss({ ...p, w1: w }), [p.w1]).ok); // true
