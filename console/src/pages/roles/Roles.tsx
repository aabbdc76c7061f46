import { Accordion, Alert, Badge, Button, Card, Checkbox, Code, Group, Modal, ScrollArea, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { formProblem } from '../../api/problem';
import { useSignedIn } from '../../auth/AuthProvider';
import { confirmAction, Loading, PageHeader, ProblemAlert } from '../../components/ui';
import { PermissionList } from '../users/UserDetail';
import { type Catalog, expand, groupOf, usePermissionCatalog } from './catalog';

type Role = Schemas['Role'];

export function Roles() {
  const { can } = useSignedIn();
  const roles = useQuery({ queryKey: ['tenant-roles'], queryFn: () => unwrap(api.GET('/api/v1/tenant/roles')) });
  const { catalog, error } = usePermissionCatalog();
  const [creating, create] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title="Roles & permissions"
        description="What each role includes. System roles are kept in sync by Mono; custom roles are yours."
        actions={
          can('tenant.roles.create') ? (
            <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
              New custom role
            </Button>
          ) : null
        }
      />
      {catalog?.source === 'held' ? (
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} mb="md">
          Permissions are listed by name: their descriptions come from the permission catalog, which only platform operators can read so far.
        </Alert>
      ) : null}
      <ProblemAlert error={roles.error ?? error} />
      {roles.isLoading ? <Loading /> : null}
      <Accordion variant="separated" multiple>
        {roles.data?.data.map((role) => (
          <RoleItem key={role.id} role={role} catalog={catalog} />
        ))}
      </Accordion>
      <Modal opened={creating} onClose={create.close} title="New custom role" size="lg">
        <RoleForm catalog={catalog} onDone={create.close} />
      </Modal>
    </>
  );
}

function RoleItem({ role, catalog }: { role: Role; catalog: Catalog | undefined }) {
  const { can } = useSignedIn();
  const queryClient = useQueryClient();
  const [editing, edit] = useDisclosure(false);
  const includes = catalog ? expand(role.permissions, catalog.entries) : [];
  const remove = useMutation({
    mutationFn: async () => {
      const ok = await confirmAction({
        title: `Delete the role ${role.name}?`,
        message: 'Everyone who holds it loses it, from their next request on.',
        confirmLabel: 'Delete role',
      });
      if (!ok) return false;
      await unwrap(api.DELETE('/api/v1/tenant/roles/{roleId}', { params: { path: { roleId: role.id } } }));
      return true;
    },
    onSuccess: (done) => {
      if (!done) return;
      void queryClient.invalidateQueries({ queryKey: ['tenant-roles'] });
      notifications.show({ color: 'teal', message: `Role ${role.name} deleted` });
    },
  });
  return (
    <Accordion.Item value={role.id}>
      <Accordion.Control>
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{role.name}</Text>
          <Badge variant="light" color={role.type === 'SYSTEM' ? 'gray' : 'indigo'} size="sm">
            {role.type === 'SYSTEM' ? 'system' : 'custom'}
          </Badge>
          <Badge variant="outline" color="gray" size="sm">
            {role.level.toLowerCase()} level
          </Badge>
          <Text size="sm" c="dimmed">
            {includes.length} permissions
          </Text>
        </Group>
        {role.description ? (
          <Text size="sm" c="dimmed" mt={2}>
            {role.description}
          </Text>
        ) : null}
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">
          <Text size="sm">
            Granted as:{' '}
            {role.permissions.length ? (
              role.permissions.map((p) => (
                <Code key={p} mr={4}>
                  {p}
                </Code>
              ))
            ) : (
              <Text span c="dimmed">
                nothing
              </Text>
            )}
          </Text>
          <PermissionList names={includes.map((e) => e.name)} catalog={catalog} />
          {role.type !== 'SYSTEM' && (can('tenant.roles.update') || can('tenant.roles.delete')) ? (
            <Group>
              {can('tenant.roles.update') ? (
                <Button variant="default" size="xs" onClick={edit.open}>
                  Edit permissions
                </Button>
              ) : null}
              {can('tenant.roles.delete') ? (
                <Button variant="light" color="red" size="xs" loading={remove.isPending} onClick={() => remove.mutate()}>
                  Delete role
                </Button>
              ) : null}
            </Group>
          ) : null}
          <ProblemAlert error={remove.error} />
        </Stack>
      </Accordion.Panel>
      <Modal opened={editing} onClose={edit.close} title={`Permissions of ${role.name}`} size="lg">
        <RoleForm catalog={catalog} role={role} onDone={edit.close} />
      </Modal>
    </Accordion.Item>
  );
}

/** Create a custom role, or replace a custom role's permissions: a checklist of the catalog with descriptions. */
function RoleForm({ catalog, role, onDone }: { catalog: Catalog | undefined; role?: Role; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [level, setLevel] = useState<'TENANT' | 'ACCOUNT' | 'USER'>((role?.level as 'TENANT' | 'ACCOUNT' | 'USER' | undefined) ?? 'TENANT');
  const [chosen, setChosen] = useState<string[]>(role ? expand(role.permissions, catalog?.entries ?? []).map((e) => e.name) : []);
  const save = useMutation({
    mutationFn: async () => {
      if (role) {
        return unwrap(api.PUT('/api/v1/tenant/roles/{roleId}/permissions', { params: { path: { roleId: role.id } }, body: { permissions: chosen } }));
      }
      return unwrap(
        api.POST('/api/v1/tenant/roles', { body: { name: name.trim(), description: description.trim() || undefined, level, permissions: chosen } }),
      );
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['tenant-roles'] });
      notifications.show({ color: 'teal', message: `Role ${saved.name} saved` });
      onDone();
    },
  });
  const problem = formProblem(save.error, ['name', 'description', 'level', 'permissions']);
  const prefix = level === 'ACCOUNT' ? ['account.'] : level === 'USER' ? ['user.'] : ['tenant.', 'account.', 'user.'];
  const available = (catalog?.entries ?? []).filter((e) => prefix.some((p) => e.name.startsWith(p)));
  const groups = new Map<string, typeof available>();
  for (const entry of available) groups.set(groupOf(entry.name), [...(groups.get(groupOf(entry.name)) ?? []), entry]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {role ? null : (
          <>
            <TextInput
              label="Name"
              description="Lower-case, e.g. moderator"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={problem.field('name')}
            />
            <Textarea
              label="Description"
              autosize
              minRows={2}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              error={problem.field('description')}
            />
            <Select
              label="Level"
              description="Account-level roles can be given inside one account."
              data={[
                { value: 'TENANT', label: 'Tenant' },
                { value: 'ACCOUNT', label: 'Account' },
                { value: 'USER', label: 'User' },
              ]}
              value={level}
              onChange={(v) => setLevel((v ?? 'TENANT') as 'TENANT' | 'ACCOUNT' | 'USER')}
              allowDeselect={false}
              error={problem.field('level')}
            />
          </>
        )}
        <Text size="sm" fw={500}>
          Permissions ({chosen.length} chosen)
        </Text>
        {problem.field('permissions') ? (
          <Text size="sm" c="red">
            {problem.field('permissions')}
          </Text>
        ) : null}
        <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
          <Stack gap="sm">
            {[...groups].map(([group, entries]) => (
              <Checkbox.Group key={group} label={group} value={chosen} onChange={setChosen}>
                <Stack gap={4} mt={4}>
                  {entries.map((entry) => (
                    <Checkbox key={entry.name} value={entry.name} label={entry.name} description={entry.description ?? undefined} size="sm" />
                  ))}
                </Stack>
              </Checkbox.Group>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <ProblemAlert error={problem.general} />
        <Card withBorder={false} p={0}>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!role && !name.trim()}>
              {role ? 'Save permissions' : 'Create role'}
            </Button>
          </Group>
        </Card>
      </Stack>
    </form>
  );
}
