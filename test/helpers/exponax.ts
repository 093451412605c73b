/**
 * The Exponax golden data (test/fixtures/exponax, copied from the reference
 * implementation's output; see its README): metadata, trajectories and the initial
 * conditions rebuilt from their Fourier sums.
 */
import { type Tensor, fromArray, parseNpy, stack } from '../../src/index.js';
import { loadFixture, loadFixtureText } from './fixtures.js';

/** One mode of an initial condition: `amp sin(2 pi k . x / L + phase)`. */
export interface IcMode {
  k: number[];
  amp: number;
  phase: number;
}

/** `meta.json` of a golden case. */
export interface GoldenMeta {
  stepper: string;
  num_spatial_dims: number;
  domain_extent: number | null;
  num_points: number;
  dt: number | null;
  kwargs: Record<string, unknown>;
  snapshots?: number[];
  steps?: number;
  loss?: number;
  d_loss_d_diffusivity?: number;
  ic: { offset: number; modes: IcMode[] }[];
}

export async function goldenMeta(name: string): Promise<GoldenMeta> {
  return JSON.parse(await loadFixtureText(`exponax/${name}/meta.json`)) as GoldenMeta;
}

export async function goldenArray(name: string, file: string): Promise<Tensor> {
  return parseNpy(await loadFixture(`exponax/${name}/${file}`));
}

/** The initial condition `(C, N, ..., N)`: offset plus the sum of sines on `x_i = i L / N`. */
export function goldenIc(meta: GoldenMeta): Tensor {
  const D = meta.num_spatial_dims;
  const N = meta.num_points;
  const L = meta.domain_extent ?? 1;
  const size = N ** D;
  const channels = meta.ic.map((c) => {
    const out = new Float64Array(size);
    for (let flat = 0; flat < size; flat++) {
      let rem = flat;
      const idx = new Array<number>(D);
      for (let d = D - 1; d >= 0; d--) {
        idx[d] = rem % N;
        rem = Math.floor(rem / N);
      }
      let v = c.offset;
      for (const m of c.modes) {
        let dot = 0;
        for (let d = 0; d < D; d++) dot += m.k[d]! * ((idx[d]! * L) / N);
        v += m.amp * Math.sin((2 * Math.PI * dot) / L + m.phase);
      }
      out[flat] = v;
    }
    return fromArray(out, new Array<number>(D).fill(N));
  });
  return stack(channels);
}

/** max |a - b| / max |b|. */
export function relMaxAbs(a: Tensor, b: Tensor): number {
  const x = a.toTypedArray();
  const y = b.toTypedArray();
  let num = 0;
  let den = 0;
  for (let i = 0; i < y.length; i++) {
    num = Math.max(num, Math.abs(x[i]! - y[i]!));
    den = Math.max(den, Math.abs(y[i]!));
  }
  return num / den;
}
