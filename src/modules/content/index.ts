/** The content module's public surface: content, its workflow, categories and search. */

export { buildTree, type CategoryNode, type CategoryService, type CategoryView, createCategoryService, presentCategory } from './category-service';
export { archiveExpiredContent } from './jobs';
export {
  availableActions,
  CONTENT_STATUSES,
  CONTENT_TRANSITIONS,
  CONTENT_TYPES,
  type ContentAction,
  type ContentStatus,
  type ContentTransition,
  type ContentType,
  contentTransitions,
  transitionsFrom,
} from './policy';
export { type ContentSummary, type ContentView, type ManagedContentSummary, type PublicContent, type Visibility, visibilityOf } from './presenters';
export { type ContentStats, contentStats, isPubliclyVisibleContent, publicContentLabels, publiclyVisible } from './repository';
export { type ContentViews, contentRoutes } from './routes';
export * from './schemas';
export { type ContentService, type ContentServiceDeps, createContentService, type SearchHit, type SearchPage, type TransitionInput } from './service';
export { slugify } from './slug';
