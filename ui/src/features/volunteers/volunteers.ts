// The coordinator's list of enrolled volunteers: active ones first, then by name; the
// households that can still be given to one of them.
import type { HouseholdSummary, ReplicaId } from '../../generated/bindings';
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

/**
 * The households to choose from when giving one to `volunteer`: every household of `all` that is
 * not in its list yet, in the order of `all`. Whether it may be given is the app's to say.
 */
export function assignable(all: readonly HouseholdSummary[], volunteer: VolunteerView): HouseholdSummary[] {
  const has = new Set(volunteer.households.map((h) => h.id));
  return all.filter((h) => !has.has(h.id));
}

/** A household as the choice shows it: its name, then where it lives (two of one name differ there). */
export function householdOption(h: HouseholdSummary): string {
  const where = [h.street_address, h.city].map((s) => s.trim()).filter(Boolean).join(', ');
  return where ? `${h.name} – ${where}` : h.name;
}
