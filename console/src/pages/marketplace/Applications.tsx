import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, type Schemas, unwrap } from '../../api/client';
import { formProblem } from '../../api/problem';
import { useUrlFilters } from '../../components/filters';
import { FilterSelect, PagedTable } from '../../components/PagedTable';
import { useCursorPages } from '../../components/paging';
import { PageHeader, ProblemAlert, StatusBadge, When } from '../../components/ui';

type Status = Schemas['Application']['status'];
const statuses: Status[] = ['PENDING', 'REVIEWING', 'SHORTLISTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'];

/** Every application of the marketplace, newest first (GET /tenant/applications); ?account= narrows to one account's listings. */
export function Applications() {
  const filters = useUrlFilters();
  const status = filters.get('status') as Status | undefined;
  const accountId = filters.get('account');
  const pages = useCursorPages(`${status}|${accountId}`);
  const query = { status: status ? [status] : undefined, accountId, cursor: pages.cursor, limit: 25 };
  const list = useQuery({
    queryKey: ['tenant-applications', query],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/applications', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const problem = formProblem(list.error, ['status']);
  return (
    <>
      <PageHeader title="Applications" description="Every application to a listing of the marketplace, newest first." />
      <Group mb="md" gap="sm" align="flex-end">
        <FilterSelect
          filters={filters}
          name="status"
          label="Status"
          data={statuses.map((s) => ({ value: s, label: s.toLowerCase() }))}
          w={180}
          error={problem.field('status')}
        />
        {accountId ? (
          <Button variant="default" onClick={() => filters.set('account', null)}>
            Show every account’s
          </Button>
        ) : null}
      </Group>
      {accountId ? (
        <Text size="sm" mb="sm">
          Applications to the listings of{' '}
          <Anchor component={Link} to={`/accounts/${accountId}`} underline="always">
            one account
          </Anchor>
          .
        </Text>
      ) : null}
      <ProblemAlert error={problem.general} />
      <PagedTable
        label="Applications"
        minWidth={720}
        list={list}
        columns={['Listing', 'Applicant', 'Status', 'Applied', 'Reviewed']}
        empty="No applications match."
        pages={pages}
        noun="applications on this page"
        row={(application) => (
          <Table.Tr key={application.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {application.listing?.title ?? 'a listing'}
              </Text>
              {application.listing ? (
                <Text size="xs" c="dimmed">
                  {application.listing.type.toLowerCase()} · {application.listing.status.toLowerCase()}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/users/${application.applicantId}`} size="sm">
                view applicant
              </Anchor>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={application.status} />
            </Table.Td>
            <Table.Td>
              <When iso={application.createdAt} />
            </Table.Td>
            <Table.Td>
              <When iso={application.reviewedAt} />
            </Table.Td>
          </Table.Tr>
        )}
      />
    </>
  );
}
