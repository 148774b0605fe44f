import { z } from 'zod';

// Every REST entry is parsed by one of these; `.strict()` makes unknown fields a 400.
export const idSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an id');
export const idParams = z.object({ id: idSchema }).strict();
export const reviewParams = z.object({ id: idSchema, reviewId: idSchema }).strict();

const attributeName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'must be a simple name');
const attributeValue = z.union([z.string().max(200), z.number().finite(), z.boolean()]);
const attributes = z
  .record(attributeName, attributeValue)
  .refine((a) => Object.keys(a).length <= 50, 'at most 50 attributes');
const tag = z.string().trim().min(1).max(40);

const productFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5_000),
  categoryId: idSchema,
  price: z.number().int().min(0).max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
  attributes,
  images: z.array(z.url({ protocol: /^https?$/ }).max(500)).max(20),
  tags: z.array(tag).max(30),
};

export const createProductBody = z
  .object({
    sku: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dot, dash or underscore'),
    ...productFields,
    description: productFields.description.default(''),
    attributes: attributes.default({}),
    images: productFields.images.default([]),
    tags: productFields.tags.default([]),
    stock: z.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

// The sku is the product's identity in orders and feeds: fixed once created.
export const updateProductBody = z
  .object(productFields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'at least one field is required');

export const inventoryBody = z.object({ stock: z.number().int().min(0).max(10_000_000) }).strict();

const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const listQuery = z
  .object({
    search: z.string().max(200).optional(),
    category: idSchema.optional(),
    minPrice: intParam(0, 100_000_000).optional(),
    maxPrice: intParam(0, 100_000_000).optional(),
    inStock: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    sort: z.enum(['price', '-price', 'rating', '-rating', 'newest', 'name', 'relevance']).optional(),
    page: intParam(1, 10_000).default(1),
    pageSize: intParam(1, 100).default(20),
  })
  .strict();

/** `attr.color=red` filters; names are checked so they cannot reach the store as operators. */
export const attributeFilters = z
  .record(z.string().regex(/^attr\.[A-Za-z][A-Za-z0-9_]{0,39}$/, 'unknown query parameter'), z.string().max(100))
  .refine((a) => Object.keys(a).length <= 10, 'at most 10 attribute filters');

export const pageQuery = z
  .object({ page: intParam(1, 10_000).default(1), pageSize: intParam(1, 100).default(20) })
  .strict();

const attributeDefinition = z
  .object({
    name: attributeName,
    type: z.enum(['string', 'number', 'boolean']),
    allowedValues: z
      .array(z.union([z.string().max(100), z.number().finite()]))
      .min(1)
      .max(100)
      .optional(),
    required: z.boolean().default(false),
    unit: z.string().max(20).optional(),
  })
  .strict();

const categoryFields = {
  name: z.string().trim().min(1).max(100),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by dashes')
    .max(64),
  parentId: idSchema.nullable(),
  attributes: z
    .array(attributeDefinition)
    .max(50)
    .refine((defs) => new Set(defs.map((d) => d.name)).size === defs.length, 'attribute names must be unique'),
};

export const createCategoryBody = z
  .object({
    ...categoryFields,
    parentId: categoryFields.parentId.optional(),
    attributes: categoryFields.attributes.default([]),
  })
  .strict();
export const updateCategoryBody = z
  .object(categoryFields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'at least one field is required');

export const reviewBody = z
  .object({
    rating: z.number().int().min(1).max(5),
    title: z.string().trim().min(1).max(120).optional(),
    body: z.string().trim().min(1).max(4_000).optional(),
  })
  .strict();
