import type { CategoryRow } from './repository';

/** Category rows → API JSON. */
export function presentCategory(row: CategoryRow) {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    slug: row.slug,
    description: row.description,
    position: row.position,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type CategoryView = ReturnType<typeof presentCategory>;
export type CategoryNode = CategoryView & { children: CategoryNode[] };

/** Nests rows (already in sibling order) under their parents. */
export function buildTree(rows: CategoryRow[]): CategoryNode[] {
  const nodes = new Map(rows.map((row) => [row.id, { ...presentCategory(row), children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
