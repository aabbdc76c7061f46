import type { Database } from '../../db/client';
import type { ObjectStorage } from './storage';

/** What the media use cases need. */
export interface MediaDeps {
  db: Database;
  storage: ObjectStorage;
  /** The installation's cap per file (MAX_UPLOAD_BYTES); a tenant may only lower it. */
  maxUploadBytes: number;
  /** Where uploads are staged while they are checked (e.g. DATA_DIR/tmp/uploads). */
  tempDir: string;
  /** Told about failed clean-ups (storage unreachable); they never hide the caller's error. */
  onCleanupError?: (error: unknown, what: string) => void;
}
