import { Anchor, Card, Group, Stack, Text, Timeline } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Pager, useCursorPages } from '../../components/paging';
import { Empty, formatDateTime, Loading, PageHeader, ProblemAlert } from '../../components/ui';
import { ActionBadge, actorName, ChangesTable, EntryMeta, resourceNoun } from './entries';

/** The history of one record, newest first, each change field by field. */
export function RecordHistory() {
  const { resource = '', resourceId = '' } = useParams();
  const pages = useCursorPages(`${resource}/${resourceId}`);
  const history = useQuery({
    queryKey: ['tenant-audit', 'history', resource, resourceId, pages.cursor],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/tenant/audit/{resource}/{resourceId}', { params: { path: { resource, resourceId }, query: { cursor: pages.cursor, limit: 20 } } }),
      ),
    placeholderData: keepPreviousData,
  });
  const detailLink =
    resource === 'users'
      ? `/users/${resourceId}`
      : resource === 'accounts'
        ? `/accounts/${resourceId}`
        : resource === 'contents'
          ? `/content?item=${resourceId}`
          : null;
  return (
    <>
      <Anchor component={Link} to="/audit" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden /> Audit trail
      </Anchor>
      <PageHeader
        title={`History of ${resourceNoun(resource)}`}
        description={
          <span>
            <span className="mono-mono">{resourceId}</span>
            {detailLink ? (
              <>
                {' · '}
                <Anchor component={Link} to={detailLink} size="sm">
                  open the record
                </Anchor>
              </>
            ) : null}
          </span>
        }
      />
      <ProblemAlert error={history.error} />
      {history.isLoading ? <Loading /> : null}
      {history.data?.data.length === 0 ? <Empty>No changes recorded for this record.</Empty> : null}
      {history.data?.data.length ? (
        <Timeline bulletSize={14} lineWidth={2} active={-1}>
          {history.data.data.map((entry) => (
            <Timeline.Item
              key={entry.id}
              title={
                <Group gap="xs">
                  <ActionBadge action={entry.action} />
                  <Text size="sm" fw={600}>
                    {actorName(entry)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {formatDateTime(entry.createdAt)}
                  </Text>
                </Group>
              }
            >
              <Card withBorder radius="md" padding="sm" mt={6}>
                <Stack gap={6}>
                  <EntryMeta entry={entry} />
                  <ChangesTable entry={entry} />
                </Stack>
              </Card>
            </Timeline.Item>
          ))}
        </Timeline>
      ) : null}
      <Pager pages={pages} nextCursor={history.data?.nextCursor} count={history.data?.data.length} noun="changes on this page" />
    </>
  );
}
