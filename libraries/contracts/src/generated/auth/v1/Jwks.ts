// Original file: proto/auth/v1/auth.proto


export interface Jwks {
  'json'?: (string);
}

export interface Jwks__Output {
  'json': (string);
}
