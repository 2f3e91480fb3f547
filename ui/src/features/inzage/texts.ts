// Texts of the inzage view (a household's own copy, AVG art. 15), Dutch and English side by side.
// The document itself is in Dutch, whatever the app's language: it is the household's copy and
// the same as the saved file.
import { localized } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';

export const texts = {
  inzage: {
    button: { nl: 'Inzage voor het huishouden', en: 'Access copy for the household' },
    title: { nl: 'Inzage voor het huishouden', en: 'Access copy for the household' },
    intro: {
      nl: 'Vraagt het huishouden wat er over hen bewaard wordt? Dan hebben ze recht op dit overzicht (AVG artikel 15). Hierin staat alles wat Keukentafel op deze laptop over hen bewaart, en elke wijziging. Het overzicht is in het Nederlands.',
      en: 'Does the household ask what is kept about them? Then they have a right to this overview (GDPR article 15). It holds everything Keukentafel keeps about them on this laptop, and every change. The overview is in Dutch.',
    },
    backToHousehold: { nl: 'Terug naar het huishouden', en: 'Back to the household' },
    loading: { nl: 'Het overzicht wordt gemaakt…', en: 'Making the overview…' },
    notFound: {
      nl: 'Dit huishouden is er niet (meer). Misschien zijn de gegevens gewist.',
      en: 'This household is not here (any more). Its data may have been erased.',
    },
    giveTitle: { nl: 'Meegeven of opsturen', en: 'Hand over or send' },
    giveHint: {
      nl: 'Druk het af, of sla het op als PDF (kies in het afdrukvenster ‘Afdrukken naar bestand’). Of sla het op als bestand dat elke browser kan openen.',
      en: 'Print it, or save it as PDF (choose ‘Print to file’ in the print window). Or save it as a file any browser can open.',
    },
    print: { nl: 'Afdrukken of opslaan als PDF', en: 'Print or save as PDF' },
    folder: { nl: 'Map', en: 'Folder' },
    folderHint: {
      nl: 'Het bestand is alleen voor jou leesbaar. Geef het daarna zelf aan het huishouden.',
      en: 'Only you can read the file. Then give it to the household yourself.',
    },
    chooseFolder: { nl: 'Kies map…', en: 'Choose folder…' },
    folderRequired: {
      nl: 'Kies eerst een map om het bestand in op te slaan.',
      en: 'First choose a folder to save the file in.',
    },
    fileName: { nl: 'Naam van het bestand:', en: 'File name:' },
    save: { nl: 'Opslaan als bestand', en: 'Save as file' },
    saving: { nl: 'Bezig met opslaan…', en: 'Saving…' },
    replace: { nl: 'Ja, vervang het oude bestand', en: 'Yes, replace the old file' },
    saved: { nl: 'Opgeslagen:', en: 'Saved:' },
    summary: {
      nl: (records: number, changes: number) =>
        `${records === 1 ? '1 gegeven' : `${records} gegevens`} en ${changes === 1 ? '1 wijziging' : `${changes} wijzigingen`}.`,
      en: (records: number, changes: number) =>
        `${records === 1 ? '1 record' : `${records} records`} and ${changes === 1 ? '1 change' : `${changes} changes`}.`,
    },
  },
};

/** These texts and the shared ones, in the active language. */
export const t = localized({ ...shared, ...texts });
