import { Router } from 'express';
import { principalOf, validate, type Authenticator } from '@shop/service-kit';
import { addReview, listReviews, removeReview, type ReviewDeps } from '../../domain/use-cases/reviews';
import { setCatalogCaching } from './http-cache';
import { pageJson, reviewJson } from './presenters';
import { idParams, pageQuery, reviewBody, reviewParams } from './schemas';

/** Mounted on /v1/products as well; its paths all start with /:id/reviews. */
export function reviewRoutes(deps: { reviews: ReviewDeps; auth: Authenticator }): Router {
  const { reviews, auth } = deps;
  const router = Router();
  const authorOf = (res: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(res);
    return { userId: p.userId, isAdmin: p.roles.includes('admin') };
  };

  router.get('/:id/reviews', async (req, res) => {
    const { id } = validate(idParams, req.params, 'path');
    const { page, pageSize } = validate(pageQuery, req.query, 'query');
    setCatalogCaching(req, res);
    res.json(pageJson(await listReviews(reviews, id, page, pageSize), reviewJson));
  });

  router.post('/:id/reviews', auth.requireAuth(), async (req, res) => {
    const { id } = validate(idParams, req.params, 'path');
    const body = validate(reviewBody, req.body, 'body');
    const review = await addReview(reviews, id, authorOf(res), body);
    res.status(201).json(reviewJson(review));
  });

  router.delete('/:id/reviews/:reviewId', auth.requireAuth(), async (req, res) => {
    const { id, reviewId } = validate(reviewParams, req.params, 'path');
    await removeReview(reviews, id, reviewId, authorOf(res));
    res.status(204).end();
  });

  return router;
}
