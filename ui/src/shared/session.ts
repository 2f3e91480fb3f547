// What the whole app knows after start: the installation's facts and the user's profile.
import { writable } from 'svelte/store';
import type { AppInfo } from '../generated/bindings';

export const appInfo = writable<AppInfo | null>(null);

/** A short confirmation shown at the top of the screen ("Opgeslagen"). */
export const notice = writable<string | null>(null);

let timer: ReturnType<typeof setTimeout> | undefined;
export function showNotice(text: string): void {
  notice.set(text);
  clearTimeout(timer);
  timer = setTimeout(() => notice.set(null), 4000);
}

/** Open sync conflicts, for the header badge; refreshed after imports and decisions. */
export const openConflicts = writable(0);

/** Changes held back for a person to judge, for the same badge; refreshed with the conflicts. */
export const heldChanges = writable(0);

/** Tasks due today or overdue (`MyTasks.due`), for the header; refreshed after task changes. */
export const tasksDue = writable(0);
