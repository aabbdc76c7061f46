/** Background jobs: the definitions, and the scheduler `serve` starts. */
export { findJob, type JobDefinition, type JobEnv, jobDefinitions } from './definitions';
export { type JobLogger, type JobOutcome, runDueJob, runJobNow, type Scheduler, type SchedulerDeps, startScheduler } from './scheduler';
export { createJobStatusService, type JobStatus, jobStatusSchema } from './status';
