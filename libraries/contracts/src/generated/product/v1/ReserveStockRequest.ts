// Original file: proto/product/v1/product.proto

import type { StockLine as _product_v1_StockLine, StockLine__Output as _product_v1_StockLine__Output } from '../../product/v1/StockLine';

export interface ReserveStockRequest {
  'order_id'?: (string);
  'items'?: (_product_v1_StockLine)[];
  'ttl_seconds'?: (number);
}

export interface ReserveStockRequest__Output {
  'order_id': (string);
  'items': (_product_v1_StockLine__Output)[];
  'ttl_seconds': (number);
}
