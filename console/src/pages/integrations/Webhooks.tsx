import { Anchor, Badge, Button, Modal, Stack, Table, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type Schemas, unwrap } from '../../api/client';
import { formProblem } from '../../api/problem';
import { useSignedIn } from '../../auth/AuthProvider';
import { FormActions, PagedTable } from '../../components/PagedTable';
import { useCursorPages } from '../../components/paging';
import { ShownOnce } from '../../components/ShownOnce';
import { PageHeader, ProblemAlert, When } from '../../components/ui';

export function WebhookState({ webhook }: { webhook: Schemas['Webhook'] }) {
  if (webhook.enabled)
    return (
      <Badge color="teal" variant="dot" radius="sm" tt="none">
        enabled{webhook.consecutiveFailures ? ` · ${webhook.consecutiveFailures} failing` : ''}
      </Badge>
    );
  return (
    <Stack gap={2}>
      <Badge color="red" variant="dot" radius="sm" tt="none">
        disabled
      </Badge>
      {webhook.disabledReason ? (
        <Text size="xs" c="dimmed">
          {webhook.disabledReason}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The marketplace's webhook endpoints (GET /tenant/webhooks); register one (its signing secret shown once). */
export function Webhooks() {
  const { can } = useSignedIn();
  const pages = useCursorPages('');
  const query = { cursor: pages.cursor, limit: 25 };
  const list = useQuery({
    queryKey: ['tenant-webhooks', query],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/webhooks', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Endpoints Mono calls when something happens in the marketplace, each message signed with the endpoint’s secret."
        actions={
          can('tenant.webhooks.manage') ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              New webhook
            </Button>
          ) : null
        }
      />
      <ProblemAlert error={list.error} />
      <PagedTable
        label="Webhooks"
        minWidth={720}
        list={list}
        columns={['Endpoint', 'Events', 'State', 'Registered']}
        empty="No webhooks yet."
        pages={pages}
        noun="webhooks on this page"
        row={(webhook) => (
          <Table.Tr key={webhook.id}>
            <Table.Td maw={380}>
              <Anchor component={Link} to={`/webhooks/${webhook.id}`} size="sm" className="mono-mono" style={{ wordBreak: 'break-all' }}>
                {webhook.url}
              </Anchor>
              {webhook.description ? (
                <Text size="xs" c="dimmed">
                  {webhook.description}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Text size="xs" className="mono-mono">
                {webhook.events.join(', ')}
              </Text>
            </Table.Td>
            <Table.Td>
              <WebhookState webhook={webhook} />
            </Table.Td>
            <Table.Td>
              <When iso={webhook.createdAt} />
            </Table.Td>
          </Table.Tr>
        )}
      />
      {creating ? <CreateWebhook onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function CreateWebhook({ onClose }: { onClose: () => void }) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['*']);
  const [description, setDescription] = useState('');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/tenant/webhooks', { body: { url, events, description } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['tenant-webhooks'] }),
  });
  const problem = formProblem(create.error, ['url', 'events', 'description']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  if (create.data) {
    const id = create.data.id;
    return (
      <ShownOnce title="Webhook registered: its signing secret" what="signing secret" secret={create.data.secret} onClose={() => navigate(`/webhooks/${id}`)} />
    );
  }
  return (
    <Modal opened onClose={onClose} title="New webhook" size="lg">
      <form onSubmit={submit} aria-label="New webhook">
        <Stack>
          <TextInput
            label="URL"
            placeholder="https://example.com/hooks/mono"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={problem.field('url')}
            required
          />
          <TagsInput
            label="Events"
            description="Types (listing.published), families (listing.*) or * for everything. Enter to add."
            value={events}
            onChange={setEvents}
            error={problem.field('events')}
          />
          <Textarea
            label="Description (optional)"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={problem.field('description')}
          />
          <ProblemAlert error={problem.general} />
          <FormActions onCancel={onClose} submit="Register webhook" loading={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
