// Progress on stderr: a bar (done/total, rate, ETA) on a terminal, a plain line at most every `every` ms otherwise.
import { SingleBar } from 'cli-progress';

function seconds(s) {
  if (!Number.isFinite(s)) return '?';
  return s >= 3600 ? `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min` : s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`;
}

/** `total` may be undefined (unknown); `unit` names what is counted. */
export function progress({ label, total, unit = 'rows', stream = process.stderr, every = 1000 }) {
  const started = Date.now();
  let done = 0;
  let printed = 0;
  let shown = -1;
  const rate = () => done / Math.max((Date.now() - started) / 1000, 0.001);
  const line = () => {
    const r = rate();
    const of = total === undefined ? `${done} ${unit}` : `${done}/${total} ${unit} (${Math.floor((100 * done) / Math.max(total, 1))}%)`;
    const eta = total === undefined ? '' : `, ETA ${seconds((total - done) / r)}`;
    return `${label}: ${of}, ${r.toFixed(1)} ${unit}/s${eta}`;
  };
  if (stream.isTTY) {
    const format = total === undefined
      ? `${label} {value} ${unit} | {rate} ${unit}/s`
      : `${label} [{bar}] {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`;
    const bar = new SingleBar({ format, stream, hideCursor: true, etaBuffer: 50, barsize: 30 });
    bar.start(total ?? 0, 0, { rate: '0.0' });
    return {
      tick(n = 1) { done += n; bar.update(done, { rate: rate().toFixed(1) }); },
      stop() { bar.stop(); },
    };
  }
  return {
    tick(n = 1) {
      done += n;
      if (Date.now() - printed >= every) { printed = Date.now(); shown = done; stream.write(`${line()}\n`); }
    },
    stop() { if (shown !== done) stream.write(`${line()}\n`); },
  };
}
