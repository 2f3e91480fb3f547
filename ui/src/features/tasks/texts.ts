// Texts of the tasks: Mijn taken, a household's tasks, adding and editing a task, and closing a
// visit ("Bezoek afronden"). Dutch and English side by side.
import type { ConsentScope, TaskKind, TaskOwnerKind, TaskStatus } from '../../generated/bindings';
import type { MeasuredUse } from '../../generated/checklist';
import { localized, type Both } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';
import { texts as consent } from '../consent/texts';

export const texts = {
  tasks: {
    mine: { nl: 'Mijn taken', en: 'My tasks' },
    all: { nl: 'Alle taken', en: 'All tasks' },
    loading: { nl: 'Taken laden…', en: 'Loading tasks…' },
    introMine: {
      nl: 'Wat jij nog moet doen na de bezoeken. Zet een taak op klaar als hij gedaan is.',
      en: 'What you still have to do after the visits. Mark a task as done when it is done.',
    },
    introAll: {
      nl: 'Alle open taken van alle vrijwilligers, met wie ze doet.',
      en: 'All open tasks of all volunteers, with who does them.',
    },
    count: {
      nl: (n: number) => (n === 1 ? '1 open taak' : `${n.toLocaleString('nl-NL')} open taken`),
      en: (n: number) => (n === 1 ? '1 open task' : `${n.toLocaleString('en-GB')} open tasks`),
    },
    empty: {
      nl: 'Er zijn geen open taken. Taken komen er bij als je een bezoek afrondt.',
      en: 'There are no open tasks. Tasks are added when you finish a visit.',
    },
    emptyFilter: { nl: 'Deze persoon heeft geen open taken.', en: 'This person has no open tasks.' },
    ownerFilter: { nl: 'Van wie', en: 'Whose' },
    everyone: { nl: 'Iedereen', en: 'Everyone' },
    group: {
      overdue: { nl: 'Te laat', en: 'Overdue' },
      week: { nl: 'Deze week', en: 'This week' },
      later: { nl: 'Later', en: 'Later' },
    },
    what: { nl: 'Wat', en: 'What' },
    party: { nl: 'Voor wie', en: 'For whom' },
    partyHint: {
      nl: 'De organisatie of persoon waar het om gaat, bijvoorbeeld de gemeente. Leeg als er niemand anders bij is.',
      en: 'The organisation or person it is about, for example the municipality. Empty if no one else is involved.',
    },
    owner: { nl: 'Wie doet het', en: 'Who does it' },
    ownerName: { nl: 'Naam', en: 'Name' },
    ownerNameHint: { nl: 'Bijvoorbeeld de naam van de vrijwilliger.', en: 'For example the name of the volunteer.' },
    due: { nl: 'Uiterlijk', en: 'By' },
    status: { nl: 'Status', en: 'Status' },
    kind: { nl: 'Soort taak', en: 'Type of task' },
    household: { nl: 'Huishouden', en: 'Household' },
    overdueMark: { nl: 'Te laat', en: 'Overdue' },
    today: { nl: 'Vandaag', en: 'Today' },
    closedOn: { nl: (d: string) => `Afgesloten op ${d}`, en: (d: string) => `Closed on ${d}` },
    outcome: { nl: 'Wat is er gebeurd?', en: 'What happened?' },
    outcomeHint: {
      nl: 'Bijvoorbeeld: aangemeld, afspraak op 12 maart.',
      en: 'For example: registered, appointment on 12 March.',
    },
    update: { nl: 'Bijwerken', en: 'Update' },
    updateTitle: { nl: 'Taak bijwerken', en: 'Update task' },
    saved: { nl: 'De taak is opgeslagen.', en: 'The task has been saved.' },
    consentWarning: {
      nl: (party: string) => `Het huishouden heeft nog geen toestemming gegeven om gegevens te delen met ${party}.`,
      en: (party: string) => `The household has not yet given consent to share data with ${party}.`,
    },
    consentNotGiven: {
      nl: (scope: string) => `Het huishouden heeft nog geen toestemming gegeven voor: ${scope}.`,
      en: (scope: string) => `The household has not yet given consent for: ${scope}.`,
    },
    consentAdvice: {
      nl: 'Vraag eerst toestemming en leg die vast bij het huishouden.',
      en: 'Ask for consent first and record it with the household.',
    },
    fromVisit: { nl: 'Uit het bezoek', en: 'From the visit' },
  },
  householdTasks: {
    title: { nl: 'Taken', en: 'Tasks' },
    add: { nl: 'Taak toevoegen', en: 'Add a task' },
    none: {
      nl: 'Er zijn nog geen taken. Ze komen er bij als je een bezoek afrondt, of voeg er zelf een toe.',
      en: 'There are no tasks yet. They are added when you finish a visit, or add one yourself.',
    },
    closedTitle: { nl: 'Afgesloten', en: 'Closed' },
    consentScope: { nl: 'Toestemming nodig voor', en: 'Consent needed for' },
    consentNone: { nl: 'Geen: er gaan geen gegevens naar anderen', en: 'None: no data goes to others' },
    consentHint: {
      nl: 'Kies dit als de taak gegevens deelt met een andere partij.',
      en: 'Choose this when the task shares data with another party.',
    },
    whatRequired: { nl: 'Schrijf op wat er moet gebeuren.', en: 'Write down what needs to be done.' },
    dueRequired: { nl: 'Kies een datum.', en: 'Choose a date.' },
    added: { nl: 'De taak is toegevoegd.', en: 'The task has been added.' },
    stateGiven: { nl: 'gegeven', en: 'given' },
    stateNotGiven: { nl: 'nog niet gegeven', en: 'not given yet' },
  },
  taskKind: {
    referral: { nl: 'Doorverwijzing', en: 'Referral' },
    agreement: { nl: 'Afspraak', en: 'Agreement' },
    follow_up_contact: { nl: 'Vervolgcontact', en: 'Follow-up contact' },
  } satisfies Record<TaskKind, Both<string>>,
  taskStatus: {
    open: { nl: 'Open', en: 'Open' },
    in_progress: { nl: 'Bezig', en: 'In progress' },
    done: { nl: 'Klaar', en: 'Done' },
    not_needed: { nl: 'Niet nodig', en: 'Not needed' },
    no_response: { nl: 'Geen reactie', en: 'No response' },
  } satisfies Record<TaskStatus, Both<string>>,
  /** The kind of owner, as the task form offers it. */
  taskOwnerKind: {
    volunteer: { nl: 'Vrijwilliger', en: 'Volunteer' },
    coordinator: { nl: 'Coördinator', en: 'Coordinator' },
    administrator: { nl: 'Bewindvoerder', en: 'Administrator' },
    household: { nl: 'Het huishouden zelf', en: 'The household itself' },
  } satisfies Record<TaskOwnerKind, Both<string>>,
  /** Who does a task, as a list shows it: the person's name, or who it is. */
  taskOwner: {
    nl: (kind: TaskOwnerKind, name: string) => ownerLabel(kind, name, 'nl'),
    en: (kind: TaskOwnerKind, name: string) => ownerLabel(kind, name, 'en'),
  },
  /** The party a consent scope shares data with, for the consent warning; empty: not a sharing scope. */
  consentParty: {
    energy_advice: { nl: '', en: '' },
    debt_help: { nl: '', en: '' },
    share_organisations: { nl: 'de andere organisatie', en: 'the other organisation' },
    share_municipality: { nl: 'de gemeente', en: 'the municipality' },
    share_landlord: { nl: 'de verhuurder', en: 'the landlord' },
    share_administrator: { nl: 'de bewindvoerder', en: 'the administrator' },
    share_supplier: { nl: 'de energieleverancier', en: 'the energy supplier' },
  } satisfies Record<ConsentScope, Both<string>>,
  followUp: {
    tasksTitle: { nl: 'Afspraken en verwijzingen van het vorige bezoek', en: 'Agreements and referrals from the previous visit' },
    tasksIntro: {
      nl: 'Vraag bij elke afspraak: wat is er gebeurd? Kies de status en schrijf op wat er uit kwam.',
      en: 'Ask for each agreement: what happened? Choose the status and write down what came of it.',
    },
    tasksNone: { nl: 'Er staan geen afspraken of verwijzingen open.', en: 'There are no open agreements or referrals.' },
    taskSaved: { nl: 'Opgeslagen', en: 'Saved' },
    firstVisit: { nl: (d: string) => `Eerste bezoek: ${d}`, en: (d: string) => `First visit: ${d}` },
    measuredTitle: { nl: 'Verbruik sinds het eerste bezoek', en: 'Use since the first visit' },
    period: {
      nl: (from: string, to: string, days: string) => `Van ${from} tot ${to}: ${days} dagen.`,
      en: (from: string, to: string, days: string) => `From ${from} to ${to}: ${days} days.`,
    },
    use: {
      gas: { nl: 'Gas', en: 'Gas' },
      heat: { nl: 'Warmte', en: 'Heat' },
      electricity: { nl: 'Stroom', en: 'Electricity' },
    } satisfies Record<MeasuredUse, Both<string>>,
    colUse: { nl: 'Wat', en: 'What' },
    colNow: { nl: 'Nu per dag', en: 'Now per day' },
    colBefore: { nl: 'Eerst per dag (jaarafrekening)', en: 'Before per day (annual bill)' },
    colChange: { nl: 'Verschil per dag', en: 'Change per day' },
    colEstimate: { nl: 'Verwacht bij het eerste bezoek', en: 'Expected at the first visit' },
    noBill: { nl: 'geen jaarafrekening', en: 'no annual bill' },
    includesHeating: { nl: 'inclusief verwarming', en: 'including heating' },
    notWeatherCorrected: { nl: 'Niet gecorrigeerd voor het weer', en: 'Not corrected for the weather' },
    weatherNote: {
      nl: 'In de koude maanden gebruikt een huis meer gas dan gemiddeld over het jaar.',
      en: 'In the cold months a home uses more gas than the average over the year.',
    },
    feedIn: {
      nl: (x: string) => `Teruglevering van de zonnepanelen: ${x} per dag (staat niet in de stroom hierboven).`,
      en: (x: string) => `Feed-in from the solar panels: ${x} per day (not in the electricity above).`,
    },
    noFirstReading: {
      nl: 'Er zijn geen meterstanden van een eerder bezoek. Daarom kan de app het verbruik nog niet vergelijken.',
      en: 'There are no meter readings from an earlier visit, so the app cannot compare the use yet.',
    },
    noReadingYet: {
      nl: 'Schrijf eerst de meterstanden van vandaag op. Dan zie je hier het verbruik sinds het eerste bezoek.',
      en: "Write down today's meter readings first. Then you see the use since the first visit here.",
    },
    notLater: {
      nl: (first: string, later: string) => `De meterstanden van nu (${later}) zijn niet later dan die van het eerste bezoek (${first}). Kijk de datum na.`,
      en: (first: string, later: string) => `The readings of now (${later}) are not later than those of the first visit (${first}). Check the date.`,
    },
    tooShort: {
      nl: (days: number, min: number) => `Er zitten ${days} dagen tussen de meterstanden. Vergelijken kan pas na minstens ${min} dagen.`,
      en: (days: number, min: number) => `There are ${days} days between the readings. Comparing needs at least ${min} days.`,
    },
    wentDown: {
      nl: (register: string) => `De meterstand ${register} is lager dan bij het eerste bezoek. Is er een nieuwe meter, of een tikfout?`,
      en: (register: string) => `The ${register} reading is lower than at the first visit. Is there a new meter, or a typo?`,
    },
    notANumber: {
      nl: (register: string) => `De meterstand ${register} is geen getal. Kijk hem na.`,
      en: (register: string) => `The ${register} reading is not a number. Check it.`,
    },
    register: {
      gas: { nl: 'gas', en: 'gas' },
      heat: { nl: 'warmte (GJ)', en: 'heat (GJ)' },
      electricity_t1: { nl: 'stroom normaal (T1)', en: 'electricity normal (T1)' },
      electricity_t2: { nl: 'stroom dal (T2)', en: 'electricity off-peak (T2)' },
      feed_in_t1: { nl: 'teruglevering normaal (T1)', en: 'feed-in normal (T1)' },
      feed_in_t2: { nl: 'teruglevering dal (T2)', en: 'feed-in off-peak (T2)' },
      water: { nl: 'water', en: 'water' },
    } as Record<string, Both<string>>,
    loadError: { nl: 'Het overzicht van het vorige bezoek kan nu niet worden geladen.', en: 'The overview of the previous visit cannot be loaded now.' },
  },
  closing: {
    button: { nl: 'Bezoek afronden', en: 'Finish visit' },
    title: { nl: 'Bezoek afronden', en: 'Finish visit' },
    stockOut: {
      nl: 'Wat jullie hebben aangebracht, gaat uit de voorraad van de organisatie:',
      en: 'What you installed is taken out of the organisation’s stock:',
    },
    inFuture: {
      nl: (d: string) => `Dit bezoek staat gepland op ${d}. Je kunt het afronden op die dag of later.`,
      en: (d: string) => `This visit is planned for ${d}. You can finish it on that day or later.`,
    },
    intro: {
      nl: 'Als je het bezoek afrondt, staat het als gedaan. Deze taken komen dan in Mijn taken:',
      en: 'When you finish the visit, it is marked as done. These tasks then go to My tasks:',
    },
    noTasks: {
      nl: 'Er komen geen taken uit dit bezoek: er zijn geen doorverwijzingen of afspraken.',
      en: 'This visit gives no tasks: there are no referrals or agreements.',
    },
    exists: { nl: 'Al gemaakt', en: 'Already made' },
    existsHint: {
      nl: 'Taken met "Al gemaakt" zijn gemaakt toen het bezoek eerder werd afgerond. Ze worden niet nog een keer gemaakt.',
      en: 'Tasks marked "Already made" were made when the visit was finished before. They are not made again.',
    },
    followUpTitle: { nl: 'Terugkombezoek', en: 'Follow-up visit' },
    followUpPlanned: {
      nl: (d: string) => `Het terugkombezoek staat al gepland op ${d}.`,
      en: (d: string) => `The follow-up visit is already planned on ${d}.`,
    },
    followUpProposed: {
      nl: 'De checklist stelt deze datum voor. Je kunt hem aanpassen.',
      en: 'The checklist proposes this date. You can change it.',
    },
    followUpNoProposal: {
      nl: 'De checklist stelt geen terugkombezoek voor.',
      en: 'The checklist does not propose a follow-up visit.',
    },
    date: { nl: 'Datum', en: 'Date' },
    time: { nl: 'Tijd', en: 'Time' },
    timeHint: { nl: 'Bijvoorbeeld 14:30. Leeg als de tijd nog niet bekend is.', en: 'For example 14:30. Leave empty if not known yet.' },
    noFollowUp: { nl: 'Geen terugkombezoek plannen', en: 'Plan no follow-up visit' },
    dateRequired: { nl: 'Kies een datum, of kies "Geen terugkombezoek plannen".', en: 'Choose a date, or choose "Plan no follow-up visit".' },
    timeInvalid: { nl: 'Schrijf de tijd als uu:mm, bijvoorbeeld 14:30.', en: 'Write the time as hh:mm, for example 14:30.' },
    confirm: { nl: 'Afronden', en: 'Finish' },
    closing: { nl: 'Bezig met afronden…', en: 'Finishing…' },
    doneTitle: { nl: 'Het bezoek is afgerond', en: 'The visit is finished' },
    created: {
      nl: (n: number) => (n === 0 ? 'Er zijn geen nieuwe taken gemaakt.' : n === 1 ? 'Er is 1 taak gemaakt.' : `Er zijn ${n} taken gemaakt.`),
      en: (n: number) => (n === 0 ? 'No new tasks were made.' : n === 1 ? '1 task was made.' : `${n} tasks were made.`),
    },
    followUpOn: {
      nl: (d: string) => `Het terugkombezoek is gepland op ${d}.`,
      en: (d: string) => `The follow-up visit is planned on ${d}.`,
    },
    noFollowUpPlanned: { nl: 'Er is geen terugkombezoek gepland.', en: 'No follow-up visit is planned.' },
    toTasks: { nl: 'Naar Mijn taken', en: 'Go to My tasks' },
    toHousehold: { nl: 'Naar het huishouden', en: 'Go to the household' },
    loadError: { nl: 'Afronden kan nu niet worden voorbereid.', en: 'Finishing cannot be prepared now.' },
  },
};

function ownerLabel(kind: TaskOwnerKind, name: string, l: 'nl' | 'en'): string {
  const n = name.trim();
  const nl = l === 'nl';
  switch (kind) {
    case 'volunteer':
      return n || (nl ? 'Een vrijwilliger' : 'A volunteer');
    case 'coordinator':
      return n ? `${n} (${nl ? 'coördinator' : 'coordinator'})` : nl ? 'De coördinator' : 'The coordinator';
    case 'administrator':
      return n ? `${nl ? 'De bewindvoerder' : 'The administrator'} (${n})` : nl ? 'De bewindvoerder' : 'The administrator';
    case 'household':
      return nl ? 'Het huishouden' : 'The household';
  }
}

/** These texts, the consent scope names and the shared ones, in the active language. */
export const t = localized({ ...shared, ...texts, consentScope: consent.consentScope });
