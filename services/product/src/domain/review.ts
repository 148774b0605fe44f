export interface Review {
  readonly id: string;
  readonly productId: string;
  readonly userId: string;
  readonly rating: number;
  readonly title?: string;
  readonly body?: string;
  readonly createdAt: Date;
}
