// The consent commands.
import type { ConsentEvent, ConsentInput } from '../../generated/bindings';
import { call } from '../../shared/api';

export const api = {
  recordConsent: (input: ConsentInput) => call<ConsentEvent>('record_consent', { input }),
};
