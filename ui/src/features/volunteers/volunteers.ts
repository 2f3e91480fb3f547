// The coordinator's list of enrolled volunteers: active ones first, then by name.
import type { ReplicaId } from '../../generated/bindings';
import type { VolunteerView } from '../../generated/api';

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/** Active volunteers first, each group by name (Dutch order), then by installation. */
export function sortVolunteers(list: readonly VolunteerView[]): VolunteerView[] {
  return [...list].sort(
    (a, b) =>
      Number(b.active) - Number(a.active) ||
      collator.compare(a.name, b.name) ||
      a.replica.localeCompare(b.replica),
  );
}

/** The volunteer already enrolled for this installation, if any (enrolling again replaces its keys). */
export function enrolledAs(list: readonly VolunteerView[], replica: ReplicaId): VolunteerView | undefined {
  return list.find((v) => v.replica === replica);
}
