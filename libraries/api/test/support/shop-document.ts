// The one list of what the shop's OpenAPI document is made of: each service's paths, from the
// zod schemas its routes validate with. `npm run openapi` writes the result; tests compare.
import { buildDocument } from '@shop/service-kit/openapi';
import { authPaths } from '../../../../services/auth/src/entry-points/rest/openapi';
import { gatewayPaths } from '../../../../services/gateway/src/entry-points/openapi';
import { orderPaths } from '../../../../services/order/src/entry-points/rest/openapi';
import { productPaths } from '../../../../services/product/src/entry-points/rest/openapi';
import { userPaths } from '../../../../services/user/src/entry-points/rest/openapi';
import { version } from '../../package.json';

export const DOCUMENT_PARTS = {
  gateway: gatewayPaths,
  auth: authPaths,
  user: userPaths,
  product: productPaths,
  order: orderPaths,
} as const;

const DESCRIPTION = `The shop's public REST API, served by the gateway.

Money is an integer in minor units with an ISO 4217 currency; ids are strings; timestamps are ISO 8601 UTC.
Errors are \`application/problem+json\` (RFC 9457) with a stable \`code\` and a \`traceId\`.
Lists are \`{ items, total, page, pageSize }\`. Unknown fields in a body are refused with 400.

Sign in with \`POST /v1/auth/login\`, then press **Authorize** and paste the \`accessToken\`.`;

export function shopDocument() {
  return buildDocument(
    {
      title: 'The shop on Dapr',
      version,
      description: DESCRIPTION,
      tags: [
        { name: 'auth', description: 'Tokens: sign in, refresh, sign out' },
        { name: 'users', description: 'Accounts, profile, preferences, addresses' },
        { name: 'products', description: 'The catalog and its stock' },
        { name: 'reviews', description: 'Ratings and reviews of products' },
        { name: 'categories', description: 'The category tree' },
        { name: 'cart', description: 'The signed-in user’s cart' },
        { name: 'orders', description: 'Checkout and orders' },
        { name: 'payments', description: 'Called by the payment provider' },
        { name: 'admin', description: 'Needs the admin role' },
        { name: 'operations', description: 'The gateway itself' },
      ],
    },
    DOCUMENT_PARTS,
  );
}
