import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, type Schemas, unwrap } from '../../api/client';
import { describeError, formProblem } from '../../api/problem';
import { useSignedIn } from '../../auth/AuthProvider';
import { useUrlFilters } from '../../components/filters';
import { FilterSelect, PagedTable } from '../../components/PagedTable';
import { useCursorPages } from '../../components/paging';
import { confirmAction, formatDateTime, PageHeader, ProblemAlert, StatusBadge, When } from '../../components/ui';

type Listing = Schemas['DashboardListing'];
type Status = Listing['status'];
type Action = 'pause' | 'resume' | 'cancel';
const statuses: Status[] = ['ACTIVE', 'PAUSED', 'DRAFT', 'EXPIRED', 'COMPLETED', 'CANCELLED'];

const capitalised = (word: string) => `${word[0]!.toUpperCase()}${word.slice(1)}`;

/** What a moderator may do with a listing in each state (the API refuses the rest with ILLEGAL_TRANSITION). */
const actionsFor: Partial<Record<Status, Action[]>> = { ACTIVE: ['pause', 'cancel'], PAUSED: ['resume', 'cancel'] };

const confirmations: Record<Exclude<Action, 'resume'>, { title: string; message: string; confirmLabel: string }> = {
  pause: {
    title: 'Pause this listing?',
    message: 'It leaves search and takes no applications; its account cannot resume it until a moderator does.',
    confirmLabel: 'Pause listing',
  },
  cancel: { title: 'Cancel this listing?', message: 'It closes for good: a cancelled listing cannot be reopened.', confirmLabel: 'Cancel listing' },
};

/** Every listing of the marketplace, in any state, with its applications (GET /tenant/listings); pause, resume or cancel. */
export function Listings() {
  const { can } = useSignedIn();
  const filters = useUrlFilters();
  const status = filters.get('status') as Status | undefined;
  const held = filters.get('held');
  const pages = useCursorPages(`${status}|${held}`);
  const query = { status: status ? [status] : undefined, held: held === undefined ? undefined : held === 'true', cursor: pages.cursor, limit: 25 };
  const list = useQuery({
    queryKey: ['tenant-listings', query],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/listings', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: async ({ listing, action }: { listing: Listing; action: Action }) => {
      if (action !== 'resume' && !(await confirmAction({ ...confirmations[action], message: `“${listing.title}”: ${confirmations[action].message}` }))) {
        return null;
      }
      return unwrap(api.POST('/api/v1/tenant/listings/{listingId}/transition', { params: { path: { listingId: listing.id } }, body: { action } }));
    },
    onSuccess: (result) => {
      if (!result) return;
      void queryClient.invalidateQueries({ queryKey: ['tenant-listings'] });
      notifications.show({ color: 'teal', message: `“${result.title}” is now ${result.status.toLowerCase()}` });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not changed', message: describeError(error) }),
  });
  const problem = formProblem(list.error, ['status', 'held']);
  const mayModerate = can('tenant.listings.update');

  return (
    <>
      <PageHeader title="Listings" description="Every listing of the marketplace in any state, newest first, with its applications." />
      <Group mb="md" gap="sm" align="flex-start">
        <FilterSelect
          filters={filters}
          name="status"
          label="Status"
          data={statuses.map((s) => ({ value: s, label: s.toLowerCase() }))}
          w={180}
          error={problem.field('status')}
        />
        <FilterSelect
          filters={filters}
          name="held"
          label="Held by a moderator"
          placeholder="Either"
          data={[
            { value: 'true', label: 'held (paused by a moderator)' },
            { value: 'false', label: 'not held' },
          ]}
          w={240}
          error={problem.field('held')}
        />
      </Group>
      <ProblemAlert error={problem.general} />
      <PagedTable
        label="Listings"
        minWidth={860}
        list={list}
        columns={['Listing', 'Status', 'Price', 'Applications', 'Created', ...(mayModerate ? ['Moderate'] : [])]}
        empty="No listings match."
        pages={pages}
        noun="listings on this page"
        row={(listing) => (
          <Table.Tr key={listing.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {listing.title}
              </Text>
              <Text size="xs" c="dimmed">
                {listing.type.toLowerCase()}
                {listing.remote ? ' · remote' : ''} ·{' '}
                <Anchor component={Link} to={`/accounts/${listing.accountId}`} size="xs" underline="always">
                  its account
                </Anchor>
              </Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={listing.status} />
              {listing.expiresAt ? (
                <Text size="xs" c="dimmed">
                  until {formatDateTime(listing.expiresAt)}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{listing.price ? `${listing.price} ${listing.currency}` : listing.priceType.toLowerCase()}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {listing.stats.activeApplications} active · {listing.stats.pendingApplications} new
              </Text>
              <Anchor component={Link} to={`/applications?account=${listing.accountId}`} size="xs">
                applications to its account
              </Anchor>
            </Table.Td>
            <Table.Td>
              <When iso={listing.createdAt} />
            </Table.Td>
            {mayModerate ? (
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  {(actionsFor[listing.status] ?? []).map((action) => (
                    <Button
                      key={action}
                      size="compact-sm"
                      variant={action === 'cancel' ? 'light' : 'default'}
                      color={action === 'cancel' ? 'red' : undefined}
                      loading={act.isPending && act.variables?.listing.id === listing.id && act.variables.action === action}
                      onClick={() => act.mutate({ listing, action })}
                      aria-label={`${capitalised(action)} “${listing.title}”`}
                    >
                      {capitalised(action)}
                    </Button>
                  ))}
                </Group>
              </Table.Td>
            ) : null}
          </Table.Tr>
        )}
      />
    </>
  );
}
