import { Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../api/client';
import { formProblem } from '../../api/problem';
import { useUrlFilters } from '../../components/filters';
import { FilterSelect, PagedTable } from '../../components/PagedTable';
import { useCursorPages } from '../../components/paging';
import { PageHeader, ProblemAlert, StatusBadge, When } from '../../components/ui';

type Status = Schemas['MailMessage']['status'];
const statuses: Status[] = ['queued', 'sending', 'sent', 'failed'];

/** The e-mails Mono sent for the marketplace and how delivery went (GET /tenant/mail); never their text, which holds sign-in links. */
export function MailLog() {
  const filters = useUrlFilters();
  const status = filters.get('status') as Status | undefined;
  const pages = useCursorPages(status ?? '');
  const query = { status, cursor: pages.cursor, limit: 25 };
  const list = useQuery({
    queryKey: ['tenant-mail', query],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/mail', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const problem = formProblem(list.error, ['status']);
  return (
    <>
      <PageHeader
        title="Mail log"
        description="Every e-mail sent to the marketplace’s people, newest first, with its delivery state. The text is not shown: it holds sign-in links."
      />
      <FilterSelect filters={filters} name="status" label="Delivery state" data={statuses} w={200} mb="md" error={problem.field('status')} />
      <ProblemAlert error={problem.general} />
      <PagedTable
        label="E-mails"
        minWidth={820}
        list={list}
        columns={['To', 'Subject', 'State', 'Attempts', 'Queued']}
        empty="No e-mails match."
        pages={pages}
        noun="e-mails on this page"
        row={(mail) => (
          <Table.Tr key={mail.id}>
            <Table.Td>
              <Text size="sm">{mail.to}</Text>
            </Table.Td>
            <Table.Td maw={360}>
              <Text size="sm" truncate>
                {mail.subject}
              </Text>
              <Text size="xs" c="dimmed" className="mono-mono">
                {mail.template}
              </Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={mail.status} />
              {mail.lastError ? (
                <Text size="xs" c="red.9" maw={260}>
                  {mail.lastError}
                </Text>
              ) : null}
              {mail.status === 'sent' && mail.transport === 'log' ? (
                <Text size="xs" c="dimmed">
                  printed to the server log (no SMTP configured)
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{mail.attempts}</Text>
              {mail.nextAttemptAt ? (
                <Text size="xs" c="dimmed">
                  next <When iso={mail.nextAttemptAt} />
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <When iso={mail.createdAt} />
            </Table.Td>
          </Table.Tr>
        )}
      />
    </>
  );
}
