/** The audit module's public surface: reading the trail, verifying it, erasing a person. */

export { createErasureService, type ErasureService } from './erasure';
export { auditRoutes } from './routes';
export * from './schemas';
export { type AuditService, type AuditServiceDeps, createAuditService, presentEntry } from './service';
export { type ChainReport, type VerifyOptions, verifyAuditChains, verifyTenantChains } from './verify';
