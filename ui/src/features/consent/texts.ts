// Texts of the consent panel, Dutch and English side by side.
import type { ConsentScope, ConsentState } from '../../generated/bindings';
import { localized, type Both } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';

export const texts = {
  consent: {
    title: { nl: 'Toestemming', en: 'Consent' },
    record: { nl: 'Toestemming vastleggen', en: 'Record consent' },
    scope: { nl: 'Waarvoor', en: 'For' },
    answer: { nl: 'Antwoord', en: 'Answer' },
    given: { nl: 'Gegeven', en: 'Given' },
    withdrawn: { nl: 'Ingetrokken', en: 'Withdrawn' },
    notGiven: { nl: 'Geen toestemming', en: 'No consent' },
    date: { nl: 'Datum', en: 'Date' },
    submit: { nl: 'Vastleggen', en: 'Record' },
    history: { nl: 'Geschiedenis', en: 'History' },
    noHistory: { nl: 'Er is nog geen toestemming vastgelegd.', en: 'No consent has been recorded yet.' },
    recordedBy: { nl: (name: string) => `vastgelegd door ${name}`, en: (name: string) => `recorded by ${name}` },
    textVersion: { nl: (v: string) => `tekstversie ${v}`, en: (v: string) => `text version ${v}` },
    saved: { nl: 'De toestemming is vastgelegd.', en: 'The consent has been recorded.' },
    since: { nl: (d: string) => `sinds ${d}`, en: (d: string) => `since ${d}` },
    dateRequired: { nl: 'Kies een datum.', en: 'Choose a date.' },
    choice: {
      given: { nl: 'Ja', en: 'Yes' },
      withdrawn: { nl: 'Nee', en: 'No' },
      // Not a choice of its own: "Nee" is shown for it.
      refused: { nl: 'Nee', en: 'No' },
      unknown: { nl: 'Niet gevraagd', en: 'Not asked' },
    } satisfies Record<ConsentState, Both<string>>,
    readVersion: { nl: (v: string) => `Gelezen tekst: versie ${v}`, en: (v: string) => `Text read out: version ${v}` },
    changes: {
      nl: (n: number) => (n === 1 ? '1 wijziging' : `${n} wijzigingen`),
      en: (n: number) => (n === 1 ? '1 change' : `${n} changes`),
    },
    noChanges: { nl: 'Nog niets veranderd.', en: 'Nothing changed yet.' },
  },
  consentScope: {
    energy_advice: { nl: 'Energieadvies', en: 'Energy advice' },
    debt_help: { nl: 'Schuldhulp', en: 'Debt help' },
    share_organisations: { nl: 'Delen tussen de organisaties', en: 'Sharing between the organisations' },
    share_municipality: { nl: 'Delen met gemeente', en: 'Sharing with the municipality' },
    share_landlord: { nl: 'Delen met verhuurder', en: 'Sharing with the landlord' },
    share_administrator: { nl: 'Delen met bewindvoerder', en: 'Sharing with the administrator' },
    share_supplier: { nl: 'Delen met energieleverancier', en: 'Sharing with the energy supplier' },
  } satisfies Record<ConsentScope, Both<string>>,
  consentState: {
    given: { nl: 'Gegeven', en: 'Given' },
    withdrawn: { nl: 'Ingetrokken', en: 'Withdrawn' },
    refused: { nl: 'Niet gegeven', en: 'Not given' },
    unknown: { nl: 'Niet gevraagd', en: 'Not asked' },
  } satisfies Record<ConsentState, Both<string>>,
};

/** These texts and the shared ones, in the active language: `$t.consent.title`, `$t.common.save`. */
export const t = localized({ ...shared, ...texts });
