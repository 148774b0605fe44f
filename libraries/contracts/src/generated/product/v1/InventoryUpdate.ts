// Original file: proto/product/v1/product.proto

import type { Long } from '@grpc/proto-loader';

export interface InventoryUpdate {
  'product_id'?: (string);
  'stock'?: (number);
  'version'?: (number | string | Long);
  'changed_at'?: (string);
}

export interface InventoryUpdate__Output {
  'product_id': (string);
  'stock': (number);
  'version': (string);
  'changed_at': (string);
}
