// Pure helpers of the task screens: grouping Mijn taken by when a task is due, the owner as a
// list shows and filters it, open before closed, and a task's input for an edit. Whether a task
// is overdue, open or missing consent is the backend's word (`TaskRow.overdue`,
// `Task.closed_on`, `TaskRow.missing_consent`); nothing here decides it.
import type { Task, TaskInput, TaskOwnerKind, TaskRow, TaskStatus } from '../../generated/bindings';
import { parseYmd } from '../../shared/dates';

/** Every status a task can have, in the order the status choices show them. */
export const TASK_STATUSES: TaskStatus[] = ['open', 'in_progress', 'done', 'not_needed', 'no_response'];

export type TaskGroupId = 'overdue' | 'week' | 'later';
export type TaskGroup = { id: TaskGroupId; rows: TaskRow[] };

/** The Sunday that ends the week (Monday to Sunday) of `today`, as `YYYY-MM-DD`. */
export function endOfWeek(today: string): string {
  const d = parseYmd(today);
  if (!d) return today;
  const date = new Date(Date.UTC(d.year, d.month - 1, d.day));
  const toSunday = (7 - date.getUTCDay()) % 7;
  date.setUTCDate(date.getUTCDate() + toSunday);
  return date.toISOString().slice(0, 10);
}

/**
 * "Te laat" (the rows the backend marks overdue), "Deze week" (due up to this Sunday) and
 * "Later"; empty groups are left out, the order within a group is the backend's.
 */
export function groupByDue(rows: TaskRow[], today: string): TaskGroup[] {
  const end = endOfWeek(today);
  const groups: Record<TaskGroupId, TaskRow[]> = { overdue: [], week: [], later: [] };
  for (const r of rows) {
    if (r.overdue) groups.overdue.push(r);
    else if (r.task.due <= end) groups.week.push(r);
    else groups.later.push(r);
  }
  return (['overdue', 'week', 'later'] as const).filter((id) => groups[id].length).map((id) => ({ id, rows: groups[id] }));
}

/** Who carries a task out, as one key: the kind and, when given, the name (case ignored). */
export function ownerKey(task: Pick<Task, 'owner_kind' | 'owner_name'>): string {
  return `${task.owner_kind}:${task.owner_name.trim().toLowerCase()}`;
}

export type Owner = { key: string; kind: TaskOwnerKind; name: string };

/** The owners of the rows, once each: named people first (by name), then the others. */
export function ownersOf(rows: TaskRow[]): Owner[] {
  const seen = new Map<string, Owner>();
  for (const r of rows) {
    const key = ownerKey(r.task);
    if (!seen.has(key)) seen.set(key, { key, kind: r.task.owner_kind, name: r.task.owner_name.trim() });
  }
  const rank = (o: Owner) => (o.name ? 0 : 1);
  return [...seen.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'nl') || a.kind.localeCompare(b.kind));
}

/** A household's tasks: the open ones (not closed, as the backend says), then the closed ones. */
export function openThenClosed(rows: TaskRow[]): { open: TaskRow[]; closed: TaskRow[] } {
  return { open: rows.filter((r) => r.task.closed_on === null), closed: rows.filter((r) => r.task.closed_on !== null) };
}

/** The input of a stored task, to send an edit of it. */
export function inputOf(task: Task): TaskInput {
  return {
    household_id: task.household_id,
    visit_id: task.visit_id,
    step_id: task.step_id,
    kind: task.kind,
    what: task.what,
    party: task.party,
    consent_scope: task.consent_scope,
    owner_kind: task.owner_kind,
    owner_name: task.owner_name,
    due: task.due,
    status: task.status,
    outcome: task.outcome,
    closed_on: task.closed_on,
  };
}

/**
 * Mijn taken as one list of rows, for drawing only the rows in view: each group's heading
 * followed by its tasks (`first`/`last` of their group draw the group's card).
 */
export type TaskEntry =
  | { kind: 'group'; id: TaskGroupId; count: number; first: boolean }
  | { kind: 'task'; row: TaskRow; first: boolean; last: boolean };

export function taskEntries(groups: TaskGroup[]): TaskEntry[] {
  const out: TaskEntry[] = [];
  groups.forEach((g, gi) => {
    out.push({ kind: 'group', id: g.id, count: g.rows.length, first: gi === 0 });
    g.rows.forEach((row, i) => out.push({ kind: 'task', row, first: i === 0, last: i === g.rows.length - 1 }));
  });
  return out;
}

/** A row's identity: a drawn row keeps its measured height when the list is read again. */
export function taskEntryKey(e: TaskEntry): string {
  return e.kind === 'group' ? `group:${e.id}` : `task:${e.row.task.id}`;
}

/** A row's expected height in rem before it is drawn (MyTasks.svelte's and TaskItem's CSS). */
export function taskEntryEstimate(e: TaskEntry): number {
  if (e.kind === 'group') return e.first ? 2.25 : 3.75;
  return 5.5;
}
