// Every text the user reads, in Dutch (first) and English. `t` is a Svelte store holding the
// dictionary of the active language: in a component write `$t.nav.households`.
import { derived, writable } from 'svelte/store';
import type {
  ApiError,
  ConsentScope,
  ConsentState,
  ContractType,
  FieldError,
  Heating,
  Role,
  Tenure,
  VisitKind,
  VisitStatus,
} from './bindings';

export type Lang = 'nl' | 'en';

const nl = {
  appName: 'Keukentafel',
  langSwitch: 'English',
  langSwitchLabel: 'Switch to English',
  nav: { label: 'Hoofdmenu', households: 'Huishoudens', agenda: 'Agenda', profile: 'Profiel' },
  common: {
    save: 'Opslaan',
    saving: 'Bezig met opslaan…',
    cancel: 'Annuleren',
    close: 'Sluiten',
    edit: 'Bewerken',
    back: 'Terug naar huishoudens',
    loading: 'Even geduld…',
    unknown: 'Onbekend',
    none: '—',
    yes: 'Ja',
    no: 'Nee',
    optional: '(niet verplicht)',
    retry: 'Opnieuw proberen',
    formHasErrors: 'Niet alles is goed ingevuld. Kijk bij de rode teksten.',
  },
  fatal: {
    title: 'Keukentafel kan niet starten',
    intro: 'Er is een probleem met het bestand waarin Keukentafel de gegevens bewaart.',
    advice:
      'Er is niets veranderd aan de gegevens. Sluit Keukentafel en vraag hulp aan de coördinator of de helpdesk van je organisatie.',
    code: 'Foutcode',
  },
  welcome: {
    title: 'Welkom bij Keukentafel',
    intro:
      'Keukentafel helpt je bij het bijhouden van de huishoudens die je bezoekt. Alles blijft op deze computer. Vertel eerst wie je bent.',
    submit: 'Beginnen',
  },
  profile: {
    title: 'Profiel',
    intro: 'Je naam staat bij alles wat je vastlegt, zoals toestemming en bezoeken.',
    name: 'Je naam',
    organisation: 'Organisatie',
    organisationHint: 'Bijvoorbeeld: Energiebank Utrecht',
    role: 'Rol',
    saved: 'Je profiel is opgeslagen.',
    about: 'Over deze installatie',
    storePath: 'Bestand met gegevens',
    schemaVersion: 'Versie van de opslag',
    replicaId: 'Nummer van deze installatie',
    consentTextVersion: 'Versie van de toestemmingstekst',
  },
  role: {
    energy_coach: 'Energiecoach',
    debt_help_volunteer: 'Schuldhulpmaatje',
    coordinator: 'Coördinator',
  } satisfies Record<Role, string>,
  list: {
    title: 'Huishoudens',
    search: 'Zoeken',
    searchPlaceholder: 'Naam, adres, postcode of wijk',
    wijk: 'Wijk',
    allWijken: 'Alle wijken',
    showArchived: 'Ook gearchiveerde tonen',
    newHousehold: 'Nieuw huishouden',
    count: (n: number) => (n === 1 ? '1 huishouden' : `${n} huishoudens`),
    empty: 'Er zijn nog geen huishoudens. Klik op ‘Nieuw huishouden’ om er een toe te voegen.',
    noMatch: 'Geen huishoudens gevonden. Probeer een ander zoekwoord of kies een andere wijk.',
    nextVisit: 'Volgend bezoek',
    noVisit: 'Geen bezoek gepland',
    colName: 'Huishouden',
    colWijk: 'Wijk',
  },
  badge: { bewind: 'Onder bewind', archived: 'Gearchiveerd' },
  household: {
    newTitle: 'Nieuw huishouden',
    editTitle: 'Huishouden bewerken',
    sectionAddress: 'Naam en adres',
    sectionHome: 'Gezin en woning',
    sectionEnergy: 'Energie',
    sectionBewind: 'Bewind',
    sectionNotes: 'Notities',
    name: 'Naam of code',
    nameHint: 'Gebruik een code als het huishouden liever niet met naam genoemd wordt.',
    street_address: 'Straat en huisnummer',
    postcode: 'Postcode',
    city: 'Woonplaats',
    wijk: 'Wijk',
    adults: 'Volwassenen',
    children: 'Kinderen',
    tenure: 'Woning',
    landlord: 'Verhuurder',
    energy_supplier: 'Energieleverancier',
    contract_type: 'Soort contract',
    heating: 'Verwarming',
    under_bewind: 'Onder bewind',
    administrator_name: 'Bewindvoerder',
    administrator_contact: 'Telefoon of e-mail bewindvoerder',
    notes: 'Notities',
    postcodeInvalid:
      'Deze postcode klopt niet. Schrijf hem als 1234 AB: vier cijfers en twee letters.',
    numberInvalid: 'Vul een aantal van 0 tot en met 30 in.',
    nameRequired: 'Vul een naam of code in.',
    created: 'Het huishouden is opgeslagen.',
    people: (a: number, c: number) =>
      `${a} ${a === 1 ? 'volwassene' : 'volwassenen'}, ${c} ${c === 1 ? 'kind' : 'kinderen'}`,
  },
  tenure: {
    housing_association: 'Huurwoning corporatie',
    private_rent: 'Particuliere huur',
    owner: 'Koopwoning',
  } satisfies Record<Tenure, string>,
  contract: { fixed: 'Vast', variable: 'Variabel', dynamic: 'Dynamisch' } satisfies Record<
    ContractType,
    string
  >,
  heating: {
    gas_boiler: 'Cv-ketel op gas',
    district_heating: 'Stadsverwarming',
    block_connection: 'Blokaansluiting',
    heat_pump: 'Warmtepomp',
    electric: 'Elektrisch',
    other: 'Anders',
  } satisfies Record<Heating, string>,
  detail: {
    archive: 'Archiveren',
    unarchive: 'Terughalen',
    archiveTitle: 'Huishouden archiveren?',
    archiveText:
      'Een gearchiveerd huishouden staat niet meer in de lijst. Er wordt niets weggegooid: je kunt het altijd terughalen.',
    archiveConfirm: 'Ja, archiveren',
    archivedNotice: 'Dit huishouden is gearchiveerd.',
    notFound: 'Dit huishouden bestaat niet (meer).',
    address: 'Adres',
    people: 'Gezin',
    noNotes: 'Geen notities.',
  },
  consent: {
    title: 'Toestemming',
    record: 'Toestemming vastleggen',
    scope: 'Waarvoor',
    answer: 'Antwoord',
    given: 'Gegeven',
    withdrawn: 'Ingetrokken',
    date: 'Datum',
    submit: 'Vastleggen',
    history: 'Geschiedenis',
    noHistory: 'Er is nog geen toestemming vastgelegd.',
    recordedBy: (name: string) => `vastgelegd door ${name}`,
    textVersion: (v: string) => `tekstversie ${v}`,
    saved: 'De toestemming is vastgelegd.',
    since: (d: string) => `sinds ${d}`,
  },
  consentScope: {
    energy_advice: 'Energieadvies',
    debt_help: 'Schuldhulp',
    share_organisations: 'Delen tussen de organisaties',
    share_municipality: 'Delen met gemeente',
    share_landlord: 'Delen met verhuurder',
    share_administrator: 'Delen met bewindvoerder',
  } satisfies Record<ConsentScope, string>,
  consentState: {
    given: 'Gegeven',
    withdrawn: 'Ingetrokken',
    unknown: 'Niet gevraagd',
  } satisfies Record<ConsentState, string>,
  visits: {
    title: 'Bezoeken',
    plan: 'Bezoek plannen',
    planTitle: 'Bezoek plannen',
    editTitle: 'Bezoek bewerken',
    none: 'Er zijn nog geen bezoeken.',
    planned_date: 'Datum',
    planned_time: 'Tijd',
    timeHint: 'Bijvoorbeeld 14:30. Leeg als de tijd nog niet bekend is.',
    kind: 'Soort bezoek',
    volunteers: 'Vrijwilligers',
    volunteersHint: 'Zet een komma tussen de namen.',
    status: 'Status',
    summary: 'Verslag',
    noTime: 'tijd nog niet bekend',
    dateRequired: 'Kies een datum.',
    timeInvalid: 'Schrijf de tijd als uu:mm, bijvoorbeeld 14:30.',
    archive: 'Bezoek archiveren',
    archiveTitle: 'Bezoek archiveren?',
    archiveText: 'Het bezoek staat daarna niet meer in de lijst en niet in de agenda.',
    archiveConfirm: 'Ja, archiveren',
    markDone: 'Gedaan',
  },
  visitKind: {
    intake: 'Intakegesprek',
    combined: 'Gecombineerd bezoek',
    follow_up: 'Vervolgbezoek',
  } satisfies Record<VisitKind, string>,
  visitStatus: {
    planned: 'Gepland',
    done: 'Gedaan',
    cancelled: 'Geannuleerd',
  } satisfies Record<VisitStatus, string>,
  agenda: {
    title: 'Agenda',
    intro: 'Geplande bezoeken vanaf vandaag.',
    empty: 'Er zijn geen bezoeken gepland. Plan een bezoek vanuit een huishouden.',
    today: 'Vandaag',
    noTime: 'Tijd nog open',
    count: (n: number) => (n === 1 ? '1 bezoek' : `${n} bezoeken`),
  },
};

export type Dict = typeof nl;

const en: Dict = {
  appName: 'Keukentafel',
  langSwitch: 'Nederlands',
  langSwitchLabel: 'Wissel naar Nederlands',
  nav: { label: 'Main menu', households: 'Households', agenda: 'Agenda', profile: 'Profile' },
  common: {
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    close: 'Close',
    edit: 'Edit',
    back: 'Back to households',
    loading: 'One moment…',
    unknown: 'Unknown',
    none: '—',
    yes: 'Yes',
    no: 'No',
    optional: '(optional)',
    retry: 'Try again',
    formHasErrors: 'Not everything is filled in correctly. See the red texts.',
  },
  fatal: {
    title: 'Keukentafel cannot start',
    intro: 'There is a problem with the file in which Keukentafel keeps its data.',
    advice:
      'Nothing has been changed in the data. Close Keukentafel and ask the coordinator or the help desk of your organisation for help.',
    code: 'Error code',
  },
  welcome: {
    title: 'Welcome to Keukentafel',
    intro:
      'Keukentafel helps you keep track of the households you visit. Everything stays on this computer. First, tell us who you are.',
    submit: 'Start',
  },
  profile: {
    title: 'Profile',
    intro: 'Your name is shown with everything you record, such as consent and visits.',
    name: 'Your name',
    organisation: 'Organisation',
    organisationHint: 'For example: Energiebank Utrecht',
    role: 'Role',
    saved: 'Your profile has been saved.',
    about: 'About this installation',
    storePath: 'Data file',
    schemaVersion: 'Storage version',
    replicaId: 'Installation number',
    consentTextVersion: 'Consent text version',
  },
  role: {
    energy_coach: 'Energy coach',
    debt_help_volunteer: 'Debt help buddy',
    coordinator: 'Coordinator',
  },
  list: {
    title: 'Households',
    search: 'Search',
    searchPlaceholder: 'Name, address, postcode or neighbourhood',
    wijk: 'Neighbourhood',
    allWijken: 'All neighbourhoods',
    showArchived: 'Also show archived',
    newHousehold: 'New household',
    count: (n: number) => (n === 1 ? '1 household' : `${n} households`),
    empty: 'There are no households yet. Click ‘New household’ to add one.',
    noMatch: 'No households found. Try another search word or choose another neighbourhood.',
    nextVisit: 'Next visit',
    noVisit: 'No visit planned',
    colName: 'Household',
    colWijk: 'Neighbourhood',
  },
  badge: { bewind: 'Under administration', archived: 'Archived' },
  household: {
    newTitle: 'New household',
    editTitle: 'Edit household',
    sectionAddress: 'Name and address',
    sectionHome: 'Family and home',
    sectionEnergy: 'Energy',
    sectionBewind: 'Financial administration',
    sectionNotes: 'Notes',
    name: 'Name or code',
    nameHint: 'Use a code if the household prefers not to be named.',
    street_address: 'Street and house number',
    postcode: 'Postcode',
    city: 'Town',
    wijk: 'Neighbourhood',
    adults: 'Adults',
    children: 'Children',
    tenure: 'Home',
    landlord: 'Landlord',
    energy_supplier: 'Energy supplier',
    contract_type: 'Type of contract',
    heating: 'Heating',
    under_bewind: 'Under financial administration (bewind)',
    administrator_name: 'Administrator (bewindvoerder)',
    administrator_contact: 'Phone or e-mail of the administrator',
    notes: 'Notes',
    postcodeInvalid: 'This postcode is not valid. Write it as 1234 AB: four digits and two letters.',
    numberInvalid: 'Enter a number from 0 to 30.',
    nameRequired: 'Enter a name or code.',
    created: 'The household has been saved.',
    people: (a: number, c: number) =>
      `${a} ${a === 1 ? 'adult' : 'adults'}, ${c} ${c === 1 ? 'child' : 'children'}`,
  },
  tenure: {
    housing_association: 'Housing association rental',
    private_rent: 'Private rental',
    owner: 'Owner-occupied',
  },
  contract: { fixed: 'Fixed', variable: 'Variable', dynamic: 'Dynamic' },
  heating: {
    gas_boiler: 'Gas boiler',
    district_heating: 'District heating',
    block_connection: 'Shared block heating',
    heat_pump: 'Heat pump',
    electric: 'Electric',
    other: 'Other',
  },
  detail: {
    archive: 'Archive',
    unarchive: 'Restore',
    archiveTitle: 'Archive this household?',
    archiveText:
      'An archived household is no longer shown in the list. Nothing is deleted: you can always restore it.',
    archiveConfirm: 'Yes, archive',
    archivedNotice: 'This household is archived.',
    notFound: 'This household does not exist (any more).',
    address: 'Address',
    people: 'Family',
    noNotes: 'No notes.',
  },
  consent: {
    title: 'Consent',
    record: 'Record consent',
    scope: 'For',
    answer: 'Answer',
    given: 'Given',
    withdrawn: 'Withdrawn',
    date: 'Date',
    submit: 'Record',
    history: 'History',
    noHistory: 'No consent has been recorded yet.',
    recordedBy: (name: string) => `recorded by ${name}`,
    textVersion: (v: string) => `text version ${v}`,
    saved: 'The consent has been recorded.',
    since: (d: string) => `since ${d}`,
  },
  consentScope: {
    energy_advice: 'Energy advice',
    debt_help: 'Debt help',
    share_organisations: 'Sharing between the organisations',
    share_municipality: 'Sharing with the municipality',
    share_landlord: 'Sharing with the landlord',
    share_administrator: 'Sharing with the administrator',
  },
  consentState: { given: 'Given', withdrawn: 'Withdrawn', unknown: 'Not asked' },
  visits: {
    title: 'Visits',
    plan: 'Plan a visit',
    planTitle: 'Plan a visit',
    editTitle: 'Edit visit',
    none: 'There are no visits yet.',
    planned_date: 'Date',
    planned_time: 'Time',
    timeHint: 'For example 14:30. Leave empty if the time is not known yet.',
    kind: 'Type of visit',
    volunteers: 'Volunteers',
    volunteersHint: 'Put a comma between the names.',
    status: 'Status',
    summary: 'Report',
    noTime: 'time not known yet',
    dateRequired: 'Choose a date.',
    timeInvalid: 'Write the time as hh:mm, for example 14:30.',
    archive: 'Archive visit',
    archiveTitle: 'Archive this visit?',
    archiveText: 'The visit will no longer be shown in the list or in the agenda.',
    archiveConfirm: 'Yes, archive',
    markDone: 'Done',
  },
  visitKind: { intake: 'Intake', combined: 'Combined visit', follow_up: 'Follow-up visit' },
  visitStatus: { planned: 'Planned', done: 'Done', cancelled: 'Cancelled' },
  agenda: {
    title: 'Agenda',
    intro: 'Planned visits from today on.',
    empty: 'No visits are planned. Plan a visit from a household.',
    today: 'Today',
    noTime: 'Time not set',
    count: (n: number) => (n === 1 ? '1 visit' : `${n} visits`),
  },
};

const DICTS: Record<Lang, Dict> = { nl, en };
const STORAGE_KEY = 'keukentafel.lang';

function initialLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

/** The active language; Dutch unless the user chose English before. */
export const lang = writable<Lang>(initialLang());

lang.subscribe((l) => {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, l);
  } catch {
    // Storage unavailable: the choice just is not remembered.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = l;
});

export function toggleLang(): void {
  lang.update((l) => (l === 'nl' ? 'en' : 'nl'));
}

/** The dictionary of the active language. */
export const t = derived(lang, (l) => DICTS[l]);

export function dict(l: Lang): Dict {
  return DICTS[l];
}

/** The message of an error or field error in the given language. */
export function errorText(e: Pick<ApiError | FieldError, 'message' | 'message_en'>, l: Lang): string {
  return l === 'en' ? e.message_en || e.message : e.message;
}
