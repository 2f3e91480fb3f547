import { get } from 'svelte/store';
import { describe, expect, it } from 'vitest';
import { errorText, inLang, lang, localized } from './i18n';

const texts = {
  title: { nl: 'Huishoudens', en: 'Households' },
  list: {
    count: { nl: (n: number) => `${n} huishoudens`, en: (n: number) => `${n} households` },
    kinds: { owner: { nl: 'Koopwoning', en: 'Owner-occupied' } },
  },
};

describe('texts side by side', () => {
  it('picks one language throughout the tree', () => {
    const nl = inLang(texts, 'nl');
    expect(nl.title).toBe('Huishoudens');
    expect(nl.list.count(3)).toBe('3 huishoudens');
    expect(nl.list.kinds.owner).toBe('Koopwoning');
    expect(inLang(texts, 'en').list.count(3)).toBe('3 households');
  });

  it('follows the language switch', () => {
    const t = localized(texts);
    lang.set('nl');
    expect(get(t).title).toBe('Huishoudens');
    lang.set('en');
    expect(get(t).title).toBe('Households');
    lang.set('nl');
  });

  it('shows an error in the chosen language, Dutch when the English one is missing', () => {
    expect(errorText({ message: 'Fout', message_en: 'Error' }, 'en')).toBe('Error');
    expect(errorText({ message: 'Fout', message_en: '' }, 'en')).toBe('Fout');
    expect(errorText({ message: 'Fout', message_en: 'Error' }, 'nl')).toBe('Fout');
  });
});
