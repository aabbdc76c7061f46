/** The content module's public surface: content, its workflow, categories and search. */

export type { CategoryNode, CategoryView } from './categories/presenters';
export type { CategoryDetail } from './categories/read-categories';
export { type CategoryService, createCategoryService } from './categories/service';
export type { ContentSummary, ContentView, ManagedContentSummary, PublicContent } from './contents/presenters';
export { contentStats, isPubliclyVisibleContent, publicContentLabels, publiclyVisible } from './contents/repository';
export { type ContentService, createContentService, type SearchHit, type SearchPage } from './contents/service';
export { archiveExpiredContent } from './jobs';
export { contentRoutes } from './routes';
export type { ContentDeps, ContentStats, ContentViews } from './shared/deps';
export { CONTENT_STATUSES, CONTENT_TRANSITIONS, type ContentStatus, type ContentTransition, transitionsFrom } from './shared/policy';
export * from './shared/schemas';
export { slugify } from './shared/slug';
