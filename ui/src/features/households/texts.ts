// Texts of the household list, detail and form, Dutch and English side by side.
import type { ContractType, Heating, Language, Tenure } from '../../generated/bindings';
import { localized, type Both } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';

export const texts = {
  list: {
    title: { nl: 'Huishoudens', en: 'Households' },
    unreadable: {
      nl: (n: number) =>
        `${n === 1 ? 'Eén gegeven kan' : `${n} gegevens kunnen`} niet gelezen worden. Die staan niet in de lijsten; de rest wel. Vraag je coördinator om hulp.`,
      en: (n: number) =>
        `${n === 1 ? 'One record' : `${n} records`} cannot be read. They are left out of the lists; everything else is shown. Ask your coordinator for help.`,
    },
    search: { nl: 'Zoeken', en: 'Search' },
    searchPlaceholder: { nl: 'Naam, adres, postcode of wijk', en: 'Name, address, postcode or neighbourhood' },
    wijk: { nl: 'Wijk', en: 'Neighbourhood' },
    allWijken: { nl: 'Alle wijken', en: 'All neighbourhoods' },
    showArchived: { nl: 'Ook gearchiveerde tonen', en: 'Also show archived' },
    newHousehold: { nl: 'Nieuw huishouden', en: 'New household' },
    count: {
      nl: (n: number) => (n === 1 ? '1 huishouden' : `${n.toLocaleString('nl-NL')} huishoudens`),
      en: (n: number) => (n === 1 ? '1 household' : `${n.toLocaleString('en-GB')} households`),
    },
    loading: { nl: 'Huishoudens laden…', en: 'Loading households…' },
    searching: { nl: 'Huishoudens zoeken…', en: 'Searching households…' },
    rowLoading: { nl: 'Laden…', en: 'Loading…' },
    unreadableRow: {
      nl: 'Dit huishouden kan niet gelezen worden.',
      en: 'This household cannot be read.',
    },
    empty: {
      nl: 'Er zijn nog geen huishoudens. Klik op ‘Nieuw huishouden’ om er een toe te voegen.',
      en: 'There are no households yet. Click ‘New household’ to add one.',
    },
    noMatch: {
      nl: 'Geen huishoudens gevonden. Probeer een ander zoekwoord of kies een andere wijk.',
      en: 'No households found. Try another search word or choose another neighbourhood.',
    },
    nextVisit: { nl: 'Volgend bezoek', en: 'Next visit' },
    noVisit: { nl: 'Geen bezoek gepland', en: 'No visit planned' },
    colName: { nl: 'Huishouden', en: 'Household' },
    colWijk: { nl: 'Wijk', en: 'Neighbourhood' },
  },
  badge: {
    bewind: { nl: 'Onder bewind', en: 'Under administration' },
    archived: { nl: 'Gearchiveerd', en: 'Archived' },
  },
  household: {
    newTitle: { nl: 'Nieuw huishouden', en: 'New household' },
    editTitle: { nl: 'Huishouden bewerken', en: 'Edit household' },
    sectionAddress: { nl: 'Naam en adres', en: 'Name and address' },
    sectionHome: { nl: 'Gezin en woning', en: 'Family and home' },
    sectionEnergy: { nl: 'Energie', en: 'Energy' },
    sectionBewind: { nl: 'Bewind', en: 'Financial administration' },
    sectionNotes: { nl: 'Notities', en: 'Notes' },
    name: { nl: 'Naam of code', en: 'Name or code' },
    nameHint: {
      nl: 'Gebruik een code als het huishouden liever niet met naam genoemd wordt.',
      en: 'Use a code if the household prefers not to be named.',
    },
    street_address: { nl: 'Straat en huisnummer', en: 'Street and house number' },
    postcode: { nl: 'Postcode', en: 'Postcode' },
    city: { nl: 'Woonplaats', en: 'Town' },
    wijk: { nl: 'Wijk', en: 'Neighbourhood' },
    adults: { nl: 'Volwassenen', en: 'Adults' },
    children: { nl: 'Kinderen', en: 'Children' },
    tenure: { nl: 'Woning', en: 'Home' },
    landlord: { nl: 'Verhuurder', en: 'Landlord' },
    energy_supplier: { nl: 'Energieleverancier', en: 'Energy supplier' },
    contract_type: { nl: 'Soort contract', en: 'Type of contract' },
    heating: { nl: 'Verwarming', en: 'Heating' },
    under_bewind: { nl: 'Onder bewind', en: 'Under financial administration (bewind)' },
    administrator_name: { nl: 'Bewindvoerder', en: 'Administrator (bewindvoerder)' },
    administrator_contact: { nl: 'Telefoon of e-mail bewindvoerder', en: 'Phone or e-mail of the administrator' },
    notes: { nl: 'Notities', en: 'Notes' },
    language: { nl: 'Taal van het overzicht', en: 'Language of the overview' },
    languageHint: {
      nl: 'Het huishouden krijgt na het bezoek een overzicht op papier, in deze taal.',
      en: 'After the visit the household gets an overview on paper, in this language.',
    },
    postcodeInvalid: {
      nl: 'Deze postcode klopt niet. Schrijf hem als 1234 AB: vier cijfers en twee letters.',
      en: 'This postcode is not valid. Write it as 1234 AB: four digits and two letters.',
    },
    numberInvalid: { nl: 'Vul een aantal van 0 tot en met 30 in.', en: 'Enter a number from 0 to 30.' },
    nameRequired: { nl: 'Vul een naam of code in.', en: 'Enter a name or code.' },
    created: { nl: 'Het huishouden is opgeslagen.', en: 'The household has been saved.' },
    people: {
      nl: (a: number, c: number) =>
        `${a} ${a === 1 ? 'volwassene' : 'volwassenen'}, ${c} ${c === 1 ? 'kind' : 'kinderen'}`,
      en: (a: number, c: number) =>
        `${a} ${a === 1 ? 'adult' : 'adults'}, ${c} ${c === 1 ? 'child' : 'children'}`,
    },
  },
  tenure: {
    housing_association: { nl: 'Huurwoning corporatie', en: 'Housing association rental' },
    private_rent: { nl: 'Particuliere huur', en: 'Private rental' },
    owner: { nl: 'Koopwoning', en: 'Owner-occupied' },
  } satisfies Record<Tenure, Both<string>>,
  // A function per language: a table keyed nl/en would read as one text in both languages.
  languageName: {
    nl: (l: Language) => (l === 'en' ? 'Engels (English)' : 'Nederlands'),
    en: (l: Language) => (l === 'en' ? 'English' : 'Dutch'),
  },
  contract: {
    fixed: { nl: 'Vast', en: 'Fixed' },
    variable: { nl: 'Variabel', en: 'Variable' },
    dynamic: { nl: 'Dynamisch', en: 'Dynamic' },
  } satisfies Record<ContractType, Both<string>>,
  heating: {
    gas_boiler: { nl: 'Cv-ketel op gas', en: 'Gas boiler' },
    district_heating: { nl: 'Stadsverwarming', en: 'District heating' },
    block_connection: { nl: 'Blokaansluiting', en: 'Shared block heating' },
    heat_pump: { nl: 'Warmtepomp', en: 'Heat pump' },
    electric: { nl: 'Elektrisch', en: 'Electric' },
    other: { nl: 'Anders', en: 'Other' },
  } satisfies Record<Heating, Both<string>>,
  detail: {
    archive: { nl: 'Archiveren', en: 'Archive' },
    unarchive: { nl: 'Terughalen', en: 'Restore' },
    archiveTitle: { nl: 'Huishouden archiveren?', en: 'Archive this household?' },
    archiveText: {
      nl: 'Een gearchiveerd huishouden staat niet meer in de lijst. Er wordt niets weggegooid: je kunt het altijd terughalen.',
      en: 'An archived household is no longer shown in the list. Nothing is deleted: you can always restore it.',
    },
    archiveConfirm: { nl: 'Ja, archiveren', en: 'Yes, archive' },
    archivedNotice: { nl: 'Dit huishouden is gearchiveerd.', en: 'This household is archived.' },
    notFound: { nl: 'Dit huishouden bestaat niet (meer).', en: 'This household does not exist (any more).' },
    address: { nl: 'Adres', en: 'Address' },
    people: { nl: 'Gezin', en: 'Family' },
    noNotes: { nl: 'Geen notities.', en: 'No notes.' },
  },
};

/** These texts and the shared ones, in the active language: `$t.list.title`, `$t.common.save`. */
export const t = localized({ ...shared, ...texts });
