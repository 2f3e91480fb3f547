// The overview command: every number of the Overzicht screen, with the ids behind it.
import type { Overview } from '../../generated/api';
import { call } from '../../shared/api';

export const api = {
  /** The overview on today; a volunteer's last file older than `staleAfterDays` stands out (default 30). */
  overview: (staleAfterDays?: number) => call<Overview>('overview', { staleAfterDays }),
};
