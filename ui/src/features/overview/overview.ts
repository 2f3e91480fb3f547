// Pure helpers of the Overzicht screen: the total row of the households table, the names behind
// a list of household ids, why a volunteer stands out, and the files lost on the way. The numbers themselves come from the
// backend (api::overview); nothing here counts households or tasks anew.
import type { HouseholdStatus, StatusCell, VisitCounts, VolunteerActivity, WijkCases } from '../../generated/api';
import type { FileGap } from '../../generated/bindings';
import type { HouseholdId, HouseholdSummary, VisitKind } from '../../generated/bindings';

/** The statuses in the order the backend sends them (and the table shows them). */
export const STATUSES: readonly HouseholdStatus[] = ['waiting', 'in_progress', 'follow_up_due', 'closed'];

/** The total row: per status, the sum of the wijken's cells and the union of their ids. */
export function statusTotals(byWijk: readonly WijkCases[]): StatusCell[] {
  return STATUSES.map((status) => {
    const households: HouseholdId[] = [];
    for (const w of byWijk) {
      for (const c of w.cells) if (c.status === status) households.push(...c.households);
    }
    return { status, count: households.length, households };
  });
}

/** Every household of one wijk (all its cells together). */
export function wijkHouseholds(w: WijkCases): HouseholdId[] {
  return w.cells.flatMap((c) => c.households);
}

/** The cell of a status in a wijk (an empty one if the backend left it out). */
export function cellOf(w: WijkCases, status: HouseholdStatus): StatusCell {
  return w.cells.find((c) => c.status === status) ?? { status, count: 0, households: [] };
}

/**
 * The households behind a list of ids, by name. An id that is not in the list (imported after
 * the list was read) keeps its place with a `null` name, so the count and the list agree.
 */
export function householdsByIds(
  ids: readonly HouseholdId[],
  list: readonly Pick<HouseholdSummary, 'id' | 'name'>[],
): { id: HouseholdId; name: string | null }[] {
  const names = new Map(list.map((h) => [h.id, h.name]));
  return ids
    .map((id) => ({ id, name: names.get(id) ?? null }))
    .sort((a, b) => {
      if (a.name === null || b.name === null) return a.name === null ? (b.name === null ? 0 : 1) : -1;
      return a.name.localeCompare(b.name, 'nl');
    });
}

/** The count of a kind of visit (0 if the backend left it out). */
export function kindCount(counts: VisitCounts, kind: VisitKind): number {
  return counts.by_kind.find((k) => k.kind === kind)?.count ?? 0;
}

/** Why a volunteer stands out: never sent a file, or the last one is too old; `null`: not. */
export function standsOutReason(v: Pick<VolunteerActivity, 'stands_out' | 'days_since'>): 'never' | 'stale' | null {
  if (!v.stands_out) return null;
  return v.days_since === null ? 'never' : 'stale';
}

/**
 * A gap in a volunteer's file numbers as the words say it: one missing file (`{ one: 3 }`) or a
 * run (`{ from: 3, to: 5 }`). The gaps themselves come from the backend (`file_gaps`).
 */
export function gapParts(gap: FileGap): { one: number } | { from: number; to: number } {
  const from = Number(gap.from);
  const to = Number(gap.to);
  return from === to ? { one: from } : { from, to };
}
