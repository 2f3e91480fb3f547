// Texts of the report screen (Rapportage voor de gemeente), Dutch and English side by side.
import { localized } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';

export const texts = {
  report: {
    title: { nl: 'Rapportage voor de gemeente', en: 'Report for the municipality' },
    intro: {
      nl: 'Kies een periode en eventueel wijken. Het rapport is anoniem: geen namen, adressen of eigen tekst, en aantallen onder 5 huishoudens staan er als <5.',
      en: 'Choose a period and, if you like, wijken. The report is anonymous: no names, addresses or typed text, and numbers below 5 households show as <5.',
    },
    onlyCoordinator: {
      nl: 'De rapportage maakt de coördinator, met de gegevens van alle vrijwilligers.',
      en: 'The coordinator makes the report, with the data of all volunteers.',
    },
    from: { nl: 'Van', en: 'From' },
    to: { nl: 'Tot en met', en: 'Up to and including' },
    wijken: { nl: 'Wijken', en: 'Wijken' },
    wijkenHint: { nl: 'Niets aangevinkt: alle wijken.', en: 'Nothing ticked: all wijken.' },
    noWijk: { nl: '(geen wijk)', en: '(no wijk)' },
    show: { nl: 'Rapport maken', en: 'Make the report' },
    making: { nl: 'Bezig met het rapport…', en: 'Making the report…' },
    period: { nl: 'Periode', en: 'Period' },
    selection: { nl: 'Wijken', en: 'Wijken' },
    allWijken: { nl: 'alle wijken', en: 'all wijken' },
    figures: { nl: 'Rekenwaarden', en: 'Reference figures' },
    figuresVersion: {
      nl: (id: string, v: number) => `${id} (versie ${v})`,
      en: (id: string, v: number) => `${id} (version ${v})`,
    },
    madeOn: { nl: 'Gemaakt op', en: 'Made on' },
    rule: { nl: 'Geheimhouding', en: 'Confidentiality' },
    saveTitle: { nl: 'Opslaan', en: 'Save' },
    folder: { nl: 'Map', en: 'Folder' },
    folderHint: {
      nl: 'Waar het bestand komt. Bijvoorbeeld je map Documenten.',
      en: 'Where the file goes. For example your Documents folder.',
    },
    chooseFolder: { nl: 'Kies map…', en: 'Choose folder…' },
    folderRequired: { nl: 'Kies eerst een map.', en: 'Choose a folder first.' },
    saveXlsx: { nl: 'Opslaan als Excel', en: 'Save as Excel' },
    saveCsv: { nl: 'Opslaan als CSV', en: 'Save as CSV' },
    print: { nl: 'Afdrukken', en: 'Print' },
    saved: {
      nl: (n: number) => (n === 1 ? 'Opgeslagen:' : `${n} bestanden opgeslagen:`),
      en: (n: number) => (n === 1 ? 'Saved:' : `${n} files saved:`),
    },
    chartLabel: {
      nl: (title: string) => `Grafiek bij ‘${title}’. Dezelfde cijfers staan in de tabel.`,
      en: (title: string) => `Chart for ‘${title}’. The same numbers are in the table.`,
    },
    changed: {
      nl: 'De periode of wijken zijn veranderd. Maak het rapport opnieuw om op te slaan.',
      en: 'The period or wijken changed. Make the report again to save it.',
    },
  },
};

/** These texts and the shared ones, in the active language. */
export const t = localized({ ...shared, ...texts });
