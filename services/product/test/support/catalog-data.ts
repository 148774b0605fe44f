// Builders for test data: each test makes its own, named to be unique.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Harness } from './harness';

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export async function makeCategory(h: Harness, body: Record<string, unknown> = {}) {
  const res = await request(h.http)
    .post('/v1/categories')
    .set('authorization', `Bearer ${await h.adminToken()}`)
    .send({
      name: 'Shoes',
      slug: unique('shoes'),
      attributes: [
        { name: 'size', type: 'number', required: true },
        { name: 'color', type: 'string', allowedValues: ['red', 'blue', 'black'] },
      ],
      ...body,
    });
  if (res.status !== 201) throw new Error(`category: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; slug: string };
}

export async function makeProduct(h: Harness, categoryId: string, body: Record<string, unknown> = {}) {
  const res = await request(h.http)
    .post('/v1/products')
    .set('authorization', `Bearer ${await h.adminToken()}`)
    .send({
      sku: unique('SKU'),
      name: 'Trail Runner',
      description: 'A light running shoe',
      categoryId,
      price: 5999,
      currency: 'USD',
      attributes: { size: 42, color: 'red' },
      tags: ['running'],
      stock: 10,
      ...body,
    });
  if (res.status !== 201) throw new Error(`product: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; sku: string; stock: number; price: number };
}
