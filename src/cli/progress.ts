/** A snapshot of a long step: how far it is and how long it has run. */
export interface ProgressState {
  label: string;
  unit: string;
  done: number;
  total: number;
  elapsedMs: number;
}

const BAR_WIDTH = 24;

/**
 * One progress line: bar, count, rate and time left (the bar only for a terminal).
 * Example: `{ label: '读取', unit: 'files', done: 50, total: 200, elapsedMs: 5000 }`, bar on →
 * `读取 [######------------------]  25%  50/200 files  10.0 files/s  ETA 0:15`.
 */
export function formatProgress(s: ProgressState, bar: boolean): string {
  const fraction = s.total > 0 ? Math.min(1, s.done / s.total) : 1;
  const rate = s.elapsedMs > 0 ? (s.done * 1000) / s.elapsedMs : 0;
  const left = rate > 0 ? (s.total - s.done) / rate : NaN;
  const parts = [
    bar ? `${s.label} [${'#'.repeat(Math.round(fraction * BAR_WIDTH)).padEnd(BAR_WIDTH, '-')}]` : `${s.label}:`,
    `${String(Math.floor(fraction * 100)).padStart(3)}%`,
    `${s.done.toLocaleString('en')}/${s.total.toLocaleString('en')} ${s.unit}`,
    `${rate.toFixed(1)} ${s.unit}/s`,
    `ETA ${Number.isFinite(left) ? clock(left) : '?'}`,
  ];
  return parts.join('  ');
}

/** Seconds as m:ss (or h:mm:ss). Example: 75 → `1:15`; 3725 → `1:02:05`. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(r).padStart(2, '0')}`;
}

export interface ProgressOptions {
  /** Where lines go; a terminal gets a bar redrawn in place, anything else plain periodic lines. */
  stream: { write(chunk: string): unknown; isTTY?: boolean };
  /** How often a plain line is printed when not on a terminal. */
  everyMs?: number;
  now?: () => number;
}

/**
 * Reports a long step: on a terminal a bar redrawn at most 10 times a second, elsewhere (CI, a log
 * file) one plain line every `everyMs`, so logs stay short; `finish()` prints the final line once.
 * Example: `const p = startProgress('读取', 'files', 200, { stream: process.stderr }); p.tick(); … p.finish();`
 */
export function startProgress(label: string, unit: string, total: number, options: ProgressOptions) {
  const now = options.now ?? Date.now;
  const tty = options.stream.isTTY === true;
  const every = tty ? 100 : (options.everyMs ?? 5000);
  const started = now();
  let done = 0;
  let last = started;
  const line = () => formatProgress({ label, unit, done, total, elapsedMs: now() - started }, tty);
  return {
    tick(n = 1): void {
      done += n;
      const t = now();
      if (t - last < every) return;
      last = t;
      options.stream.write(tty ? `\r${line()}\x1b[K` : `${line()}\n`);
    },
    finish(): void {
      options.stream.write(tty ? `\r${line()}\x1b[K\n` : `${line()}\n`);
    },
  };
}
