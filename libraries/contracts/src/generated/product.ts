import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { GetProductsRequest as _product_v1_GetProductsRequest, GetProductsRequest__Output as _product_v1_GetProductsRequest__Output } from './product/v1/GetProductsRequest';
import type { GetProductsResponse as _product_v1_GetProductsResponse, GetProductsResponse__Output as _product_v1_GetProductsResponse__Output } from './product/v1/GetProductsResponse';
import type { InventoryUpdate as _product_v1_InventoryUpdate, InventoryUpdate__Output as _product_v1_InventoryUpdate__Output } from './product/v1/InventoryUpdate';
import type { OrderRef as _product_v1_OrderRef, OrderRef__Output as _product_v1_OrderRef__Output } from './product/v1/OrderRef';
import type { ProductServiceClient as _product_v1_ProductServiceClient, ProductServiceDefinition as _product_v1_ProductServiceDefinition } from './product/v1/ProductService';
import type { ProductSummary as _product_v1_ProductSummary, ProductSummary__Output as _product_v1_ProductSummary__Output } from './product/v1/ProductSummary';
import type { ReservationResult as _product_v1_ReservationResult, ReservationResult__Output as _product_v1_ReservationResult__Output } from './product/v1/ReservationResult';
import type { ReserveStockRequest as _product_v1_ReserveStockRequest, ReserveStockRequest__Output as _product_v1_ReserveStockRequest__Output } from './product/v1/ReserveStockRequest';
import type { Shortage as _product_v1_Shortage, Shortage__Output as _product_v1_Shortage__Output } from './product/v1/Shortage';
import type { StockLine as _product_v1_StockLine, StockLine__Output as _product_v1_StockLine__Output } from './product/v1/StockLine';
import type { WatchInventoryRequest as _product_v1_WatchInventoryRequest, WatchInventoryRequest__Output as _product_v1_WatchInventoryRequest__Output } from './product/v1/WatchInventoryRequest';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  product: {
    v1: {
      GetProductsRequest: MessageTypeDefinition<_product_v1_GetProductsRequest, _product_v1_GetProductsRequest__Output>
      GetProductsResponse: MessageTypeDefinition<_product_v1_GetProductsResponse, _product_v1_GetProductsResponse__Output>
      InventoryUpdate: MessageTypeDefinition<_product_v1_InventoryUpdate, _product_v1_InventoryUpdate__Output>
      OrderRef: MessageTypeDefinition<_product_v1_OrderRef, _product_v1_OrderRef__Output>
      ProductService: SubtypeConstructor<typeof grpc.Client, _product_v1_ProductServiceClient> & { service: _product_v1_ProductServiceDefinition }
      ProductSummary: MessageTypeDefinition<_product_v1_ProductSummary, _product_v1_ProductSummary__Output>
      ReservationResult: MessageTypeDefinition<_product_v1_ReservationResult, _product_v1_ReservationResult__Output>
      ReservationStatus: EnumTypeDefinition
      ReserveStockRequest: MessageTypeDefinition<_product_v1_ReserveStockRequest, _product_v1_ReserveStockRequest__Output>
      Shortage: MessageTypeDefinition<_product_v1_Shortage, _product_v1_Shortage__Output>
      StockLine: MessageTypeDefinition<_product_v1_StockLine, _product_v1_StockLine__Output>
      WatchInventoryRequest: MessageTypeDefinition<_product_v1_WatchInventoryRequest, _product_v1_WatchInventoryRequest__Output>
    }
  }
}

