// The coordinator's commands for enrolled volunteers.
import type { ReplicaId } from '../../generated/bindings';
import type { VolunteerView } from '../../generated/api';
import { call } from '../../shared/api';

export const api = {
  /** Every enrolled volunteer installation, active first. */
  listVolunteers: () => call<VolunteerView[]>('list_volunteers'),
  /**
   * Enrols the volunteer whose pairing code this is (the line, or the path of the file), after
   * the coordinator compared the fingerprint; the same installation again replaces its keys.
   */
  enrolVolunteer: (code: string) => call<VolunteerView[]>('enrol_volunteer', { code }),
  /** Revokes an enrolment: later files of that volunteer are refused; what they sent stays. */
  revokeVolunteer: (replica: ReplicaId) => call<VolunteerView[]>('revoke_volunteer', { replica }),
};
