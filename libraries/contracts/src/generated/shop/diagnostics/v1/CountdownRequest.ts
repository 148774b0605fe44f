// Original file: proto/shop/diagnostics/v1/diagnostics.proto


export interface CountdownRequest {
  'from'?: (number);
  'interval_ms'?: (number);
}

export interface CountdownRequest__Output {
  'from': (number);
  'interval_ms': (number);
}
