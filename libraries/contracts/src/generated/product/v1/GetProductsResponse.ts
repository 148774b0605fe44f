// Original file: proto/product/v1/product.proto

import type { ProductSummary as _product_v1_ProductSummary, ProductSummary__Output as _product_v1_ProductSummary__Output } from '../../product/v1/ProductSummary';

export interface GetProductsResponse {
  'products'?: (_product_v1_ProductSummary)[];
}

export interface GetProductsResponse__Output {
  'products': (_product_v1_ProductSummary__Output)[];
}
