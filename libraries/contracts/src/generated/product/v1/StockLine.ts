// Original file: proto/product/v1/product.proto


export interface StockLine {
  'product_id'?: (string);
  'quantity'?: (number);
}

export interface StockLine__Output {
  'product_id': (string);
  'quantity': (number);
}
