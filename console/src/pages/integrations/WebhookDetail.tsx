import { Anchor, Button, Card, Code, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Schemas, unwrap } from '../../api/client';
import { describeError, formProblem } from '../../api/problem';
import { useSignedIn } from '../../auth/AuthProvider';
import { useUrlFilters } from '../../components/filters';
import { FilterSelect, PagedTable } from '../../components/PagedTable';
import { useCursorPages } from '../../components/paging';
import { ShownOnce } from '../../components/ShownOnce';
import { confirmAction, EmptyRow, formatDateTime, Loading, PageHeader, ProblemAlert, StatusBadge, When } from '../../components/ui';
import { WebhookState } from './Webhooks';

type Delivery = Schemas['WebhookDelivery'];
const deliveryStatuses: Delivery['status'][] = ['pending', 'sending', 'succeeded', 'failed'];

/** One webhook endpoint: test, rotate its secret, disable, delete; its deliveries, each can be sent again. */
export function WebhookDetail() {
  const { webhookId = '' } = useParams();
  const { can } = useSignedIn();
  const manage = can('tenant.webhooks.manage');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const webhook = useQuery({
    queryKey: ['tenant-webhook', webhookId],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/webhooks/{webhookId}', { params: { path: { webhookId } } })),
  });
  const [secret, setSecret] = useState<string | null>(null);
  const path = { params: { path: { webhookId } } };
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['tenant-webhook', webhookId] });
    void queryClient.invalidateQueries({ queryKey: ['tenant-webhooks'] });
    void queryClient.invalidateQueries({ queryKey: ['tenant-webhook-deliveries', webhookId] });
  };
  const failed = (error: unknown) => notifications.show({ color: 'red', title: 'That did not work', message: describeError(error) });

  const test = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/tenant/webhooks/{webhookId}/test', path)),
    onSuccess: () => {
      refresh();
      notifications.show({ color: 'teal', message: 'A webhook.test message is queued: it shows below' });
    },
    onError: failed,
  });
  const rotate = useMutation({
    mutationFn: async () => {
      const ok = await confirmAction({
        title: 'Rotate the signing secret?',
        message: 'A new secret signs from now on; the previous one keeps signing beside it for 24 hours, so the receiver can switch without losing messages.',
        confirmLabel: 'Rotate secret',
        danger: false,
      });
      return ok ? unwrap(api.POST('/api/v1/tenant/webhooks/{webhookId}/rotate-secret', { ...path, body: { overlapSeconds: 24 * 3600 } })) : null;
    },
    onSuccess: (rotated) => {
      if (!rotated) return;
      refresh();
      setSecret(rotated.secret);
    },
    onError: failed,
  });
  const toggle = useMutation({
    mutationFn: async (enabled: boolean) => {
      if (
        !enabled &&
        !(await confirmAction({ title: 'Disable this webhook?', message: 'Mono stops calling it until it is enabled again.', confirmLabel: 'Disable' }))
      ) {
        return null;
      }
      return unwrap(api.PATCH('/api/v1/tenant/webhooks/{webhookId}', { ...path, body: { enabled } }));
    },
    onSuccess: (updated) => {
      if (!updated) return;
      refresh();
      notifications.show({ color: 'teal', message: updated.enabled ? 'Enabled' : 'Disabled' });
    },
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: async () => {
      const ok = await confirmAction({
        title: 'Delete this webhook?',
        message: 'The endpoint and its delivery log are deleted; Mono stops calling it. This cannot be undone.',
        confirmLabel: 'Delete webhook',
      });
      if (ok) await unwrap(api.DELETE('/api/v1/tenant/webhooks/{webhookId}', path));
      return ok;
    },
    onSuccess: (deleted) => {
      if (!deleted) return;
      void queryClient.invalidateQueries({ queryKey: ['tenant-webhooks'] });
      notifications.show({ color: 'teal', message: 'The webhook is deleted' });
      navigate('/webhooks');
    },
    onError: failed,
  });

  if (webhook.isLoading) return <Loading />;
  if (!webhook.data) return <ProblemAlert error={webhook.error} />;
  const hook = webhook.data;
  return (
    <>
      <Anchor component={Link} to="/webhooks" size="sm">
        ← Webhooks
      </Anchor>
      <PageHeader
        title="Webhook"
        description={<span style={{ wordBreak: 'break-all' }}>{hook.url}</span>}
        actions={
          manage ? (
            <>
              <Button variant="default" onClick={() => test.mutate()} loading={test.isPending} disabled={!hook.enabled}>
                Send a test
              </Button>
              <Button variant="default" onClick={() => rotate.mutate()} loading={rotate.isPending}>
                Rotate secret
              </Button>
              <Button variant="default" onClick={() => toggle.mutate(!hook.enabled)} loading={toggle.isPending}>
                {hook.enabled ? 'Disable' : 'Enable'}
              </Button>
              <Button variant="light" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
                Delete
              </Button>
            </>
          ) : null
        }
      />
      <Card withBorder radius="md" padding="lg" mb="lg">
        <Group gap="xl" align="flex-start">
          <Stack gap={4}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              State
            </Text>
            <WebhookState webhook={hook} />
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              Events
            </Text>
            <Text size="sm" className="mono-mono">
              {hook.events.join(', ')}
            </Text>
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              Registered
            </Text>
            <Text size="sm">{formatDateTime(hook.createdAt)}</Text>
          </Stack>
          {hook.previousSecretExpiresAt ? (
            <Stack gap={4}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                Previous secret signs until
              </Text>
              <Text size="sm">{formatDateTime(hook.previousSecretExpiresAt)}</Text>
            </Stack>
          ) : null}
        </Group>
        {hook.description ? (
          <Text size="sm" mt="md">
            {hook.description}
          </Text>
        ) : null}
      </Card>
      <Deliveries webhookId={webhookId} manage={manage} enabled={hook.enabled} />
      {secret ? <ShownOnce title="The new signing secret" what="signing secret" secret={secret} onClose={() => setSecret(null)} /> : null}
    </>
  );
}

function Deliveries({ webhookId, manage, enabled }: { webhookId: string; manage: boolean; enabled: boolean }) {
  const filters = useUrlFilters();
  const status = filters.get('status') as Delivery['status'] | undefined;
  const pages = useCursorPages(status ?? '');
  const query = { status, cursor: pages.cursor, limit: 25 };
  const list = useQuery({
    queryKey: ['tenant-webhook-deliveries', webhookId, query],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/webhooks/{webhookId}/deliveries', { params: { path: { webhookId }, query } })),
    placeholderData: keepPreviousData,
  });
  const [shown, setShown] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const redeliver = useMutation({
    mutationFn: (delivery: Delivery) =>
      unwrap(api.POST('/api/v1/tenant/webhooks/deliveries/{deliveryId}/redeliver', { params: { path: { deliveryId: delivery.id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['tenant-webhook-deliveries', webhookId] });
      notifications.show({ color: 'teal', message: 'Sent again: a new delivery is queued' });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not sent again', message: describeError(error) }),
  });
  const problem = formProblem(list.error, ['status']);
  return (
    <>
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={2} size="h4">
          Deliveries
        </Title>
        <FilterSelect filters={filters} name="status" label="Delivery state" data={deliveryStatuses} w={200} error={problem.field('status')} />
      </Group>
      <ProblemAlert error={problem.general} />
      <PagedTable
        label="Deliveries"
        minWidth={720}
        list={list}
        columns={['Event', 'State', 'Attempts', 'Queued', 'Actions']}
        empty="No deliveries yet."
        pages={pages}
        noun="deliveries on this page"
        row={(delivery) => (
          <Table.Tr key={delivery.id}>
            <Table.Td>
              <Text size="sm" className="mono-mono">
                {delivery.eventType}
              </Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={delivery.status} />
              {delivery.lastError || delivery.lastStatusCode ? (
                <Text size="xs" c={delivery.status === 'failed' ? 'red.9' : 'dimmed'}>
                  {delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : ''} {delivery.lastError ?? ''}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>{delivery.attempts}</Table.Td>
            <Table.Td>
              <When iso={delivery.createdAt} />
            </Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <Button size="compact-sm" variant="default" onClick={() => setShown(delivery.id)} aria-label={`Attempts of the ${delivery.eventType} delivery`}>
                  Attempts
                </Button>
                {manage ? (
                  <Button
                    size="compact-sm"
                    variant="default"
                    disabled={!enabled}
                    loading={redeliver.isPending && redeliver.variables?.id === delivery.id}
                    onClick={() => redeliver.mutate(delivery)}
                    aria-label={`Send again: the ${delivery.eventType} delivery`}
                  >
                    Send again
                  </Button>
                ) : null}
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
      {shown ? <DeliveryAttempts deliveryId={shown} onClose={() => setShown(null)} /> : null}
    </>
  );
}

function DeliveryAttempts({ deliveryId, onClose }: { deliveryId: string; onClose: () => void }) {
  const detail = useQuery({
    queryKey: ['tenant-webhook-delivery', deliveryId],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/webhooks/deliveries/{deliveryId}', { params: { path: { deliveryId } } })),
  });
  return (
    <Modal opened onClose={onClose} title="Delivery" size="xl">
      {detail.isLoading ? <Loading /> : null}
      <ProblemAlert error={detail.error} />
      {detail.data ? (
        <Stack>
          <Table aria-label="Attempts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Answer</Table.Th>
                <Table.Th>Took</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.data.attemptLog.length === 0 ? <EmptyRow columns={3}>Not tried yet.</EmptyRow> : null}
              {detail.data.attemptLog.map((attempt) => (
                <Table.Tr key={attempt.attemptedAt}>
                  <Table.Td>{formatDateTime(attempt.attemptedAt)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{attempt.statusCode ? `HTTP ${attempt.statusCode}` : (attempt.error ?? '—')}</Text>
                    {attempt.responseExcerpt ? (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {attempt.responseExcerpt}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{attempt.durationMs} ms</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" fw={500}>
            Payload
          </Text>
          <Code block style={{ maxHeight: 320, overflow: 'auto' }}>
            {JSON.stringify(detail.data.payload, null, 2)}
          </Code>
        </Stack>
      ) : null}
    </Modal>
  );
}
