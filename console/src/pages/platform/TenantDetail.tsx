import { Anchor, Button, Card, Code, Grid, Group, Stack, Table, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Schemas, unwrap } from '../../api/client';
import { formProblem } from '../../api/problem';
import { useSignedIn } from '../../auth/AuthProvider';
import { confirmAction, formatDateTime, Loading, PageHeader, ProblemAlert, StatusBadge } from '../../components/ui';

type Tenant = Schemas['Tenant'];

export function TenantDetail() {
  const { tenantId = '' } = useParams();
  const tenant = useQuery({
    queryKey: ['platform-tenant', tenantId],
    queryFn: () => unwrap(api.GET('/api/v1/platform/tenants/{tenantId}', { params: { path: { tenantId } } })),
  });
  if (tenant.isLoading) return <Loading />;
  if (!tenant.data) return <ProblemAlert error={tenant.error} title="This tenant cannot be shown" />;
  return (
    <>
      <Anchor component={Link} to="/platform/tenants" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden /> Tenants
      </Anchor>
      <TenantHeader tenant={tenant.data} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <PlanForm tenant={tenant.data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder radius="md" padding="lg">
            <Title order={2} size="h4" mb="sm">
              Facts
            </Title>
            <Table withRowBorders={false} verticalSpacing={4}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row" c="dimmed" fw={500} w={120}>
                    Tenant id
                  </Table.Th>
                  <Table.Td>
                    <Code>{tenant.data.id}</Code>
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row" c="dimmed" fw={500}>
                    Created
                  </Table.Th>
                  <Table.Td>{formatDateTime(tenant.data.createdAt)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row" c="dimmed" fw={500}>
                    Changed
                  </Table.Th>
                  <Table.Td>{formatDateTime(tenant.data.updatedAt)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Text size="sm" fw={600} mt="md" mb={4}>
              Settings
            </Text>
            <Code block>{JSON.stringify(tenant.data.settings, null, 2)}</Code>
            <Anchor component={Link} to={`/platform/audit?tenant=${tenant.data.identifier}`} size="sm" mt="sm" display="block">
              Its audit trail
            </Anchor>
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}

function TenantHeader({ tenant }: { tenant: Tenant }) {
  const { can, tenant: own } = useSignedIn();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const done = (updated: Tenant | null, message: string) => {
    if (!updated) return;
    queryClient.setQueryData(['platform-tenant', tenant.id], updated);
    void queryClient.invalidateQueries({ queryKey: ['platform-tenants'] });
    notifications.show({ color: 'teal', message });
  };
  const suspend = useMutation({
    mutationFn: async () => {
      const ok = await confirmAction({
        title: `Suspend ${tenant.name}?`,
        message: `Everyone in ${tenant.identifier} is refused (403 TENANT_SUSPENDED) until it is activated again. Nothing is deleted.`,
        confirmLabel: 'Suspend tenant',
      });
      return ok ? unwrap(api.POST('/api/v1/platform/tenants/{tenantId}/suspend', { params: { path: { tenantId: tenant.id } } })) : null;
    },
    onSuccess: (t) => done(t, `${tenant.identifier} is suspended`),
  });
  const activate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/platform/tenants/{tenantId}/activate', { params: { path: { tenantId: tenant.id } } })),
    onSuccess: (t) => done(t, `${tenant.identifier} is active`),
  });
  const remove = useMutation({
    mutationFn: async () => {
      const ok = await confirmAction({
        title: `Delete ${tenant.name}?`,
        message: `The tenant becomes INACTIVE and its identifier "${tenant.identifier}" is free again. Its data stays in the database.`,
        confirmLabel: 'Delete tenant',
      });
      if (!ok) return false;
      await unwrap(api.DELETE('/api/v1/platform/tenants/{tenantId}', { params: { path: { tenantId: tenant.id } } }));
      return true;
    },
    onSuccess: (ok) => {
      if (!ok) return;
      void queryClient.invalidateQueries({ queryKey: ['platform-tenants'] });
      notifications.show({ color: 'teal', message: `${tenant.identifier} was deleted` });
      navigate('/platform/tenants');
    },
  });
  const update = can('platform.tenants.update');
  const self = tenant.identifier === own.identifier;
  return (
    <>
      <PageHeader
        title={tenant.name}
        description={
          <Group gap="xs" component="span">
            <span className="mono-mono">{tenant.identifier}</span>
            <StatusBadge status={tenant.status} />
          </Group>
        }
        actions={
          <>
            {update && !self && (tenant.status === 'ACTIVE' || tenant.status === 'TRIAL') ? (
              <Button color="orange" variant="light" loading={suspend.isPending} onClick={() => suspend.mutate()}>
                Suspend
              </Button>
            ) : null}
            {update && tenant.status === 'SUSPENDED' ? (
              <Button color="teal.9" loading={activate.isPending} onClick={() => activate.mutate()}>
                Activate
              </Button>
            ) : null}
            {can('platform.tenants.delete') && !self && tenant.status !== 'INACTIVE' ? (
              <Button color="red" variant="subtle" loading={remove.isPending} onClick={() => remove.mutate()}>
                Delete
              </Button>
            ) : null}
          </>
        }
      />
      <ProblemAlert error={suspend.error ?? activate.error ?? remove.error} />
    </>
  );
}

function PlanForm({ tenant }: { tenant: Tenant }) {
  const { can } = useSignedIn();
  const queryClient = useQueryClient();
  const initial = {
    name: tenant.name,
    plan: tenant.plan,
    planExpiry: tenant.planExpiry ? new Date(tenant.planExpiry).toISOString().slice(0, 16) : '',
    features: tenant.features,
  };
  const [form, setForm] = useState(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a new version
  useEffect(() => setForm(initial), [tenant.updatedAt]);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/platform/tenants/{tenantId}', {
          params: { path: { tenantId: tenant.id } },
          body: {
            name: form.name.trim(),
            plan: form.plan.trim(),
            planExpiry: form.planExpiry ? new Date(form.planExpiry).toISOString() : null,
            features: form.features,
          },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(['platform-tenant', tenant.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['platform-tenants'] });
      notifications.show({ color: 'teal', message: 'Saved' });
    },
  });
  const problem = formProblem(save.error, ['name', 'plan', 'planExpiry', 'features']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const editable = can('platform.tenants.update');
  return (
    <Card withBorder radius="md" padding="lg" component="form" onSubmit={submit} noValidate aria-label="Plan and features">
      <Title order={2} size="h4" mb="sm">
        Plan and features
      </Title>
      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="sm">
          <TextInput label="Name" value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={problem.field('name')} />
          <Group grow align="flex-start">
            <TextInput
              label="Plan"
              description="e.g. free, starter, pro, enterprise"
              value={form.plan}
              onChange={(e) => setForm({ ...form, plan: e.currentTarget.value })}
              error={problem.field('plan')}
            />
            <TextInput
              label="Plan expires"
              type="datetime-local"
              value={form.planExpiry}
              onChange={(e) => setForm({ ...form, planExpiry: e.currentTarget.value })}
              error={problem.field('planExpiry')}
            />
          </Group>
          <TagsInput
            label="Features"
            placeholder="Type a flag and press Enter"
            value={form.features}
            onChange={(v) => setForm({ ...form, features: v })}
            error={problem.field('features')}
          />
          <ProblemAlert error={problem.general} />
          {editable ? (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                Save
              </Button>
            </Group>
          ) : null}
        </Stack>
      </fieldset>
    </Card>
  );
}
