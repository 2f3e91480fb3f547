// Saving while someone types: wait until they pause (or leave the field), then save once.

export type Debounced = {
  /** Run `fn` after `ms` without a new call. */
  schedule: () => void;
  /** Run now if something is waiting (on blur, or before leaving the screen). */
  flush: () => void;
  /** Forget what is waiting. */
  cancel: () => void;
  /** Whether a run is waiting. */
  pending: () => boolean;
};

export function debounce(fn: () => void, ms = 400): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return {
    schedule() {
      cancel();
      timer = setTimeout(() => {
        timer = undefined;
        fn();
      }, ms);
    },
    flush() {
      if (timer === undefined) return;
      cancel();
      fn();
    },
    cancel,
    pending: () => timer !== undefined,
  };
}
