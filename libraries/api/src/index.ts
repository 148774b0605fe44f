import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenApiDocument } from './response-validator';

export type { paths, components, operations } from './generated/schema';
export type { OpenApiDocument } from './response-validator';

/** Where the generated document lives (npm run openapi writes it; a test fails on drift). */
export const OPENAPI_DOCUMENT_PATH = join(__dirname, '..', 'openapi.json');

/** The shop's OpenAPI 3.1 document, read once. */
export function loadShopDocument(): OpenApiDocument & Record<string, unknown> {
  return JSON.parse(readFileSync(OPENAPI_DOCUMENT_PATH, 'utf8')) as OpenApiDocument & Record<string, unknown>;
}
