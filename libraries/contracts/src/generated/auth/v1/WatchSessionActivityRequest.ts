// Original file: proto/auth/v1/auth.proto


export interface WatchSessionActivityRequest {
  'user_id'?: (string);
}

export interface WatchSessionActivityRequest__Output {
  'user_id': (string);
}
