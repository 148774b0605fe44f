// The gateway's own public routes for the shop's OpenAPI document.
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { operation } from '@shop/service-kit/openapi';

/** The document changes with a deployment only: clients revalidate with its ETag (cheap 304s). */
export const DOCUMENT_CACHE_CONTROL = 'no-cache';

const tags = ['operations'];

export const gatewayPaths: ZodOpenApiPathsObject = {
  '/v1/openapi.json': {
    get: operation({
      operationId: 'getOpenApiDocument',
      summary: 'This document (OpenAPI 3.1): generate a client from it',
      tags,
      access: 'public',
      headers: z.object({ 'If-None-Match': z.string().optional() }),
      responses: [
        {
          status: 200,
          description: 'The document',
          schema: z.looseObject({ openapi: z.string().regex(/^3\.1\./), paths: z.record(z.string(), z.unknown()) }),
          cacheControl: [DOCUMENT_CACHE_CONTROL],
          headers: { ETag: z.string() },
        },
        {
          status: 304,
          description: 'Unchanged',
          cacheControl: [DOCUMENT_CACHE_CONTROL],
          headers: { ETag: z.string() },
        },
      ],
    }),
  },
  '/healthz': {
    get: operation({
      operationId: 'getLiveness',
      summary: 'The gateway is alive',
      tags,
      access: 'public',
      responses: [{ status: 200, description: 'Alive', schema: z.object({ status: z.literal('ok') }) }],
    }),
  },
  '/readyz': {
    get: operation({
      operationId: 'getReadiness',
      summary: 'The gateway and its sidecar can serve (503 problem with `checks` when not)',
      tags,
      access: 'public',
      responses: [
        {
          status: 200,
          description: 'Ready',
          schema: z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.string()) }),
        },
      ],
    }),
  },
};
