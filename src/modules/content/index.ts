/** The content module's public surface: content, its workflow, categories and search. */
export { createContentService, type ContentService, type ContentServiceDeps, type TransitionInput, type SearchPage, type SearchHit } from './service';
export { createCategoryService, buildTree, presentCategory, type CategoryService, type CategoryView, type CategoryNode } from './category-service';
export { archiveExpiredContent } from './jobs';
export {
  CONTENT_STATUSES,
  CONTENT_TYPES,
  CONTENT_TRANSITIONS,
  contentTransitions,
  availableActions,
  transitionsFrom,
  type ContentAction,
  type ContentStatus,
  type ContentTransition,
  type ContentType,
} from './policy';
export * from './schemas';
export { slugify } from './slug';
export { visibilityOf, type ContentView, type PublicContent, type ContentSummary, type ManagedContentSummary, type Visibility } from './presenters';
export { contentStats, isPubliclyVisibleContent, publicContentLabels, publiclyVisible, type ContentStats } from './repository';
