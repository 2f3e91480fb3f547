// Texts of the welcome screen and the profile, Dutch and English side by side.
import { localized } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';

export const texts = {
  welcome: {
    title: { nl: 'Welkom bij Keukentafel', en: 'Welcome to Keukentafel' },
    intro: {
      nl: 'Keukentafel helpt je bij het bijhouden van de huishoudens die je bezoekt. Alles blijft op deze computer. Vertel eerst wie je bent.',
      en: 'Keukentafel helps you keep track of the households you visit. Everything stays on this computer. First, tell us who you are.',
    },
    submit: { nl: 'Beginnen', en: 'Start' },
  },
  profile: {
    title: { nl: 'Profiel', en: 'Profile' },
    intro: {
      nl: 'Je naam staat bij alles wat je vastlegt, zoals toestemming en bezoeken.',
      en: 'Your name is shown with everything you record, such as consent and visits.',
    },
    name: { nl: 'Je naam', en: 'Your name' },
    organisation: { nl: 'Organisatie', en: 'Organisation' },
    organisationHint: { nl: 'Bijvoorbeeld: Energiebank Utrecht', en: 'For example: Energiebank Utrecht' },
    role: { nl: 'Rol', en: 'Role' },
    phone: { nl: 'Telefoonnummer', en: 'Phone number' },
    phoneHint: {
      nl: 'Dit nummer staat op het overzicht dat het huishouden meekrijgt. Bijvoorbeeld: 06 12345678',
      en: 'This number is printed on the overview the household keeps. For example: 06 12345678',
    },
    saved: { nl: 'Je profiel is opgeslagen.', en: 'Your profile has been saved.' },
    about: { nl: 'Over deze installatie', en: 'About this installation' },
    storePath: { nl: 'Bestand met gegevens', en: 'Data file' },
    schemaVersion: { nl: 'Versie van de opslag', en: 'Storage version' },
    replicaId: { nl: 'Nummer van deze installatie', en: 'Installation number' },
    consentTextVersion: { nl: 'Versie van de toestemmingstekst', en: 'Consent text version' },
  },
};

/** These texts and the shared ones, in the active language: `$t.profile.title`, `$t.common.save`. */
export const t = localized({ ...shared, ...texts });
