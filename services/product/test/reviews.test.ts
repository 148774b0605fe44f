import request from 'supertest';
import { startHarness, type Harness } from './support/harness';
import { makeCategory, makeProduct } from './support/catalog-data';

jest.setTimeout(60_000);

describe('Reviews and ratings on FerretDB', () => {
  let h: Harness;
  let categoryId: string;
  beforeAll(async () => {
    h = await startHarness();
    categoryId = (await makeCategory(h, { attributes: [] })).id;
  });
  afterAll(() => h.close());

  const review = async (productId: string, token: string, body: object) =>
    request(h.http).post(`/v1/products/${productId}/reviews`).set('authorization', `Bearer ${token}`).send(body);
  const ratingOf = async (id: string) =>
    (await request(h.http).get(`/v1/products/${id}`)).body.rating as { average: number; count: number };

  test('When 40 users review one product at once, then the rating is exact', async () => {
    const { id } = await makeProduct(h, categoryId, { attributes: {} });
    const ratings = Array.from({ length: 40 }, (_, i) => (i % 5) + 1);
    const tokens = await Promise.all(ratings.map(() => h.userToken()));
    const results = await Promise.all(
      ratings.map((rating, i) => review(id, tokens[i]!, { rating, title: `Review ${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(ratings.map(() => 201));
    expect(await ratingOf(id)).toEqual({ average: 3, count: 40 });
    expect(await h.store.products.findOne({ _id: id })).toMatchObject({ ratingSum: 120, ratingCount: 40 });
  });

  test('When reviews are created and deleted concurrently, then the rating matches the reviews that remain', async () => {
    const { id } = await makeProduct(h, categoryId, { attributes: {} });
    const first = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const token = await h.userToken();
        return { token, res: await review(id, token, { rating: 5 }) };
      }),
    );
    const newcomers = await Promise.all(Array.from({ length: 10 }, () => h.userToken()));
    await Promise.all([
      ...first
        .slice(0, 5)
        .map(({ token, res }) =>
          request(h.http).delete(`/v1/products/${id}/reviews/${res.body.id}`).set('authorization', `Bearer ${token}`),
        ),
      ...newcomers.map((token) => review(id, token, { rating: 2 })),
    ]);
    expect(await ratingOf(id)).toEqual({ average: 3, count: 15 }); // (5×5 + 10×2) / 15
    expect(await h.store.products.findOne({ _id: id })).toMatchObject({ ratingSum: 45, ratingCount: 15 });
  });

  test('When a user reviews the same product twice, then the second is a 409 and the rating counts one', async () => {
    const { id } = await makeProduct(h, categoryId, { attributes: {} });
    const token = await h.userToken();
    expect((await review(id, token, { rating: 4 })).status).toBe(201);
    expect((await review(id, token, { rating: 1 })).status).toBe(409);
    expect(await ratingOf(id)).toEqual({ average: 4, count: 1 });
  });

  test('When the review is invalid or anonymous, then 400 or 401 and nothing is stored', async () => {
    const { id } = await makeProduct(h, categoryId, { attributes: {} });
    const token = await h.userToken();
    const statuses = [
      (await review(id, token, { rating: 6 })).status,
      (await review(id, token, { rating: 3, title: 'x'.repeat(121) })).status,
      (await review(id, token, { rating: 3, userId: 'someone-else' })).status,
      (await request(h.http).post(`/v1/products/${id}/reviews`).send({ rating: 3 })).status,
    ];
    expect(statuses).toEqual([400, 400, 400, 401]);
    expect(await h.store.reviews.countDocuments({ productId: id })).toBe(0);
  });

  test('When another user deletes a review, then 403; the author and an admin may', async () => {
    const { id } = await makeProduct(h, categoryId, { attributes: {} });
    const author = await h.userToken();
    const a = await review(id, author, { rating: 5 });
    const b = await review(id, await h.userToken(), { rating: 1 });
    const path = (r: { body: { id: string } }) => `/v1/products/${id}/reviews/${r.body.id}`;
    expect(
      (
        await request(h.http)
          .delete(path(a))
          .set('authorization', `Bearer ${await h.userToken()}`)
      ).status,
    ).toBe(403);
    expect((await request(h.http).delete(path(a)).set('authorization', `Bearer ${author}`)).status).toBe(204);
    expect(
      (
        await request(h.http)
          .delete(path(b))
          .set('authorization', `Bearer ${await h.adminToken()}`)
      ).status,
    ).toBe(204);
    expect(await ratingOf(id)).toEqual({ average: 0, count: 0 });
    const list = await request(h.http).get(`/v1/products/${id}/reviews`);
    expect(list.body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
  });
});
