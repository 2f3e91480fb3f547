import { describe, expect, it } from 'vitest';
import type { ConsentStatus } from '../../generated/bindings';
import { changedConsents, currentChoices } from './consent';
import { texts } from './texts';

const consent: ConsentStatus[] = [
  { scope: 'energy_advice', state: 'given', since: '2026-01-05', text_version: '2026.1' },
  { scope: 'share_landlord', state: 'withdrawn', since: '2026-01-05', text_version: '2026.1' },
];

describe('the consent form', () => {
  it('starts from the current consent, not asked where nothing is recorded', () => {
    expect(currentChoices(consent, ['energy_advice', 'share_landlord', 'share_supplier'])).toEqual({
      energy_advice: 'given',
      share_landlord: 'withdrawn',
      share_supplier: 'unknown',
    });
  });

  it('sends only the scopes whose answer changed, with one date and the text version read out', () => {
    const inputs = changedConsents(
      'h1',
      consent,
      { energy_advice: 'given', share_landlord: 'given', share_supplier: 'withdrawn', debt_help: 'unknown' },
      '2026.1',
      '2026-03-02',
    );
    expect(inputs).toEqual([
      { household_id: 'h1', scope: 'share_landlord', given: true, text_version: '2026.1', date: '2026-03-02' },
      { household_id: 'h1', scope: 'share_supplier', given: false, text_version: '2026.1', date: '2026-03-02' },
    ]);
  });

  it('shows a refused scope as "Nee" and does not send it again as "Nee"', () => {
    const refused: ConsentStatus[] = [{ scope: 'share_supplier', state: 'refused', since: '2026-01-05', text_version: '2026.1' }];
    expect(currentChoices(refused, ['share_supplier'])).toEqual({ share_supplier: 'withdrawn' });
    expect(changedConsents('h1', refused, { share_supplier: 'withdrawn' }, '2026.1', '2026-03-02')).toEqual([]);
    expect(changedConsents('h1', refused, { share_supplier: 'given' }, '2026.1', '2026-03-02')).toHaveLength(1);
  });

  it('has nothing to send when nothing changed', () => {
    expect(changedConsents('h1', consent, currentChoices(consent, ['energy_advice', 'debt_help']), '2026.1', '2026-03-02')).toEqual([]);
  });

  it('names the version of the text that was read out', () => {
    expect(texts.consent.readVersion.nl('2026.1')).toBe('Gelezen tekst: versie 2026.1');
  });
});
