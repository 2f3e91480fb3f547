// The municipal report: shown in the app, saved as XLSX or CSV.
import type { Report, ReportFormat, ReportRequest, SavedReport } from '../../generated/api';
import { call } from '../../shared/api';

export const api = {
  /** The report for a period and wijken (none: all), anonymous, small cells suppressed. */
  report: (request: ReportRequest) => call<Report>('report', { request }),
  /** Saves it: `path` is the `.xlsx` file, or the folder the CSV files go into. */
  saveReport: (request: ReportRequest, format: ReportFormat, path: string) =>
    call<SavedReport>('save_report', { request, format, path }),
  listWijken: () => call<string[]>('list_wijken'),
};
