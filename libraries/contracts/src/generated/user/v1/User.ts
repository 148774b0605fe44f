// Original file: proto/user/v1/user.proto

import type { UserStatus as _user_v1_UserStatus, UserStatus__Output as _user_v1_UserStatus__Output } from '../../user/v1/UserStatus';

export interface User {
  'id'?: (string);
  'email'?: (string);
  'name'?: (string);
  'roles'?: (string)[];
  'created_at'?: (string);
  'updated_at'?: (string);
  'status'?: (_user_v1_UserStatus);
}

export interface User__Output {
  'id': (string);
  'email': (string);
  'name': (string);
  'roles': (string)[];
  'created_at': (string);
  'updated_at': (string);
  'status': (_user_v1_UserStatus__Output);
}
