import { bindUseCases } from '../../../core/use-case';
import type { ContentDeps } from '../shared/deps';
import { createContent } from './create-content';
import { deleteContent, editContent } from './edit-content';
import { getContent, getPublishedContent } from './read-content';
import { searchManagedContent, searchPublicContent } from './search-content';
import { transitionContent } from './transition-content';

export type { SearchHit, SearchPage } from './search-content';

/** The content use cases over one set of deps (tests, and callers that want them as one object). */
export function createContentService(deps: ContentDeps) {
  return bindUseCases(deps, {
    create: createContent,
    update: editContent,
    transition: transitionContent,
    remove: deleteContent,
    get: getContent,
    getPublished: getPublishedContent,
    publicSearch: searchPublicContent,
    managedSearch: searchManagedContent,
  });
}

export type ContentService = ReturnType<typeof createContentService>;
