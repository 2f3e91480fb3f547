// The profile commands.
import type { UserProfile, UserProfileInput } from '../../generated/bindings';
import { call } from '../../shared/api';

export const api = {
  saveProfile: (input: UserProfileInput) => call<UserProfile>('save_profile', { input }),
};
