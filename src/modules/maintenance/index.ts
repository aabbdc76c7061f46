/** Operating the database: partitions, pruning, vacuum, resumable data migrations, the doctor and Citus distribution. */
export { type BackfillOptions, type BackfillProgress, type BackfillResult, type DataMigration, readCheckpoint, runBackfill } from './backfill';
export { dataMigrations, findDataMigration } from './backfills';
export { CitusError, citusVersion, type DistributeEvent, type DistributeResult, distributeForCitus } from './citus-repository';
export { type CheckItem, type CheckResult, type DoctorOptions, runDoctor, type Status } from './doctor';
export {
  DEFAULT_EVENTS_RETENTION_DAYS,
  type EventsRetentionOptions,
  type EventsRetentionResult,
  eventsCutoff,
  pruneEvents,
} from './events-retention';
export { ARCHIVED_TABLES, ensurePartitions, PARTITIONED_TABLES } from './partitions';
export { type Manifest, type PartitionInfo, type PrunedPartition, PruneError, type PruneEvent, type PruneOptions, pruneCutoff, prunePartitions } from './prune';
export { type MaintenanceAction, type MaintenanceOptions, runMaintenance } from './vacuum';
