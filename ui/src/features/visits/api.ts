// The visit commands: planning, the agenda and the checklist.
import type { AgendaItem, Visit, VisitId, VisitInput, VisitUpdate } from '../../generated/bindings';
import type { AnswerInput, VisitChecklist } from '../../generated/checklist';
import { call } from '../../shared/api';

export const api = {
  planVisit: (input: VisitInput) => call<Visit>('plan_visit', { input }),
  updateVisit: (update: VisitUpdate) => call<Visit>('update_visit', { update }),
  archiveVisit: (id: VisitId, archived: boolean) => call<Visit>('archive_visit', { id, archived }),
  agenda: () => call<AgendaItem[]>('agenda'),
  /** The visit's checklist; the first call fixes the template on the visit. */
  openChecklist: (visit: VisitId) => call<VisitChecklist>('open_checklist', { visit }),
  /** Saves one answer (`value: null` clears it) and returns the checklist evaluated again. */
  answerStep: (input: AnswerInput) => call<VisitChecklist>('answer_step', { input }),
};
