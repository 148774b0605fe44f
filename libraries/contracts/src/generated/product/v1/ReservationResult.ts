// Original file: proto/product/v1/product.proto

import type { Shortage as _product_v1_Shortage, Shortage__Output as _product_v1_Shortage__Output } from '../../product/v1/Shortage';
import type { ReservationStatus as _product_v1_ReservationStatus, ReservationStatus__Output as _product_v1_ReservationStatus__Output } from '../../product/v1/ReservationStatus';

export interface ReservationResult {
  'order_id'?: (string);
  'reserved'?: (boolean);
  'expires_at'?: (string);
  'shortages'?: (_product_v1_Shortage)[];
  'status'?: (_product_v1_ReservationStatus);
}

export interface ReservationResult__Output {
  'order_id': (string);
  'reserved': (boolean);
  'expires_at': (string);
  'shortages': (_product_v1_Shortage__Output)[];
  'status': (_product_v1_ReservationStatus__Output);
}
