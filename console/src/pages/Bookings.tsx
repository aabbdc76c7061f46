import { Anchor, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import { formProblem } from '../api/problem';
import { Pager, useCursorPages } from '../components/paging';
import { EmptyRow, formatDateTime, Loading, PageHeader, ProblemAlert, Refreshing, StatusBadge } from '../components/ui';

type Status = Schemas['Booking']['status'];
const statuses: Status[] = ['PENDING', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW'];

/** Every booking of the marketplace, by start time (GET /tenant/bookings). */
export function Bookings() {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as Status | null) ?? undefined;
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const pages = useCursorPages(`${status}|${from}|${to}`);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const query = {
    status,
    from: from ? new Date(from).toISOString() : undefined,
    to: to ? new Date(to).toISOString() : undefined,
    cursor: pages.cursor,
    limit: 25,
  };
  const list = useQuery({
    queryKey: ['tenant-bookings', query],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/bookings', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const problem = formProblem(list.error, ['status', 'from', 'to']);
  return (
    <>
      <PageHeader title="Bookings" description="Every booking in the marketplace, by start time." />
      <Group mb="md" gap="sm" wrap="wrap" align="flex-start">
        <Select
          label="Status"
          placeholder="Any"
          clearable
          data={statuses.map((s) => ({ value: s, label: s.replace('_', ' ').toLowerCase() }))}
          value={status ?? null}
          onChange={(v) => set('status', v)}
          w={180}
          error={problem.field('status')}
        />
        <TextInput
          label="Starting from"
          type="datetime-local"
          value={from}
          onChange={(e) => set('from', e.currentTarget.value)}
          error={problem.field('from')}
        />
        <TextInput label="Starting before" type="datetime-local" value={to} onChange={(e) => set('to', e.currentTarget.value)} error={problem.field('to')} />
      </Group>
      <ProblemAlert error={problem.general} />
      {list.isLoading ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Refreshing active={list.isPlaceholderData} />
          <Table verticalSpacing="sm" aria-label="Bookings" aria-busy={list.isPlaceholderData}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Booking</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>Who is booked</Table.Th>
                <Table.Th>Client</Table.Th>
                <Table.Th ta="right">Price</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.data.length === 0 ? <EmptyRow columns={6}>No bookings match.</EmptyRow> : null}
              {list.data?.data.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {b.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {b.type.toLowerCase()}
                      {b.recurrence ? ' · recurring' : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={b.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(b.start)}</Text>
                    <Text size="xs" c="dimmed">
                      to {formatDateTime(b.end)} · {b.timezone}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/users/${b.resourceId}`} size="sm">
                      view person
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/users/${b.clientId}`} size="sm">
                      view client
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{b.price ? `${b.price} ${b.currency ?? ''}` : '—'}</Text>
                    {b.price ? (
                      <Text size="xs" c={b.paid ? 'teal' : 'dimmed'}>
                        {b.paid ? 'paid' : 'unpaid'}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager pages={pages} nextCursor={list.data?.nextCursor} count={list.data?.data.length} noun="bookings on this page" />
    </>
  );
}
