import { ActionIcon, Anchor, Button, Group, Select, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight, IconFilterOff } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formProblem } from '../../api/problem';
import { Pager, useCursorPages } from '../../components/paging';
import { EmptyRow, formatDateTime, Loading, PageHeader, ProblemAlert, Refreshing, When } from '../../components/ui';
import { ActionBadge, type AuditEntry, AuditSentence, ChangesTable, EntryMeta, historyPath } from './entries';

/** Audited tables (what `resource` may be); free text is accepted too. */
const resources = [
  'users',
  'user_profiles',
  'accounts',
  'account_users',
  'account_subscriptions',
  'roles',
  'role_permissions',
  'user_roles',
  'user_permissions',
  'tenants',
  'contents',
  'categories',
  'media_files',
  'listings',
  'applications',
  'messages',
  'bookings',
  'availabilities',
];
const actions = ['create', 'update', 'soft_delete', 'restore', 'delete'] as const;
const filterKeys = ['resource', 'resourceId', 'actorId', 'action', 'field', 'from', 'to', 'tenant'] as const;
type Filters = Partial<Record<(typeof filterKeys)[number], string>>;

export function AuditTrail() {
  return <AuditView scope="tenant" />;
}

/** The audit trail with filters, page by page; each entry expands to its field-by-field diff. */
export function AuditView({ scope }: { scope: 'tenant' | 'platform' }) {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const [debounced] = useDebouncedValue(filters, 300);
  const key = JSON.stringify(debounced);
  const pages = useCursorPages(key);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const query = {
    ...debounced,
    action: debounced.action as AuditEntry['action'] | undefined,
    from: debounced.from ? new Date(debounced.from).toISOString() : undefined,
    to: debounced.to ? new Date(debounced.to).toISOString() : undefined,
    cursor: pages.cursor,
    limit: 25,
  };
  const list = useQuery({
    queryKey: [`${scope}-audit`, { ...query }],
    queryFn: () =>
      scope === 'platform'
        ? unwrap(api.GET('/api/v1/platform/audit', { params: { query } }))
        : unwrap(api.GET('/api/v1/tenant/audit', { params: { query: { ...query, tenant: undefined } } })),
    placeholderData: keepPreviousData,
  });
  const setFilter = (name: keyof Filters, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const problem = formProblem(list.error, filterKeys.map(String));
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <PageHeader
        title={scope === 'platform' ? 'Audit across tenants' : 'Audit trail'}
        description="Every change to audited records, with who made it, from where, and the values before and after. Newest first."
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: scope === 'platform' ? 4 : 4 }} spacing="sm" mb="md">
        {scope === 'platform' ? (
          <TextInput
            label="Tenant"
            placeholder="identifier"
            value={filters.tenant ?? ''}
            onChange={(e) => setFilter('tenant', e.currentTarget.value)}
            error={problem.field('tenant')}
          />
        ) : null}
        <Select
          label="Resource"
          placeholder="Any"
          searchable
          clearable
          data={resources}
          value={filters.resource ?? null}
          onChange={(v) => setFilter('resource', v)}
          error={problem.field('resource')}
        />
        <TextInput
          label="Record id"
          placeholder="uuid"
          value={filters.resourceId ?? ''}
          onChange={(e) => setFilter('resourceId', e.currentTarget.value.trim())}
          error={problem.field('resourceId')}
        />
        <TextInput
          label="Actor (user id)"
          placeholder="uuid"
          value={filters.actorId ?? ''}
          onChange={(e) => setFilter('actorId', e.currentTarget.value.trim())}
          error={problem.field('actorId')}
        />
        <Select
          label="Action"
          placeholder="Any"
          clearable
          data={actions.map((a) => ({ value: a, label: a.replace('_', ' ') }))}
          value={filters.action ?? null}
          onChange={(v) => setFilter('action', v)}
          error={problem.field('action')}
        />
        <TextInput
          label="Changed field"
          placeholder="e.g. status"
          value={filters.field ?? ''}
          onChange={(e) => setFilter('field', e.currentTarget.value.trim())}
          error={problem.field('field')}
        />
        <TextInput
          label="From"
          type="datetime-local"
          value={filters.from ?? ''}
          onChange={(e) => setFilter('from', e.currentTarget.value)}
          error={problem.field('from')}
        />
        <TextInput
          label="To"
          type="datetime-local"
          value={filters.to ?? ''}
          onChange={(e) => setFilter('to', e.currentTarget.value)}
          error={problem.field('to')}
        />
        <Group align="flex-end">
          <Button
            variant="default"
            leftSection={<IconFilterOff size={16} />}
            onClick={() => setParams({}, { replace: true })}
            disabled={Object.keys(filters).length === 0}
          >
            Clear filters
          </Button>
        </Group>
      </SimpleGrid>
      <ProblemAlert error={problem.general} />
      {list.isLoading ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Refreshing active={list.isPlaceholderData} />
          <Table verticalSpacing="sm" aria-label="Audit entries" aria-busy={list.isPlaceholderData}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36} aria-label="Expand" />
                <Table.Th>When</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>What happened</Table.Th>
                <Table.Th>Record</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.data.length === 0 ? <EmptyRow columns={5}>No audit entries match.</EmptyRow> : null}
              {list.data?.data.map((entry) => {
                const open = expanded.has(entry.id);
                return (
                  <Fragment key={entry.id}>
                    <Table.Tr>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          onClick={() => toggle(entry.id)}
                          aria-expanded={open}
                          aria-label={open ? 'Hide the changed fields' : 'Show the changed fields'}
                        >
                          {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                        </ActionIcon>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" title={formatDateTime(entry.createdAt)}>
                          <When iso={entry.createdAt} />
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <ActionBadge action={entry.action} />
                      </Table.Td>
                      <Table.Td>
                        <AuditSentence entry={entry} link={false} />
                      </Table.Td>
                      <Table.Td>
                        {scope === 'tenant' ? (
                          <Anchor component={Link} to={historyPath(entry.resource, entry.resourceId)} size="sm">
                            history
                          </Anchor>
                        ) : (
                          <Text size="xs" c="dimmed" className="mono-mono">
                            …{entry.tenantId.slice(-6)}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                    {open ? (
                      <Table.Tr>
                        <Table.Td />
                        <Table.Td colSpan={4}>
                          <EntryMeta entry={entry} />
                          <ChangesTable entry={entry} />
                        </Table.Td>
                      </Table.Tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager pages={pages} nextCursor={list.data?.nextCursor} count={list.data?.data.length} noun="entries on this page" />
    </>
  );
}
