// The order service's public routes for the shop's OpenAPI document, from the schemas the
// routes validate with (schemas.ts) and the shapes representations.ts produces.
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { isoTimestamp, operation, pageOf } from '@shop/service-kit/openapi';
import { CANCELLATION_REASONS } from '../../domain/events';
import { ORDER_STATUSES } from '../../domain/order';
import { MAX_WAIT_SECONDS } from '../../domain/use-cases/orders';
import { webhookBody } from './payment-routes';
import {
  cartItemBody,
  idempotencyKeySchema,
  orderIdSchema,
  orderListQuery,
  placeOrderBody,
  productIdSchema,
  shipBody,
} from './schemas';

const ORDER_ID = '9f0c1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f';

export const cartSchema = z
  .object({
    items: z.array(
      z.object({
        productId: z.string(),
        name: z.string(),
        quantity: z.number().int().min(1),
        unitPrice: z.number().int().min(0).meta({ description: 'The current price, in minor units' }),
        available: z.boolean().meta({ description: 'Whether this quantity can be bought now' }),
      }),
    ),
    subtotal: z.number().int().min(0),
    currency: z.string().nullable().meta({ description: 'null while the cart is empty' }),
  })
  .meta({
    id: 'Cart',
    example: {
      items: [{ productId: 'KTL-001', name: 'Kettle', quantity: 2, unitPrice: 1999, available: true }],
      subtotal: 3998,
      currency: 'USD',
    },
  });

const shippingAddress = z.object({
  recipient: z.string(),
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  region: z.string().optional(),
  postalCode: z.string(),
  country: z.string(),
  phone: z.string().optional(),
});

export const orderSchema = z
  .object({
    id: z.string(),
    status: z.enum(ORDER_STATUSES),
    items: z.array(
      z.object({ productId: z.string(), name: z.string(), quantity: z.number().int(), unitPrice: z.number().int() }),
    ),
    total: z.number().int().min(0),
    currency: z.string(),
    shippingAddress,
    cancellationReason: z.enum(CANCELLATION_REASONS).optional(),
    shipment: z.object({ carrier: z.string(), trackingNumber: z.string() }).optional(),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
  })
  .meta({
    id: 'Order',
    example: {
      id: ORDER_ID,
      status: 'PENDING',
      items: [{ productId: 'KTL-001', name: 'Kettle', quantity: 2, unitPrice: 1999 }],
      total: 3998,
      currency: 'USD',
      shippingAddress: {
        recipient: 'Ada Lovelace',
        line1: '1 Test Lane',
        city: 'Berlin',
        postalCode: '10115',
        country: 'DE',
      },
      createdAt: '2026-12-01T09:30:00.000Z',
      updatedAt: '2026-12-01T09:30:00.000Z',
    },
  });

export const historySchema = z
  .array(z.object({ type: z.string(), at: isoTimestamp, data: z.record(z.string(), z.unknown()) }))
  .meta({ id: 'OrderHistory', description: 'The order’s events, oldest first' });

const productPath = z.object({ productId: productIdSchema });
const orderPath = z.object({ orderId: orderIdSchema });
const cart = ['cart'];
const orders = ['orders'];
const orderAnswer = (description: string) => [{ status: 200, description, schema: orderSchema }];

export const orderPaths: ZodOpenApiPathsObject = {
  '/v1/cart': {
    get: operation({
      operationId: 'getCart',
      summary: 'The signed-in user’s cart, at current prices',
      tags: cart,
      access: 'user',
      responses: [{ status: 200, description: 'The cart', schema: cartSchema }],
    }),
    delete: operation({
      operationId: 'clearCart',
      summary: 'Empty the cart',
      tags: cart,
      access: 'user',
      responses: [{ status: 204, description: 'Emptied' }],
    }),
  },
  '/v1/cart/items/{productId}': {
    put: operation({
      operationId: 'setCartItem',
      summary: 'Set a product’s quantity in the cart',
      tags: cart,
      access: 'user',
      path: productPath,
      body: cartItemBody,
      bodyExample: { quantity: 2 },
      responses: [{ status: 200, description: 'The cart', schema: cartSchema }],
      problems: [400, 404, 409],
    }),
    delete: operation({
      operationId: 'removeCartItem',
      summary: 'Take a product out of the cart',
      tags: cart,
      access: 'user',
      path: productPath,
      responses: [{ status: 200, description: 'The cart', schema: cartSchema }],
      problems: [404],
    }),
  },
  '/v1/orders': {
    post: operation({
      operationId: 'placeOrder',
      summary: 'Check out the cart',
      description:
        'Answers 202 with the PENDING order at once; the checkout runs as a workflow. The same `Idempotency-Key` again answers the same order (409 if the body differs). Payment tokens in test: `tok_visa` approves, `tok_decline` is declined, `tok_3ds` needs an asynchronous confirmation.',
      tags: orders,
      access: 'user',
      headers: z.object({
        'Idempotency-Key': idempotencyKeySchema.meta({
          description: 'Required: a retry with the same key never makes a second order',
          example: '5b3c1a9e-7d2f-4e8a-b1c0-6f9e8d7c6b5a',
        }),
      }),
      body: placeOrderBody,
      bodyExample: { shippingAddressId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', paymentMethod: { token: 'tok_visa' } },
      responses: [
        {
          status: 202,
          description: 'Accepted (PENDING), or the order this Idempotency-Key placed earlier',
          schema: orderSchema,
          headers: { Location: z.string() },
        },
      ],
      problems: [400, 409],
    }),
    get: operation({
      operationId: 'listOrders',
      summary: 'The signed-in user’s orders, newest first',
      tags: orders,
      access: 'user',
      query: orderListQuery,
      responses: [{ status: 200, description: 'A page of orders', schema: pageOf(orderSchema, 'OrderPage') }],
      problems: [400],
    }),
  },
  '/v1/orders/{orderId}': {
    get: operation({
      operationId: 'getOrder',
      summary: 'One order',
      description: `With \`Prefer: wait=N\` (N ≤ ${MAX_WAIT_SECONDS}) the answer is held until the order leaves PENDING or N seconds pass, and says \`Preference-Applied\`.`,
      tags: orders,
      access: 'user',
      path: orderPath,
      headers: z.object({
        Prefer: z.string().optional().meta({ description: 'RFC 7240, e.g. `wait=10`', example: 'wait=10' }),
      }),
      responses: [
        {
          status: 200,
          description: 'The order',
          schema: orderSchema,
          headers: {
            Vary: z.string().regex(/Prefer/),
            'Preference-Applied': z
              .string()
              .regex(/^wait=\d+$/)
              .optional(),
          },
        },
      ],
      problems: [404],
    }),
  },
  '/v1/orders/{orderId}/history': {
    get: operation({
      operationId: 'getOrderHistory',
      summary: 'What happened to an order',
      tags: orders,
      access: 'user',
      path: orderPath,
      responses: [{ status: 200, description: 'The events', schema: historySchema }],
      problems: [404],
    }),
  },
  '/v1/orders/{orderId}/cancel': {
    post: operation({
      operationId: 'cancelOrder',
      summary: 'Cancel an order before it ships',
      tags: orders,
      access: 'user',
      path: orderPath,
      responses: orderAnswer('The cancelled order'),
      problems: [400, 404, 409],
    }),
  },
  '/v1/orders/{orderId}/ship': {
    post: operation({
      operationId: 'shipOrder',
      summary: 'Mark a confirmed order shipped (admin)',
      tags: ['admin'],
      access: 'admin',
      path: orderPath,
      body: shipBody,
      bodyExample: { carrier: 'DHL', trackingNumber: '00340434161094042557' },
      responses: orderAnswer('The shipped order'),
      problems: [400, 404, 409],
    }),
  },
  '/v1/orders/{orderId}/deliver': {
    post: operation({
      operationId: 'deliverOrder',
      summary: 'Mark a shipped order delivered (admin)',
      tags: ['admin'],
      access: 'admin',
      path: orderPath,
      responses: orderAnswer('The delivered order'),
      problems: [400, 404, 409],
    }),
  },
  '/v1/payments/webhook': {
    post: operation({
      operationId: 'paymentWebhook',
      summary: 'The payment provider’s confirmation of a 3-D Secure payment',
      description: 'Authenticated by an HMAC of the body in `Shop-Signature`, not by a user token.',
      tags: ['payments'],
      access: 'public',
      headers: z.object({
        'Shop-Signature': z.string().meta({ description: '`t=<unix seconds>,v1=<hex HMAC-SHA256>`' }),
      }),
      body: webhookBody,
      responses: [{ status: 204, description: 'Recorded' }],
      problems: [400, 401, 404],
    }),
  },
};
