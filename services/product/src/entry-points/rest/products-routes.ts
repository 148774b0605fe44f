import { Router, type Request } from 'express';
import { validate, type Authenticator } from '@shop/service-kit';
import { setStock, type InventoryDeps } from '../../domain/use-cases/inventory';
import {
  createProduct,
  getProduct,
  listProducts,
  removeProduct,
  updateProduct,
  type ProductDeps,
} from '../../domain/use-cases/products';
import { createRepresentationCache, sendCatalog, type Representations } from './http-cache';
import { pageJson, productJson } from './presenters';
import { attributeFilters, createProductBody, idParams, inventoryBody, listQuery, updateProductBody } from './schemas';

/** Splits `attr.*` filters from the fixed parameters; each part has its own strict schema. */
function parseListQuery(req: Request) {
  const fixed: Record<string, unknown> = {};
  const attrs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(req.query as Record<string, unknown>))
    (key.startsWith('attr.') ? attrs : fixed)[key] = value;
  const query = validate(listQuery, fixed, 'query');
  const filters = validate(attributeFilters, attrs, 'query');
  const attributes = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k.slice('attr.'.length), v]));
  return { ...query, attributes };
}

export function productRoutes(deps: {
  products: ProductDeps;
  inventory: InventoryDeps;
  auth: Authenticator;
  /** Shared with the fast lane, so both render a product once per version. */
  representations?: Representations;
}): Router {
  const { products, inventory, auth } = deps;
  const admin = [auth.requireAuth(), auth.requireRole('admin')];
  const router = Router();
  const representations = deps.representations ?? createRepresentationCache();

  router.get('/', async (req, res) => {
    const { category, ...query } = parseListQuery(req);
    const page = await listProducts(products, { ...query, ...(category === undefined ? {} : { category }) });
    // The read model returns one items array per listing version; page and size are in its key.
    const key = page.items.length > 0 ? page.items : page;
    sendCatalog(
      req,
      res,
      representations(key, () => pageJson(page, productJson)),
    );
  });

  router.get('/:id', async (req, res) => {
    const { id } = validate(idParams, req.params, 'path');
    const product = await getProduct(products, id);
    sendCatalog(
      req,
      res,
      representations(product, () => productJson(product)),
    );
  });

  router.post('/', ...admin, async (req, res) => {
    const body = validate(createProductBody, req.body, 'body');
    const created = await createProduct(products, body);
    res.status(201).location(`/v1/products/${created.id}`).json(productJson(created));
  });

  router.patch('/:id', ...admin, async (req, res) => {
    const { id } = validate(idParams, req.params, 'path');
    const body = validate(updateProductBody, req.body, 'body');
    res.json(productJson(await updateProduct(products, id, body)));
  });

  router.delete('/:id', ...admin, async (req, res) => {
    const { id } = validate(idParams, req.params, 'path');
    await removeProduct(products, id);
    res.status(204).end();
  });

  router.put('/:id/inventory', ...admin, async (req, res) => {
    const { id } = validate(idParams, req.params, 'path');
    const { stock } = validate(inventoryBody, req.body, 'body');
    const product = await setStock(inventory, id, stock);
    res.json({ productId: product.id, stock: product.stock, updatedAt: product.updatedAt.toISOString() });
  });

  return router;
}
