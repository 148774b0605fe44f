// Original file: proto/product/v1/product.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetProductsRequest as _product_v1_GetProductsRequest, GetProductsRequest__Output as _product_v1_GetProductsRequest__Output } from '../../product/v1/GetProductsRequest';
import type { GetProductsResponse as _product_v1_GetProductsResponse, GetProductsResponse__Output as _product_v1_GetProductsResponse__Output } from '../../product/v1/GetProductsResponse';
import type { InventoryUpdate as _product_v1_InventoryUpdate, InventoryUpdate__Output as _product_v1_InventoryUpdate__Output } from '../../product/v1/InventoryUpdate';
import type { OrderRef as _product_v1_OrderRef, OrderRef__Output as _product_v1_OrderRef__Output } from '../../product/v1/OrderRef';
import type { ReservationResult as _product_v1_ReservationResult, ReservationResult__Output as _product_v1_ReservationResult__Output } from '../../product/v1/ReservationResult';
import type { ReserveStockRequest as _product_v1_ReserveStockRequest, ReserveStockRequest__Output as _product_v1_ReserveStockRequest__Output } from '../../product/v1/ReserveStockRequest';
import type { WatchInventoryRequest as _product_v1_WatchInventoryRequest, WatchInventoryRequest__Output as _product_v1_WatchInventoryRequest__Output } from '../../product/v1/WatchInventoryRequest';

export interface ProductServiceClient extends grpc.Client {
  CommitStock(argument: _product_v1_OrderRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  CommitStock(argument: _product_v1_OrderRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  CommitStock(argument: _product_v1_OrderRef, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  CommitStock(argument: _product_v1_OrderRef, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  commitStock(argument: _product_v1_OrderRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  commitStock(argument: _product_v1_OrderRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  commitStock(argument: _product_v1_OrderRef, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  commitStock(argument: _product_v1_OrderRef, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  
  GetProducts(argument: _product_v1_GetProductsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_GetProductsResponse__Output>): grpc.ClientUnaryCall;
  GetProducts(argument: _product_v1_GetProductsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_v1_GetProductsResponse__Output>): grpc.ClientUnaryCall;
  GetProducts(argument: _product_v1_GetProductsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_GetProductsResponse__Output>): grpc.ClientUnaryCall;
  GetProducts(argument: _product_v1_GetProductsRequest, callback: grpc.requestCallback<_product_v1_GetProductsResponse__Output>): grpc.ClientUnaryCall;
  getProducts(argument: _product_v1_GetProductsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_GetProductsResponse__Output>): grpc.ClientUnaryCall;
  getProducts(argument: _product_v1_GetProductsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_v1_GetProductsResponse__Output>): grpc.ClientUnaryCall;
  getProducts(argument: _product_v1_GetProductsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_GetProductsResponse__Output>): grpc.ClientUnaryCall;
  getProducts(argument: _product_v1_GetProductsRequest, callback: grpc.requestCallback<_product_v1_GetProductsResponse__Output>): grpc.ClientUnaryCall;
  
  ReleaseStock(argument: _product_v1_OrderRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  ReleaseStock(argument: _product_v1_OrderRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  ReleaseStock(argument: _product_v1_OrderRef, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  ReleaseStock(argument: _product_v1_OrderRef, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  releaseStock(argument: _product_v1_OrderRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  releaseStock(argument: _product_v1_OrderRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  releaseStock(argument: _product_v1_OrderRef, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  releaseStock(argument: _product_v1_OrderRef, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  
  ReserveStock(argument: _product_v1_ReserveStockRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  ReserveStock(argument: _product_v1_ReserveStockRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  ReserveStock(argument: _product_v1_ReserveStockRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  ReserveStock(argument: _product_v1_ReserveStockRequest, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  reserveStock(argument: _product_v1_ReserveStockRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  reserveStock(argument: _product_v1_ReserveStockRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  reserveStock(argument: _product_v1_ReserveStockRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  reserveStock(argument: _product_v1_ReserveStockRequest, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  
  ReturnStock(argument: _product_v1_OrderRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  ReturnStock(argument: _product_v1_OrderRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  ReturnStock(argument: _product_v1_OrderRef, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  ReturnStock(argument: _product_v1_OrderRef, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  returnStock(argument: _product_v1_OrderRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  returnStock(argument: _product_v1_OrderRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  returnStock(argument: _product_v1_OrderRef, options: grpc.CallOptions, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  returnStock(argument: _product_v1_OrderRef, callback: grpc.requestCallback<_product_v1_ReservationResult__Output>): grpc.ClientUnaryCall;
  
  WatchInventory(argument: _product_v1_WatchInventoryRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_product_v1_InventoryUpdate__Output>;
  WatchInventory(argument: _product_v1_WatchInventoryRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_product_v1_InventoryUpdate__Output>;
  watchInventory(argument: _product_v1_WatchInventoryRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_product_v1_InventoryUpdate__Output>;
  watchInventory(argument: _product_v1_WatchInventoryRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_product_v1_InventoryUpdate__Output>;
  
}

export interface ProductServiceHandlers extends grpc.UntypedServiceImplementation {
  CommitStock: grpc.handleUnaryCall<_product_v1_OrderRef__Output, _product_v1_ReservationResult>;
  
  GetProducts: grpc.handleUnaryCall<_product_v1_GetProductsRequest__Output, _product_v1_GetProductsResponse>;
  
  ReleaseStock: grpc.handleUnaryCall<_product_v1_OrderRef__Output, _product_v1_ReservationResult>;
  
  ReserveStock: grpc.handleUnaryCall<_product_v1_ReserveStockRequest__Output, _product_v1_ReservationResult>;
  
  ReturnStock: grpc.handleUnaryCall<_product_v1_OrderRef__Output, _product_v1_ReservationResult>;
  
  WatchInventory: grpc.handleServerStreamingCall<_product_v1_WatchInventoryRequest__Output, _product_v1_InventoryUpdate>;
  
}

export interface ProductServiceDefinition extends grpc.ServiceDefinition {
  CommitStock: MethodDefinition<_product_v1_OrderRef, _product_v1_ReservationResult, _product_v1_OrderRef__Output, _product_v1_ReservationResult__Output>
  GetProducts: MethodDefinition<_product_v1_GetProductsRequest, _product_v1_GetProductsResponse, _product_v1_GetProductsRequest__Output, _product_v1_GetProductsResponse__Output>
  ReleaseStock: MethodDefinition<_product_v1_OrderRef, _product_v1_ReservationResult, _product_v1_OrderRef__Output, _product_v1_ReservationResult__Output>
  ReserveStock: MethodDefinition<_product_v1_ReserveStockRequest, _product_v1_ReservationResult, _product_v1_ReserveStockRequest__Output, _product_v1_ReservationResult__Output>
  ReturnStock: MethodDefinition<_product_v1_OrderRef, _product_v1_ReservationResult, _product_v1_OrderRef__Output, _product_v1_ReservationResult__Output>
  WatchInventory: MethodDefinition<_product_v1_WatchInventoryRequest, _product_v1_InventoryUpdate, _product_v1_WatchInventoryRequest__Output, _product_v1_InventoryUpdate__Output>
}
