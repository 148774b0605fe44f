// Original file: proto/user/v1/user.proto

import type { User as _user_v1_User, User__Output as _user_v1_User__Output } from '../../user/v1/User';

export interface VerifyCredentialsResponse {
  'valid'?: (boolean);
  'user'?: (_user_v1_User | null);
}

export interface VerifyCredentialsResponse__Output {
  'valid': (boolean);
  'user': (_user_v1_User__Output | null);
}
