// Original file: proto/product/v1/product.proto


export interface GetProductsRequest {
  'ids'?: (string)[];
}

export interface GetProductsRequest__Output {
  'ids': (string)[];
}
