import { AppError } from '@shop/service-kit';
import { type AttributeDefinition, type Category, wouldCreateCycle } from '../category';
import type { CategoryRepository, Clock, IdGenerator } from '../ports';

export interface CategoryDraft {
  readonly name: string;
  readonly slug: string;
  readonly parentId?: string | null;
  readonly attributes?: readonly AttributeDefinition[];
}

export function createCategoryUseCases(deps: { categories: CategoryRepository; clock: Clock; ids: IdGenerator }) {
  const { categories, clock, ids } = deps;

  async function requireParent(parentId: string | null | undefined): Promise<void> {
    if (parentId && !(await categories.byId(parentId))) {
      throw new AppError('VALIDATION_FAILED', 'The parent category does not exist', {
        errors: [{ path: 'parentId', message: 'unknown category' }],
      });
    }
  }

  return {
    list: () => categories.all(),

    async create(draft: CategoryDraft): Promise<Category> {
      await requireParent(draft.parentId);
      const now = clock.now();
      const category: Category = {
        id: ids.newId(),
        name: draft.name,
        slug: draft.slug,
        parentId: draft.parentId ?? null,
        attributes: draft.attributes ?? [],
        createdAt: now,
        updatedAt: now,
      };
      await categories.insert(category);
      return category;
    },

    async update(id: string, changes: Partial<CategoryDraft>): Promise<Category> {
      if (!(await categories.byId(id))) throw new AppError('NOT_FOUND', 'No such category');
      if (changes.parentId) {
        await requireParent(changes.parentId);
        if (wouldCreateCycle(id, changes.parentId, await categories.all())) {
          throw new AppError('VALIDATION_FAILED', 'A category cannot move below itself', {
            errors: [{ path: 'parentId', message: 'would create a cycle' }],
          });
        }
      }
      const updated = await categories.update(id, { ...changes, updatedAt: clock.now() });
      if (!updated) throw new AppError('NOT_FOUND', 'No such category');
      return updated;
    },
  };
}

export type CategoryUseCases = ReturnType<typeof createCategoryUseCases>;
