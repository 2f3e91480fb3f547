// Typed wrappers around the Tauri commands. Every command rejects with an `ApiError`; anything
// else that reaches the UI (for example a Tauri argument error) is turned into one with code
// `internal`, so screens only ever decide on `ApiError.code`.
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
  AgendaItem,
  ApiError,
  AppInfo,
  ConflictResolution,
  ConflictView,
  ConsentEvent,
  ConsentInput,
  ErrorCode,
  Household,
  HouseholdDetail,
  HouseholdId,
  HouseholdInput,
  HouseholdQuery,
  HouseholdSummary,
  HouseholdUpdate,
  ReplicaId,
  UserProfile,
  UserProfileInput,
  Visit,
  VisitId,
  VisitInput,
  VisitUpdate,
} from './bindings';
import type { AnswerInput, VisitChecklist } from './checklist';
import type { ExportOutcome, FileReport, Progress, SyncOverview } from './sync';

export type { AgendaItem };

const ERROR_CODES: readonly ErrorCode[] = [
  'validation',
  'not_found',
  'store_newer_version',
  'store_damaged',
  'store_foreign',
  'store_busy',
  'store_io',
  'no_profile',
  'template_unavailable',
  'export_refused',
  'invalid_key',
  'no_coordinator',
  'internal',
];

export function isApiError(e: unknown): e is ApiError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as ApiError).code === 'string' &&
    ERROR_CODES.includes((e as ApiError).code) &&
    typeof (e as ApiError).message === 'string'
  );
}

/** Any rejection as an `ApiError`. */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) {
    return { ...e, message_en: e.message_en ?? e.message, fields: e.fields ?? [] };
  }
  const detail = e instanceof Error ? e.message : String(e);
  return {
    code: 'internal',
    message: 'Er ging iets mis. Probeer het nog een keer.',
    message_en: `Something went wrong. Try again. (${detail})`,
    fields: [],
  };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  saveProfile: (input: UserProfileInput) => call<UserProfile>('save_profile', { input }),
  listHouseholds: (query: HouseholdQuery) => call<HouseholdSummary[]>('list_households', { query }),
  listWijken: () => call<string[]>('list_wijken'),
  getHousehold: (id: HouseholdId) => call<HouseholdDetail>('get_household', { id }),
  createHousehold: (input: HouseholdInput) => call<Household>('create_household', { input }),
  updateHousehold: (update: HouseholdUpdate) => call<Household>('update_household', { update }),
  archiveHousehold: (id: HouseholdId, archived: boolean) =>
    call<Household>('archive_household', { id, archived }),
  recordConsent: (input: ConsentInput) => call<ConsentEvent>('record_consent', { input }),
  planVisit: (input: VisitInput) => call<Visit>('plan_visit', { input }),
  updateVisit: (update: VisitUpdate) => call<Visit>('update_visit', { update }),
  archiveVisit: (id: VisitId, archived: boolean) => call<Visit>('archive_visit', { id, archived }),
  agenda: () => call<AgendaItem[]>('agenda'),
  /** The visit's checklist; the first call fixes the template on the visit. */
  openChecklist: (visit: VisitId) => call<VisitChecklist>('open_checklist', { visit }),
  /** Saves one answer (`value: null` clears it) and returns the checklist evaluated again. */
  answerStep: (input: AnswerInput) => call<VisitChecklist>('answer_step', { input }),

  // Sync by export files.
  syncOverview: () => call<SyncOverview>('sync_overview'),
  /** Links this (volunteer's) installation to the coordinator's public key (`age1…`). */
  linkCoordinator: (key: string) => call<SyncOverview>('link_coordinator', { key }),
  linkCoordinatorFile: (path: string) => call<SyncOverview>('link_coordinator_file', { path }),
  saveOwnKey: (dir: string) => call<string>('save_own_key', { dir }),
  defaultExportDir: () => call<string>('default_export_dir'),
  exportToCoordinator: (dir: string) => call<ExportOutcome>('export_to_coordinator', { dir }),
  exportReturnFile: (replica: ReplicaId, dir: string) =>
    call<ExportOutcome>('export_return_file', { replica, dir }),
  /** Imports files one by one; `onprogress` hears each file's stage. */
  importFiles: (paths: string[], onprogress: (p: Progress) => void) => {
    const progress = new Channel<Progress>();
    progress.onmessage = onprogress;
    return call<FileReport[]>('import_files', { paths, progress });
  },
  listConflicts: () => call<ConflictView[]>('list_conflicts'),
  /** Keeps the chosen value; returns the conflicts still open. */
  resolveConflict: (resolution: ConflictResolution) =>
    call<ConflictView[]>('resolve_conflict', { resolution }),
  /** Accepts the changes held back for the coordinator; returns how many were added. */
  acceptHeldOps: () => call<number>('accept_held_ops'),
};
