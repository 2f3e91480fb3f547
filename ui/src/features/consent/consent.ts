// Pure helpers of the consent form: the answers it starts from, and which scopes to send.
// "Niet gevraagd" (`unknown`) is never sent: there is no event for it.
import type { ConsentInput, ConsentScope, ConsentState, ConsentStatus } from '../../generated/bindings';

/** The form's answer for a state: "Nee" (`withdrawn`) stands for withdrawn and refused alike. */
export function asChoice(state: ConsentState): ConsentState {
  return state === 'refused' ? 'withdrawn' : state;
}

/** Per scope the current consent as the form's answer (`unknown` when none is recorded). */
export function currentChoices(consent: ConsentStatus[], scopes: ConsentScope[]): Record<ConsentScope, ConsentState> {
  const out = {} as Record<ConsentScope, ConsentState>;
  for (const s of scopes) out[s] = asChoice(consent.find((c) => c.scope === s)?.state ?? 'unknown');
  return out;
}

/** One input per scope whose answer differs from the current consent, with the form's version and date. */
export function changedConsents(
  householdId: string,
  consent: ConsentStatus[],
  choices: Partial<Record<ConsentScope, ConsentState>>,
  textVersion: string,
  date: string,
): ConsentInput[] {
  const out: ConsentInput[] = [];
  for (const [scope, choice] of Object.entries(choices) as [ConsentScope, ConsentState][]) {
    const now = asChoice(consent.find((c) => c.scope === scope)?.state ?? 'unknown');
    if (choice === now || choice === 'unknown') continue;
    out.push({ household_id: householdId, scope, given: choice === 'given', text_version: textVersion, date });
  }
  return out;
}
