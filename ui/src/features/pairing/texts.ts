// Texts of the pairing pieces (this installation's code, reading another's code), Dutch and
// English side by side.
import { localized } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';

export const texts = {
  pairing: {
    ownTitle: { nl: 'Jouw koppelcode', en: 'Your pairing code' },
    ownTextVolunteer: {
      nl: 'Laat deze code zien aan je coördinator, of geef het bestand. Je coördinator voegt je dan toe. De code is niet geheim.',
      en: 'Show this code to your coordinator, or hand over the file. Your coordinator then adds you. The code is not secret.',
    },
    ownTextCoordinator: {
      nl: 'Geef deze code aan je vrijwilligers, of geef ze het bestand. Zij koppelen ermee bij Uitwisselen, stap 1. De code is niet geheim.',
      en: 'Give this code to your volunteers, or give them the file. They link with it under Sync, step 1. The code is not secret.',
    },
    fingerprint: { nl: 'Controlecijfers', en: 'Check digits' },
    readAloudVolunteer: {
      nl: 'Lees deze cijfers voor aan je coördinator.',
      en: 'Read these digits aloud to your coordinator.',
    },
    readAloudCoordinator: {
      nl: 'Lees deze cijfers voor aan de vrijwilliger die met je koppelt.',
      en: 'Read these digits aloud to the volunteer who links with you.',
    },
    code: { nl: 'Koppelcode', en: 'Pairing code' },
    copy: { nl: 'Kopiëren', en: 'Copy' },
    copied: { nl: 'De koppelcode is gekopieerd.', en: 'The pairing code was copied.' },
    saveFile: { nl: 'Bewaar als bestand…', en: 'Save as a file…' },
    folder: { nl: 'Map voor het bestand', en: 'Folder for the file' },
    folderHint: { nl: 'Bijvoorbeeld je USB-stick.', en: 'For example your USB stick.' },
    chooseFolder: { nl: 'Kies map…', en: 'Choose folder…' },
    save: { nl: 'Opslaan', en: 'Save' },
    folderRequired: { nl: 'Kies eerst een map.', en: 'Choose a folder first.' },
    saved: { nl: 'De koppelcode staat in dit bestand:', en: 'The pairing code is in this file:' },
    pasteHint: {
      nl: 'Plak de code (die begint met KTKOPPEL1-). Of kies het bestand keukentafel-koppelcode.txt.',
      en: 'Paste the code (it starts with KTKOPPEL1-). Or choose the file keukentafel-koppelcode.txt.',
    },
    chooseFile: { nl: 'Kies bestand…', en: 'Choose file…' },
    fileFilter: { nl: 'Koppelcode', en: 'Pairing code' },
    show: { nl: 'Bekijken', en: 'Show' },
    showing: { nl: 'Even kijken…', en: 'Looking…' },
    codeRequired: {
      nl: 'Plak eerst een koppelcode, of kies een bestand.',
      en: 'Paste a pairing code first, or choose a file.',
    },
    name: { nl: 'Naam', en: 'Name' },
    role: { nl: 'Rol', en: 'Role' },
    organisation: { nl: 'Organisatie', en: 'Organisation' },
    made: { nl: 'Code gemaakt op', en: 'Code made on' },
  },
};

/** These texts and the shared ones, in the active language. */
export const t = localized({ ...shared, ...texts });
