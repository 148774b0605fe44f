// Original file: proto/product/v1/product.proto

import type { Long } from '@grpc/proto-loader';

export interface ProductSummary {
  'id'?: (string);
  'found'?: (boolean);
  'sku'?: (string);
  'name'?: (string);
  'price'?: (number | string | Long);
  'currency'?: (string);
  'available'?: (number);
  'version'?: (number | string | Long);
  'deleted'?: (boolean);
}

export interface ProductSummary__Output {
  'id': (string);
  'found': (boolean);
  'sku': (string);
  'name': (string);
  'price': (string);
  'currency': (string);
  'available': (number);
  'version': (string);
  'deleted': (boolean);
}
