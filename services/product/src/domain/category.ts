import { AppError, type FieldError } from '@shop/service-kit/errors';

/** One attribute a category's products carry (a shoe's `size`, a laptop's `ramGb`). */
export interface AttributeDefinition {
  readonly name: string;
  readonly type: 'string' | 'number' | 'boolean';
  /** When set, the value must be one of these. */
  readonly allowedValues?: readonly (string | number)[];
  readonly required: boolean;
  readonly unit?: string;
}

export interface Category {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly parentId: string | null;
  readonly attributes: readonly AttributeDefinition[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type AttributeValue = string | number | boolean;
export type Attributes = Readonly<Record<string, AttributeValue>>;

function problemWith(def: AttributeDefinition, value: AttributeValue): string | undefined {
  if (typeof value !== def.type) return `must be a ${def.type}`;
  if (def.allowedValues && !def.allowedValues.includes(value as string | number)) {
    return `must be one of: ${def.allowedValues.join(', ')}`;
  }
  return undefined;
}

/** A product's attributes against its category's schema; every problem is reported at once. */
export function checkAttributes(category: Category, attributes: Attributes): void {
  const errors: FieldError[] = [];
  const known = new Map(category.attributes.map((d) => [d.name, d]));
  for (const [name, value] of Object.entries(attributes)) {
    const def = known.get(name);
    const problem = def ? problemWith(def, value) : `is not an attribute of category ${category.slug}`;
    if (problem) errors.push({ path: `attributes.${name}`, message: problem });
  }
  for (const def of category.attributes) {
    if (def.required && !(def.name in attributes))
      errors.push({ path: `attributes.${def.name}`, message: 'is required' });
  }
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', `Invalid attributes for category ${category.slug}`, { errors });
  }
}

/** The category and every category below it (filtering by "shoes" includes "running shoes"). */
export function descendantsOf(rootId: string, all: readonly Pick<Category, 'id' | 'parentId'>[]): string[] {
  const children = new Map<string, string[]>();
  for (const c of all) {
    if (c.parentId === null) continue;
    children.set(c.parentId, [...(children.get(c.parentId) ?? []), c.id]);
  }
  const found = [rootId];
  for (let i = 0; i < found.length; i += 1) found.push(...(children.get(found[i]!) ?? []));
  return found;
}

/** Moving a category under itself or its own descendant would cut the tree into a loop. */
export function wouldCreateCycle(
  categoryId: string,
  newParentId: string,
  all: readonly Pick<Category, 'id' | 'parentId'>[],
): boolean {
  return descendantsOf(categoryId, all).includes(newParentId);
}
