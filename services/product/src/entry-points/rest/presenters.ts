import type { Category } from '../../domain/category';
import type { Page, Product } from '../../domain/product';
import type { Review } from '../../domain/review';

// The public shapes of §5 of the brief; nothing internal (keywords, stockVersion) leaks.
export const productJson = (p: Product) => ({
  id: p.id,
  sku: p.sku,
  name: p.name,
  description: p.description,
  categoryId: p.categoryId,
  price: p.price,
  currency: p.currency,
  attributes: p.attributes,
  images: p.images,
  tags: p.tags,
  stock: p.stock,
  rating: p.rating,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

export const categoryJson = (c: Category) => ({
  id: c.id,
  name: c.name,
  slug: c.slug,
  parentId: c.parentId,
  attributes: c.attributes,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const reviewJson = (r: Review) => ({
  id: r.id,
  productId: r.productId,
  userId: r.userId,
  rating: r.rating,
  ...(r.title === undefined ? {} : { title: r.title }),
  ...(r.body === undefined ? {} : { body: r.body }),
  createdAt: r.createdAt.toISOString(),
});

export const pageJson = <T, J>(page: Page<T>, map: (item: T) => J) => ({
  items: page.items.map(map),
  total: page.total,
  page: page.page,
  pageSize: page.pageSize,
});
