// The validator the e2e suite runs on every answer: it must pass what conforms and name
// exactly what does not (so a drift between code and document fails loudly).
import { createResponseValidator, type ObservedResponse } from '../src/response-validator';
import { shopDocument } from './support/shop-document';

const validate = createResponseValidator(shopDocument());
const HEADERS = { 'x-request-id': 'r-1', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
const PROBLEM = {
  type: 'urn:shop:problem:not-found',
  title: 'Not found',
  status: 404,
  detail: 'No such order',
  code: 'NOT_FOUND',
};
const CART = {
  items: [{ productId: 'p-1', name: 'Kettle', quantity: 1, unitPrice: 1999, available: true }],
  subtotal: 1999,
  currency: 'USD',
};

function answer(overrides: Partial<ObservedResponse> & { body?: unknown }): ObservedResponse {
  const body = 'body' in overrides ? overrides.body : CART;
  return {
    method: 'GET',
    path: '/v1/cart',
    status: 200,
    headers: { ...HEADERS, 'content-type': 'application/json; charset=utf-8' },
    rawBody: body === undefined ? '' : JSON.stringify(body),
    ...overrides,
    body,
  };
}

describe('the response validator', () => {
  test('When an answer conforms (status, headers, media type, body), then no problems', () => {
    expect(validate(answer({}))).toEqual([]);
  });

  test('When a body field has the wrong type or a required one is missing, then each is named', () => {
    const problems = validate(answer({ body: { items: [], subtotal: '1999' } }));
    expect(problems.join('\n')).toMatch(/subtotal must be integer/);
    expect(problems.join('\n')).toMatch(/must have required property 'currency'/);
  });

  test('When the status is not one the operation lists, then it says which are', () => {
    expect(validate(answer({ status: 418 }))[0]).toMatch(
      /GET \/v1\/cart → 418: status not documented \(documented: 200, 401/,
    );
  });

  test('When a documented header is missing or has the wrong value, then it is named', () => {
    const { 'cache-control': _cc, ...rest } = answer({}).headers;
    expect(validate(answer({ headers: rest }))).toEqual(['GET /v1/cart → 200: header Cache-Control is missing']);
    expect(validate(answer({ headers: { ...answer({}).headers, 'cache-control': 'public, max-age=60' } }))[0]).toMatch(
      /header Cache-Control must be equal to one of the allowed values/,
    );
  });

  test('When a problem answer (a $ref response) comes back, then its media type and body are checked too', () => {
    const problem = { path: '/v1/orders/9f0c1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f', status: 404, body: PROBLEM };
    const json = { ...HEADERS, 'content-type': 'application/problem+json' };
    expect(validate(answer({ ...problem, headers: json }))).toEqual([]);
    expect(validate(answer({ ...problem, headers: { ...json, 'content-type': 'application/json' } }))[0]).toMatch(
      /media type application\/json is not one of application\/problem\+json/,
    );
    expect(validate(answer({ ...problem, headers: json, body: { ...PROBLEM, code: 'NOPE' } }))[0]).toMatch(
      /code must be equal to one of/,
    );
  });

  test('When a 204 carries a body, or a path is not in the document, then that is a problem', () => {
    expect(validate(answer({ method: 'DELETE', status: 204 }))).toEqual([
      'DELETE /v1/cart → 204: a body was sent where none is documented',
    ]);
    expect(validate(answer({ path: '/v1/secret-admin', status: 200 }))).toEqual([
      'GET /v1/secret-admin → 200: not in the OpenAPI document',
    ]);
  });

  test('When a literal path and a templated one could both match, then the literal one is used', () => {
    const profile = {
      id: 'u',
      email: 'a@example.com',
      name: 'A',
      roles: ['customer'],
      createdAt: '2026-12-01T09:30:00.000Z',
      updatedAt: '2026-12-01T09:30:00.000Z',
    };
    expect(validate(answer({ path: '/v1/users/me', body: profile }))).toEqual([]);
  });
});
