// Texts that belong to no one feature: the header, buttons such as Opslaan and Annuleren, the
// start-up error, the error for what nobody expected, role names. Each text in Dutch and English side by side (see i18n.ts).
import type { Role } from '../generated/bindings';
import { localized, type Both } from './i18n';

export const texts = {
  appName: { nl: 'Keukentafel', en: 'Keukentafel' },
  langSwitch: { nl: 'English', en: 'Nederlands' },
  langSwitchLabel: { nl: 'Switch to English', en: 'Wissel naar Nederlands' },
  nav: {
    label: { nl: 'Hoofdmenu', en: 'Main menu' },
    overview: { nl: 'Overzicht', en: 'Overview' },
    households: { nl: 'Huishoudens', en: 'Households' },
    agenda: { nl: 'Agenda', en: 'Agenda' },
    tasks: { nl: 'Mijn taken', en: 'My tasks' },
    allTasks: { nl: 'Alle taken', en: 'All tasks' },
    tasksDue: {
      nl: (n: number) => (n === 1 ? '1 taak voor vandaag of te laat' : `${n} taken voor vandaag of te laat`),
      en: (n: number) => (n === 1 ? '1 task due today or overdue' : `${n} tasks due today or overdue`),
    },
    sync: { nl: 'Uitwisselen', en: 'Sync' },
    volunteers: { nl: 'Vrijwilligers', en: 'Volunteers' },
    profile: { nl: 'Profiel', en: 'Profile' },
    conflicts: { nl: (n: number) => `Conflicten (${n})`, en: (n: number) => `Conflicts (${n})` },
    /** Conflicts and held-back changes together. */
    toReview: { nl: (n: number) => `Nakijken (${n})`, en: (n: number) => `To check (${n})` },
  },
  common: {
    save: { nl: 'Opslaan', en: 'Save' },
    saving: { nl: 'Bezig met opslaan…', en: 'Saving…' },
    cancel: { nl: 'Annuleren', en: 'Cancel' },
    close: { nl: 'Sluiten', en: 'Close' },
    edit: { nl: 'Bewerken', en: 'Edit' },
    back: { nl: 'Terug naar huishoudens', en: 'Back to households' },
    loading: { nl: 'Even geduld…', en: 'One moment…' },
    unknown: { nl: 'Onbekend', en: 'Unknown' },
    none: { nl: '—', en: '—' },
    yes: { nl: 'Ja', en: 'Yes' },
    no: { nl: 'Nee', en: 'No' },
    optional: { nl: '(niet verplicht)', en: '(optional)' },
    retry: { nl: 'Opnieuw proberen', en: 'Try again' },
    formHasErrors: {
      nl: 'Niet alles is goed ingevuld. Kijk bij de rode teksten.',
      en: 'Not everything is filled in correctly. See the red texts.',
    },
  },
  errors: {
    internal: { nl: 'Er ging iets mis. Probeer het nog een keer.', en: 'Something went wrong. Try again.' },
  },
  fatal: {
    title: { nl: 'Keukentafel kan niet starten', en: 'Keukentafel cannot start' },
    /** The file turned out damaged while the window was in use (the check beside the open store). */
    stoppedTitle: { nl: 'Keukentafel is gestopt', en: 'Keukentafel has stopped' },
    intro: {
      nl: 'Er is een probleem met het bestand waarin Keukentafel de gegevens bewaart.',
      en: 'There is a problem with the file in which Keukentafel keeps its data.',
    },
    advice: {
      nl: 'Er is niets veranderd aan de gegevens. Sluit Keukentafel en vraag hulp aan de coördinator of de helpdesk van je organisatie.',
      en: 'Nothing has been changed in the data. Close Keukentafel and ask the coordinator or the help desk of your organisation for help.',
    },
    code: { nl: 'Foutcode', en: 'Error code' },
  },
  role: {
    energy_coach: { nl: 'Energiecoach', en: 'Energy coach' },
    debt_help_volunteer: { nl: 'Schuldhulpmaatje', en: 'Debt help buddy' },
    coordinator: { nl: 'Coördinator', en: 'Coordinator' },
  } satisfies Record<Role, Both<string>>,
};

/** The shared texts in the active language: `$t.common.save`. */
export const t = localized(texts);
