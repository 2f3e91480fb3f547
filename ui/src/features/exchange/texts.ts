// Texts of the exchange screen (the steps: link, export, read in; return files), Dutch and English side by side.
import type { Stage } from '../../generated/sync';
import { localized, type Both } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';
import { texts as pairing } from '../pairing/texts';
import { numberList } from './receipts';

export const texts = {
  sync: {
    title: { nl: 'Uitwisselen', en: 'Sync' },
    intro: {
      nl: 'Zo komt wat jij vastlegt bij je coördinator, en wat je coördinator weet bij jou. Dat gaat met een bestand, bijvoorbeeld op een USB-stick of in een gedeelde map. Het bestand is versleuteld.',
      en: 'This is how what you record reaches your coordinator, and what your coordinator knows reaches you. It goes by a file, for example on a USB stick or in a shared folder. The file is encrypted.',
    },
    introCoordinator: {
      nl: 'Lees de bestanden van je vrijwilligers in en maak voor elke vrijwilliger een terugbestand. Alleen bestanden van vrijwilligers die op de pagina Vrijwilligers staan, worden ingelezen.',
      en: 'Read in your volunteers’ files and make a return file for each volunteer. Only files of volunteers on the Volunteers page are read in.',
    },
    toVolunteers: { nl: 'Vrijwilligers toevoegen of intrekken', en: 'Add or revoke volunteers' },
    step: { nl: (n: number) => `Stap ${n}:`, en: (n: number) => `Step ${n}:` },
    done: { nl: 'Klaar', en: 'Done' },
    pairTitle: { nl: 'Koppelen', en: 'Link' },
    once: { nl: '(één keer)', en: '(once)' },
    pairText: {
      nl: 'Doe dit samen met je coördinator, aan tafel of aan de telefoon. Eerst voegt je coördinator jou toe met jouw koppelcode (a). Daarna koppel jij met de koppelcode van je coördinator (b).',
      en: 'Do this together with your coordinator, at the table or on the phone. First your coordinator adds you with your pairing code (a). Then you link with your coordinator’s pairing code (b).',
    },
    linkTitle: { nl: 'Koppel met je coördinator', en: 'Link with your coordinator' },
    linkText: {
      nl: 'Plak de koppelcode van je coördinator, of kies het bestand dat je van je coördinator kreeg. Klik dan op ‘Bekijken’.',
      en: 'Paste your coordinator’s pairing code, or choose the file your coordinator gave you. Then click ‘Show’.',
    },
    coordinatorCode: { nl: 'Koppelcode van je coördinator', en: 'Your coordinator’s pairing code' },
    compare: {
      nl: 'Vergelijk deze cijfers met je coördinator. Kloppen ze allemaal? Klik dan op ‘Klopt, koppelen’.',
      en: 'Compare these digits with your coordinator. Do they all match? Then click ‘Correct, link’.',
    },
    confirmLink: { nl: 'Klopt, koppelen', en: 'Correct, link' },
    linked: { nl: 'Keukentafel is gekoppeld met je coördinator.', en: 'Keukentafel is linked with your coordinator.' },
    linkedWith: {
      nl: (name: string, organisation: string) => (organisation ? `Gekoppeld met ${name} (${organisation})` : `Gekoppeld met ${name}`),
      en: (name: string, organisation: string) => (organisation ? `Linked with ${name} (${organisation})` : `Linked with ${name}`),
    },
    linkedFingerprint: { nl: 'Controlecijfers van je coördinator', en: 'Your coordinator’s check digits' },
    notLinked: { nl: 'Nog niet gekoppeld', en: 'Not linked yet' },
    relink: { nl: 'Jouw koppelcode, of opnieuw koppelen', en: 'Your pairing code, or link again' },
    relinkText: {
      nl: 'Opnieuw koppelen is alleen nodig als je coördinator je een nieuwe koppelcode geeft.',
      en: 'Linking again is only needed when your coordinator gives you a new pairing code.',
    },
    folder: { nl: 'Map voor de bestanden', en: 'Folder for the files' },
    folderHint: {
      nl: 'Bijvoorbeeld je USB-stick of een gedeelde map.',
      en: 'For example your USB stick or a shared folder.',
    },
    chooseFolder: { nl: 'Kies map…', en: 'Choose folder…' },
    exportTitle: { nl: 'Exporteren', en: 'Export' },
    exportText: {
      nl: 'Maakt één bestand met alles wat je hebt vastgelegd. Alleen jij en je coördinator kunnen het openen. Geef het bestand aan je coördinator.',
      en: 'Makes one file with everything you recorded. Only you and your coordinator can open it. Give the file to your coordinator.',
    },
    export: { nl: 'Exporteren', en: 'Export' },
    exporting: { nl: 'Bezig met exporteren…', en: 'Exporting…' },
    exported: { nl: 'Het bestand is gemaakt:', en: 'The file was made:' },
    changes: {
      nl: (n: number) => (n === 1 ? '1 wijziging' : `${n} wijzigingen`),
      en: (n: number) => (n === 1 ? '1 change' : `${n} changes`),
    },
    needsLink: {
      nl: 'Koppel eerst met je coördinator (stap 1).',
      en: 'First link with your coordinator (step 1).',
    },
    lastExport: {
      nl: (when: string, changes: string) => `Laatste export: ${when} (${changes})`,
      en: (when: string, changes: string) => `Last export: ${when} (${changes})`,
    },
    noExportYet: { nl: 'Laatste export: nog niet op deze computer', en: 'Last export: none yet on this computer' },
    folderRequired: { nl: 'Kies eerst een map.', en: 'Choose a folder first.' },
    fromCoordinatorTitle: { nl: 'Bestand van je coördinator inlezen', en: 'Read in the file from your coordinator' },
    fromCoordinatorText: {
      nl: 'Kies het bestand dat je van je coördinator hebt gekregen en klik op ‘Inlezen’.',
      en: 'Choose the file you received from your coordinator and click ‘Read in’.',
    },
    lastReceived: {
      nl: (when: string) => `Laatst ontvangen: ${when}`,
      en: (when: string) => `Last received: ${when}`,
    },
    neverReceived: {
      nl: 'Laatst ontvangen: nog geen bestand van je coördinator',
      en: 'Last received: no file from your coordinator yet',
    },
    importTitle: { nl: 'Bestanden van vrijwilligers inlezen', en: 'Read in files from volunteers' },
    importText: {
      nl: 'Kies de bestanden die je van vrijwilligers hebt gekregen. Je kunt er meer tegelijk kiezen.',
      en: 'Choose the files you received from volunteers. You can choose several at once.',
    },
    paths: { nl: 'Gekozen bestanden', en: 'Chosen files' },
    pathsHint: {
      nl: 'Klik op ‘Kies bestanden…’. Of typ één bestand per regel.',
      en: 'Click ‘Choose files…’. Or type one file per line.',
    },
    chooseFiles: { nl: 'Kies bestanden…', en: 'Choose files…' },
    import: { nl: 'Inlezen', en: 'Read in' },
    importing: { nl: 'Bezig met inlezen…', en: 'Reading in…' },
    pathsRequired: { nl: 'Kies eerst een of meer bestanden.', en: 'Choose one or more files first.' },
    fileOf: {
      nl: (i: number, n: number) => `Bestand ${i} van ${n}`,
      en: (i: number, n: number) => `File ${i} of ${n}`,
    },
    stage: {
      reading: { nl: 'lezen', en: 'reading' },
      verifying: { nl: 'controleren', en: 'checking' },
      backing_up: { nl: 'reservekopie maken', en: 'making a backup' },
      merging: { nl: 'samenvoegen', en: 'merging' },
      done: { nl: 'klaar', en: 'done' },
    } satisfies Record<Stage, Both<string>>,
    reportTitle: { nl: 'Resultaat van het inlezen', en: 'Result of reading in' },
    reportSummary: {
      nl: (ok: number, refused: number) =>
        `${ok === 1 ? '1 bestand ingelezen' : `${ok} bestanden ingelezen`}${refused ? `, ${refused} niet ingelezen` : ''}.`,
      en: (ok: number, refused: number) =>
        `${ok === 1 ? '1 file read in' : `${ok} files read in`}${refused ? `, ${refused} not read in` : ''}.`,
    },
    from: {
      nl: (who: string, role: string, when: string) => `Van ${who} (${role}), gemaakt op ${when}`,
      en: (who: string, role: string, when: string) => `From ${who} (${role}), made on ${when}`,
    },
    unknownSender: { nl: 'Afzender onbekend', en: 'Sender unknown' },
    countNew: { nl: 'nieuw', en: 'new' },
    alreadyImported: {
      nl: 'Dit bestand is al eerder ingelezen. Er is niets veranderd.',
      en: 'This file was imported before. Nothing was changed.',
    },
    countPresent: {
      nl: (n: number): string => (n === 1 ? 'was er al' : 'waren er al'),
      en: (_n: number) => 'already there',
    },
    countConflicts: {
      nl: (n: number): string => (n === 1 ? 'conflict' : 'conflicten'),
      en: (n: number) => (n === 1 ? 'conflict' : 'conflicts'),
    },
    countHeld: { nl: 'achtergehouden', en: 'held back' },
    countNotFromSender: {
      nl: 'van anderen, niet van deze afzender: overgeslagen',
      en: 'of others, not this sender’s: left out',
    },
    erased: {
      nl: (n: number) =>
        n === 1
          ? 'De gegevens van 1 huishouden zijn van deze laptop gewist, op verzoek van het huishouden of omdat de bewaartermijn voorbij is. Je coördinator heeft dat besloten.'
          : `De gegevens van ${n} huishoudens zijn van deze laptop gewist, op verzoek van het huishouden of omdat de bewaartermijn voorbij is. Je coördinator heeft dat besloten.`,
      en: (n: number) =>
        n === 1
          ? "1 household's data was erased from this laptop, because the household asked or the retention period is over. Your coordinator decided this."
          : `The data of ${n} households was erased from this laptop, because the household asked or the retention period is over. Your coordinator decided this.`,
    },
    erasuresConfirmed: {
      nl: (n: number) =>
        n === 1
          ? 'Deze laptop bevestigt dat 1 huishouden daar gewist is.'
          : `Deze laptop bevestigt dat ${n} huishoudens daar gewist zijn.`,
      en: (n: number) =>
        n === 1 ? 'This laptop confirms 1 household was erased there.' : `This laptop confirms ${n} households were erased there.`,
    },
    forgotten: {
      nl: (n: number) =>
        n === 1
          ? '1 huishouden is van deze laptop gewist, omdat je coördinator het niet meer aan jou heeft toegewezen.'
          : `${n} huishoudens zijn van deze laptop gewist, omdat je coördinator ze niet meer aan jou heeft toegewezen.`,
      en: (n: number) =>
        n === 1
          ? '1 household was deleted from this laptop, because your coordinator no longer assigns it to you.'
          : `${n} households were deleted from this laptop, because your coordinator no longer assigns them to you.`,
    },
    confirmed: {
      nl: (numbers: readonly (number | bigint)[]) =>
        numbers.length === 1
          ? `Je coördinator heeft bestand ${numberList(numbers, 'nl')} ontvangen.`
          : `Je coördinator heeft bestanden ${numberList(numbers, 'nl')} ontvangen.`,
      en: (numbers: readonly (number | bigint)[]) =>
        numbers.length === 1
          ? `Your coordinator received file ${numberList(numbers, 'en')}.`
          : `Your coordinator received files ${numberList(numbers, 'en')}.`,
    },
    exportFilesTitle: { nl: 'Jouw bestanden', en: 'Your files' },
    exportFilesText: {
      nl: 'Als je coördinator een bestand heeft ingelezen, zie je dat hier na het inlezen van het terugbestand (stap 3).',
      en: 'When your coordinator has read in a file, you see it here after reading in the return file (step 3).',
    },
    fileNumber: {
      nl: (n: number | bigint) => `Bestand ${n}`,
      en: (n: number | bigint) => `File ${n}`,
    },
    madeOn: {
      nl: (when: string) => `gemaakt op ${when}`,
      en: (when: string) => `made on ${when}`,
    },
    receivedOn: {
      nl: (day: string) => `Ontvangen door de coördinator op ${day}`,
      en: (day: string) => `Received by the coordinator on ${day}`,
    },
    notConfirmed: { nl: 'Nog niet bevestigd', en: 'Not confirmed yet' },
    noExportFiles: { nl: 'Je hebt op deze computer nog geen bestand gemaakt.', en: 'You have not made a file on this computer yet.' },
    refused: { nl: 'Niet ingelezen', en: 'Not read in' },
    enrolFirst: {
      nl: 'Hoort dit bestand bij een nieuwe vrijwilliger? Voeg die eerst toe bij Vrijwilligers.',
      en: 'Is this file from a new volunteer? Add them first under Volunteers.',
    },
    returnTitle: { nl: 'Terugbestand per vrijwilliger', en: 'Return file per volunteer' },
    returnText: {
      nl: 'Maak voor een vrijwilliger een bestand met alles wat er bekend is over de huishoudens van die vrijwilliger, ook wat anderen hebben vastgelegd. Welke huishoudens dat zijn, kies je bij Vrijwilligers. Kies eerst de map.',
      en: 'Make a file for a volunteer with everything known about that volunteer’s households, including what others recorded. You choose those households under Volunteers. Choose the folder first.',
    },
    households: {
      nl: (n: number) => (n === 1 ? '1 huishouden' : `${n} huishoudens`),
      en: (n: number) => (n === 1 ? '1 household' : `${n} households`),
    },
    noPeers: {
      nl: 'Er staan nog geen vrijwilligers op de pagina Vrijwilligers. Voeg ze daar eerst toe.',
      en: 'There are no volunteers on the Volunteers page yet. Add them there first.',
    },
    lastImport: {
      nl: (when: string) => `laatste bestand ingelezen op ${when}`,
      en: (when: string) => `last file read in on ${when}`,
    },
    neverImported: { nl: 'nog geen bestand ingelezen', en: 'no file read in yet' },
    returnFile: { nl: 'Terugbestand maken', en: 'Make return file' },
    returnMade: {
      nl: (who: string) => `Het terugbestand voor ${who} is gemaakt:`,
      en: (who: string) => `The return file for ${who} was made:`,
    },
    conflictsOpen: {
      nl: (n: number) =>
        n === 1
          ? 'Er is 1 conflict: twee mensen hebben hetzelfde gegeven verschillend ingevuld.'
          : `Er zijn ${n} conflicten: mensen hebben hetzelfde gegeven verschillend ingevuld.`,
      en: (n: number) =>
        n === 1
          ? 'There is 1 conflict: two people entered the same item differently.'
          : `There are ${n} conflicts: people entered the same item differently.`,
    },
    openConflicts: { nl: 'Conflicten bekijken', en: 'View conflicts' },
    heldTitle: { nl: 'Wijzigingen achtergehouden', en: 'Changes held back' },
    heldText: {
      nl: (n: number) =>
        `${n === 1 ? '1 wijziging is' : `${n} wijzigingen zijn`} niet vanzelf toegevoegd: de klok van een laptop liep ver voor, of een laptop gebruikt een gekopieerde installatie. Bekijk ze een voor een en voeg ze toe of weiger ze.`,
      en: (n: number) =>
        `${n === 1 ? '1 change was' : `${n} changes were`} not added by themselves: a laptop’s clock was far ahead, or a laptop uses a copied installation. Look at them one by one and add or refuse them.`,
    },
    viewHeld: { nl: 'Wijzigingen bekijken', en: 'View changes' },
  },
};

/** These texts, the pairing and the shared ones, in the active language: `$t.sync.title`, `$t.common.save`. */
export const t = localized({ ...shared, ...pairing, ...texts });
