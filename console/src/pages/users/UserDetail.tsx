import {
  Accordion,
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Grid,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconHistory, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Schemas, unwrap } from '../../api/client';
import { formProblem } from '../../api/problem';
import { useSignedIn } from '../../auth/AuthProvider';
import { AccountPicker } from '../../components/AccountPicker';
import { confirmAction, Empty, formatDateTime, Loading, PageHeader, ProblemAlert, StatusBadge, When } from '../../components/ui';
import { historyPath } from '../audit/entries';
import { type Catalog, expand, groupOf, usePermissionCatalog } from '../roles/catalog';

type User = Schemas['User'];

export function UserDetail() {
  const { userId = '' } = useParams();
  const { can } = useSignedIn();
  const user = useQuery({
    queryKey: ['tenant-user', userId],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/users/{userId}', { params: { path: { userId } } })),
  });
  if (user.isLoading) return <Loading />;
  if (!user.data) return <ProblemAlert error={user.error} title="This user cannot be shown" />;
  return (
    <>
      <Anchor component={Link} to="/users" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden /> Users
      </Anchor>
      <UserHeader user={user.data} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            {can('tenant.users.update') ? <ProfileForm user={user.data} /> : null}
            <Facts user={user.data} />
            {can('tenant.users.delete') || can('tenant.users.erase') ? <DangerZone user={user.data} /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>{can('tenant.grants.read') ? <Access user={user.data} /> : null}</Grid.Col>
      </Grid>
    </>
  );
}

function UserHeader({ user }: { user: User }) {
  const { can, me } = useSignedIn();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: async () => {
      const active = user.status === 'active';
      if (active) {
        const ok = await confirmAction({
          title: `Deactivate ${user.displayName ?? user.email}?`,
          message: 'They are signed out everywhere at once and cannot sign in until reactivated. Nothing they own is deleted.',
          confirmLabel: 'Deactivate',
        });
        if (!ok) return null;
        return unwrap(api.POST('/api/v1/tenant/users/{userId}/deactivate', { params: { path: { userId: user.id } } }));
      }
      return unwrap(api.POST('/api/v1/tenant/users/{userId}/reactivate', { params: { path: { userId: user.id } } }));
    },
    onSuccess: (updated) => {
      if (!updated) return;
      queryClient.setQueryData(['tenant-user', user.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['tenant-users'] });
      notifications.show({ color: 'teal', message: updated.status === 'active' ? 'Reactivated' : 'Deactivated: signed out everywhere' });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not changed', message: (error as Error).message }),
  });
  return (
    <PageHeader
      title={user.displayName ?? user.email}
      description={
        <Group gap="xs" component="span">
          <span>{user.email}</span>
          <StatusBadge status={user.status} />
          {user.twoFactorEnabled ? (
            <Badge color="teal" variant="outline" size="sm">
              2FA on
            </Badge>
          ) : null}
          {!user.emailVerified ? (
            <Badge color="orange" variant="outline" size="sm">
              e-mail unverified
            </Badge>
          ) : null}
        </Group>
      }
      actions={
        <>
          {can('tenant.audit.read') ? (
            <Button component={Link} to={historyPath('users', user.id)} variant="default" leftSection={<IconHistory size={16} />}>
              History
            </Button>
          ) : null}
          {can('tenant.users.update') && user.status !== 'deleted' && user.id !== me.id ? (
            <Button color={user.status === 'active' ? 'orange' : 'teal'} variant="light" loading={toggle.isPending} onClick={() => toggle.mutate()}>
              {user.status === 'active' ? 'Deactivate' : 'Reactivate'}
            </Button>
          ) : null}
        </>
      }
    />
  );
}

function Facts({ user }: { user: User }) {
  const rows: [string, ReactNode][] = [
    ['User id', <Code key="id">{user.id}</Code>],
    ['Joined', formatDateTime(user.createdAt)],
    ['Last sign-in', <When key="last" iso={user.lastLoginAt} />],
    ['Sign-ins', String(user.loginCount)],
    ['Two-factor', user.twoFactorEnabled ? 'on (authenticator app)' : 'off'],
    ['Last change', <When key="upd" iso={user.updatedAt} />],
  ];
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={2} size="h4" mb="sm">
        Facts
      </Title>
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={130} fw={500} c="dimmed" scope="row">
                {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function ProfileForm({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const initial = { displayName: user.displayName ?? '', email: user.email, username: user.username ?? '', emailVerified: user.emailVerified };
  const [form, setForm] = useState(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when another version of the user arrives
  useEffect(() => setForm(initial), [user.updatedAt]);
  const save = useMutation({
    mutationFn: () => {
      const body: { displayName?: string; email?: string; username?: string | null; emailVerified?: boolean } = {};
      if (form.displayName !== initial.displayName) body.displayName = form.displayName.trim();
      if (form.email !== initial.email) body.email = form.email.trim();
      if (form.username !== initial.username) body.username = form.username.trim() || null;
      if (form.emailVerified !== initial.emailVerified) body.emailVerified = form.emailVerified;
      return unwrap(api.PATCH('/api/v1/tenant/users/{userId}', { params: { path: { userId: user.id } }, body }));
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(['tenant-user', user.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['tenant-users'] });
      notifications.show({ color: 'teal', message: 'Saved' });
    },
  });
  const problem = formProblem(save.error, ['displayName', 'email', 'username', 'emailVerified']);
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Card withBorder radius="md" padding="lg" component="form" onSubmit={submit} noValidate aria-label="Profile">
      <Title order={2} size="h4" mb="sm">
        Profile
      </Title>
      <Stack gap="sm">
        <TextInput
          label="Display name"
          value={form.displayName}
          onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })}
          error={problem.field('displayName')}
        />
        <TextInput
          label="E-mail"
          type="email"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
          error={problem.field('email')}
        />
        <TextInput
          label="Username"
          value={form.username}
          onChange={(e) => setForm({ ...form, username: e.currentTarget.value })}
          error={problem.field('username')}
        />
        <Switch
          label="E-mail address verified"
          checked={form.emailVerified}
          onChange={(e) => setForm({ ...form, emailVerified: e.currentTarget.checked })}
          error={problem.field('emailVerified')}
        />
        <ProblemAlert error={problem.general} />
        <Group justify="flex-end">
          <Button variant="default" disabled={!dirty} onClick={() => setForm(initial)}>
            Reset
          </Button>
          <Button type="submit" disabled={!dirty} loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function DangerZone({ user }: { user: User }) {
  const { can, me } = useSignedIn();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: async () => {
      const ok = await confirmAction({
        title: `Delete ${user.email}?`,
        message: 'The user is hidden, signed out everywhere, and the e-mail address becomes free again. The audit trail keeps what they did.',
        confirmLabel: 'Delete user',
      });
      if (!ok) return false;
      await unwrap(api.DELETE('/api/v1/tenant/users/{userId}', { params: { path: { userId: user.id } } }));
      return true;
    },
    onSuccess: (done) => {
      if (!done) return;
      void queryClient.invalidateQueries({ queryKey: ['tenant-users'] });
      notifications.show({ color: 'teal', message: `${user.email} was deleted` });
      navigate('/users');
    },
  });
  const erase = useMutation({
    mutationFn: async () => {
      const ok = await confirmAction({
        title: 'Erase this person’s personal data?',
        message:
          'Right to erasure: their profile, files, messages and personal values in the audit trail are removed everywhere. This cannot be undone. The audit chain still verifies.',
        confirmLabel: 'Erase for good',
      });
      if (!ok) return null;
      return unwrap(api.POST('/api/v1/tenant/users/{userId}/erase', { params: { path: { userId: user.id } } }));
    },
    onSuccess: (result) => {
      if (!result) return;
      void queryClient.invalidateQueries();
      const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
      notifications.show({
        color: 'teal',
        title: 'Personal data erased',
        message: `${rows} rows, ${result.auditEntriesErased} audit entries${result.mentions.length ? `; ${result.mentions.length} places still mention them — review those` : ''}.`,
        autoClose: 10_000,
      });
      navigate('/users');
    },
  });
  if (user.id === me.id) return null;
  return (
    <Card withBorder radius="md" padding="lg" style={{ borderColor: 'var(--mantine-color-red-light-color)' }}>
      <Title order={2} size="h4" mb="xs">
        Danger zone
      </Title>
      <Stack gap="sm">
        <ProblemAlert error={remove.error ?? erase.error} />
        <Group gap="sm">
          {can('tenant.users.delete') && user.status !== 'deleted' ? (
            <Button color="red" variant="light" loading={remove.isPending} onClick={() => remove.mutate()}>
              Delete user
            </Button>
          ) : null}
          {can('tenant.users.erase') ? (
            <Button color="red" variant="outline" loading={erase.isPending} onClick={() => erase.mutate()}>
              Erase personal data
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}

function Access({ user }: { user: User }) {
  const { can } = useSignedIn();
  const queryClient = useQueryClient();
  const grants = useQuery({
    queryKey: ['tenant-user-grants', user.id],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/users/{userId}/grants', { params: { path: { userId: user.id } } })),
  });
  const roles = useQuery({ queryKey: ['tenant-roles'], queryFn: () => unwrap(api.GET('/api/v1/tenant/roles')), enabled: can('tenant.roles.read') });
  const { catalog } = usePermissionCatalog();
  const manage = can('tenant.grants.manage');
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['tenant-user-grants', user.id] });
    void queryClient.invalidateQueries({ queryKey: ['tenant-audit'] });
  };
  const revokeRole = useMutation({
    mutationFn: async (assignment: Schemas['RoleAssignment']) => {
      const ok = await confirmAction({
        title: `Revoke ${assignment.role}?`,
        message: `${user.displayName ?? user.email} loses what the role ${assignment.role} allows${assignment.accountId ? ' in that account' : ''}, from their next request on.`,
        confirmLabel: 'Revoke role',
      });
      if (!ok) return false;
      await unwrap(api.DELETE('/api/v1/tenant/users/{userId}/roles/{assignmentId}', { params: { path: { userId: user.id, assignmentId: assignment.id } } }));
      return true;
    },
    onSuccess: (done) => {
      if (done) {
        refresh();
        notifications.show({ color: 'teal', message: 'Role revoked' });
      }
    },
  });
  const revokeGrant = useMutation({
    mutationFn: async (grant: Schemas['PermissionGrant']) => {
      const ok = await confirmAction({
        title: `Remove the ${grant.granted ? 'grant' : 'deny'} of ${grant.permission}?`,
        message: grant.granted ? 'They keep the permission only if a role gives it.' : 'Their roles apply again for this permission.',
        confirmLabel: 'Remove',
      });
      if (!ok) return false;
      await unwrap(api.DELETE('/api/v1/tenant/users/{userId}/permissions/{grantId}', { params: { path: { userId: user.id, grantId: grant.id } } }));
      return true;
    },
    onSuccess: (done) => {
      if (done) {
        refresh();
        notifications.show({ color: 'teal', message: 'Removed' });
      }
    },
  });
  const roleByName = new Map((roles.data?.data ?? []).map((r) => [r.name, r]));

  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={2} size="h4">
        Roles and permissions
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        What this person may do. Changes apply from their next request, in every API process.
      </Text>
      <ProblemAlert error={grants.error ?? revokeRole.error ?? revokeGrant.error} />
      {grants.isLoading ? <Loading /> : null}
      {grants.data ? (
        <Stack gap="lg">
          <div>
            <Title order={3} size="h5" mb={6}>
              Roles
            </Title>
            {grants.data.roles.length === 0 ? (
              <Text size="sm" c="dimmed">
                No roles beyond <Code>user</Code>.
              </Text>
            ) : (
              <Accordion variant="separated" chevronPosition="left">
                {grants.data.roles.map((assignment) => {
                  const role = roleByName.get(assignment.role);
                  const includes = role && catalog ? expand(role.permissions, catalog.entries) : [];
                  return (
                    <Accordion.Item key={assignment.id} value={assignment.id}>
                      <Group wrap="nowrap" gap={0} pr="xs">
                        <Accordion.Control>
                          <Group gap="xs" wrap="wrap">
                            <Text fw={600} size="sm">
                              {assignment.role}
                            </Text>
                            {assignment.accountId ? (
                              <Badge variant="light" size="sm" color="indigo">
                                in one account
                              </Badge>
                            ) : (
                              <Badge variant="light" size="sm" color="gray">
                                tenant-wide
                              </Badge>
                            )}
                            {assignment.expiresAt ? (
                              <Badge variant="light" size="sm" color="orange">
                                until {formatDateTime(assignment.expiresAt)}
                              </Badge>
                            ) : null}
                          </Group>
                        </Accordion.Control>
                        {manage ? (
                          <Tooltip label="Revoke role">
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`Revoke role ${assignment.role}`}
                              onClick={() => revokeRole.mutate(assignment)}
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        ) : null}
                      </Group>
                      <Accordion.Panel>
                        {role?.description ? (
                          <Text size="sm" mb="xs">
                            {role.description}
                          </Text>
                        ) : null}
                        {assignment.accountId ? (
                          <Text size="xs" c="dimmed" mb="xs">
                            In the account <AccountLink id={assignment.accountId} />
                          </Text>
                        ) : null}
                        <PermissionList names={includes.map((e) => e.name)} catalog={catalog} />
                      </Accordion.Panel>
                    </Accordion.Item>
                  );
                })}
              </Accordion>
            )}
          </div>
          <div>
            <Title order={3} size="h5" mb={6}>
              Direct grants and denies
            </Title>
            {grants.data.permissions.length === 0 ? (
              <Text size="sm" c="dimmed">
                None: everything comes from roles.
              </Text>
            ) : (
              <Table verticalSpacing={6} aria-label="Direct grants and denies">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Permission</Table.Th>
                    <Table.Th>Effect</Table.Th>
                    <Table.Th>Scope</Table.Th>
                    <Table.Th>Expires</Table.Th>
                    {manage ? <Table.Th aria-label="Actions" /> : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {grants.data.permissions.map((grant) => (
                    <Table.Tr key={grant.id}>
                      <Table.Td>
                        <Code>{grant.permission}</Code>
                        {catalog?.describe(grant.permission) ? (
                          <Text size="xs" c="dimmed">
                            {catalog.describe(grant.permission)}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={grant.granted ? 'teal' : 'red'} variant="light">
                          {grant.granted ? 'grant' : 'deny'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{grant.accountId ? <AccountLink id={grant.accountId} /> : <Text size="sm">tenant-wide</Text>}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{grant.expiresAt ? formatDateTime(grant.expiresAt) : 'never'}</Text>
                      </Table.Td>
                      {manage ? (
                        <Table.Td>
                          <ActionIcon variant="subtle" color="red" aria-label={`Remove ${grant.permission}`} onClick={() => revokeGrant.mutate(grant)}>
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </div>
          {manage ? (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <AssignRole user={user} roles={roles.data?.data ?? []} catalog={catalog} onDone={refresh} />
              <GrantPermission user={user} catalog={catalog} onDone={refresh} />
            </SimpleGrid>
          ) : null}
        </Stack>
      ) : null}
    </Card>
  );
}

/** Permission names grouped by tier · resource, compact; each action's catalog description on hover and for screen readers. */
export function PermissionList({ names, catalog }: { names: string[]; catalog: Catalog | undefined }) {
  if (!names.length) return <Empty>No catalog permissions.</Empty>;
  const groups = new Map<string, string[]>();
  for (const name of names) groups.set(groupOf(name), [...(groups.get(groupOf(name)) ?? []), name]);
  return (
    <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={6}>
      <Table.Tbody>
        {[...groups].map(([group, members]) => (
          <Table.Tr key={group}>
            <Table.Th scope="row" fw={600} c="dimmed" fz="xs" tt="uppercase" w={190} style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
              {group}
            </Table.Th>
            <Table.Td>
              <Group gap={4}>
                {members.map((name) => {
                  const description = catalog?.describe(name);
                  const chip = (
                    <Code key={name} aria-label={description ? `${name}: ${description}` : name}>
                      {name.split('.').pop()}
                    </Code>
                  );
                  return description ? (
                    <Tooltip key={name} label={description} multiline maw={320}>
                      {chip}
                    </Tooltip>
                  ) : (
                    chip
                  );
                })}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** An account's name (cached per account), linking to it. */
function AccountLink({ id }: { id: string }) {
  const account = useQuery({
    queryKey: ['tenant-account', id],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/accounts/{accountId}', { params: { path: { accountId: id } } })),
  });
  return (
    <Anchor component={Link} to={`/accounts/${id}`} size="xs">
      {account.data?.name ?? `account …${id.slice(-6)}`}
    </Anchor>
  );
}

function toIso(local: string): string | null {
  return local ? new Date(local).toISOString() : null;
}

function AssignRole({ user, roles, catalog, onDone }: { user: User; roles: Schemas['Role'][]; catalog: Catalog | undefined; onDone: () => void }) {
  const [role, setRole] = useState<string | null>(null);
  const [scope, setScope] = useState<'tenant' | 'account'>('tenant');
  const [accountId, setAccountId] = useState<string | null>(null);
  const [expiresAt, setExpiresAt] = useState('');
  const chosen = roles.find((r) => r.name === role);
  const assign = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/tenant/users/{userId}/roles', {
          params: { path: { userId: user.id } },
          body: { role: role ?? '', ...(scope === 'account' ? { accountId } : {}), ...(expiresAt ? { expiresAt: toIso(expiresAt) } : {}) },
        }),
      ),
    onSuccess: (assignment) => {
      notifications.show({ color: 'teal', message: `${assignment.role} assigned to ${user.displayName ?? user.email}` });
      setRole(null);
      setExpiresAt('');
      onDone();
    },
  });
  const problem = formProblem(assign.error, ['role', 'accountId', 'expiresAt']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    assign.mutate();
  };
  const includes = chosen && catalog ? expand(chosen.permissions, catalog.entries) : [];
  return (
    <form onSubmit={submit} noValidate aria-label="Assign a role">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Assign a role
        </Title>
        <Select
          label="Role"
          placeholder="Choose a role"
          data={roles.filter((r) => r.name !== 'user').map((r) => ({ value: r.name, label: `${r.name} · ${r.level.toLowerCase()}` }))}
          value={role}
          onChange={(value) => {
            setRole(value);
            const level = roles.find((r) => r.name === value)?.level;
            setScope(level === 'ACCOUNT' ? 'account' : 'tenant');
          }}
          error={problem.field('role')}
          searchable
        />
        {chosen ? (
          <Text size="xs" c="dimmed">
            {chosen.description ?? 'No description.'} Includes {includes.length} permission{includes.length === 1 ? '' : 's'} (
            {chosen.permissions.join(', ') || 'none'}).
          </Text>
        ) : null}
        <Radio.Group label="Scope" value={scope} onChange={(v) => setScope(v as 'tenant' | 'account')}>
          <Group gap="md" mt={4}>
            <Radio value="tenant" label="Tenant-wide" disabled={chosen?.level === 'ACCOUNT'} />
            <Radio value="account" label="One account" />
          </Group>
        </Radio.Group>
        {scope === 'account' ? <AccountPicker label="Account" value={accountId} onChange={setAccountId} error={problem.field('accountId')} /> : null}
        <TextInput
          label="Expires"
          description="Optional: the role stops working at this time."
          type="datetime-local"
          value={expiresAt}
          onChange={(e) => setExpiresAt(e.currentTarget.value)}
          error={problem.field('expiresAt')}
        />
        <ProblemAlert error={problem.general} />
        <Button type="submit" disabled={!role} loading={assign.isPending}>
          Assign role
        </Button>
      </Stack>
    </form>
  );
}

function GrantPermission({ user, catalog, onDone }: { user: User; catalog: Catalog | undefined; onDone: () => void }) {
  const [permission, setPermission] = useState<string | null>(null);
  const [granted, setGranted] = useState<'grant' | 'deny'>('grant');
  const [scope, setScope] = useState<'tenant' | 'account'>('tenant');
  const [accountId, setAccountId] = useState<string | null>(null);
  const [expiresAt, setExpiresAt] = useState('');
  const grant = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/tenant/users/{userId}/permissions', {
          params: { path: { userId: user.id } },
          body: {
            permission: permission ?? '',
            granted: granted === 'grant',
            ...(scope === 'account' ? { accountId } : {}),
            ...(expiresAt ? { expiresAt: toIso(expiresAt) } : {}),
          },
        }),
      ),
    onSuccess: (result) => {
      notifications.show({ color: 'teal', message: `${result.granted ? 'Granted' : 'Denied'} ${result.permission}` });
      setPermission(null);
      onDone();
    },
  });
  const problem = formProblem(grant.error, ['permission', 'granted', 'accountId', 'expiresAt']);
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const entry of catalog?.entries ?? []) {
    if (entry.name.startsWith('public.') || entry.name.startsWith('platform.')) continue;
    const group = groupOf(entry.name);
    groups.set(group, [...(groups.get(group) ?? []), { value: entry.name, label: entry.name }]);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    grant.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Grant or deny a permission">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Grant or deny a permission
        </Title>
        <Select
          label="Permission"
          placeholder="Search the catalog"
          description={catalog?.source === 'held' ? 'The permissions you hold (you can grant only those).' : undefined}
          data={[...groups].map(([group, items]) => ({ group, items }))}
          value={permission}
          onChange={setPermission}
          error={problem.field('permission')}
          searchable
          maxDropdownHeight={280}
        />
        {permission && catalog?.describe(permission) ? (
          <Text size="xs" c="dimmed">
            {catalog.describe(permission)}
          </Text>
        ) : null}
        <Radio.Group label="Effect" value={granted} onChange={(v) => setGranted(v as 'grant' | 'deny')}>
          <Group gap="md" mt={4}>
            <Radio value="grant" label="Grant" />
            <Radio value="deny" label="Deny (beats every grant)" />
          </Group>
        </Radio.Group>
        <Radio.Group label="Scope" value={scope} onChange={(v) => setScope(v as 'tenant' | 'account')}>
          <Group gap="md" mt={4}>
            <Radio value="tenant" label="Tenant-wide" />
            <Radio value="account" label="One account" />
          </Group>
        </Radio.Group>
        {scope === 'account' ? <AccountPicker label="Account" value={accountId} onChange={setAccountId} error={problem.field('accountId')} /> : null}
        <TextInput
          label="Expires"
          type="datetime-local"
          value={expiresAt}
          onChange={(e) => setExpiresAt(e.currentTarget.value)}
          error={problem.field('expiresAt')}
        />
        <ProblemAlert error={problem.general} />
        <Button
          type="submit"
          variant={granted === 'deny' ? 'light' : 'filled'}
          color={granted === 'deny' ? 'red' : undefined}
          disabled={!permission}
          loading={grant.isPending}
        >
          {granted === 'grant' ? 'Grant permission' : 'Deny permission'}
        </Button>
      </Stack>
    </form>
  );
}
