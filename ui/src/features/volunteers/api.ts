// The coordinator's commands for enrolled volunteers and the households given to them.
import type { HouseholdId, ReplicaId } from '../../generated/bindings';
import type { VolunteerView } from '../../generated/api';
import { call } from '../../shared/api';

export const api = {
  /** Every enrolled volunteer installation, active first, each with its households. */
  listVolunteers: () => call<VolunteerView[]>('list_volunteers'),
  /**
   * Enrols the volunteer whose pairing code this is (the line, or the path of the file), after
   * the coordinator compared the fingerprint; the same installation again replaces its keys.
   */
  enrolVolunteer: (code: string) => call<VolunteerView[]>('enrol_volunteer', { code }),
  /** Revokes an enrolment: later files of that volunteer are refused; what they sent stays. */
  revokeVolunteer: (replica: ReplicaId) => call<VolunteerView[]>('revoke_volunteer', { replica }),
  /** Gives a household to a volunteer: its return files carry that household from now on. */
  assignHousehold: (household: HouseholdId, volunteer: ReplicaId) =>
    call<VolunteerView[]>('assign_household', { household, volunteer }),
  /** Takes a household off a volunteer: its laptop forgets it after the next return file. */
  unassignHousehold: (household: HouseholdId, volunteer: ReplicaId) =>
    call<VolunteerView[]>('unassign_household', { household, volunteer }),
};
