import type { CategoryRepository } from '../domain/ports';

/**
 * The category tree, read whole by every category filter and GET /v1/categories, kept in
 * memory for `ttlMs`. Writes through this replica clear it at once; other replicas' writes
 * show within `ttlMs`. byId (used by writes to check parents and attributes) reads the store.
 */
export function withCachedCategories(
  repo: CategoryRepository,
  ttlMs: number,
  now: () => number = Date.now,
): CategoryRepository {
  let cached: { at: number; value: ReturnType<CategoryRepository['all']> } | undefined;
  const clear = () => {
    cached = undefined;
  };
  return {
    ...repo,
    all() {
      if (cached && now() - cached.at < ttlMs) return cached.value;
      const value = repo.all();
      cached = { at: now(), value };
      value.catch(clear);
      return value;
    },
    async insert(category) {
      try {
        await repo.insert(category);
      } finally {
        clear();
      }
    },
    async update(id, changes) {
      try {
        return await repo.update(id, changes);
      } finally {
        clear();
      }
    },
  };
}
