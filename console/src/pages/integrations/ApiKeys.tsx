import { Badge, Button, Code, Group, Modal, NumberInput, Stack, Table, TagsInput, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { describeError, formProblem } from '../../api/problem';
import { FormActions, PagedTable } from '../../components/PagedTable';
import { useCursorPages } from '../../components/paging';
import { ShownOnce } from '../../components/ShownOnce';
import { confirmAction, formatDateTime, PageHeader, ProblemAlert, When } from '../../components/ui';
import { usePermissionCatalog } from '../roles/catalog';

type ApiKey = Schemas['ApiKey'];

function keyState(key: ApiKey): { label: string; color: string } {
  if (key.revokedAt) return { label: 'revoked', color: 'red' };
  if (key.expiresAt && new Date(key.expiresAt) <= new Date()) return { label: 'expired', color: 'orange' };
  return { label: 'active', color: 'teal' };
}

/** The marketplace's API keys (GET /tenant/api-keys): create one (shown once), revoke. */
export function ApiKeys() {
  const pages = useCursorPages('');
  const query = { cursor: pages.cursor, limit: 25 };
  const list = useQuery({
    queryKey: ['tenant-api-keys', query],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/api-keys', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const revoke = useMutation({
    mutationFn: async (key: ApiKey) => {
      const ok = await confirmAction({
        title: `Revoke “${key.name}”?`,
        message: 'Its next request is refused. Whatever uses it stops working; this cannot be undone.',
        confirmLabel: 'Revoke key',
      });
      if (!ok) return null;
      await unwrap(api.DELETE('/api/v1/tenant/api-keys/{keyId}', { params: { path: { keyId: key.id } } }));
      return key;
    },
    onSuccess: (key) => {
      if (!key) return;
      void queryClient.invalidateQueries({ queryKey: ['tenant-api-keys'] });
      notifications.show({ color: 'teal', message: `“${key.name}” is revoked` });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not revoked', message: describeError(error) }),
  });
  return (
    <>
      <PageHeader
        title="API keys"
        description="Machine credentials of the marketplace. A key acts as the person who created it, never with more than they hold."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New API key
          </Button>
        }
      />
      <ProblemAlert error={list.error} />
      <PagedTable
        label="API keys"
        minWidth={820}
        list={list}
        columns={['Key', 'Permissions', 'State', 'Last used', <VisuallyHidden key="actions">Actions</VisuallyHidden>]}
        empty="No API keys yet."
        pages={pages}
        noun="keys on this page"
        row={(key) => {
          const state = keyState(key);
          return (
            <Table.Tr key={key.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {key.name}
                </Text>
                <Text size="xs" c="dimmed" className="mono-mono">
                  {key.hint} · {key.rateLimitPerMinute}/min
                </Text>
              </Table.Td>
              <Table.Td maw={320}>
                <Text size="xs" className="mono-mono" lineClamp={2}>
                  {key.permissions.join(', ')}
                  {key.deny.length ? ` · deny ${key.deny.join(', ')}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={state.color} variant="dot" radius="sm" tt="none">
                  {state.label}
                </Badge>
                <Text size="xs" c="dimmed">
                  {key.expiresAt ? `until ${formatDateTime(key.expiresAt)}` : 'no expiry'}
                </Text>
              </Table.Td>
              <Table.Td>{key.lastUsedAt ? <When iso={key.lastUsedAt} /> : 'never'}</Table.Td>
              <Table.Td ta="right">
                {state.label === 'revoked' ? null : (
                  <Button size="compact-sm" variant="light" color="red" onClick={() => revoke.mutate(key)} aria-label={`Revoke “${key.name}”`}>
                    Revoke
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          );
        }}
      />
      {creating ? <CreateApiKey onClose={() => setCreating(false)} /> : null}
    </>
  );
}

/** The form of a new key; after it, the key itself, shown this once. */
function CreateApiKey({ onClose }: { onClose: () => void }) {
  const { catalog } = usePermissionCatalog();
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<string[]>([]);
  const [deny, setDeny] = useState<string[]>([]);
  const [expiresAt, setExpiresAt] = useState('');
  const [rateLimit, setRateLimit] = useState<number | string>(600);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/tenant/api-keys', {
          body: {
            name,
            permissions,
            deny,
            expiresAt: expiresAt ? new Date(expiresAt).toISOString() : undefined,
            rateLimitPerMinute: typeof rateLimit === 'number' ? rateLimit : Number(rateLimit),
          },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['tenant-api-keys'] }),
  });
  const problem = formProblem(create.error, ['name', 'permissions', 'deny', 'expiresAt', 'rateLimitPerMinute']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const suggestions = catalog?.entries.map((entry) => entry.name).filter((n) => n.startsWith('tenant.') || n.startsWith('account.')) ?? [];
  if (create.data) {
    return (
      <ShownOnce title="Your new API key" what="key" secret={create.data.key} onClose={onClose}>
        Send it as <Code>Authorization: Bearer …</Code>.
      </ShownOnce>
    );
  }
  return (
    <Modal opened onClose={onClose} title="New API key" size="lg">
      <form onSubmit={submit} aria-label="New API key">
        <Stack>
          <TextInput
            label="Name"
            description="What the key is for, e.g. “CRM sync”"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={problem.field('name')}
            required
          />
          <TagsInput
            label="Permissions"
            description="Names or wildcards (account.listings.*), each one you hold yourself. Enter to add."
            data={suggestions}
            value={permissions}
            onChange={setPermissions}
            error={problem.field('permissions')}
            clearable
          />
          <TagsInput
            label="Denied (optional)"
            description="Win over every grant, wildcards included."
            data={suggestions}
            value={deny}
            onChange={setDeny}
            error={problem.field('deny')}
          />
          <Group grow align="flex-start">
            <TextInput
              label="Expires (optional)"
              type="datetime-local"
              value={expiresAt}
              onChange={(e) => setExpiresAt(e.currentTarget.value)}
              error={problem.field('expiresAt')}
            />
            <NumberInput
              label="Requests per minute"
              min={1}
              max={100000}
              value={rateLimit}
              onChange={setRateLimit}
              error={problem.field('rateLimitPerMinute')}
            />
          </Group>
          <ProblemAlert error={problem.general} />
          <FormActions onCancel={onClose} submit="Create key" loading={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
