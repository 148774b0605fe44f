// Original file: proto/shop/diagnostics/v1/diagnostics.proto


export interface Tick {
  'remaining'?: (number);
  'service'?: (string);
}

export interface Tick__Output {
  'remaining': (number);
  'service': (string);
}
