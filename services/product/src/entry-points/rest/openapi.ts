// The product service's public routes for the shop's OpenAPI document, from the schemas the
// routes validate with (schemas.ts) and the shapes presenters.ts produces.
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { isoTimestamp, operation, pageOf, type SuccessSpec } from '@shop/service-kit/openapi';
import { CATALOG_CACHE_CONTROL } from './http-cache';
import {
  createCategoryBody,
  createProductBody,
  idParams,
  inventoryBody,
  listQuery,
  pageQuery,
  reviewBody,
  reviewParams,
  updateCategoryBody,
  updateProductBody,
} from './schemas';

const attributeValue = z.union([z.string(), z.number(), z.boolean()]);

export const productSchema = z
  .object({
    id: z.string(),
    sku: z.string(),
    name: z.string(),
    description: z.string(),
    categoryId: z.string(),
    price: z.number().int().min(0).meta({ description: 'Minor units of `currency`' }),
    currency: z.string().regex(/^[A-Z]{3}$/),
    attributes: z.record(z.string(), attributeValue),
    images: z.array(z.string()),
    tags: z.array(z.string()),
    stock: z.number().int().min(0).meta({ description: 'What can still be bought' }),
    rating: z.object({ average: z.number().min(0).max(5), count: z.number().int().min(0) }),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
  })
  .meta({
    id: 'Product',
    example: {
      id: '5d0c6a8e-0d7f-4f5e-9a37-7f4a5c1b2e10',
      sku: 'KTL-001',
      name: 'Kettle',
      description: 'A 1.7 l kettle',
      categoryId: 'kitchen',
      price: 1999,
      currency: 'USD',
      attributes: { colour: 'steel', litres: 1.7 },
      images: [],
      tags: ['kitchen'],
      stock: 12,
      rating: { average: 4.5, count: 2 },
      createdAt: '2026-12-01T09:30:00.000Z',
      updatedAt: '2026-12-01T09:30:00.000Z',
    },
  });

const attributeDefinition = z.object({
  name: z.string(),
  type: z.enum(['string', 'number', 'boolean']),
  allowedValues: z.array(z.union([z.string(), z.number()])).optional(),
  required: z.boolean(),
  unit: z.string().optional(),
});

export const categorySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    parentId: z.string().nullable().meta({ description: 'null at the roots of the tree' }),
    attributes: z.array(attributeDefinition),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
  })
  .meta({ id: 'Category' });

export const reviewSchema = z
  .object({
    id: z.string(),
    productId: z.string(),
    userId: z.string(),
    rating: z.number().int().min(1).max(5),
    title: z.string().optional(),
    body: z.string().optional(),
    createdAt: isoTimestamp,
  })
  .meta({ id: 'Review' });

export const stockSchema = z
  .object({ productId: z.string(), stock: z.number().int().min(0), updatedAt: isoTimestamp })
  .meta({ id: 'Stock' });

const location = { Location: z.string() };
const idPath = idParams;
const conditional = z.object({
  'If-None-Match': z.string().optional().meta({ description: 'An ETag of an earlier answer: 304 when unchanged' }),
});

/** A catalog read: ETag, public for anonymous callers (shared caches may keep it), else private. */
function catalogRead(description: string, schema: z.ZodType): SuccessSpec[] {
  const headers = { ETag: z.string(), Vary: z.string().regex(/Authorization/) };
  return [
    { status: 200, description, schema, cacheControl: CATALOG_CACHE_CONTROL, headers },
    {
      status: 304,
      description: 'Not modified (If-None-Match named the current ETag)',
      cacheControl: CATALOG_CACHE_CONTROL,
      headers,
    },
  ];
}

const products = ['products'];
const categories = ['categories'];
const reviews = ['reviews'];
const PRODUCT_EXAMPLE = {
  sku: 'KTL-001',
  name: 'Kettle',
  categoryId: 'kitchen',
  price: 1999,
  currency: 'USD',
  stock: 12,
};

export const productPaths: ZodOpenApiPathsObject = {
  '/v1/products': {
    get: operation({
      operationId: 'listProducts',
      summary: 'Search and browse the catalog',
      description:
        'Besides the parameters below, up to 10 `attr.<name>=<value>` parameters filter on attributes (e.g. `attr.colour=red`).',
      tags: products,
      access: 'optional',
      query: listQuery,
      headers: conditional,
      responses: catalogRead('A page of products', pageOf(productSchema, 'ProductPage')),
      problems: [400],
    }),
    post: operation({
      operationId: 'createProduct',
      summary: 'Add a product (admin)',
      tags: products,
      access: 'admin',
      body: createProductBody,
      bodyExample: PRODUCT_EXAMPLE,
      responses: [{ status: 201, description: 'Created', schema: productSchema, headers: location }],
      problems: [400, 404, 409],
    }),
  },
  '/v1/products/{id}': {
    get: operation({
      operationId: 'getProduct',
      summary: 'One product',
      tags: products,
      access: 'optional',
      path: idPath,
      headers: conditional,
      responses: catalogRead('The product', productSchema),
      problems: [400, 404],
    }),
    patch: operation({
      operationId: 'updateProduct',
      summary: 'Change a product (admin; the sku is fixed)',
      tags: products,
      access: 'admin',
      path: idPath,
      body: updateProductBody,
      bodyExample: { price: 1799 },
      responses: [{ status: 200, description: 'The changed product', schema: productSchema }],
      problems: [400, 404],
    }),
    delete: operation({
      operationId: 'deleteProduct',
      summary: 'Remove a product (admin)',
      tags: products,
      access: 'admin',
      path: idPath,
      responses: [{ status: 204, description: 'Removed' }],
      problems: [400, 404],
    }),
  },
  '/v1/products/{id}/inventory': {
    put: operation({
      operationId: 'setStock',
      summary: 'Set what can be bought (admin)',
      tags: products,
      access: 'admin',
      path: idPath,
      body: inventoryBody,
      bodyExample: { stock: 40 },
      responses: [{ status: 200, description: 'The new stock', schema: stockSchema }],
      problems: [400, 404, 409, 412],
    }),
  },
  '/v1/products/{id}/reviews': {
    get: operation({
      operationId: 'listReviews',
      summary: 'A product’s reviews',
      tags: reviews,
      access: 'optional',
      path: idPath,
      query: pageQuery,
      responses: [
        {
          status: 200,
          description: 'A page of reviews',
          schema: pageOf(reviewSchema, 'ReviewPage'),
          cacheControl: CATALOG_CACHE_CONTROL,
          headers: { Vary: z.string().regex(/Authorization/) },
        },
      ],
      problems: [400, 404],
    }),
    post: operation({
      operationId: 'addReview',
      summary: 'Review a product (one per user and product)',
      tags: reviews,
      access: 'user',
      path: idPath,
      body: reviewBody,
      bodyExample: { rating: 5, title: 'Boils fast' },
      responses: [{ status: 201, description: 'Added', schema: reviewSchema }],
      problems: [400, 404, 409],
    }),
  },
  '/v1/products/{id}/reviews/{reviewId}': {
    delete: operation({
      operationId: 'deleteReview',
      summary: 'Remove a review (its author or an admin)',
      tags: reviews,
      access: 'user',
      path: reviewParams,
      responses: [{ status: 204, description: 'Removed' }],
      problems: [400, 403, 404],
    }),
  },
  '/v1/categories': {
    get: operation({
      operationId: 'listCategories',
      summary: 'The category tree, as one list (each names its parent)',
      tags: categories,
      access: 'optional',
      headers: conditional,
      responses: catalogRead('Every category', pageOf(categorySchema, 'CategoryPage')),
    }),
    post: operation({
      operationId: 'createCategory',
      summary: 'Add a category (admin)',
      tags: categories,
      access: 'admin',
      body: createCategoryBody,
      bodyExample: { name: 'Kitchen', slug: 'kitchen', parentId: null },
      responses: [{ status: 201, description: 'Created', schema: categorySchema, headers: location }],
      problems: [400, 404, 409],
    }),
  },
  '/v1/categories/{id}': {
    get: operation({
      operationId: 'getCategory',
      summary: 'One category, by id or slug',
      tags: categories,
      access: 'optional',
      path: idPath,
      responses: [
        {
          status: 200,
          description: 'The category',
          schema: categorySchema,
          cacheControl: CATALOG_CACHE_CONTROL,
          headers: { Vary: z.string().regex(/Authorization/) },
        },
      ],
      problems: [400, 404],
    }),
    patch: operation({
      operationId: 'updateCategory',
      summary: 'Change a category (admin)',
      tags: categories,
      access: 'admin',
      path: idPath,
      body: updateCategoryBody,
      bodyExample: { name: 'Kitchen and dining' },
      responses: [{ status: 200, description: 'The changed category', schema: categorySchema }],
      problems: [400, 404, 409],
    }),
  },
};
