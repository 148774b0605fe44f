// Original file: proto/auth/v1/auth.proto


export interface SessionEvent {
  'type'?: (string);
  'user_id'?: (string);
  'family_id'?: (string);
  'at'?: (string);
  'ip'?: (string);
}

export interface SessionEvent__Output {
  'type': (string);
  'user_id': (string);
  'family_id': (string);
  'at': (string);
  'ip': (string);
}
