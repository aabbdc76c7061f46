import { Anchor, Button, Group, Modal, MultiSelect, PasswordInput, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSearch, IconShieldCheck, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formProblem } from '../../api/problem';
import { useSignedIn } from '../../auth/AuthProvider';
import { Pager, useCursorPages } from '../../components/paging';
import { EmptyRow, Loading, PageHeader, ProblemAlert, Refreshing, StatusBadge, When } from '../../components/ui';

type Status = 'active' | 'deactivated' | 'deleted' | 'all';

export function Users() {
  const { can } = useSignedIn();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q.trim(), 250);
  const status = (params.get('status') ?? 'active') as Status;
  const pages = useCursorPages(`${debouncedQ}|${status}`);
  const [creating, create] = useDisclosure(false);

  const list = useQuery({
    queryKey: ['tenant-users', { q: debouncedQ, status, cursor: pages.cursor }],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/users', { params: { query: { q: debouncedQ || undefined, status, cursor: pages.cursor, limit: 25 } } })),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in to this marketplace."
        actions={
          can('tenant.users.create') ? (
            <Button leftSection={<IconUserPlus size={16} />} onClick={create.open}>
              New user
            </Button>
          ) : null
        }
      />
      <Group mb="md" gap="sm" wrap="wrap">
        <TextInput
          aria-label="Search users"
          placeholder="Search by name or e-mail"
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: '1 1 260px' }}
        />
        <SegmentedControl
          aria-label="Status"
          value={status}
          onChange={(value) => setParams(value === 'active' ? {} : { status: value }, { replace: true })}
          data={[
            { label: 'Active', value: 'active' },
            { label: 'Deactivated', value: 'deactivated' },
            { label: 'Deleted', value: 'deleted' },
            { label: 'All', value: 'all' },
          ]}
        />
      </Group>
      <ProblemAlert error={list.error} />
      {list.isLoading ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Refreshing active={list.isPlaceholderData} />
          <Table highlightOnHover verticalSpacing="sm" aria-label="Users" aria-busy={list.isPlaceholderData}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Security</Table.Th>
                <Table.Th>Last sign-in</Table.Th>
                <Table.Th>Joined</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.data.length === 0 ? <EmptyRow columns={5}>No users match.</EmptyRow> : null}
              {list.data?.data.map((user) => (
                <Table.Tr key={user.id} className="mono-row-link" onClick={() => navigate(`/users/${user.id}`)}>
                  <Table.Td>
                    <Anchor component={Link} to={`/users/${user.id}`} size="sm" fw={500} c="inherit" onClick={(e) => e.stopPropagation()}>
                      {user.displayName ?? user.email}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {user.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={user.status} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      {user.twoFactorEnabled ? (
                        <Text size="xs" c="teal" span>
                          <IconShieldCheck size={14} style={{ verticalAlign: 'middle' }} aria-hidden /> 2FA
                        </Text>
                      ) : (
                        <Text size="xs" c="dimmed" span>
                          password only
                        </Text>
                      )}
                      {!user.emailVerified ? (
                        <Text size="xs" c="orange" span>
                          · e-mail unverified
                        </Text>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <When iso={user.lastLoginAt} />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <When iso={user.createdAt} />
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager pages={pages} nextCursor={list.data?.nextCursor} count={list.data?.data.length} noun="users on this page" />
      <Modal opened={creating} onClose={create.close} title="New user" size="md">
        <CreateUser onDone={(id) => navigate(`/users/${id}`)} />
      </Modal>
    </>
  );
}

function CreateUser({ onDone }: { onDone: (id: string) => void }) {
  const queryClient = useQueryClient();
  const roles = useQuery({ queryKey: ['tenant-roles'], queryFn: () => unwrap(api.GET('/api/v1/tenant/roles')) });
  const [form, setForm] = useState({ email: '', displayName: '', username: '', password: '', roles: [] as string[] });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/tenant/users', {
          body: {
            email: form.email.trim(),
            displayName: form.displayName.trim(),
            ...(form.username.trim() ? { username: form.username.trim() } : {}),
            ...(form.password ? { password: form.password } : {}),
            ...(form.roles.length ? { roles: form.roles } : {}),
          },
        }),
      ),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['tenant-users'] });
      notifications.show({ color: 'teal', message: `${user.email} was created` });
      onDone(user.id);
    },
  });
  const problem = formProblem(create.error, ['email', 'displayName', 'username', 'password', 'roles']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="E-mail"
          type="email"
          required
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
          error={problem.field('email')}
        />
        <TextInput
          label="Display name"
          required
          value={form.displayName}
          onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })}
          error={problem.field('displayName')}
        />
        <TextInput
          label="Username"
          value={form.username}
          onChange={(e) => setForm({ ...form, username: e.currentTarget.value })}
          error={problem.field('username')}
        />
        <PasswordInput
          label="Password"
          description="Leave empty to invite: the person sets one through the e-mail link."
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
          error={problem.field('password')}
          autoComplete="new-password"
        />
        <MultiSelect
          label="Roles"
          placeholder="Everyone has the role user"
          data={(roles.data?.data ?? []).filter((r) => r.level !== 'ACCOUNT' && r.name !== 'user').map((r) => ({ value: r.name, label: r.name }))}
          value={form.roles}
          onChange={(value) => setForm({ ...form, roles: value })}
          error={problem.field('roles')}
          searchable
        />
        <ProblemAlert error={problem.general} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            Create user
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
