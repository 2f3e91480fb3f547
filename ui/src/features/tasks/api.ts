// The task commands: closing a visit (what it proposes, and doing it), Mijn taken, a
// household's tasks, and adding and editing a task.
import type { HouseholdId, Task, TaskId, TaskInput, TaskRow, TaskUpdate, VisitId } from '../../generated/bindings';
import type { ClosedVisit, CloseVisit, ClosingProposal, FollowUpReview, MyTasks } from '../../generated/api';
import { call } from '../../shared/api';
import { tasksDue } from '../../shared/session';

export const api = {
  /** What "Bezoek afronden" would make: tasks, the follow-up date, whether it can be closed now. */
  proposeClosing: (visit: VisitId) => call<ClosingProposal>('propose_closing', { visit }),
  closeVisit: (input: CloseVisit) => call<ClosedVisit>('close_visit', { input }),
  myTasks: () => call<MyTasks>('my_tasks'),
  householdTasks: (household: HouseholdId) => call<TaskRow[]>('household_tasks', { household }),
  addTask: (input: TaskInput) => call<Task>('add_task', { input }),
  updateTask: (update: TaskUpdate) => call<Task>('update_task', { update }),
  /** The follow-up visit's review: the earlier tasks and the measured change. */
  followUpReview: (visit: VisitId) => call<FollowUpReview>('follow_up_review', { visit }),
  archiveTask: (id: TaskId, archived: boolean) => call<Task>('archive_task', { id, archived }),
};

/** Reads Mijn taken again for the number in the header; a failure leaves the number as it was. */
export async function refreshTasksDue(): Promise<void> {
  try {
    tasksDue.set((await api.myTasks()).due);
  } catch {
    // The header's number is a help, not a reason to show an error.
  }
}
