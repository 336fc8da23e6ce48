// A line chart in hand-written SVG (no dependency): a few polylines over a value grid, drawn at the pixel width of
// its container so labels keep their size on a phone. Each chart carries a text summary for screen readers.
const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

/** Round numbers between min and max for the grid lines. */
function ticks(min, max, count = 4) {
  const raw = (max - min) / count || 1;
  const step = 10 ** Math.floor(Math.log10(raw)) * [1, 2, 2.5, 5, 10].find((m) => m * 10 ** Math.floor(Math.log10(raw)) >= raw);
  const out = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step / 1e6; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

/**
 * `series`: [{ name, className, points: [{ x, y }] }] with numeric x (e.g. time); `formatX`/`formatY` label the
 * axes; `summary` is the text a screen reader gets. Returns a <figure> with the SVG and an HTML legend.
 */
export function lineChart({ series, label, summary, width = 600, height = 220, formatX = String, formatY = String }) {
  const points = series.flatMap((one) => one.points);
  const figure = document.createElement('figure');
  figure.className = 'chart';
  if (!points.length) return figure;
  const margin = { left: 64, right: 14, top: 12, bottom: 26 };
  let [xMin, xMax] = [Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x))];
  let [yMin, yMax] = [Math.min(...points.map((p) => p.y)), Math.max(...points.map((p) => p.y))];
  if (xMin === xMax) [xMin, xMax] = [xMin - 1, xMax + 1];
  const pad = (yMax - yMin) * 0.1 || Math.abs(yMax) * 0.01 || 1;
  [yMin, yMax] = [yMin - pad, yMax + pad];
  const x = (v) => margin.left + ((v - xMin) / (xMax - xMin)) * (width - margin.left - margin.right);
  const y = (v) => height - margin.bottom - ((v - yMin) / (yMax - yMin)) * (height - margin.top - margin.bottom);

  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': `${label}. ${summary ?? ''}` });
  for (const v of ticks(yMin, yMax)) {
    svg.append(s('line', { class: 'grid', x1: margin.left, x2: width - margin.right, y1: y(v), y2: y(v) }),
      s('text', { class: 'axis', x: margin.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, formatY(v)));
  }
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const room = Math.max(2, Math.floor((width - margin.left - margin.right) / 70)); // labels that fit side by side
  const shown = xs.length <= room ? xs : Array.from({ length: room }, (_, i) => xs[Math.round((i * (xs.length - 1)) / (room - 1))]);
  shown.forEach((v, i) => svg.append(s('text', {
    class: 'axis', x: x(v), y: height - 8, 'text-anchor': shown.length > 1 && i === shown.length - 1 ? 'end' : i === 0 ? 'start' : 'middle',
  }, formatX(v))));
  for (const one of series) {
    if (!one.points.length) continue;
    svg.append(s('polyline', { class: `line ${one.className ?? ''}`, points: one.points.map((p) => `${x(p.x)},${y(p.y)}`).join(' ') }));
    for (const p of one.points.length <= 12 ? one.points : [one.points.at(-1)]) {
      svg.append(s('circle', { class: `dot ${one.className ?? ''}`, cx: x(p.x), cy: y(p.y), r: 3 }, s('title', {}, `${one.name}: ${formatY(p.y)}`)));
    }
  }
  const legend = document.createElement('figcaption');
  legend.append(...series.map((one) => {
    const key = document.createElement('span');
    key.className = `key ${one.className ?? ''}`;
    key.textContent = one.name;
    return key;
  }));
  figure.append(svg, legend);
  return figure;
}
