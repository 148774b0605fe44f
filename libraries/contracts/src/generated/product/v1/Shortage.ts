// Original file: proto/product/v1/product.proto


export interface Shortage {
  'product_id'?: (string);
  'requested'?: (number);
  'available'?: (number);
}

export interface Shortage__Output {
  'product_id': (string);
  'requested': (number);
  'available': (number);
}
