// Original file: proto/shop/diagnostics/v1/diagnostics.proto


export interface EchoRequest {
  'message'?: (string);
}

export interface EchoRequest__Output {
  'message': (string);
}
