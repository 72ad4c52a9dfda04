/** What the bar shows: progress through the file by bytes, and the rows seen. */
export interface ProgressState {
  bytesRead: number;
  bytesTotal: number | null;
  rows: number;
  /** Shown after the counts, e.g. `坏行 12`. */
  note?: string;
  /** A change of phase (`reading`, `committing`) always redraws. */
  phase?: string;
}

export interface ProgressBar {
  update(state: ProgressState): void;
  /** Draws the final state and ends the line. */
  finish(state?: ProgressState): void;
}

interface Output {
  isTTY?: boolean;
  columns?: number;
  write(text: string): boolean;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(rest).padStart(2, '0')}` : `${String(m).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
}

/**
 * A terminal progress bar: bytes read of the file's size, rows, rows/s and the time left, redrawn in
 * place at most ten times a second. When the output is not a terminal (a log, a pipe, a test) it
 * writes a plain line at each tenth of the file and at each change of phase instead.
 */
export function createProgressBar(out: Output, options: { label?: string; now?: () => number } = {}): ProgressBar {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const tty = Boolean(out.isTTY);
  let lastDraw = -Infinity;
  let lastTenth = -1;
  let lastPhase: string | undefined;
  let drawn = false;

  const line = (state: ProgressState, width: number): string => {
    const elapsed = (now() - started) / 1000;
    const fraction = state.bytesTotal ? Math.min(1, state.bytesRead / state.bytesTotal) : null;
    const rate = elapsed > 0 ? state.rows / elapsed : 0;
    const eta = fraction && fraction > 0 && fraction < 1 ? (elapsed * (1 - fraction)) / fraction : fraction === 1 ? 0 : NaN;
    const parts = [
      options.label,
      state.phase,
      fraction === null ? formatBytes(state.bytesRead) : `${(fraction * 100).toFixed(1).padStart(5)}%`,
      `${state.rows.toLocaleString('en-US')} 行`,
      `${Math.round(rate).toLocaleString('en-US')} 行/秒`,
      `剩余 ${formatDuration(eta)}`,
      state.note,
    ].filter(Boolean);
    const text = parts.join('  ');
    if (fraction === null || !tty) return text;
    const barWidth = Math.max(10, Math.min(40, width - text.length - 4));
    const filled = Math.round(fraction * barWidth);
    return `[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ${text}`;
  };

  const draw = (state: ProgressState) => {
    if (tty) {
      const width = out.columns ?? 100;
      out.write(`\r\x1b[2K${line(state, width)}`);
    } else out.write(`${line(state, 0)}\n`);
    drawn = true;
  };

  return {
    update(state) {
      const phaseChanged = state.phase !== lastPhase;
      lastPhase = state.phase;
      if (tty) {
        const t = now();
        if (!phaseChanged && t - lastDraw < 100) return;
        lastDraw = t;
        draw(state);
        return;
      }
      const tenth = state.bytesTotal ? Math.floor((state.bytesRead / state.bytesTotal) * 10) : 0;
      if (!phaseChanged && tenth <= lastTenth) return;
      lastTenth = tenth;
      draw(state);
    },
    finish(state) {
      if (state) draw(state);
      if (tty && drawn) out.write('\n');
    },
  };
}
