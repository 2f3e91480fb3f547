// Texts of the exchange screen (key, export, import, return files), Dutch and English side by side.
import type { Stage } from '../../generated/sync';
import { localized, type Both } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';

export const texts = {
  sync: {
    title: { nl: 'Uitwisselen', en: 'Sync' },
    intro: {
      nl: 'Wissel gegevens uit met je coördinator via een bestand, bijvoorbeeld op een USB-stick of in een gedeelde map. Het bestand is versleuteld.',
      en: 'Exchange data with your coordinator through a file, for example on a USB stick or in a shared folder. The file is encrypted.',
    },
    folderTitle: { nl: 'Bestanden maken', en: 'Make files' },
    folder: { nl: 'Map voor de bestanden', en: 'Folder for the files' },
    folderHint: {
      nl: 'Bijvoorbeeld je USB-stick of een gedeelde map.',
      en: 'For example your USB stick or a shared folder.',
    },
    folderText: {
      nl: 'Hier zet Keukentafel de terugbestanden voor je vrijwilligers neer.',
      en: 'Keukentafel puts the return files for your volunteers here.',
    },
    chooseFolder: { nl: 'Kies map…', en: 'Choose folder…' },
    exportTitle: { nl: 'Exporteren naar je coördinator', en: 'Export to your coordinator' },
    exportText: {
      nl: 'Maakt één bestand met alles wat je hebt vastgelegd. Alleen jij en je coördinator kunnen het openen.',
      en: 'Makes one file with everything you recorded. Only you and your coordinator can open it.',
    },
    export: { nl: 'Exporteren', en: 'Export' },
    exporting: { nl: 'Bezig met exporteren…', en: 'Exporting…' },
    exported: { nl: 'Het bestand is gemaakt:', en: 'The file was made:' },
    changes: {
      nl: (n: number) => (n === 1 ? '1 wijziging' : `${n} wijzigingen`),
      en: (n: number) => (n === 1 ? '1 change' : `${n} changes`),
    },
    needsLink: {
      nl: 'Koppel Keukentafel eerst aan je coördinator (rechts op dit scherm).',
      en: 'First link Keukentafel to your coordinator (on the right of this screen).',
    },
    folderRequired: { nl: 'Kies eerst een map.', en: 'Choose a folder first.' },
    importTitle: { nl: 'Importeren', en: 'Import' },
    importText: {
      nl: 'Lees bestanden in die je van je coördinator of van vrijwilligers hebt gekregen. Je kunt er meer tegelijk kiezen.',
      en: 'Read in files you received from your coordinator or from volunteers. You can choose several at once.',
    },
    paths: { nl: 'Bestanden', en: 'Files' },
    pathsHint: {
      nl: 'Eén bestand per regel. Of klik op ‘Kies bestanden…’.',
      en: 'One file per line. Or click ‘Choose files…’.',
    },
    chooseFiles: { nl: 'Kies bestanden…', en: 'Choose files…' },
    import: { nl: 'Importeren', en: 'Import' },
    importing: { nl: 'Bezig met importeren…', en: 'Importing…' },
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
    reportTitle: { nl: 'Resultaat van het importeren', en: 'Import result' },
    from: {
      nl: (who: string, role: string, when: string) => `Van ${who} (${role}), gemaakt op ${when}`,
      en: (who: string, role: string, when: string) => `From ${who} (${role}), made on ${when}`,
    },
    unknownSender: { nl: 'Afzender onbekend', en: 'Sender unknown' },
    countNew: { nl: 'nieuw', en: 'new' },
    countPresent: {
      nl: (n: number): string => (n === 1 ? 'was er al' : 'waren er al'),
      en: (_n: number) => 'already there',
    },
    countConflicts: {
      nl: (n: number): string => (n === 1 ? 'conflict' : 'conflicten'),
      en: (n: number) => (n === 1 ? 'conflict' : 'conflicts'),
    },
    countHeld: { nl: 'achtergehouden', en: 'held back' },
    refused: { nl: 'Niet ingelezen', en: 'Not read in' },
    keyTitle: { nl: 'Jouw sleutel', en: 'Your key' },
    keyText: {
      nl: 'Geef deze sleutel aan je coördinator. Dan kan de coördinator bestanden voor jou maken. De sleutel is niet geheim.',
      en: 'Give this key to your coordinator. Then the coordinator can make files for you. The key is not secret.',
    },
    keyTextCoordinator: {
      nl: 'Geef deze sleutel aan je vrijwilligers. Zij plakken hem in Keukentafel bij ‘Koppelen aan je coördinator’. De sleutel is niet geheim.',
      en: 'Give this key to your volunteers. They paste it in Keukentafel under ‘Link to your coordinator’. The key is not secret.',
    },
    copy: { nl: 'Kopiëren', en: 'Copy' },
    copied: { nl: 'De sleutel is gekopieerd.', en: 'The key was copied.' },
    saveKey: { nl: 'Opslaan als bestand', en: 'Save as a file' },
    keySaved: {
      nl: (path: string) => `De sleutel staat in ${path}.`,
      en: (path: string) => `The key is in ${path}.`,
    },
    linkTitle: { nl: 'Koppelen aan je coördinator', en: 'Link to your coordinator' },
    linkText: {
      nl: 'Plak hier de sleutel die je van je coördinator hebt gekregen. Hij begint met age1.',
      en: 'Paste the key you received from your coordinator here. It starts with age1.',
    },
    linkedTo: { nl: 'Gekoppeld aan deze sleutel:', en: 'Linked to this key:' },
    notLinked: { nl: 'Nog niet gekoppeld.', en: 'Not linked yet.' },
    coordinatorKey: { nl: 'Sleutel van je coördinator', en: 'Your coordinator’s key' },
    link: { nl: 'Koppelen', en: 'Link' },
    chooseKeyFile: { nl: 'Sleutelbestand kiezen…', en: 'Choose key file…' },
    relink: { nl: 'Andere sleutel koppelen', en: 'Link another key' },
    linked: { nl: 'Keukentafel is gekoppeld aan je coördinator.', en: 'Keukentafel is linked to your coordinator.' },
    keyRequired: { nl: 'Plak eerst de sleutel.', en: 'Paste the key first.' },
    returnTitle: { nl: 'Terugbestand per vrijwilliger', en: 'Return file per volunteer' },
    returnText: {
      nl: 'Maak voor een vrijwilliger een bestand met alles wat er bekend is over de huishoudens, ook wat anderen hebben vastgelegd.',
      en: 'Make a file for a volunteer with everything known about the households, including what others recorded.',
    },
    noPeers: {
      nl: 'Je hebt nog geen bestanden van vrijwilligers ingelezen.',
      en: 'You have not read in any files from volunteers yet.',
    },
    lastImport: {
      nl: (when: string) => `laatste bestand ingelezen op ${when}`,
      en: (when: string) => `last file read in on ${when}`,
    },
    neverImported: { nl: 'nog geen bestand ingelezen', en: 'no file read in yet' },
    returnFile: { nl: 'Terugbestand maken', en: 'Make return file' },
    cannotReceive: {
      nl: 'Sleutel onbekend: lees eerst een bestand van deze vrijwilliger in.',
      en: 'Key unknown: first read in a file from this volunteer.',
    },
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
        `${n === 1 ? '1 wijziging is' : `${n} wijzigingen zijn`} niet toegevoegd, omdat de datum ver in de toekomst ligt. Meestal stond de klok van een laptop verkeerd. Klopt het verder? Voeg ze dan toch toe.`,
      en: (n: number) =>
        `${n === 1 ? '1 change was' : `${n} changes were`} not added because the date lies far in the future. Usually a laptop’s clock was wrong. If everything else is right, add them anyway.`,
    },
    acceptHeld: { nl: 'Toch toevoegen', en: 'Add anyway' },
    heldAccepted: {
      nl: (n: number) => (n === 1 ? '1 wijziging is toegevoegd.' : `${n} wijzigingen zijn toegevoegd.`),
      en: (n: number) => (n === 1 ? '1 change was added.' : `${n} changes were added.`),
    },
  },
};

/** These texts and the shared ones, in the active language: `$t.sync.title`, `$t.common.save`. */
export const t = localized({ ...shared, ...texts });
