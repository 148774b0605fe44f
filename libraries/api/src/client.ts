import createClient, { type ClientOptions } from 'openapi-fetch';
import type { paths } from './generated/schema';

export type ShopPaths = paths;

export interface ShopClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** The gateway, e.g. http://127.0.0.1:8080 */
  readonly baseUrl: string;
}

/**
 * A typed client of the shop's REST API (openapi-fetch over the generated types): paths,
 * parameters, bodies and answers are checked by the compiler against the OpenAPI document.
 */
export function createShopClient(options: ShopClientOptions) {
  return createClient<paths>({ ...options, baseUrl: options.baseUrl.replace(/\/$/, '') });
}

export type ShopClient = ReturnType<typeof createShopClient>;
