import { Code, Table, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { EmptyRow, formatDateTime, Loading, PageHeader, ProblemAlert, StatusBadge, When } from '../../components/ui';

function every(seconds: number): string {
  if (seconds % 86400 === 0) return seconds === 86400 ? 'daily' : `every ${seconds / 86400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hourly' : `every ${seconds / 3600} h`;
  if (seconds % 60 === 0) return `every ${seconds / 60} min`;
  return `every ${seconds} s`;
}

/** The background jobs and their last runs (refreshed every 10 seconds). */
export function Jobs() {
  const jobs = useQuery({ queryKey: ['platform-jobs'], queryFn: () => unwrap(api.GET('/api/v1/platform/jobs')), refetchInterval: 10_000 });
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Time-based work inside mono serve: each job runs at most once per slot across all processes. Refreshed every 10 seconds."
      />
      <ProblemAlert error={jobs.error} />
      {jobs.isLoading ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" aria-label="Background jobs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Job</Table.Th>
                <Table.Th>Schedule</Table.Th>
                <Table.Th>Last run</Table.Th>
                <Table.Th>Started</Table.Th>
                <Table.Th>Took</Table.Th>
                <Table.Th>Last success</Table.Th>
                <Table.Th>Outcome</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {jobs.data?.data.length === 0 ? <EmptyRow columns={7}>No jobs are defined.</EmptyRow> : null}
              {jobs.data?.data.map((job) => {
                const run = job.lastRun;
                const took = run?.finishedAt ? (new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime()) / 1000 : null;
                return (
                  <Table.Tr key={job.name}>
                    <Table.Td>
                      <Code>{job.name}</Code>
                      <Text size="xs" c="dimmed">
                        {job.description}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{every(job.everySeconds)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {run ? (
                        <StatusBadge status={run.status} />
                      ) : (
                        <Text size="sm" c="dimmed">
                          not yet
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        <When iso={run?.startedAt} />
                      </Text>
                      {run && run.attempts > 1 ? (
                        <Text size="xs" c="orange">
                          {run.attempts} attempts
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{took === null ? '—' : `${took.toFixed(took < 10 ? 2 : 0)} s`}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        <When iso={job.lastSuccessAt} />
                      </Text>
                    </Table.Td>
                    <Table.Td maw={320}>
                      {run?.error ? (
                        <Text size="xs" c="red" lineClamp={3} title={run.error}>
                          {run.error}
                        </Text>
                      ) : run?.result ? (
                        <Tooltip label={`slot ${formatDateTime(run.slotStart)}${run.worker ? ` · ${run.worker}` : ''}`}>
                          <Text size="xs" c="dimmed" className="mono-mono" lineClamp={2}>
                            {JSON.stringify(run.result)}
                          </Text>
                        </Tooltip>
                      ) : (
                        <Text size="xs" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
