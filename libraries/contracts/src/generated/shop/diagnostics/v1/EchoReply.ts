// Original file: proto/shop/diagnostics/v1/diagnostics.proto


export interface EchoReply {
  'message'?: (string);
  'service'?: (string);
  'trace_id'?: (string);
}

export interface EchoReply__Output {
  'message': (string);
  'service': (string);
  'trace_id': (string);
}
