import { ActionIcon, Anchor, Badge, Button, Card, Grid, Group, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconHistory, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type Body, type Schemas, unwrap } from '../../api/client';
import { formProblem } from '../../api/problem';
import { useSignedIn } from '../../auth/AuthProvider';
import { confirmAction, formatBytes, formatDateTime, Loading, PageHeader, ProblemAlert, StatusBadge, When } from '../../components/ui';
import { historyPath } from '../audit/entries';

type Account = Schemas['Account'];
type Patch = Body<'/api/v1/tenant/accounts/{accountId}', 'patch'>;

function useAccountPatch(account: Account) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Patch) => unwrap(api.PATCH('/api/v1/tenant/accounts/{accountId}', { params: { path: { accountId: account.id } }, body })),
    onSuccess: (updated) => {
      queryClient.setQueryData(['tenant-account', account.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['tenant-accounts'] });
    },
  });
}

export function AccountDetail() {
  const { accountId = '' } = useParams();
  const { can } = useSignedIn();
  const account = useQuery({
    queryKey: ['tenant-account', accountId],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/accounts/{accountId}', { params: { path: { accountId } } })),
  });
  if (account.isLoading) return <Loading />;
  if (!account.data) return <ProblemAlert error={account.error} title="This account cannot be shown" />;
  const a = account.data;
  return (
    <>
      <Anchor component={Link} to="/accounts" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden /> Accounts
      </Anchor>
      <AccountHeader account={a} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="lg">
            <Limits account={a} editable={can('tenant.accounts.update')} />
            {can('tenant.accounts.update') ? <Subscription account={a} /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Members account={a} />
        </Grid.Col>
      </Grid>
    </>
  );
}

function AccountHeader({ account }: { account: Account }) {
  const { can } = useSignedIn();
  const patch = useAccountPatch(account);
  const setStatus = async (status: Account['status'], verb: string) => {
    if (status === 'SUSPENDED' || status === 'INACTIVE') {
      const ok = await confirmAction({
        title: `${verb} ${account.name}?`,
        message:
          status === 'SUSPENDED'
            ? 'Its members can no longer act for the account until it is reactivated.'
            : 'The account is deactivated; its listings and content stay but it cannot be used.',
        confirmLabel: verb,
      });
      if (!ok) return;
    }
    patch.mutate({ status }, { onSuccess: () => notifications.show({ color: 'teal', message: `${account.name}: ${status.toLowerCase()}` }) });
  };
  const update = can('tenant.accounts.update');
  return (
    <>
      <PageHeader
        title={account.name}
        description={
          <Group gap="xs" component="span">
            <span>
              {account.identifier} · {account.type.toLowerCase()}
            </span>
            <StatusBadge status={account.status} />
            {account.verifiedAt ? (
              <Badge variant="outline" color="teal" size="sm">
                verified
              </Badge>
            ) : (
              <Badge variant="outline" color="gray" size="sm">
                not verified
              </Badge>
            )}
          </Group>
        }
        actions={
          <>
            {can('tenant.audit.read') ? (
              <Button component={Link} to={historyPath('accounts', account.id)} variant="default" leftSection={<IconHistory size={16} />}>
                History
              </Button>
            ) : null}
            {update && account.status === 'PENDING' ? (
              <Button color="teal.9" loading={patch.isPending} onClick={() => void setStatus('ACTIVE', 'Approve')}>
                Approve
              </Button>
            ) : null}
            {update && account.status !== 'PENDING' && account.status !== 'ACTIVE' ? (
              <Button color="teal.9" variant="light" loading={patch.isPending} onClick={() => void setStatus('ACTIVE', 'Reactivate')}>
                Reactivate
              </Button>
            ) : null}
            {update ? (
              <Button variant="default" loading={patch.isPending} onClick={() => patch.mutate({ verified: !account.verifiedAt })}>
                {account.verifiedAt ? 'Remove verification' : 'Mark verified'}
              </Button>
            ) : null}
            {update && account.status === 'ACTIVE' ? (
              <Button color="orange" variant="light" loading={patch.isPending} onClick={() => void setStatus('SUSPENDED', 'Suspend')}>
                Suspend
              </Button>
            ) : null}
          </>
        }
      />
      <ProblemAlert error={patch.error} />
    </>
  );
}

const MB = 1024 * 1024;

function Limits({ account, editable }: { account: Account; editable: boolean }) {
  const patch = useAccountPatch(account);
  const initial = {
    maxActiveListings: account.limits.maxActiveListings ?? '',
    storageMb: account.limits.storageBytes === null ? '' : Math.round(account.limits.storageBytes / MB),
    maxMembers: account.limits.maxMembers ?? '',
  };
  const [form, setForm] = useState<{ maxActiveListings: number | string; storageMb: number | string; maxMembers: number | string }>(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the account changes
  useEffect(() => setForm(initial), [account.updatedAt]);
  const problem = formProblem(patch.error, ['limits.maxActiveListings', 'limits.storageBytes', 'limits.maxMembers']);
  const asNumber = (v: number | string) => (v === '' ? null : Number(v));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const storage = asNumber(form.storageMb);
    patch.mutate(
      {
        limits: {
          maxActiveListings: asNumber(form.maxActiveListings),
          storageBytes: storage === null ? null : storage * MB,
          maxMembers: asNumber(form.maxMembers),
        },
      },
      { onSuccess: () => notifications.show({ color: 'teal', message: 'Limits saved' }) },
    );
  };
  const rows: [string, string, string][] = [
    ['Active listings', String(account.effectiveLimits.maxActiveListings ?? 'unlimited'), account.limits.maxActiveListings === null ? 'plan' : 'override'],
    ['Storage', formatBytes(account.effectiveLimits.storageBytes), account.limits.storageBytes === null ? 'plan' : 'override'],
    ['Members', `${account.memberCount} of ${account.effectiveLimits.maxMembers ?? 'unlimited'}`, account.limits.maxMembers === null ? 'plan' : 'override'],
  ];
  return (
    <Card withBorder radius="md" padding="lg" component="form" onSubmit={submit} noValidate aria-label="Plan limits">
      <Title order={2} size="h4" mb={4}>
        Plan limits
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Plan {account.subscription?.plan ?? 'none'}: the limits in force, and overrides for this account (empty: the plan decides).
      </Text>
      <Table withRowBorders={false} verticalSpacing={4} mb="sm">
        <Table.Tbody>
          {rows.map(([label, value, from]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" fw={500} c="dimmed" w={140}>
                {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={from === 'plan' ? 'gray' : 'indigo'} size="sm">
                  {from}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editable ? (
        <Stack gap="sm">
          <Group grow align="flex-start">
            <NumberInput
              label="Max. active listings"
              min={0}
              allowDecimal={false}
              value={form.maxActiveListings}
              onChange={(v) => setForm({ ...form, maxActiveListings: v })}
              error={problem.field('limits.maxActiveListings')}
            />
            <NumberInput
              label="Max. members"
              min={1}
              allowDecimal={false}
              value={form.maxMembers}
              onChange={(v) => setForm({ ...form, maxMembers: v })}
              error={problem.field('limits.maxMembers')}
            />
          </Group>
          <NumberInput
            label="Storage (MB)"
            min={0}
            allowDecimal={false}
            value={form.storageMb}
            onChange={(v) => setForm({ ...form, storageMb: v })}
            error={problem.field('limits.storageBytes')}
          />
          <ProblemAlert error={problem.general} />
          <Group justify="flex-end">
            <Button type="submit" loading={patch.isPending}>
              Save limits
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Card>
  );
}

function Subscription({ account }: { account: Account }) {
  const queryClient = useQueryClient();
  const s = account.subscription;
  const local = (iso: string | null | undefined) => (iso ? new Date(iso).toISOString().slice(0, 16) : '');
  const [form, setForm] = useState({
    plan: s?.plan ?? '',
    status: s?.status ?? 'ACTIVE',
    currentPeriodEnd: local(s?.currentPeriodEnd),
    trialEndsAt: local(s?.trialEndsAt),
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/tenant/accounts/{accountId}/subscription', {
          params: { path: { accountId: account.id } },
          body: {
            plan: form.plan.trim(),
            status: form.status as 'ACTIVE',
            currentPeriodEnd: form.currentPeriodEnd ? new Date(form.currentPeriodEnd).toISOString() : null,
            trialEndsAt: form.trialEndsAt ? new Date(form.trialEndsAt).toISOString() : null,
          },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(['tenant-account', account.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['tenant-accounts'] });
      notifications.show({ color: 'teal', message: 'Subscription saved' });
    },
  });
  const problem = formProblem(save.error, ['plan', 'status', 'currentPeriodEnd', 'trialEndsAt']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Card withBorder radius="md" padding="lg" component="form" onSubmit={submit} noValidate aria-label="Subscription">
      <Title order={2} size="h4" mb={4}>
        Subscription
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {s ? `Since ${formatDateTime(s.currentPeriodStart)}${s.canceledAt ? `, canceled ${formatDateTime(s.canceledAt)}` : ''}.` : 'No subscription yet.'}
      </Text>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput
            label="Plan"
            required
            value={form.plan}
            onChange={(e) => setForm({ ...form, plan: e.currentTarget.value })}
            error={problem.field('plan')}
          />
          <Select
            label="Status"
            data={['TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELED', 'EXPIRED'].map((v) => ({ value: v, label: v.replace('_', ' ').toLowerCase() }))}
            value={form.status}
            onChange={(v) => setForm({ ...form, status: v ?? 'ACTIVE' })}
            allowDeselect={false}
            error={problem.field('status')}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label="Period ends"
            type="datetime-local"
            value={form.currentPeriodEnd}
            onChange={(e) => setForm({ ...form, currentPeriodEnd: e.currentTarget.value })}
            error={problem.field('currentPeriodEnd')}
          />
          <TextInput
            label="Trial ends"
            type="datetime-local"
            value={form.trialEndsAt}
            onChange={(e) => setForm({ ...form, trialEndsAt: e.currentTarget.value })}
            error={problem.field('trialEndsAt')}
          />
        </Group>
        <ProblemAlert error={problem.general} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!form.plan.trim()}>
            Save subscription
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

const memberRoles = [
  { value: 'admin', label: 'Admin' },
  { value: 'member', label: 'Member' },
  { value: 'viewer', label: 'Viewer' },
];

function Members({ account }: { account: Account }) {
  const { can } = useSignedIn();
  const queryClient = useQueryClient();
  const members = useQuery({
    queryKey: ['account-members', account.id],
    queryFn: () => unwrap(api.GET('/api/v1/account/{accountId}/members', { params: { path: { accountId: account.id } } })),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['account-members', account.id] });
    void queryClient.invalidateQueries({ queryKey: ['tenant-account', account.id] });
  };
  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: 'admin' | 'member' | 'viewer' }) =>
      unwrap(api.PATCH('/api/v1/account/{accountId}/members/{userId}', { params: { path: { accountId: account.id, userId } }, body: { role } })),
    onSuccess: () => {
      refresh();
      notifications.show({ color: 'teal', message: 'Role changed' });
    },
  });
  const remove = useMutation({
    mutationFn: async (member: Schemas['AccountMember']) => {
      const ok = await confirmAction({
        title: `Remove ${member.displayName ?? member.email}?`,
        message: `They lose access to ${account.name} at once.`,
        confirmLabel: 'Remove member',
      });
      if (!ok) return false;
      await unwrap(api.DELETE('/api/v1/account/{accountId}/members/{userId}', { params: { path: { accountId: account.id, userId: member.userId } } }));
      return true;
    },
    onSuccess: (done) => {
      if (done) {
        refresh();
        notifications.show({ color: 'teal', message: 'Member removed' });
      }
    },
  });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'admin' | 'member' | 'viewer'>('member');
  const add = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/tenant/accounts/{accountId}/members', { params: { path: { accountId: account.id } }, body: { email: email.trim(), role } })),
    onSuccess: () => {
      setEmail('');
      refresh();
      notifications.show({ color: 'teal', message: 'Member added' });
    },
  });
  const addProblem = formProblem(add.error, ['email', 'role']);
  const manage = can('account.members.manage');
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={2} size="h4" mb="sm">
        Members
      </Title>
      <ProblemAlert error={members.error ?? changeRole.error ?? remove.error} />
      {members.isLoading ? <Loading /> : null}
      {members.data ? (
        <Table verticalSpacing={6} aria-label="Members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Joined</Table.Th>
              {manage ? <Table.Th aria-label="Actions" /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data.data.map((member) => (
              <Table.Tr key={member.userId}>
                <Table.Td>
                  <Anchor component={Link} to={`/users/${member.userId}`} size="sm">
                    {member.displayName ?? member.email}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {member.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {manage ? (
                    <Select
                      aria-label={`Role of ${member.displayName ?? member.email}`}
                      size="xs"
                      w={110}
                      data={memberRoles}
                      value={member.role}
                      allowDeselect={false}
                      onChange={(value) => value && value !== member.role && changeRole.mutate({ userId: member.userId, role: value as 'admin' })}
                    />
                  ) : (
                    <Text size="sm">{member.role}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    <When iso={member.joinedAt} />
                  </Text>
                </Table.Td>
                {manage ? (
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove ${member.email}`} onClick={() => remove.mutate(member)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {can('tenant.accounts.update') ? (
        <form
          aria-label="Add a member"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate();
          }}
        >
          <Stack gap="sm" mt="md">
            <Text size="sm" fw={600}>
              Add a member directly
            </Text>
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                aria-label="E-mail of the person"
                placeholder="person@example.com"
                type="email"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={addProblem.field('email')}
                style={{ flex: '1 1 200px' }}
              />
              <Select
                aria-label="Member role"
                data={memberRoles}
                value={role}
                onChange={(v) => setRole((v ?? 'member') as 'member')}
                allowDeselect={false}
                w={120}
                error={addProblem.field('role')}
              />
              <Button type="submit" loading={add.isPending} disabled={!email.trim()}>
                Add
              </Button>
            </Group>
            <ProblemAlert error={addProblem.general} />
          </Stack>
        </form>
      ) : null}
    </Card>
  );
}
