/** Background jobs: the definitions, and the scheduler `serve` starts. */
export { jobDefinitions, findJob, type JobDefinition } from './definitions';
export { startScheduler, runDueJob, runJobNow, type Scheduler, type SchedulerDeps, type JobLogger, type JobOutcome } from './scheduler';
export { createJobStatusService, jobStatusSchema, type JobStatus } from './status';
