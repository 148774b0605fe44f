// Original file: proto/user/v1/user.proto


export interface GetAddressRequest {
  'user_id'?: (string);
  'address_id'?: (string);
}

export interface GetAddressRequest__Output {
  'user_id': (string);
  'address_id': (string);
}
