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
      answer: { nl: 'Antwoord bij een bezoek', en: 'Answer at a visit' },
      user: { nl: 'Profiel', en: 'Profile' },
    } as Record<string, Both<string>>,
    archiveTitle: { nl: 'Bewerkt én gearchiveerd', en: 'Edited and archived' },
    archiveText: {
      nl: 'Iemand heeft dit gegeven veranderd terwijl een ander het archiveerde. De wijziging is bewaard en het staat nog in de lijst.',
      en: 'Someone changed this item while someone else archived it. The change was kept and it is still in the list.',
    },
    keep: { nl: 'Houden', en: 'Keep' },
    archiveAnyway: { nl: 'Toch archiveren', en: 'Archive anyway' },
    noneOnly: { nl: 'Geen conflicten.', en: 'No conflicts.' },
  },
  held: {
    title: { nl: 'Achtergehouden wijzigingen', en: 'Changes held back' },
    intro: {
      nl: 'Deze wijzigingen zijn niet vanzelf toegevoegd, omdat er iets niet klopte. Kijk of ze goed zijn. Voeg ze dan toe, of weiger ze. Een geweigerde wijziging komt niet terug.',
      en: 'These changes were not added by themselves, because something was not right. Check whether they are correct. Then add them, or refuse them. A refused change does not come back.',
    },
    from: {
      nl: (who: string) => `Van ${who}`,
      en: (who: string) => `From ${who}`,
    },
    date: { nl: 'Datum van de wijziging', en: 'Date of the change' },
    reason: {
      future_clock: {
        nl: 'De klok van die laptop liep ver voor: de datum ligt ver in de toekomst.',
        en: 'That laptop’s clock was far ahead: the date lies far in the future.',
      },
      duplicate_sequence: {
        nl: 'Deze wijziging komt van een gekopieerde installatie: twee laptops gebruiken dezelfde Keukentafel.',
        en: 'This change comes from a copied installation: two laptops use the same Keukentafel.',
      },
      not_assigned: {
        nl: 'Dit huishouden is niet (meer) aan deze vrijwilliger toegewezen. Misschien is de wijziging gedaan voordat de vrijwilliger dat wist. Voeg haar alleen toe als je dat zeker weet.',
        en: 'This household is not (or no longer) assigned to this volunteer. The change may have been made before the volunteer knew. Add it only if you are sure.',
      },
    } as Record<string, Both<string>>,
    accept: { nl: 'Toevoegen', en: 'Add' },
    reject: { nl: 'Weigeren', en: 'Refuse' },
    acceptAll: { nl: 'Alles toevoegen', en: 'Add all' },
    rejectTitle: { nl: 'Wijziging weigeren?', en: 'Refuse this change?' },
    rejectText: {
      nl: (who: string) =>
        `Deze wijziging van ${who} wordt niet toegevoegd. Ook als je hetzelfde bestand nog een keer inleest, komt ze niet terug.`,
      en: (who: string) =>
        `This change from ${who} is not added. Even if you read in the same file again, it does not come back.`,
    },
    accepted: {
      nl: (n: number) => (n === 1 ? '1 wijziging is toegevoegd.' : `${n} wijzigingen zijn toegevoegd.`),
      en: (n: number) => (n === 1 ? '1 change was added.' : `${n} changes were added.`),
    },
    rejected: {
      nl: (n: number) => (n === 1 ? '1 wijziging is geweigerd.' : `${n} wijzigingen zijn geweigerd.`),
      en: (n: number) => (n === 1 ? '1 change was refused.' : `${n} changes were refused.`),
    },
  },
};

/** These texts and the shared ones, in the active language: `$t.conflicts.title`, `$t.common.save`. */
export const t = localized({ ...shared, ...texts });
