// Original file: proto/auth/v1/auth.proto

import type { Long } from '@grpc/proto-loader';

export interface Principal {
  'user_id'?: (string);
  'roles'?: (string)[];
  'token_id'?: (string);
  'expires_at'?: (number | string | Long);
}

export interface Principal__Output {
  'user_id': (string);
  'roles': (string)[];
  'token_id': (string);
  'expires_at': (string);
}
