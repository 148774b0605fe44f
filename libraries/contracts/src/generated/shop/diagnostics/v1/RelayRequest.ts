// Original file: proto/shop/diagnostics/v1/diagnostics.proto


export interface RelayRequest {
  'target_app_id'?: (string);
  'message'?: (string);
}

export interface RelayRequest__Output {
  'target_app_id': (string);
  'message': (string);
}
