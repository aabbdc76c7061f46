/** The audit module's public surface: reading the trail, verifying it, erasing a person. */
export { createAuditService, presentEntry, type AuditService, type AuditServiceDeps } from './service';
export { createErasureService, type ErasureService } from './erasure';
export { verifyAuditChains, verifyTenantChain, type ChainReport, type VerifyOptions } from './verify';
export * from './schemas';
export { auditRoutes } from './routes';
