/** The audit key every test database session gets (AUDIT_KEY of the CLI in tests). */
export const TEST_AUDIT_KEY = Buffer.alloc(32, 11);
export const TEST_AUDIT_KEY_BASE64 = TEST_AUDIT_KEY.toString('base64');
