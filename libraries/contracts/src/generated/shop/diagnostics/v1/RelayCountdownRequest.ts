// Original file: proto/shop/diagnostics/v1/diagnostics.proto


export interface RelayCountdownRequest {
  'target_app_id'?: (string);
  'from'?: (number);
  'interval_ms'?: (number);
}

export interface RelayCountdownRequest__Output {
  'target_app_id': (string);
  'from': (number);
  'interval_ms': (number);
}
