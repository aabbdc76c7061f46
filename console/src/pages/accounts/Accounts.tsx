import { Anchor, Group, Select, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Pager, useCursorPages } from '../../components/paging';
import { EmptyRow, Loading, PageHeader, ProblemAlert, Refreshing, StatusBadge, When } from '../../components/ui';

const statuses = ['PENDING', 'ACTIVE', 'SUSPENDED', 'INACTIVE'] as const;
const types = ['INDIVIDUAL', 'AGENCY', 'VENDOR', 'CLIENT'] as const;
type Status = (typeof statuses)[number];
type AccountType = (typeof types)[number];

export function Accounts() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q.trim(), 250);
  const status = (params.get('status') as Status | null) ?? undefined;
  const type = (params.get('type') as AccountType | null) ?? undefined;
  const pages = useCursorPages(`${debouncedQ}|${status}|${type}`);
  const setParam = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const list = useQuery({
    queryKey: ['tenant-accounts', { q: debouncedQ, status, type, cursor: pages.cursor }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/tenant/accounts', { params: { query: { q: debouncedQ || undefined, status, type, cursor: pages.cursor, limit: 25 } } })),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title="Accounts" description="Agencies, vendors, clients and individuals: approve new ones, manage members and plan limits." />
      <Tabs value={status ?? 'all'} onChange={(value) => setParam('status', value === 'all' ? null : value)} mb="md">
        <Tabs.List>
          <Tabs.Tab value="all">All</Tabs.Tab>
          <Tabs.Tab value="PENDING">Pending approval</Tabs.Tab>
          <Tabs.Tab value="ACTIVE">Active</Tabs.Tab>
          <Tabs.Tab value="SUSPENDED">Suspended</Tabs.Tab>
          <Tabs.Tab value="INACTIVE">Inactive</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Group mb="md" gap="sm" wrap="wrap">
        <TextInput
          aria-label="Search accounts"
          placeholder="Search by name or identifier"
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: '1 1 260px' }}
        />
        <Select
          aria-label="Type"
          placeholder="Any type"
          clearable
          data={types.map((t) => ({ value: t, label: t.toLowerCase() }))}
          value={type ?? null}
          onChange={(value) => setParam('type', value)}
          w={180}
        />
      </Group>
      <ProblemAlert error={list.error} />
      {list.isLoading ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Refreshing active={list.isPlaceholderData} />
          <Table highlightOnHover verticalSpacing="sm" aria-label="Accounts" aria-busy={list.isPlaceholderData}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Account</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Plan</Table.Th>
                <Table.Th>Members</Table.Th>
                <Table.Th>Created</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.data.length === 0 ? (
                <EmptyRow columns={6}>{status === 'PENDING' ? 'No account is waiting for approval.' : 'No accounts match.'}</EmptyRow>
              ) : null}
              {list.data?.data.map((account) => (
                <Table.Tr key={account.id} className="mono-row-link" onClick={() => navigate(`/accounts/${account.id}`)}>
                  <Table.Td>
                    <Anchor component={Link} to={`/accounts/${account.id}`} size="sm" fw={500} c="inherit" onClick={(e) => e.stopPropagation()}>
                      {account.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {account.identifier}
                      {account.verifiedAt ? ' · verified' : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{account.type.toLowerCase()}</Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={account.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{account.subscription?.plan ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {account.memberCount}
                      {account.effectiveLimits.maxMembers !== null ? ` / ${account.effectiveLimits.maxMembers}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <When iso={account.createdAt} />
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager pages={pages} nextCursor={list.data?.nextCursor} count={list.data?.data.length} noun="accounts on this page" />
    </>
  );
}
