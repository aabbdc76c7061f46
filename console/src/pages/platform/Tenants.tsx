import { Anchor, Button, Group, Modal, PasswordInput, Select, Stack, Table, Tabs, TagsInput, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, type Schemas, unwrap } from '../../api/client';
import { formProblem } from '../../api/problem';
import { useSignedIn } from '../../auth/AuthProvider';
import { Pager, useCursorPages } from '../../components/paging';
import { EmptyRow, formatDateTime, Loading, PageHeader, ProblemAlert, Refreshing, StatusBadge, When } from '../../components/ui';

type Status = Schemas['Tenant']['status'];

export function Tenants() {
  const { can } = useSignedIn();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as Status | null) ?? undefined;
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 250);
  const pages = useCursorPages(`${status}|${debouncedQ}`);
  const [creating, create] = useDisclosure(false);
  const list = useQuery({
    queryKey: ['platform-tenants', { status, q: debouncedQ, cursor: pages.cursor }],
    queryFn: () => unwrap(api.GET('/api/v1/platform/tenants', { params: { query: { status, q: debouncedQ || undefined, cursor: pages.cursor, limit: 25 } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title="Tenants"
        description="The marketplaces of this installation."
        actions={
          can('platform.tenants.create') ? (
            <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
              New tenant
            </Button>
          ) : null
        }
      />
      <Tabs value={status ?? 'all'} onChange={(v) => setParams(v && v !== 'all' ? { status: v } : {}, { replace: true })} mb="md">
        <Tabs.List>
          <Tabs.Tab value="all">All</Tabs.Tab>
          <Tabs.Tab value="ACTIVE">Active</Tabs.Tab>
          <Tabs.Tab value="TRIAL">Trial</Tabs.Tab>
          <Tabs.Tab value="SUSPENDED">Suspended</Tabs.Tab>
          <Tabs.Tab value="INACTIVE">Inactive</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <TextInput
        aria-label="Search tenants"
        placeholder="Search by name or identifier"
        leftSection={<IconSearch size={16} />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        mb="md"
        maw={420}
      />
      <ProblemAlert error={list.error} />
      {list.isLoading ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Refreshing active={list.isPlaceholderData} />
          <Table highlightOnHover verticalSpacing="sm" aria-label="Tenants" aria-busy={list.isPlaceholderData}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tenant</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Plan</Table.Th>
                <Table.Th>Features</Table.Th>
                <Table.Th>Created</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.data.length === 0 ? <EmptyRow columns={5}>No tenants match.</EmptyRow> : null}
              {list.data?.data.map((t) => (
                <Table.Tr key={t.id} className="mono-row-link" onClick={() => navigate(`/platform/tenants/${t.id}`)}>
                  <Table.Td>
                    <Anchor component={Link} to={`/platform/tenants/${t.id}`} size="sm" fw={500} c="inherit" onClick={(e) => e.stopPropagation()}>
                      {t.name}
                    </Anchor>
                    <Text size="xs" c="dimmed" className="mono-mono">
                      {t.identifier}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={t.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t.plan}</Text>
                    {t.planExpiry ? (
                      <Text size="xs" c="dimmed">
                        until {formatDateTime(t.planExpiry)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t.features.join(', ') || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <When iso={t.createdAt} />
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager pages={pages} nextCursor={list.data?.nextCursor} count={list.data?.data.length} noun="tenants on this page" />
      <Modal opened={creating} onClose={create.close} title="New tenant" size="lg">
        <CreateTenant onDone={(id) => navigate(`/platform/tenants/${id}`)} />
      </Modal>
    </>
  );
}

function CreateTenant({ onDone }: { onDone: (id: string) => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    identifier: '',
    name: '',
    status: 'TRIAL' as 'TRIAL' | 'ACTIVE',
    plan: 'free',
    features: [] as string[],
    email: '',
    password: '',
    displayName: '',
  });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/platform/tenants', {
          body: {
            identifier: form.identifier.trim(),
            name: form.name.trim(),
            status: form.status,
            plan: form.plan.trim() || 'free',
            features: form.features,
            admin: { email: form.email.trim(), password: form.password, displayName: form.displayName.trim() },
          },
        }),
      ),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['platform-tenants'] });
      notifications.show({ color: 'teal', message: `Tenant ${result.tenant.identifier} created with its administrator ${result.admin.email}` });
      onDone(result.tenant.id);
    },
  });
  const problem = formProblem(create.error, ['identifier', 'name', 'status', 'plan', 'features', 'admin.email', 'admin.password', 'admin.displayName']);
  const set = (key: keyof typeof form, value: unknown) => setForm((f) => ({ ...f, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput
            label="Identifier"
            description="In host names and X-Tenant: lower-case letters, digits, dashes"
            required
            value={form.identifier}
            onChange={(e) => set('identifier', e.currentTarget.value)}
            error={problem.field('identifier')}
          />
          <TextInput label="Name" required value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={problem.field('name')} />
        </Group>
        <Group grow align="flex-start">
          <Select
            label="Status"
            data={[
              { value: 'TRIAL', label: 'Trial' },
              { value: 'ACTIVE', label: 'Active' },
            ]}
            value={form.status}
            onChange={(v) => set('status', v ?? 'TRIAL')}
            allowDeselect={false}
            error={problem.field('status')}
          />
          <TextInput label="Plan" value={form.plan} onChange={(e) => set('plan', e.currentTarget.value)} error={problem.field('plan')} />
        </Group>
        <TagsInput
          label="Features"
          placeholder="Type a flag and press Enter"
          value={form.features}
          onChange={(v) => set('features', v)}
          error={problem.field('features')}
        />
        <Text size="sm" fw={600} mt="xs">
          First administrator
        </Text>
        <Group grow align="flex-start">
          <TextInput
            label="E-mail"
            type="email"
            required
            value={form.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={problem.field('admin.email')}
          />
          <TextInput
            label="Display name"
            required
            value={form.displayName}
            onChange={(e) => set('displayName', e.currentTarget.value)}
            error={problem.field('admin.displayName')}
          />
        </Group>
        <PasswordInput
          label="Password"
          required
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => set('password', e.currentTarget.value)}
          error={problem.field('admin.password')}
        />
        <ProblemAlert error={problem.general} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            Create tenant
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
