import { asc, desc, eq, sql } from 'drizzle-orm';
import { defaultCategoryRows, type CategoryRules } from '@shizhi/domain';
import type { Executor } from '../../platform/db/client.ts';
import { forgetCachedCategories } from './category-cache.ts';
import { eventCategory } from './schema.ts';

export interface Category {
  code: string;
  version: number;
  parentCode: string | null;
  name: string;
  rules: CategoryRules;
}

/** Installs version 1 of the default catalogue into an empty table; later edits add versions. */
export async function ensureDefaultCatalogue(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(eventCategory);
  if ((row?.n ?? 0) > 0) return 0;
  const rows = defaultCategoryRows().map((r) => ({ ...r, version: 1 }));
  await db.insert(eventCategory).values(rows).onConflictDoNothing();
  return rows.length;
}

/** The current (highest) active version of every category. */
export async function currentCategories(db: Executor): Promise<CategoryWithState[]> {
  return (await currentCategoriesIncludingInactive(db)).filter((c) => c.active);
}

export async function findCurrentCategory(db: Executor, code: string): Promise<Category | null> {
  const row = await findCurrentCategoryAnyState(db, code);
  return row && row.active ? row : null;
}

/** Edits are new versions: events keep the version (and rules) they were filed under. */
export async function updateCategory(
  tx: Executor,
  code: string,
  change: { name?: string | undefined; rules?: CategoryRules | undefined; active?: boolean | undefined },
): Promise<Category | null> {
  const current = await findCurrentCategoryAnyState(tx, code);
  if (!current) return null;
  forgetCachedCategories();
  const [row] = await tx
    .insert(eventCategory)
    .values({
      code,
      version: current.version + 1,
      parentCode: current.parentCode,
      name: change.name ?? current.name,
      rules: change.rules ?? current.rules,
      active: change.active ?? current.active,
      sortOrder: current.sortOrder,
    })
    .returning();
  return row ?? null;
}

async function findCurrentCategoryAnyState(db: Executor, code: string) {
  const [row] = await db
    .select()
    .from(eventCategory)
    .where(eq(eventCategory.code, code))
    .orderBy(desc(eventCategory.version))
    .limit(1);
  return row ?? null;
}

export interface CategoryWithState extends Category {
  active: boolean;
}

/**
 * The current version of every category, deactivated ones included, each with its state: the list a
 * system administrator works from, so a deactivated category can be found and activated again.
 * Reporters' lists keep using `currentCategories`, which leaves the deactivated ones out.
 */
export async function currentCategoriesIncludingInactive(db: Executor): Promise<CategoryWithState[]> {
  const rows = await db
    .selectDistinctOn([eventCategory.code], {
      code: eventCategory.code,
      version: eventCategory.version,
      parentCode: eventCategory.parentCode,
      name: eventCategory.name,
      rules: eventCategory.rules,
      active: eventCategory.active,
    })
    .from(eventCategory)
    .orderBy(asc(eventCategory.code), desc(eventCategory.version));
  return rows.sort((a, b) => a.code.localeCompare(b.code));
}
