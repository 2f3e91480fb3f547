// What the import shows: progress as a percentage, a file's name without its folder, and the
// paths typed one per line.
import type { Progress, Stage } from '../../generated/sync';

const STAGE_SHARE: Record<Stage, number> = {
  reading: 0.1,
  verifying: 0.3,
  backing_up: 0.5,
  merging: 0.7,
  done: 1,
};

/** How far a batch import is, 0–100 (file `index` from 0 of `count`). */
export function progressPercent(p: Progress): number {
  if (p.count <= 0) return 0;
  const share = (Math.min(p.index, p.count - 1) + STAGE_SHARE[p.stage]) / p.count;
  return Math.round(Math.max(0, Math.min(1, share)) * 100);
}

/** The last part of a path (`/media/usb/abc.kt` → `abc.kt`). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** One path per line; blank lines and surrounding spaces dropped. */
export function pathsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
