// Original file: proto/user/v1/user.proto


export interface VerifyCredentialsRequest {
  'email'?: (string);
  'password'?: (string);
}

export interface VerifyCredentialsRequest__Output {
  'email': (string);
  'password': (string);
}
