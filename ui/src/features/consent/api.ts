// The consent commands.
import type { ConsentEvent, ConsentInput } from '../../generated/bindings';
import { call } from '../../shared/api';

export const api = {
  recordConsent: (input: ConsentInput) => call<ConsentEvent>('record_consent', { input }),
  /** Several scopes in one go: all recorded, or none. */
  recordConsents: (inputs: ConsentInput[]) => call<ConsentEvent[]>('record_consents', { inputs }),
};
