/**
 * Complex FFT plans, and the transform of batches of blocks of lanes.
 *
 * A plan for length `n` is built once (lazily, cached per `n` for the life of the module)
 * and holds either
 *
 * - the Stockham stages of a mixed-radix FFT, when `n = 2^a 3^b 5^c` ({@link factorize}:
 *   radix 4, one radix 8 in place of a radix 2, then 3, then 5; single sequences get up to
 *   two more radix-8 stages), each stage with its twiddle table for both directions, or
 * - Bluestein's chirp-z algorithm for any other `n`: with `c_k = e^{-i pi k^2/n}`,
 *
 *       X_k = c_k sum_j (x_j c_j) conj(c_{k-j})
 *
 *   is a circular convolution of length `M >= 2n - 1`, `M` the smallest 2^a 3^b 5^c, done
 *   with two length-`M` Stockham FFTs and the precomputed transform of the chirp filter
 *   (scaled by `1/M`). The inverse DFT is `conj(DFT(conj x))`; the inverse FFT inside the
 *   convolution is `conj(FFT(conj .))` as well, so only forward `M`-point stages are used.
 *
 * `k^2 mod 2n` is computed exactly (by the recurrence `(k+1)^2 = k^2 + 2k + 1`), so chirp
 * angles `pi (k^2 mod 2n)/n` never lose accuracy to a large argument.
 *
 * Batches: {@link transformBlocks} runs `count` consecutive blocks per call, and callers
 * group blocks into chunks of about {@link CHUNK} complex values, so that short rows share
 * one kernel call per stage while a chunk's buffers stay in cache.
 *
 * Scratch buffers live in the plan ({@link Workspace}) and are reused across calls; only
 * requests larger than {@link RETAIN_LIMIT} doubles are allocated per call and dropped.
 * There is no locking: the engine is single-threaded (each worker has its own module
 * instance), and no routine that borrows a plan's scratch calls back into the same plan.
 *
 * @module
 */
import {
  r2, r2First, r2Last, r3, r3First, r3Last, r4, r4First, r4Last, r5, r5First, r5Last, r8, r8First, r8Last, radix3Sine,
} from './kernels.js';
import { cisInto } from './twiddle.js';

/** Scratch larger than this many doubles (4 MiB) is not kept in a plan between calls. */
export const RETAIN_LIMIT = 1 << 19;
/** Bluestein processes lanes in chunks whose buffers hold at most this many complex values. */
const BLUESTEIN_CHUNK = 1 << 15;

/** Reusable scratch buffers of a plan, indexed by slot. */
export class Workspace {
  private readonly bufs: Float64Array[] = [];

  /** A buffer of at least `size` doubles for slot `slot` (contents undefined). */
  get(slot: number, size: number): Float64Array {
    const b = this.bufs[slot];
    if (b !== undefined && b.length >= size) return b;
    const fresh = new Float64Array(size);
    if (size <= RETAIN_LIMIT) this.bufs[slot] = fresh;
    return fresh;
  }
}

/** One Stockham stage: radix, remaining length `radix * m`, twiddles per direction. */
export interface Stage {
  readonly radix: 2 | 3 | 4 | 5 | 8;
  readonly m: number;
  readonly tw: Float64Array;
  readonly twInv: Float64Array;
}

/** A mixed-radix (2, 3, 4, 5, 8) plan. */
export interface StockhamPlan {
  readonly kind: 'stockham';
  readonly n: number;
  /** Stages for lane-interleaved blocks (`L > 1`): radix 4, at most one radix 8. */
  readonly stages: readonly Stage[];
  /** Stages for single sequences (`L = 1`): up to two radix-8 stages first. */
  readonly rowStages: readonly Stage[];
  readonly ws: Workspace;
}

/** A Bluestein plan for a length with a prime factor above 5. */
export interface BluesteinPlan {
  readonly kind: 'bluestein';
  readonly n: number;
  /** Convolution length: the smallest 2^a 3^b 5^c at least `2n - 1`. */
  readonly M: number;
  /** `c_k = e^{-i pi k^2/n}`, `k = 0..n-1`, interleaved. */
  readonly chirp: Float64Array;
  /** FFT of the filter `b_m = conj(c_{|m|})` (circularly placed), divided by `M`. */
  readonly filter: Float64Array;
  readonly sub: StockhamPlan;
  readonly ws: Workspace;
}

export type Plan = StockhamPlan | BluesteinPlan;

const plans = new Map<number, Plan>();

/**
 * The radices of `n` in stage order, or null if a prime other than 2, 3, 5 divides `n`.
 *
 * The power of two `2^e` goes into radix-4 stages, with a radix-8 stage in place of a
 * radix-2 one when `e` is odd (a radix-2 pass costs nearly as much as a radix-4 pass);
 * then radix 3, then radix 5. For single sequences (`rows`), up to two radix-8 stages
 * replace radix-4 pairs, which measured 5-15% faster at L = 1 (n = 256, 1024, 4096) but
 * slower on lane-interleaved blocks, where eight input and eight output streams at
 * power-of-two strides conflict in the cache.
 */
export function factorize(n: number, rows = false): (2 | 3 | 4 | 5 | 8)[] | null {
  const out: (2 | 3 | 4 | 5 | 8)[] = [];
  let r = n;
  let e = 0;
  while (r % 2 === 0) {
    e++;
    r /= 2;
  }
  let eights = e % 2 === 1 && e >= 3 ? 1 : 0;
  if (rows) while (eights < 2 && e - 3 * (eights + 2) >= 0) eights += 2;
  for (let i = 0; i < eights; i++) out.push(8);
  e -= 3 * eights;
  for (; e >= 2; e -= 2) out.push(4);
  if (e === 1) out.push(2);
  while (r % 3 === 0) {
    out.push(3);
    r /= 3;
  }
  while (r % 5 === 0) {
    out.push(5);
    r /= 5;
  }
  return r === 1 ? out : null;
}

/** The smallest integer `>= n` whose only prime factors are 2, 3 and 5. */
export function nextFastSize(n: number): number {
  let best = Infinity;
  for (let p5 = 1; p5 < best && p5 < 2 * n + 8; p5 *= 5) {
    for (let p35 = p5; p35 < best; p35 *= 3) {
      let v = p35;
      while (v < n) v *= 2;
      if (v < best) best = v;
      if (p35 >= n) break;
    }
  }
  return best;
}

function buildStages(n: number, radices: readonly (2 | 3 | 4 | 5 | 8)[], cache: Map<string, Stage>): Stage[] {
  const stages: Stage[] = [];
  let len = n;
  for (const p of radices) {
    const m = len / p;
    const key = `${p}:${len}`;
    let st = cache.get(key);
    if (st === undefined) {
      const tw = new Float64Array(2 * (p - 1) * m);
      const twInv = new Float64Array(2 * (p - 1) * m);
      for (let j = 0; j < m; j++) {
        for (let k = 1; k < p; k++) {
          const at = 2 * ((p - 1) * j + k - 1);
          // j k < len: an exact integer angle index, reduced by cisInto.
          cisInto(j * k, len, -1, tw, at);
          twInv[at] = tw[at]!;
          twInv[at + 1] = -tw[at + 1]!;
        }
      }
      st = { radix: p, m, tw, twInv };
      cache.set(key, st);
    }
    stages.push(st);
    len = m;
  }
  return stages;
}

/**
 * A Stockham plan for `n` with the given radix orders (default: {@link factorize}'s).
 * @internal exported for tests and benchmarks.
 */
export function buildStockham(
  n: number,
  radices: readonly (2 | 3 | 4 | 5 | 8)[] = factorize(n)!,
  rowRadices: readonly (2 | 3 | 4 | 5 | 8)[] = factorize(n, true)!,
): StockhamPlan {
  const cache = new Map<string, Stage>();
  const stages = buildStages(n, radices, cache);
  const rowStages = buildStages(n, rowRadices, cache);
  return { kind: 'stockham', n, stages, rowStages, ws: new Workspace() };
}

function buildBluestein(n: number): BluesteinPlan {
  const M = nextFastSize(2 * n - 1);
  const sub = getPlan(M);
  if (sub.kind !== 'stockham') throw new Error(`fft: internal error: Bluestein length ${M} is not 2^a 3^b 5^c`);
  const chirp = new Float64Array(2 * n);
  const n2 = 2 * n;
  let k2 = 0; // k^2 mod 2n
  for (let k = 0; k < n; k++) {
    cisInto(k2, n2, -1, chirp, 2 * k);
    k2 += 2 * k + 1;
    while (k2 >= n2) k2 -= n2;
  }
  const b = new Float64Array(2 * M);
  b[0] = chirp[0]!;
  b[1] = -chirp[1]!;
  for (let m = 1; m < n; m++) {
    b[2 * m] = b[2 * (M - m)] = chirp[2 * m]!;
    b[2 * m + 1] = b[2 * (M - m) + 1] = -chirp[2 * m + 1]!;
  }
  const filter = new Float64Array(2 * M);
  stockham(sub, b, 0, filter, 0, new Float64Array(2 * M), 0, 1, 1, false);
  const inv = 1 / M;
  for (let i = 0; i < 2 * M; i++) filter[i]! *= inv;
  return { kind: 'bluestein', n, M, chirp, filter, sub, ws: new Workspace() };
}

/** The cached plan for length `n >= 1`, built on first use. */
export function getPlan(n: number): Plan {
  let p = plans.get(n);
  if (p === undefined) {
    p = factorize(n) !== null ? buildStockham(n) : buildBluestein(n);
    plans.set(n, p);
  }
  return p;
}

/**
 * Runs the Stockham stages of `plan` on `count` consecutive blocks of `L` lanes each: block
 * `b` holds `n L` complex values at slot `so + 2 n L b` of `src` (element `e` of lane `l`
 * at complex index `l + L e` within the block), and its transform goes to the same layout
 * in `dst` at `dOff`, with `tmp` at `tOff` (same size) for intermediate stages. `src` is
 * only read; `src`, `dst` and `tmp` must not overlap.
 */
export function stockham(
  plan: StockhamPlan, src: Float64Array, so: number, dst: Float64Array, dOff: number,
  tmp: Float64Array, tOff: number, L: number, count: number, inverse: boolean,
): void {
  const stages = L === 1 ? plan.rowStages : plan.stages;
  const S = stages.length;
  if (S === 0) {
    dst.set(src.subarray(so, so + 2 * L * count), dOff);
    return;
  }
  const sg = inverse ? -1 : 1;
  const s3 = radix3Sine(inverse);
  let x = src;
  let xo = so;
  let s = L;
  for (let i = 0; i < S; i++) {
    const toDst = ((S - 1 - i) & 1) === 0;
    const y = toDst ? dst : tmp;
    const yo = toDst ? dOff : tOff;
    const st = stages[i]!;
    const m = st.m;
    const tw = inverse ? st.twInv : st.tw;
    switch (st.radix) {
      case 4:
        if (m === 1) r4Last(x, xo, y, yo, s, sg, count);
        else if (s === 1) r4First(x, xo, y, yo, m, tw, sg, count);
        else r4(x, xo, y, yo, s, m, tw, sg, count);
        break;
      case 8:
        if (m === 1) r8Last(x, xo, y, yo, s, sg, count);
        else if (s === 1) r8First(x, xo, y, yo, m, tw, sg, count);
        else r8(x, xo, y, yo, s, m, tw, sg, count);
        break;
      case 2:
        if (m === 1) r2Last(x, xo, y, yo, s, count);
        else if (s === 1) r2First(x, xo, y, yo, m, tw, count);
        else r2(x, xo, y, yo, s, m, tw, count);
        break;
      case 3:
        if (m === 1) r3Last(x, xo, y, yo, s, s3, count);
        else if (s === 1) r3First(x, xo, y, yo, m, tw, s3, count);
        else r3(x, xo, y, yo, s, m, tw, s3, count);
        break;
      default:
        if (m === 1) r5Last(x, xo, y, yo, s, sg, count);
        else if (s === 1) r5First(x, xo, y, yo, m, tw, sg, count);
        else r5(x, xo, y, yo, s, m, tw, sg, count);
    }
    x = y;
    xo = yo;
    s *= st.radix;
  }
}

/**
 * Bluestein transform of `L` lanes (layout as {@link stockham}) from `src` at `so` to
 * `dst` at `dOff`. Lanes are processed in chunks so that scratch stays bounded. `src` is
 * only read; `dst` may not overlap it.
 */
function bluestein(plan: BluesteinPlan, src: Float64Array, so: number, dst: Float64Array, dOff: number, L: number, inverse: boolean): void {
  const { n, M, chirp, filter, sub, ws } = plan;
  const lc = Math.max(1, Math.min(L, Math.floor(BLUESTEIN_CHUNK / M)));
  const size = 2 * M * lc;
  const a = ws.get(0, size);
  const t1 = ws.get(1, size);
  const t2 = ws.get(2, size);
  const sg = inverse ? -1 : 1;
  for (let c0 = 0; c0 < L; c0 += lc) {
    const w = Math.min(lc, L - c0);
    const w2 = 2 * w;
    // a_j = x_j c_j (x conjugated for the inverse), zero-padded to M.
    for (let j = 0; j < n; j++) {
      const cr = chirp[2 * j]!;
      const ci = chirp[2 * j + 1]!;
      let i = so + 2 * (j * L + c0);
      let o = j * w2;
      const end = o + w2;
      for (; o < end; o += 2, i += 2) {
        const xr = src[i]!;
        const xi = sg * src[i + 1]!;
        a[o] = xr * cr - xi * ci;
        a[o + 1] = xr * ci + xi * cr;
      }
    }
    a.fill(0, n * w2, M * w2);
    stockham(sub, a, 0, t1, 0, t2, 0, w, 1, false);
    // a = conj(A * B): the inverse FFT of A B is conj(FFT(conj(A B))) (1/M is in B).
    for (let k = 0; k < M; k++) {
      const br = filter[2 * k]!;
      const bi = filter[2 * k + 1]!;
      let o = k * w2;
      const end = o + w2;
      for (; o < end; o += 2) {
        const xr = t1[o]!;
        const xi = t1[o + 1]!;
        a[o] = xr * br - xi * bi;
        a[o + 1] = -(xr * bi + xi * br);
      }
    }
    stockham(sub, a, 0, t1, 0, t2, 0, w, 1, false);
    // X_k = c_k conj(Q_k); the inverse returns conj of that.
    for (let k = 0; k < n; k++) {
      const cr = chirp[2 * k]!;
      const ci = chirp[2 * k + 1]!;
      let i = k * w2;
      let o = dOff + 2 * (k * L + c0);
      const end = i + w2;
      for (; i < end; i += 2, o += 2) {
        const qr = t1[i]!;
        const qi = -t1[i + 1]!;
        dst[o] = qr * cr - qi * ci;
        dst[o + 1] = sg * (qr * ci + qi * cr);
      }
    }
  }
}

/** Complex values per chunk: blocks are batched up to this size per Stockham call. */
export const CHUNK = 1 << 13;

/** How many blocks of `blockSize` complex values to transform per call. */
export function blocksPerChunk(blockSize: number): number {
  return Math.max(1, Math.floor(CHUNK / blockSize));
}

/**
 * The unnormalized DFT (`inverse`: with `e^{+2 pi i jk/n}`) of `count` consecutive blocks
 * of `L` lane-interleaved sequences of length `plan.n` (layout as {@link stockham}), from
 * `src` at slot `so` to `dst` at slot `dOff`. `src` is not modified; `dst` must not overlap
 * it. Scratch comes from the plan's workspace.
 */
export function transformBlocks(
  plan: Plan, src: Float64Array, so: number, dst: Float64Array, dOff: number, L: number, count: number, inverse: boolean,
): void {
  if (plan.kind === 'stockham') {
    const size = 2 * plan.n * L * count;
    const tmp = (L === 1 ? plan.rowStages : plan.stages).length > 1 ? plan.ws.get(0, size) : dst;
    stockham(plan, src, so, dst, dOff, tmp, 0, L, count, inverse);
  } else {
    const block = 2 * plan.n * L;
    for (let b = 0; b < count; b++) bluestein(plan, src, so + b * block, dst, dOff + b * block, L, inverse);
  }
}
