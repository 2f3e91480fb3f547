// Texts of the Overzicht screen. Dutch and English side by side.
import type { HouseholdStatus } from '../../generated/api';
import { localized, type Both } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';
import { texts as tasks } from '../tasks/texts';
import { texts as visits } from '../visits/texts';

export const texts = {
  overview: {
    deskLabel: { nl: 'Werk van de coördinator', en: 'Coordinator’s work' },
    toStock: { nl: 'Voorraad', en: 'Stock' },
    toReport: { nl: 'Rapportage', en: 'Report' },
    toErase: { nl: 'Te wissen', en: 'To erase' },
    staleSaved: { nl: 'Opgeslagen.', en: 'Saved.' },
    chartHouseholds: {
      nl: 'Grafiek: huishoudens per wijk en status. Dezelfde cijfers staan in de tabel hieronder.',
      en: 'Chart: households by wijk and status. The same numbers are in the table below.',
    },
    chartVisits: {
      nl: 'Grafiek: gedane bezoeken per soort, deze maand en dit kwartaal. Dezelfde cijfers staan in de tabel hieronder.',
      en: 'Chart: visits done by kind, this month and this quarter. The same numbers are in the table below.',
    },
    chartTasks: {
      nl: 'Grafiek: open taken per persoon, en hoeveel daarvan te laat zijn. Dezelfde cijfers staan in de tabel hieronder.',
      en: 'Chart: open tasks by person, and how many of them are overdue. The same numbers are in the table below.',
    },
    monthShort: { nl: 'Deze maand', en: 'This month' },
    quarterShort: { nl: 'Dit kwartaal', en: 'This quarter' },
    openInTime: { nl: 'Open, op tijd', en: 'Open, on time' },
    title: { nl: 'Overzicht', en: 'Overview' },
    introCoordinator: {
      nl: 'De cijfers van alle huishoudens die op deze computer staan.',
      en: 'The numbers of all households on this computer.',
    },
    introVolunteer: {
      nl: 'De cijfers van de huishoudens die op jouw laptop staan.',
      en: 'The numbers of the households on your laptop.',
    },
    today: { nl: (d: string) => `Stand van ${d}`, en: (d: string) => `As of ${d}` },
    loadError: { nl: 'Het overzicht kan nu niet worden geladen.', en: 'The overview cannot be loaded now.' },

    householdsTitle: { nl: 'Huishoudens', en: 'Households' },
    householdsCaption: {
      nl: (n: number) => `Huishoudens per wijk en per stand van zaken (${n} in totaal, zonder gearchiveerde)`,
      en: (n: number) => `Households by wijk and status (${n} in total, archived ones left out)`,
    },
    householdsHint: {
      nl: 'Klik op een getal om te zien welke huishoudens het zijn.',
      en: 'Click a number to see which households they are.',
    },
    noHouseholds: { nl: 'Er staan nog geen huishoudens op deze computer.', en: 'There are no households on this computer yet.' },
    wijk: { nl: 'Wijk', en: 'Wijk' },
    noWijk: { nl: 'Geen wijk ingevuld', en: 'No wijk given' },
    total: { nl: 'Totaal', en: 'Total' },
    showNames: {
      nl: (n: number, what: string) => `${n} huishoudens: ${what}. Toon de namen`,
      en: (n: number, what: string) => `${n} households: ${what}. Show the names`,
    },
    namesTitle: { nl: (what: string) => `Huishoudens: ${what}`, en: (what: string) => `Households: ${what}` },
    namesLoading: { nl: 'De namen worden geladen…', en: 'Loading the names…' },
    namesError: { nl: 'De namen kunnen nu niet worden geladen.', en: 'The names cannot be loaded now.' },
    nameUnknown: { nl: 'Huishouden (naam nog niet geladen)', en: 'Household (name not loaded yet)' },
    hideNames: { nl: 'Namen verbergen', en: 'Hide names' },

    visitsTitle: { nl: 'Bezoeken', en: 'Visits' },
    visitsCaption: {
      nl: 'Bezoeken per soort: gedaan deze maand en dit kwartaal, en wat nog gepland staat',
      en: 'Visits by type: done this month and this quarter, and what is still planned',
    },
    kind: { nl: 'Soort bezoek', en: 'Type of visit' },
    thisMonth: { nl: (from: string, to: string) => `Gedaan deze maand (${from} – ${to})`, en: (from: string, to: string) => `Done this month (${from} – ${to})` },
    thisQuarter: { nl: (from: string, to: string) => `Gedaan dit kwartaal (${from} – ${to})`, en: (from: string, to: string) => `Done this quarter (${from} – ${to})` },
    plannedAhead: { nl: 'Gepland vanaf vandaag', en: 'Planned from today' },
    plannedOverdue: { nl: 'Gepland, maar datum is voorbij', en: 'Planned, but the date has passed' },
    toAgenda: { nl: 'Naar de agenda', en: 'Go to the agenda' },

    tasksTitle: { nl: 'Open taken', en: 'Open tasks' },
    tasksCaption: {
      nl: (open: number, overdue: number) => `Open taken per persoon (${open} open, waarvan ${overdue} te laat)`,
      en: (open: number, overdue: number) => `Open tasks by person (${open} open, of which ${overdue} overdue)`,
    },
    noTasks: { nl: 'Er zijn geen open taken.', en: 'There are no open tasks.' },
    owner: { nl: 'Wie doet het', en: 'Who does it' },
    open: { nl: 'Open', en: 'Open' },
    overdue: { nl: 'Te laat', en: 'Overdue' },
    overdueMark: { nl: (n: number) => `${n} te laat`, en: (n: number) => `${n} overdue` },
    toTasks: { nl: 'Naar alle taken', en: 'Go to all tasks' },

    volunteersTitle: { nl: 'Vrijwilligers en hun bestanden', en: 'Volunteers and their files' },
    volunteersCaption: {
      nl: (days: number) => `Wanneer het laatste bestand van elke vrijwilliger binnenkwam (let op: nooit, of langer dan ${days} dagen geleden)`,
      en: (days: number) => `When each volunteer's last file came in (attention: never, or more than ${days} days ago)`,
    },
    noVolunteers: { nl: 'Er zijn nog geen vrijwilligers aangemeld.', en: 'No volunteers have been added yet.' },
    name: { nl: 'Naam', en: 'Name' },
    role: { nl: 'Rol', en: 'Role' },
    lastFile: { nl: 'Laatste bestand ontvangen', en: 'Last file received' },
    attention: { nl: 'Let op', en: 'Attention' },
    never: { nl: 'Nooit', en: 'Never' },
    daysAgo: {
      nl: (n: number) => (n === 0 ? 'vandaag' : n === 1 ? '1 dag geleden' : `${n} dagen geleden`),
      en: (n: number) => (n === 0 ? 'today' : n === 1 ? '1 day ago' : `${n} days ago`),
    },
    neverSent: { nl: 'Nog nooit een bestand gestuurd', en: 'Never sent a file' },
    stale: {
      nl: (days: number) => `Langer dan ${days} dagen niets gestuurd`,
      en: (days: number) => `Nothing sent for more than ${days} days`,
    },
    files: { nl: 'Bestanden ontvangen', en: 'Files received' },
    filesCount: {
      nl: (n: number) => (n === 1 ? '1 bestand' : `${n} bestanden`),
      en: (n: number) => (n === 1 ? '1 file' : `${n} files`),
    },
    lastNumber: {
      nl: (n: number, day: string) => `laatste: bestand ${n} van ${day}`,
      en: (n: number, day: string) => `last: file ${n} of ${day}`,
    },
    gapOne: {
      nl: (n: number) => `Bestand ${n} ontbreekt`,
      en: (n: number) => `File ${n} is missing`,
    },
    gapRange: {
      nl: (from: number, to: number) => `Bestanden ${from} t/m ${to} ontbreken`,
      en: (from: number, to: number) => `Files ${from} to ${to} are missing`,
    },
    gapHint: {
      nl: 'Een bestand is onderweg zoekgeraakt. Vraag de vrijwilliger om opnieuw te exporteren: het nieuwe bestand bevat alles wat nog niet bij jou is.',
      en: 'A file got lost on the way. Ask the volunteer to export again: the new file holds everything you do not have yet.',
    },
    staleAfter: { nl: 'Laat opvallen na (dagen)', en: 'Show as late after (days)' },
    staleAfterHint: {
      nl: 'Een vrijwilliger valt op als het laatste bestand langer geleden is.',
      en: 'A volunteer stands out if the last file is older than this.',
    },

    reviewTitle: { nl: 'Nakijken', en: 'To check' },
    conflicts: {
      nl: (n: number) => (n === 1 ? '1 open conflict' : `${n} open conflicten`),
      en: (n: number) => (n === 1 ? '1 open conflict' : `${n} open conflicts`),
    },
    held: {
      nl: (n: number) => (n === 1 ? '1 tegengehouden wijziging' : `${n} tegengehouden wijzigingen`),
      en: (n: number) => (n === 1 ? '1 held-back change' : `${n} held-back changes`),
    },
    nothingToCheck: { nl: 'Er is niets om na te kijken.', en: 'There is nothing to check.' },
    toConflicts: { nl: 'Naar nakijken', en: 'Go to checking' },
  },
  householdStatus: {
    waiting: { nl: 'Wacht op eerste bezoek', en: 'Waiting for a first visit' },
    in_progress: { nl: 'Bezig', en: 'In progress' },
    follow_up_due: { nl: 'Terugkomen nodig', en: 'Follow-up needed' },
    closed: { nl: 'Afgerond', en: 'Closed' },
  } satisfies Record<HouseholdStatus, Both<string>>,
};

/** These texts, the visit kinds, task owners and the shared ones, in the active language. */
export const t = localized({
  ...shared,
  ...texts,
  visitKind: visits.visitKind,
  taskOwner: tasks.taskOwner,
});
