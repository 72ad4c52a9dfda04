/** What both the staff and the public catalogue give for a category. */
export interface CategoryItem {
  code: string;
  parentCode: string | null;
  name: string;
}

export interface CategoryNode {
  value: string;
  label: string;
  children: CategoryNode[];
}

/** The two-level catalogue as a tree (parents in catalogue order); reports name a leaf. */
export function categoryTree(items: readonly CategoryItem[]): CategoryNode[] {
  const parents = items.filter((item) => item.parentCode === null);
  return parents.map((parent) => ({
    value: parent.code,
    label: parent.name,
    children: items
      .filter((item) => item.parentCode === parent.code)
      .map((item) => ({ value: item.code, label: item.name, children: [] })),
  }));
}

/** The Cascader path `[parent, leaf]` for a leaf code. */
export function categoryPath(items: readonly CategoryItem[], leaf: string | undefined): string[] {
  const item = leaf ? items.find((i) => i.code === leaf) : undefined;
  return item?.parentCode ? [item.parentCode, item.code] : [];
}
