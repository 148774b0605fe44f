// Original file: proto/product/v1/product.proto


export interface OrderRef {
  'order_id'?: (string);
}

export interface OrderRef__Output {
  'order_id': (string);
}
