/**
 * Line charts as standalone SVG text: panels stacked vertically, each with axes, ticks,
 * a legend, and linear or logarithmic y. Enough for training curves; no dependencies.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../errors.js';

/** One line of a panel. */
export interface Series {
  name: string;
  x: readonly number[];
  y: readonly number[];
  /** Draw as a staircase (a value holds until the next x), e.g. an iteration budget. */
  step?: boolean;
}

/** One chart. */
export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  /** Logarithmic y axis (non-positive values are skipped). */
  logY?: boolean;
}

const W = 720;
const H = 300;
const M = { left: 80, right: 170, top: 34, bottom: 46 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (v: number) => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-2) ? v.toExponential(0) : String(+v.toPrecision(3)));

/** About five round tick values covering [lo, hi]. */
function ticks(lo: number, hi: number): number[] {
  if (hi <= lo) return [lo];
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
  return out;
}

function panelSvg(p: Panel, top: number): string {
  const pts = p.series.flatMap((s) => s.x.map((x, i) => [x, s.y[i]!] as const)).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!p.logY || y > 0));
  const xs = pts.map(([x]) => x);
  const ys = pts.map(([, y]) => (p.logY ? Math.log10(y) : y));
  let [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  let [y0, y1] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  if (x1 === x0) [x0, x1] = [x0 - 1, x1 + 1];
  if (y1 === y0) [y0, y1] = [y0 - 1, y1 + 1];
  if (p.logY) [y0, y1] = [Math.floor(y0), Math.ceil(y1)];
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const X = (x: number) => M.left + ((x - x0) / (x1 - x0)) * pw;
  const Y = (y: number) => top + M.top + ph - (((p.logY ? Math.log10(y) : y) - y0) / (y1 - y0)) * ph;
  const parts: string[] = [];
  parts.push(`<text x="${W / 2 - M.right / 2}" y="${top + 20}" text-anchor="middle" font-size="15">${esc(p.title)}</text>`);
  parts.push(`<rect x="${M.left}" y="${top + M.top}" width="${pw}" height="${ph}" fill="none" stroke="#444"/>`);
  for (const t of ticks(x0, x1)) {
    parts.push(`<line x1="${X(t)}" x2="${X(t)}" y1="${top + M.top + ph}" y2="${top + M.top + ph + 5}" stroke="#444"/>`);
    parts.push(`<text x="${X(t)}" y="${top + M.top + ph + 18}" text-anchor="middle" font-size="11">${num(t)}</text>`);
  }
  const yTicks = p.logY ? Array.from({ length: y1 - y0 + 1 }, (_, i) => 10 ** (y0 + i)) : ticks(y0, y1);
  for (const t of yTicks) {
    parts.push(`<line x1="${M.left - 5}" x2="${M.left}" y1="${Y(t)}" y2="${Y(t)}" stroke="#444"/>`);
    parts.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${Y(t)}" y2="${Y(t)}" stroke="#ddd"/>`);
    parts.push(`<text x="${M.left - 8}" y="${Y(t) + 4}" text-anchor="end" font-size="11">${num(t)}</text>`);
  }
  parts.push(`<text x="${M.left + pw / 2}" y="${top + H - 8}" text-anchor="middle" font-size="12">${esc(p.xLabel)}</text>`);
  parts.push(`<text x="16" y="${top + M.top + ph / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 16 ${top + M.top + ph / 2})">${esc(p.yLabel)}</text>`);
  p.series.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length]!;
    const coords: string[] = [];
    s.x.forEach((x, i) => {
      const y = s.y[i]!;
      if (!Number.isFinite(x) || !Number.isFinite(y) || (p.logY && y <= 0)) return;
      if (s.step && coords.length > 0) coords.push(`${X(x).toFixed(1)},${coords.at(-1)!.split(',')[1]}`);
      coords.push(`${X(x).toFixed(1)},${Y(y).toFixed(1)}`);
    });
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="1.6" points="${coords.join(' ')}"/>`);
    const ly = top + M.top + 8 + 16 * k;
    parts.push(`<line x1="${M.left + pw + 12}" x2="${M.left + pw + 32}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`);
    parts.push(`<text x="${M.left + pw + 38}" y="${ly + 4}" font-size="11">${esc(s.name)}</text>`);
  });
  return parts.join('\n');
}

/** An SVG document with the panels stacked top to bottom. */
export function lineChart(panels: readonly Panel[]): string {
  if (!Array.isArray(panels) || panels.length === 0) {
    throw new ArgumentError({ fn: 'lineChart', arg: 'panels', expected: 'a non-empty array of panels', actual: fmtValue(panels) });
  }
  for (const p of panels) {
    for (const s of p.series ?? []) {
      if (!Array.isArray(s.x) || !Array.isArray(s.y) || s.x.length !== s.y.length) {
        throw new ArgumentError({ fn: 'lineChart', arg: 'series', expected: 'x and y arrays of equal length', actual: `'${s.name}'` });
      }
    }
  }
  const body = panels.map((p, i) => panelSvg(p, i * H)).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H * panels.length}" viewBox="0 0 ${W} ${H * panels.length}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n${body}\n</svg>\n`;
}
