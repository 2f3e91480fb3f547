// Locking after a while without use: any key, click, scroll or pointer movement in the window
// counts as use. After `ms` without use `onidle` runs once (the app then locks itself).

/** How long the app stays unlocked without use. */
export const IDLE_LOCK_MS = 10 * 60 * 1000;

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** Starts watching `target` for use; returns a function that stops watching. */
export function watchIdle(target: EventTarget, ms: number, onidle: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stop();
      onidle();
    }, ms);
  };
  const stop = () => {
    clearTimeout(timer);
    for (const name of ACTIVITY) target.removeEventListener(name, restart);
  };
  for (const name of ACTIVITY) target.addEventListener(name, restart, { passive: true });
  restart();
  return stop;
}
