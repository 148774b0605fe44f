import { Router } from 'express';
import { AppError, validate, type Authenticator } from '@shop/service-kit';
import { createCategory, listCategories, updateCategory, type CategoryDeps } from '../../domain/use-cases/categories';
import { createRepresentationCache, sendCatalog, setCatalogCaching } from './http-cache';
import { categoryJson } from './presenters';
import { createCategoryBody, idParams, updateCategoryBody } from './schemas';

export function categoryRoutes(deps: { categories: CategoryDeps; auth: Authenticator }): Router {
  const { categories, auth } = deps;
  const admin = [auth.requireAuth(), auth.requireRole('admin')];
  const router = Router();
  const representations = createRepresentationCache();

  // The whole tree in one list: each category names its parent (null at the roots).
  router.get('/', async (req, res) => {
    const all = await listCategories(categories);
    sendCatalog(
      req,
      res,
      representations(all, () => ({ items: all.map(categoryJson), total: all.length, page: 1, pageSize: all.length })),
    );
  });

  router.get('/:id', async (req, res) => {
    const { id } = validate(idParams, req.params, 'path');
    const found = (await listCategories(categories)).find((c) => c.id === id || c.slug === id);
    if (!found) throw new AppError('NOT_FOUND', 'No such category');
    setCatalogCaching(req, res);
    res.json(categoryJson(found));
  });

  router.post('/', ...admin, async (req, res) => {
    const body = validate(createCategoryBody, req.body, 'body');
    const created = await createCategory(categories, body);
    res.status(201).location(`/v1/categories/${created.id}`).json(categoryJson(created));
  });

  router.patch('/:id', ...admin, async (req, res) => {
    const { id } = validate(idParams, req.params, 'path');
    const body = validate(updateCategoryBody, req.body, 'body');
    res.json(categoryJson(await updateCategory(categories, id, body)));
  });

  return router;
}
