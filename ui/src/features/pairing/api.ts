// The commands of pairing codes: this installation's code, saving it as a file, and reading
// someone else's code (a pasted line or a file) to compare its fingerprint.
import type { PairingView } from '../../generated/api';
import { call } from '../../shared/api';

export const api = {
  ownPairing: () => call<PairingView>('own_pairing'),
  /** Writes `keukentafel-koppelcode.txt` into `dir` (a full path); returns the file's path. */
  savePairingFile: (dir: string) => call<string>('save_pairing_file', { dir }),
  /** Reads a pasted code line or a pairing file's path; stores nothing. */
  readPairing: (code: string) => call<PairingView>('read_pairing', { code }),
};
