// Original file: proto/auth/v1/auth.proto

import type { SessionEventType as _auth_v1_SessionEventType, SessionEventType__Output as _auth_v1_SessionEventType__Output } from '../../auth/v1/SessionEventType';

export interface SessionEvent {
  'user_id'?: (string);
  'family_id'?: (string);
  'at'?: (string);
  'ip'?: (string);
  'type'?: (_auth_v1_SessionEventType);
}

export interface SessionEvent__Output {
  'user_id': (string);
  'family_id': (string);
  'at': (string);
  'ip': (string);
  'type': (_auth_v1_SessionEventType__Output);
}
