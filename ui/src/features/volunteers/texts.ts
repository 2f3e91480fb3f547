// Texts of the coordinator's volunteers page (and the households given to each), Dutch and English side by side.
import { localized } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';
import { texts as pairing } from '../pairing/texts';

export const texts = {
  volunteers: {
    title: { nl: 'Vrijwilligers', en: 'Volunteers' },
    intro: {
      nl: 'Voeg elke vrijwilliger één keer toe, samen aan tafel of aan de telefoon. Keukentafel leest alleen bestanden in van de vrijwilligers in deze lijst.',
      en: 'Add each volunteer once, together at the table or on the phone. Keukentafel only reads in files of the volunteers in this list.',
    },
    onlyCoordinator: {
      nl: 'Deze pagina is voor de coördinator. Koppelen met je coördinator doe je bij Uitwisselen.',
      en: 'This page is for the coordinator. You link with your coordinator under Sync.',
    },
    addTitle: { nl: 'Vrijwilliger toevoegen', en: 'Add a volunteer' },
    addText: {
      nl: 'Vraag de vrijwilliger om de koppelcode. Die staat in Keukentafel bij Uitwisselen, stap 1. Plak de code, of kies het bestand dat je kreeg. Klik dan op ‘Bekijken’.',
      en: 'Ask the volunteer for their pairing code. It is in Keukentafel under Sync, step 1. Paste the code, or choose the file you received. Then click ‘Show’.',
    },
    code: { nl: 'Koppelcode van de vrijwilliger', en: 'The volunteer’s pairing code' },
    instruction: {
      nl: 'Vraag de vrijwilliger de cijfers op zijn of haar scherm voor te lezen. Kloppen ze allemaal? Dan pas toevoegen.',
      en: 'Ask the volunteer to read out the digits on their screen. Do they all match? Only then add.',
    },
    add: { nl: 'Toevoegen', en: 'Add' },
    added: { nl: (name: string) => `${name} is toegevoegd.`, en: (name: string) => `${name} was added.` },
    already: {
      nl: (name: string) => `${name} staat al in de lijst. Toevoegen vervangt de sleutels door die van deze code.`,
      en: (name: string) => `${name} is already in the list. Adding replaces the keys with those of this code.`,
    },
    alreadyRevoked: {
      nl: (name: string) => `${name} is ingetrokken. Toevoegen maakt de koppeling weer actief, met de sleutels van deze code.`,
      en: (name: string) => `${name} was revoked. Adding makes the link active again, with the keys of this code.`,
    },
    listTitle: { nl: 'Toegevoegde vrijwilligers', en: 'Added volunteers' },
    none: { nl: 'Je hebt nog geen vrijwilligers toegevoegd.', en: 'You have not added any volunteers yet.' },
    count: {
      nl: (active: number, revoked: number) => `${active} actief${revoked ? `, ${revoked} ingetrokken` : ''}`,
      en: (active: number, revoked: number) => `${active} active${revoked ? `, ${revoked} revoked` : ''}`,
    },
    fingerprint: { nl: 'Controlecijfers', en: 'Check digits' },
    enrolled: { nl: 'Toegevoegd op', en: 'Added on' },
    lastFile: { nl: 'Laatste bestand', en: 'Last file' },
    noFile: { nl: 'nog geen', en: 'none yet' },
    revokedOn: { nl: 'Ingetrokken op', en: 'Revoked on' },
    status: { nl: 'Status', en: 'Status' },
    active: { nl: 'Actief', en: 'Active' },
    revoked: { nl: 'Ingetrokken', en: 'Revoked' },
    revoke: { nl: 'Intrekken', en: 'Revoke' },
    revokeLabel: { nl: (name: string) => `${name} intrekken`, en: (name: string) => `Revoke ${name}` },
    revokeTitle: { nl: (name: string) => `${name} intrekken?`, en: (name: string) => `Revoke ${name}?` },
    revokeText: {
      nl: (name: string) =>
        `Daarna leest Keukentafel geen nieuwe bestanden van ${name} meer in, en maakt het geen terugbestand meer voor ${name}. Wat ${name} eerder heeft gestuurd, blijft bewaard. Later opnieuw toevoegen kan, met een koppelcode.`,
      en: (name: string) =>
        `After this, Keukentafel no longer reads in new files from ${name} and makes no more return files for ${name}. What ${name} sent before is kept. You can add them again later, with a pairing code.`,
    },
    revokedNotice: { nl: (name: string) => `${name} is ingetrokken.`, en: (name: string) => `${name} was revoked.` },
  },
  assign: {
    title: {
      nl: (n: number) => `Huishoudens (${n})`,
      en: (n: number) => `Households (${n})`,
    },
    none: { nl: 'Nog geen huishoudens toegewezen.', en: 'No households assigned yet.' },
    since: { nl: (date: string) => `sinds ${date}`, en: (date: string) => `since ${date}` },
    label: {
      nl: (name: string) => `Huishouden toewijzen aan ${name}`,
      en: (name: string) => `Assign a household to ${name}`,
    },
    hint: {
      nl: 'Het huishouden staat op de laptop na het volgende terugbestand.',
      en: 'The household is on the laptop after the next return file.',
    },
    choose: { nl: 'Kies een huishouden', en: 'Choose a household' },
    chooseFirst: { nl: 'Kies eerst een huishouden.', en: 'Choose a household first.' },
    noHouseholds: { nl: 'Er zijn nog geen huishoudens.', en: 'There are no households yet.' },
    allGiven: {
      nl: (name: string) => `Alle huishoudens zijn al aan ${name} toegewezen.`,
      en: (name: string) => `All households are already assigned to ${name}.`,
    },
    assign: { nl: 'Toewijzen', en: 'Assign' },
    assigned: {
      nl: (household: string, name: string) => `${household} is toegewezen aan ${name}.`,
      en: (household: string, name: string) => `${household} is assigned to ${name}.`,
    },
    unassign: { nl: 'Weghalen', en: 'Take off' },
    unassignLabel: {
      nl: (household: string, name: string) => `${household} weghalen bij ${name}`,
      en: (household: string, name: string) => `Take ${household} off ${name}`,
    },
    unassignTitle: {
      nl: (household: string, name: string) => `${household} weghalen bij ${name}?`,
      en: (household: string, name: string) => `Take ${household} off ${name}?`,
    },
    unassignText: {
      nl: (household: string, name: string) =>
        `Na het volgende terugbestand wist de laptop van ${name} het huishouden ${household}. Wat ${name} heeft vastgelegd, gaat niet verloren. De laptop wist het pas als jij alles van ${name} over dit huishouden hebt ingelezen.`,
      en: (household: string, name: string) =>
        `After the next return file, ${name}’s laptop deletes the household ${household}. What ${name} recorded is not lost. The laptop only deletes it once you have read in everything ${name} has about this household.`,
    },
    unassignTextRevoked: {
      nl: (household: string, name: string) =>
        `${household} staat dan niet meer bij ${name}. ${name} is ingetrokken en krijgt geen terugbestanden meer.`,
      en: (household: string, name: string) =>
        `${household} is then no longer listed for ${name}. ${name} was revoked and gets no more return files.`,
    },
    unassigned: {
      nl: (household: string, name: string) => `${household} is weggehaald bij ${name}.`,
      en: (household: string, name: string) => `${household} was taken off ${name}.`,
    },
  },
};

/** These texts, the pairing and the shared ones, in the active language. */
export const t = localized({ ...shared, ...pairing, ...texts });
