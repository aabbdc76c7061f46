import { bindUseCases } from '../../../core/use-case';
import type { ContentDeps } from '../shared/deps';
import { createCategory, deleteCategory, moveCategory, updateCategory } from './change-categories';
import { getCategory, getCategoryTree } from './read-categories';

/** The category use cases over one set of deps (tests, and callers that want them as one object). */
export function createCategoryService(deps: ContentDeps) {
  return bindUseCases(deps, {
    create: createCategory,
    update: updateCategory,
    move: moveCategory,
    remove: deleteCategory,
    tree: getCategoryTree,
    get: getCategory,
  });
}

export type CategoryService = ReturnType<typeof createCategoryService>;
