// Texts of the start screen (unlock, first passphrase) and of locking, Dutch and English.
import { localized } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';

export const texts = {
  unlock: {
    title: { nl: 'Ontgrendel Keukentafel', en: 'Unlock Keukentafel' },
    intro: {
      nl: 'Vul je wachtwoord in. Dan kun je verder met je werk.',
      en: 'Enter your passphrase to go on with your work.',
    },
    passphrase: { nl: 'Wachtwoord', en: 'Passphrase' },
    submit: { nl: 'Ontgrendelen', en: 'Unlock' },
    busy: { nl: 'Bezig met openen…', en: 'Opening…' },
    idle: {
      nl: 'Keukentafel is op slot gegaan, omdat je een tijdje niets hebt gedaan. Zo kan niemand anders je gegevens zien.',
      en: 'Keukentafel locked itself because you did nothing for a while. That way nobody else can see your data.',
    },
    forgot: { nl: 'Wachtwoord vergeten?', en: 'Forgot your passphrase?' },
    forgotText: {
      nl: 'Niemand kan een vergeten wachtwoord terughalen, ook je coördinator niet. Vraag je coördinator om hulp. Je maakt Keukentafel opnieuw klaar en koppelt opnieuw met je coördinator. Met het terugbestand van je coördinator krijg je je huishoudens terug.',
      en: 'Nobody can recover a forgotten passphrase, not even your coordinator. Ask your coordinator for help. You set up Keukentafel again and pair with your coordinator again. The coordinator’s return file gives you your households back.',
    },
  },
  create: {
    title: { nl: 'Kies een wachtwoord', en: 'Choose a passphrase' },
    intro: {
      nl: 'Keukentafel bewaart gegevens van huishoudens. Met een wachtwoord zet Keukentafel die op slot. Alleen wie het wachtwoord kent, kan ze lezen.',
      en: 'Keukentafel keeps data about households. A passphrase locks that data. Only someone who knows the passphrase can read it.',
    },
    introUnencrypted: {
      nl: 'Keukentafel zet je gegevens nu op slot met een wachtwoord. Alleen wie het wachtwoord kent, kan ze lezen. Je gegevens blijven zoals ze zijn.',
      en: 'Keukentafel now locks your data with a passphrase. Only someone who knows the passphrase can read it. Your data stays as it is.',
    },
    passphrase: { nl: 'Nieuw wachtwoord', en: 'New passphrase' },
    hint: {
      nl: 'Minstens 8 tekens. Een zin van een paar woorden is goed te onthouden.',
      en: 'At least 8 characters. A sentence of a few words is easy to remember.',
    },
    repeat: { nl: 'Typ het wachtwoord nog een keer', en: 'Type the passphrase again' },
    differ: {
      nl: 'Dit is niet hetzelfde als het eerste wachtwoord. Typ het nog een keer.',
      en: 'This is not the same as the first passphrase. Type it again.',
    },
    warningTitle: { nl: 'Onthoud je wachtwoord goed', en: 'Remember your passphrase' },
    warning: {
      nl: 'Ben je het kwijt? Dan kan niemand het terughalen, en zijn je gegevens op deze computer niet meer te openen. Wat dan? Vraag je coördinator om hulp: je koppelt opnieuw, en met het terugbestand van je coördinator krijg je je huishoudens terug.',
      en: 'If you lose it, nobody can recover it, and the data on this computer can no longer be opened. What then? Ask your coordinator for help: you pair again, and the coordinator’s return file gives you your households back.',
    },
    submit: { nl: 'Wachtwoord instellen', en: 'Set passphrase' },
    busy: { nl: 'Bezig met op slot zetten…', en: 'Locking your data…' },
  },
  change: {
    title: { nl: 'Wachtwoord wijzigen', en: 'Change passphrase' },
    intro: {
      nl: 'Kies een nieuw wachtwoord voor Keukentafel. Je hebt daarvoor je huidige wachtwoord nodig.',
      en: 'Choose a new passphrase for Keukentafel. You need your current passphrase for this.',
    },
    current: { nl: 'Huidig wachtwoord', en: 'Current passphrase' },
    passphrase: { nl: 'Nieuw wachtwoord', en: 'New passphrase' },
    repeat: { nl: 'Typ het nieuwe wachtwoord nog een keer', en: 'Type the new passphrase again' },
    submit: { nl: 'Wachtwoord wijzigen', en: 'Change passphrase' },
    busy: { nl: 'Bezig met wijzigen…', en: 'Changing…' },
    done: {
      nl: 'Je wachtwoord is gewijzigd. Gebruik voortaan het nieuwe wachtwoord.',
      en: 'Your passphrase has been changed. From now on, use the new one.',
    },
  },
};

/** These texts and the shared ones, in the active language. */
export const t = localized({ ...shared, ...texts });
