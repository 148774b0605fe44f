import { answerFast, type FastAnswerTools, type FastLane } from '@shop/service-kit';
import { heldProduct, type ProductDeps } from '../../domain/use-cases/products';
import { sendCatalog, type Representations } from './http-cache';
import { productJson } from './presenters';
import { idSchema } from './schemas';

const PRODUCT_PAGE = /^\/v1\/products\/([^/?#]+)$/;

/**
 * Anonymous `GET /v1/products/{id}` answered before Express when the read model holds the
 * product: most of product's REST traffic is these pages and the gateway cache's conditional
 * GETs for them (one per cached page every max-age), and Express' chain cost several times the
 * answer. The answer is the route's, by the same writer and representation cache, with the
 * shared middleware's request id, `nosniff`, metric series and access-log line (tested against
 * the full chain). Anything else (credentials, a query, an id the route would reject or decode,
 * a product not held yet) takes the full chain, which validates and answers errors.
 */
export function productFastLane(products: ProductDeps, representations: Representations) {
  return (tools: FastAnswerTools): FastLane =>
    (req, res) => {
      if (req.method !== 'GET' || req.headers.authorization !== undefined) return false;
      const id = PRODUCT_PAGE.exec(req.url ?? '')?.[1];
      if (id === undefined || !idSchema.safeParse(id).success) return false;
      const product = heldProduct(products, id);
      if (!product) return false;
      answerFast(tools, req, res, '/v1/products/:id', () =>
        sendCatalog(
          req,
          res,
          representations(product, () => productJson(product)),
        ),
      );
      return true;
    };
}
