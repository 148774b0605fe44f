import type { DomainEvent } from './ports';
import type { Product } from './product';

// Event ids are derived from the fact (product id + its updatedAt, or + stock version), so a
// publish retried after a timeout carries the same id and subscribers drop the duplicate.
const stamp = (p: Product) => p.updatedAt.getTime();

export const productSnapshot = (p: Product) => ({
  id: p.id,
  sku: p.sku,
  name: p.name,
  categoryId: p.categoryId,
  price: p.price,
  currency: p.currency,
  updatedAt: p.updatedAt.toISOString(),
});

export const productCreated = (p: Product): DomainEvent => ({
  topic: 'product.created',
  id: `product.created/${p.id}`,
  data: productSnapshot(p),
});

export const productUpdated = (p: Product): DomainEvent => ({
  topic: 'product.updated',
  id: `product.updated/${p.id}/${stamp(p)}`,
  data: productSnapshot(p),
});

export const priceChanged = (before: Product, after: Product): DomainEvent => ({
  topic: 'product.price-changed',
  id: `product.price-changed/${after.id}/${stamp(after)}`,
  data: {
    productId: after.id,
    oldPrice: before.price,
    newPrice: after.price,
    currency: after.currency,
    changedAt: after.updatedAt.toISOString(),
  },
});

export const productDeleted = (p: Product, at: Date): DomainEvent => ({
  topic: 'product.deleted',
  id: `product.deleted/${p.id}`,
  data: { productId: p.id, sku: p.sku, deletedAt: at.toISOString() },
});

export const inventoryChanged = (p: Product, at: Date): DomainEvent => ({
  topic: 'inventory.changed',
  id: `inventory.changed/${p.id}/${p.stockVersion}`,
  data: { productId: p.id, stock: p.stock, version: p.stockVersion, changedAt: at.toISOString() },
});

export const inventoryLow = (p: Product, threshold: number, at: Date): DomainEvent => ({
  topic: 'inventory.low',
  id: `inventory.low/${p.id}/${p.stockVersion}`,
  data: { productId: p.id, stock: p.stock, threshold, version: p.stockVersion, at: at.toISOString() },
});
