// Original file: proto/product/v1/product.proto


export interface WatchInventoryRequest {
  'product_ids'?: (string)[];
  'send_initial'?: (boolean);
}

export interface WatchInventoryRequest__Output {
  'product_ids': (string)[];
  'send_initial': (boolean);
}
