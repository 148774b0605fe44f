// Original file: proto/user/v1/user.proto


export interface Address {
  'id'?: (string);
  'user_id'?: (string);
  'recipient'?: (string);
  'line1'?: (string);
  'line2'?: (string);
  'city'?: (string);
  'region'?: (string);
  'postal_code'?: (string);
  'country'?: (string);
  'phone'?: (string);
  'is_default'?: (boolean);
}

export interface Address__Output {
  'id': (string);
  'user_id': (string);
  'recipient': (string);
  'line1': (string);
  'line2': (string);
  'city': (string);
  'region': (string);
  'postal_code': (string);
  'country': (string);
  'phone': (string);
  'is_default': (boolean);
}
