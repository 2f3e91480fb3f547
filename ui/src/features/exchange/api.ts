// The commands of sync by export files.
import { Channel } from '@tauri-apps/api/core';
import type { ExportFile, ReplicaId } from '../../generated/bindings';
import type { FileReport } from '../../generated/api';
import type { ExportOutcome, Progress, SyncOverview } from '../../generated/sync';
import { call } from '../../shared/api';

export const api = {
  syncOverview: () => call<SyncOverview>('sync_overview'),
  /**
   * Links this (volunteer's) installation to the coordinator whose pairing code this is (the
   * line, or the path of the file); a code that is not a coordinator's is refused.
   */
  linkCoordinator: (code: string) => call<SyncOverview>('link_coordinator', { code }),
  defaultExportDir: () => call<string>('default_export_dir'),
  /** This installation's export files, newest first, each with its receipt once confirmed. */
  exportFiles: () => call<ExportFile[]>('export_files'),
  exportToCoordinator: (dir: string) => call<ExportOutcome>('export_to_coordinator', { dir }),
  exportReturnFile: (replica: ReplicaId, dir: string) =>
    call<ExportOutcome>('export_return_file', { replica, dir }),
  /** Imports files one by one; `onprogress` hears each file's stage. */
  importFiles: (paths: string[], onprogress: (p: Progress) => void) => {
    const progress = new Channel<Progress>();
    progress.onmessage = onprogress;
    return call<FileReport[]>('import_files', { paths, progress });
  },
};
