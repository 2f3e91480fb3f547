// Texts of the conflicts screen, Dutch and English side by side.
import { localized, type Both } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';

export const texts = {
  conflicts: {
    title: { nl: 'Conflicten', en: 'Conflicts' },
    intro: {
      nl: 'Hier hebben twee mensen hetzelfde gegeven verschillend ingevuld. Kies welke waarde klopt. De andere waarde wordt niet weggegooid: hij blijft in de geschiedenis.',
      en: 'Here two people entered the same item differently. Choose the value that is right. The other value is not thrown away: it stays in the history.',
    },
    empty: { nl: 'Geen conflicten. Alles is bijgewerkt.', en: 'No conflicts. Everything is up to date.' },
    back: { nl: 'Terug naar uitwisselen', en: 'Back to sync' },
    field: { nl: 'Gegeven', en: 'Item' },
    current: { nl: 'Staat nu in Keukentafel', en: 'Now in Keukentafel' },
    other: { nl: 'Andere waarde', en: 'Other value' },
    enteredBy: {
      nl: (who: string, when: string) => `Ingevuld door ${who} op ${when}`,
      en: (who: string, when: string) => `Entered by ${who} on ${when}`,
    },
    choose: { nl: 'Deze waarde houden', en: 'Keep this value' },
    chosen: { nl: 'Je keuze is opgeslagen.', en: 'Your choice was saved.' },
    empty_value: { nl: '(leeg)', en: '(empty)' },
    noHousehold: { nl: 'Zonder huishouden', en: 'No household' },
    entity: {
      household: { nl: 'Huishouden', en: 'Household' },
      visit: { nl: 'Bezoek', en: 'Visit' },
      consent: { nl: 'Toestemming', en: 'Consent' },
      user: { nl: 'Profiel', en: 'Profile' },
    } as Record<string, Both<string>>,
    archiveTitle: { nl: 'Bewerkt én gearchiveerd', en: 'Edited and archived' },
    archiveText: {
      nl: 'Iemand heeft dit gegeven veranderd terwijl een ander het archiveerde. De wijziging is bewaard en het staat nog in de lijst.',
      en: 'Someone changed this item while someone else archived it. The change was kept and it is still in the list.',
    },
    keep: { nl: 'Houden', en: 'Keep' },
    archiveAnyway: { nl: 'Toch archiveren', en: 'Archive anyway' },
  },
};

/** These texts and the shared ones, in the active language: `$t.conflicts.title`, `$t.common.save`. */
export const t = localized({ ...shared, ...texts });
