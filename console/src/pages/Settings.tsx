import { Button, Card, ColorInput, Grid, Group, JsonInput, NumberInput, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { api, type Schemas, unwrap } from '../api/client';
import { formProblem } from '../api/problem';
import { useSignedIn } from '../auth/AuthProvider';
import { formatDateTime, Loading, PageHeader, ProblemAlert, StatusBadge } from '../components/ui';

type Tenant = Schemas['Tenant'];
type Settings = Record<string, unknown>;

const obj = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

interface Form {
  name: string;
  registration: string;
  accountCreation: string;
  primaryColor: string;
  tagline: string;
  keepGps: boolean;
  maxUploadMb: number | string;
  userStorageMb: number | string;
  searchLanguage: string;
  other: string;
}

const MB = 1024 * 1024;

function toForm(tenant: Tenant): Form {
  const s = tenant.settings;
  const branding = obj(s.branding);
  const media = obj(s.media);
  const other = obj(s.custom);
  return {
    name: tenant.name,
    registration: typeof s.registration === 'string' ? s.registration : 'open',
    accountCreation: typeof s.accountCreation === 'string' ? s.accountCreation : 'open',
    primaryColor: typeof branding.primaryColor === 'string' ? branding.primaryColor : '',
    tagline: typeof branding.tagline === 'string' ? branding.tagline : '',
    keepGps: media.keepGps === true,
    maxUploadMb: typeof media.maxUploadBytes === 'number' ? Math.round(media.maxUploadBytes / MB) : '',
    userStorageMb: typeof media.userStorageBytes === 'number' ? Math.round(media.userStorageBytes / MB) : '',
    searchLanguage: typeof obj(s.search).language === 'string' ? (obj(s.search).language as string) : '',
    other: Object.keys(other).length ? JSON.stringify(other, null, 2) : '',
  };
}

/**
 * Settings are replaced as a whole: the known keys from the form, the operator's own keys
 * (`custom`) as edited in "Custom settings", and the keys this form does not show
 * (booking, marketplace) as they were.
 */
function toSettings(tenant: Tenant, form: Form): Settings {
  const { registration: _r, accountCreation: _a, branding: _b, media: _m, search: _s, custom: _c, ...kept } = tenant.settings;
  const branding = { ...obj(tenant.settings.branding), primaryColor: form.primaryColor || undefined, tagline: form.tagline || undefined };
  const media = {
    ...obj(tenant.settings.media),
    keepGps: form.keepGps || undefined,
    maxUploadBytes: form.maxUploadMb === '' ? undefined : Number(form.maxUploadMb) * MB,
    userStorageBytes: form.userStorageMb === '' ? undefined : Number(form.userStorageMb) * MB,
  };
  const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const other = form.other.trim() ? (JSON.parse(form.other) as Settings) : {};
  const result: Settings = { ...kept, registration: form.registration, accountCreation: form.accountCreation };
  if (form.searchLanguage.trim()) result.search = { ...obj(tenant.settings.search), language: form.searchLanguage.trim() };
  if (Object.keys(other).length) result.custom = other;
  if (Object.keys(clean(branding)).length) result.branding = clean(branding);
  if (Object.keys(clean(media)).length) result.media = clean(media);
  return result;
}

export function Settings() {
  const { can } = useSignedIn();
  const tenant = useQuery({ queryKey: ['tenant-settings'], queryFn: () => unwrap(api.GET('/api/v1/tenant/settings')) });
  if (tenant.isLoading) return <Loading />;
  if (!tenant.data) return <ProblemAlert error={tenant.error} />;
  return (
    <>
      <PageHeader title="Settings" description="The marketplace’s name, who may sign up, branding, media rules and search language." />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <SettingsForm tenant={tenant.data} editable={can('tenant.settings.update')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Card withBorder radius="md" padding="lg">
            <Title order={2} size="h4" mb="sm">
              Plan
            </Title>
            <Table withRowBorders={false} verticalSpacing={4}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row" c="dimmed" fw={500}>
                    Identifier
                  </Table.Th>
                  <Table.Td className="mono-mono">{tenant.data.identifier}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row" c="dimmed" fw={500}>
                    Status
                  </Table.Th>
                  <Table.Td>
                    <StatusBadge status={tenant.data.status} />
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row" c="dimmed" fw={500}>
                    Plan
                  </Table.Th>
                  <Table.Td>{tenant.data.plan}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row" c="dimmed" fw={500}>
                    Plan expiry
                  </Table.Th>
                  <Table.Td>{tenant.data.planExpiry ? formatDateTime(tenant.data.planExpiry) : 'none'}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row" c="dimmed" fw={500}>
                    Features
                  </Table.Th>
                  <Table.Td>{tenant.data.features.join(', ') || 'none'}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed" mt="sm">
              Plan, status and features are set by the platform operators.
            </Text>
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}

function SettingsForm({ tenant, editable }: { tenant: Tenant; editable: boolean }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() => toForm(tenant));
  const [otherError, setOtherError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when a new version arrives
  useEffect(() => setForm(toForm(tenant)), [tenant.updatedAt]);
  const save = useMutation({
    mutationFn: (settings: Settings) => unwrap(api.PATCH('/api/v1/tenant/settings', { body: { name: form.name.trim(), settings } })),
    onSuccess: (updated) => {
      queryClient.setQueryData(['tenant-settings'], updated);
      notifications.show({ color: 'teal', message: 'Settings saved' });
    },
  });
  const problem = formProblem(save.error, [
    'name',
    'settings',
    'settings.registration',
    'settings.accountCreation',
    'settings.branding.primaryColor',
    'settings.branding.tagline',
    'settings.media.maxUploadBytes',
    'settings.media.userStorageBytes',
    'settings.search.language',
    'settings.custom',
  ]);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let settings: Settings;
    try {
      settings = toSettings(tenant, form);
      setOtherError(null);
    } catch {
      setOtherError('This is not valid JSON: an object such as {"key": "value"}.');
      return;
    }
    save.mutate(settings);
  };
  return (
    <Card withBorder radius="md" padding="lg" component="form" onSubmit={submit} noValidate aria-label="Tenant settings">
      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          <TextInput label="Marketplace name" required value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={problem.field('name')} />
          <Group grow align="flex-start">
            <Select
              label="Registration"
              description="Who may sign up"
              data={[
                { value: 'open', label: 'Anyone may register' },
                { value: 'closed', label: 'Closed: administrators create users' },
              ]}
              value={form.registration}
              onChange={(v) => set('registration', v ?? 'open')}
              allowDeselect={false}
              error={problem.field('settings.registration')}
            />
            <Select
              label="Account creation"
              description="Who may create accounts"
              data={[
                { value: 'open', label: 'Any signed-in person' },
                { value: 'admin', label: 'Administrators only' },
              ]}
              value={form.accountCreation}
              onChange={(v) => set('accountCreation', v ?? 'open')}
              allowDeselect={false}
              error={problem.field('settings.accountCreation')}
            />
          </Group>
          <Title order={2} size="h5" mt="xs">
            Branding (public)
          </Title>
          <Group grow align="flex-start">
            <ColorInput
              label="Primary colour"
              format="hex"
              value={form.primaryColor}
              onChange={(v) => set('primaryColor', v)}
              error={problem.field('settings.branding.primaryColor')}
            />
            <TextInput
              label="Tagline"
              value={form.tagline}
              onChange={(e) => set('tagline', e.currentTarget.value)}
              error={problem.field('settings.branding.tagline')}
            />
          </Group>
          <Title order={2} size="h5" mt="xs">
            Media
          </Title>
          <Group grow align="flex-start">
            <NumberInput
              label="Largest upload (MB)"
              description="Lowers the server’s limit; empty: the server’s"
              min={1}
              allowDecimal={false}
              value={form.maxUploadMb}
              onChange={(v) => set('maxUploadMb', v)}
              error={problem.field('settings.media.maxUploadBytes')}
            />
            <NumberInput
              label="Storage per person (MB)"
              description="For personal files; empty: no limit"
              min={0}
              allowDecimal={false}
              value={form.userStorageMb}
              onChange={(v) => set('userStorageMb', v)}
              error={problem.field('settings.media.userStorageBytes')}
            />
          </Group>
          <Switch label="Keep GPS locations in uploaded photos" checked={form.keepGps} onChange={(e) => set('keepGps', e.currentTarget.checked)} />
          <TextInput
            label="Search language"
            description="A PostgreSQL text-search configuration, e.g. english, german, french, or simple for a language without a stemmer; empty: english. A change re-indexes every listing and content item."
            placeholder="english"
            value={form.searchLanguage}
            onChange={(e) => set('searchLanguage', e.currentTarget.value)}
            error={problem.field('settings.search.language')}
          />
          <JsonInput
            label="Custom settings"
            description="Keys your own front end reads, as a JSON object (stored as settings.custom; Mono does not use them)."
            autosize
            minRows={3}
            formatOnBlur
            value={form.other}
            onChange={(v) => set('other', v)}
            error={otherError ?? problem.field('settings.custom') ?? problem.field('settings')}
          />
          <ProblemAlert error={problem.general} />
          {editable ? (
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setForm(toForm(tenant))}>
                Reset
              </Button>
              <Button type="submit" loading={save.isPending}>
                Save settings
              </Button>
            </Group>
          ) : null}
        </Stack>
      </fieldset>
    </Card>
  );
}
