import { AppError } from '@shop/service-kit/errors';
import { type AttributeDefinition, type Category, wouldCreateCycle } from '../category';
import type { CategoryRepository, Clock, IdGenerator } from '../ports';

export interface CategoryDraft {
  readonly name: string;
  readonly slug: string;
  readonly parentId?: string | null;
  readonly attributes?: readonly AttributeDefinition[];
}

export interface CategoryDeps {
  readonly categories: CategoryRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

async function requireParent(deps: CategoryDeps, parentId: string | null | undefined): Promise<void> {
  if (parentId && !(await deps.categories.byId(parentId))) {
    throw new AppError('VALIDATION_FAILED', 'The parent category does not exist', {
      errors: [{ path: 'parentId', message: 'unknown category' }],
    });
  }
}

export const listCategories = (deps: CategoryDeps): Promise<Category[]> => deps.categories.all();

export async function createCategory(deps: CategoryDeps, draft: CategoryDraft): Promise<Category> {
  await requireParent(deps, draft.parentId);
  const now = deps.clock.now();
  const category: Category = {
    id: deps.ids.newId(),
    name: draft.name,
    slug: draft.slug,
    parentId: draft.parentId ?? null,
    attributes: draft.attributes ?? [],
    createdAt: now,
    updatedAt: now,
  };
  await deps.categories.insert(category);
  return category;
}

export async function updateCategory(
  deps: CategoryDeps,
  id: string,
  changes: Partial<CategoryDraft>,
): Promise<Category> {
  if (!(await deps.categories.byId(id))) throw new AppError('NOT_FOUND', 'No such category');
  if (changes.parentId) {
    await requireParent(deps, changes.parentId);
    if (wouldCreateCycle(id, changes.parentId, await deps.categories.all())) {
      throw new AppError('VALIDATION_FAILED', 'A category cannot move below itself', {
        errors: [{ path: 'parentId', message: 'would create a cycle' }],
      });
    }
  }
  const updated = await deps.categories.update(id, { ...changes, updatedAt: deps.clock.now() });
  if (!updated) throw new AppError('NOT_FOUND', 'No such category');
  return updated;
}
