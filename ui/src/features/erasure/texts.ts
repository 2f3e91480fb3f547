// Texts of erasing a household's data and of the "Te wissen" screen, Dutch and English side by side.
import { localized } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';

export const texts = {
  erase: {
    button: { nl: 'Gegevens wissen', en: 'Erase data' },
    title: { nl: 'Gegevens van dit huishouden wissen', en: "Erase this household's data" },
    titleMany: {
      nl: (n: number) => (n === 1 ? 'Gegevens van 1 huishouden wissen' : `Gegevens van ${n} huishoudens wissen`),
      en: (n: number) => (n === 1 ? "Erase 1 household's data" : `Erase the data of ${n} households`),
    },
    warning: {
      nl: 'Let op: dit kun je niet ongedaan maken. Alles van dit huishouden verdwijnt: naam, adres, bezoeken, antwoorden, taken en notities. Ook uit de reservekopieën. De laptops van de vrijwilligers wissen het bij hun volgende terugbestand. Alleen de reden en de datum blijven bewaard, zonder naam. De rapportage voor de gemeente telt het huishouden nog mee, zonder iets wat naar het huishouden wijst.',
      en: 'Careful: this cannot be undone. Everything about this household is removed: name, address, visits, answers, tasks and notes. From the backups too. The volunteers’ laptops erase it with their next return file. Only the reason and the date are kept, without a name. The report for the municipality still counts the household, without anything that points to it.',
    },
    reason: { nl: 'Reden', en: 'Reason' },
    reasonHint: {
      nl: 'Bijvoorbeeld: verzoek van het huishouden, of bewaartermijn voorbij. Schrijf hier geen naam of adres: de reden wordt bewaard.',
      en: 'For example: the household asked, or the retention period is over. Do not write a name or address here: the reason is kept.',
    },
    requested: { nl: 'Datum van het verzoek', en: 'Date of the request' },
    requestedHint: { nl: 'De dag waarop het huishouden erom vroeg.', en: 'The day the household asked for it.' },
    confirm: { nl: 'Definitief wissen', en: 'Erase for good' },
    done: {
      nl: (n: number) => (n === 1 ? 'De gegevens zijn gewist.' : `De gegevens van ${n} huishoudens zijn gewist.`),
      en: (n: number) => (n === 1 ? 'The data has been erased.' : `The data of ${n} households has been erased.`),
    },
  },
  retention: {
    title: { nl: 'Te wissen', en: 'To erase' },
    intro: {
      nl: 'Gegevens bewaar je niet langer dan nodig. Hier zie je welke huishoudens langer geleden dan de bewaartermijn voor het laatst contact hadden. Je kunt ze in één keer wissen.',
      en: 'Data is kept no longer than needed. Here you see which households had their last contact longer ago than the retention period. You can erase them in one go.',
    },
    onlyCoordinator: {
      nl: 'Gegevens wissen doet de coördinator.',
      en: 'The coordinator erases data.',
    },
    period: { nl: 'Bewaartermijn na het laatste contact (maanden)', en: 'Retention period after the last contact (months)' },
    periodHint: {
      nl: 'Bijvoorbeeld 24 voor twee jaar. Leeg: geen termijn.',
      en: 'For example 24 for two years. Empty: no period.',
    },
    periodWrong: { nl: 'Vul een heel getal in van 1 tot en met 240, of laat het leeg.', en: 'Enter a whole number from 1 to 240, or leave it empty.' },
    periodSave: { nl: 'Termijn opslaan', en: 'Save period' },
    periodSaved: { nl: 'De bewaartermijn is opgeslagen.', en: 'The retention period has been saved.' },
    noPeriod: {
      nl: 'Er is nog geen bewaartermijn. Vul die hierboven in.',
      en: 'No retention period has been set yet. Enter it above.',
    },
    none: { nl: 'Er zijn geen huishoudens om te wissen.', en: 'There are no households to erase.' },
    caption: { nl: 'Huishoudens voorbij de bewaartermijn', en: 'Households past the retention period' },
    select: { nl: 'Kies', en: 'Select' },
    selectAll: { nl: 'Alles kiezen', en: 'Select all' },
    household: { nl: 'Huishouden', en: 'Household' },
    wijk: { nl: 'Wijk', en: 'Wijk' },
    lastContact: { nl: 'Laatste contact', en: 'Last contact' },
    archived: { nl: 'gearchiveerd', en: 'archived' },
    eraseSelected: {
      nl: (n: number) => (n === 1 ? '1 huishouden wissen' : `${n} huishoudens wissen`),
      en: (n: number) => (n === 1 ? 'Erase 1 household' : `Erase ${n} households`),
    },
    defaultReason: { nl: 'Bewaartermijn voorbij', en: 'Retention period over' },
    erasuresTitle: { nl: 'Gewiste huishoudens', en: 'Erased households' },
    noErasures: { nl: 'Er is nog niets gewist.', en: 'Nothing has been erased yet.' },
    erasuresCaption: { nl: 'Gewiste huishoudens en welke laptops het bevestigden', en: 'Erased households and which laptops confirmed it' },
    erasedOn: { nl: 'Gewist op', en: 'Erased on' },
    requestedOn: { nl: 'Verzoek van', en: 'Requested on' },
    reason: { nl: 'Reden', en: 'Reason' },
    laptops: { nl: 'Laptops', en: 'Laptops' },
    noLaptops: { nl: 'Stond op geen laptop', en: 'Was on no laptop' },
    confirmed: { nl: 'bevestigd', en: 'confirmed' },
    waiting: { nl: 'wacht nog', en: 'still waiting' },
    unknownLaptop: { nl: 'Onbekende laptop', en: 'Unknown laptop' },
    revoked: { nl: 'ingetrokken', en: 'revoked' },
    byHand: { nl: 'door jou bevestigd', en: 'confirmed by you' },
    confirmByHand: { nl: 'Bevestig: gewist', en: 'Confirm: erased' },
    confirmByHandLabel: {
      nl: (name: string) => `Bevestig dat de laptop van ${name} gewist of ingeleverd is`,
      en: (name: string) => `Confirm that ${name}'s laptop was wiped or handed in`,
    },
    confirmByHandTitle: { nl: 'Laptop gewist?', en: 'Laptop wiped?' },
    confirmByHandText: {
      nl: (name: string) =>
        `De koppeling van ${name} is ingetrokken. Die laptop krijgt geen bestanden meer, dus hij kan het wissen niet zelf bevestigen. Bevestig het alleen als je zeker weet dat de gegevens van die laptop zijn gewist, of dat de laptop is ingeleverd.`,
      en: (name: string) =>
        `${name}'s enrolment was revoked. That laptop gets no more files, so it cannot confirm the erasure itself. Only confirm if you are sure its data was wiped, or the laptop was handed in.`,
    },
    confirmByHandDone: { nl: 'Bevestigd.', en: 'Confirmed.' },
    count: {
      nl: (c: number, n: number) => `${c} van ${n} bevestigd`,
      en: (c: number, n: number) => `${c} of ${n} confirmed`,
    },
  },
};

/** These texts and the shared ones, in the active language. */
export const t = localized({ ...shared, ...texts });
