import { Anchor, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingStore, IconCalendarEvent, IconChecklist, IconClockPlay, IconFileText, IconUsers, IconWorld } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { useSignedIn } from '../auth/AuthProvider';
import { Empty, Loading, PageHeader, ProblemAlert, StatusBadge, When } from '../components/ui';
import { AuditSentence } from './audit/entries';

/**
 * A count read from a cursor-paginated list: one page of 100, so "100+" past that.
 * (The API has no count endpoints yet; see the console's API gaps.)
 */
function countOf(page: { data: unknown[]; nextCursor: string | null } | undefined): string | undefined {
  if (!page) return undefined;
  return page.nextCursor ? `${page.data.length}+` : String(page.data.length);
}

function Stat({
  label,
  value,
  icon,
  to,
  color = 'indigo',
  loading,
}: {
  label: string;
  value?: string;
  icon: ReactNode;
  to: string;
  color?: string;
  loading: boolean;
}) {
  return (
    <Card withBorder padding="lg" radius="md" component={Link} to={to} style={{ textDecoration: 'none' }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {label}
          </Text>
          <Text fw={700} fz={28} mt={4}>
            {loading ? '…' : (value ?? '—')}
          </Text>
        </div>
        <ThemeIcon variant="light" color={color} size={40} radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}

const page100 = { limit: 100 } as const;

export function Dashboard() {
  const { me, tenant, can } = useSignedIn();
  const inReview = useQuery({
    queryKey: ['tenant-content', { status: 'IN_REVIEW', limit: 100 }],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/content', { params: { query: { status: 'IN_REVIEW', limit: 100 } } })),
    enabled: can('tenant.content.read'),
  });
  const pendingAccounts = useQuery({
    queryKey: ['tenant-accounts', { status: 'PENDING', limit: 100 }],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/accounts', { params: { query: { status: 'PENDING', ...page100 } } })),
    enabled: can('tenant.accounts.read'),
  });
  const reportedReviews = useQuery({
    queryKey: ['tenant-reviews', { reported: 'true', hidden: 'false', limit: 100 }],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/reviews', { params: { query: { reported: 'true', hidden: 'false', ...page100 } } })),
    enabled: can('tenant.reviews.read'),
  });
  const failedMail = useQuery({
    queryKey: ['tenant-mail', { status: 'failed', limit: 100 }],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/mail', { params: { query: { status: 'failed', ...page100 } } })),
    enabled: can('tenant.mail.read'),
  });
  const webhooks = useQuery({
    queryKey: ['tenant-webhooks', { limit: 100 }],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/webhooks', { params: { query: page100 } })),
    enabled: can('tenant.webhooks.read'),
  });
  const users = useQuery({
    queryKey: ['tenant-users', { limit: 100 }],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/users', { params: { query: page100 } })),
    enabled: can('tenant.users.read'),
  });
  const accounts = useQuery({
    queryKey: ['tenant-accounts', { limit: 100 }],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/accounts', { params: { query: page100 } })),
    enabled: can('tenant.accounts.read'),
  });
  const published = useQuery({
    queryKey: ['tenant-content', { status: 'PUBLISHED', limit: 100 }],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/content', { params: { query: { status: 'PUBLISHED', limit: 100 } } })),
    enabled: can('tenant.content.read'),
  });
  const upcoming = useQuery({
    queryKey: ['tenant-bookings', { upcoming: true }],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/bookings', { params: { query: { from: new Date().toISOString(), ...page100 } } })),
    enabled: can('tenant.bookings.read'),
  });
  const recent = useQuery({
    queryKey: ['tenant-audit', { limit: 8 }],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/audit', { params: { query: { limit: 8 } } })),
    enabled: can('tenant.audit.read'),
  });
  const tenants = useQuery({
    queryKey: ['platform-tenants', { limit: 100 }],
    queryFn: () => unwrap(api.GET('/api/v1/platform/tenants', { params: { query: page100 } })),
    enabled: can('platform.tenants.read'),
  });
  const jobs = useQuery({
    queryKey: ['platform-jobs'],
    queryFn: () => unwrap(api.GET('/api/v1/platform/jobs')),
    enabled: can('platform.jobs.read'),
  });

  const awaiting: { label: string; count?: string; to: string; loading: boolean }[] = [];
  if (can('tenant.content.read'))
    awaiting.push({ label: 'content items waiting for review', count: countOf(inReview.data), to: '/content', loading: inReview.isLoading });
  if (can('tenant.accounts.read'))
    awaiting.push({
      label: 'accounts waiting for approval',
      count: countOf(pendingAccounts.data),
      to: '/accounts?status=PENDING',
      loading: pendingAccounts.isLoading,
    });
  if (can('tenant.reviews.read'))
    awaiting.push({
      label: 'reported reviews still visible',
      count: countOf(reportedReviews.data),
      to: '/reviews',
      loading: reportedReviews.isLoading,
    });
  if (can('tenant.mail.read'))
    awaiting.push({ label: 'e-mails that could not be delivered', count: countOf(failedMail.data), to: '/mail?status=failed', loading: failedMail.isLoading });
  if (can('tenant.webhooks.read'))
    awaiting.push({
      label: 'webhooks disabled or failing',
      count: webhooks.data ? String(webhooks.data.data.filter((w) => !w.enabled || w.consecutiveFailures > 0).length) : undefined,
      to: '/webhooks',
      loading: webhooks.isLoading,
    });
  const failingJobs = jobs.data?.data.filter((job) => job.lastRun?.status === 'failed') ?? [];

  return (
    <>
      <PageHeader title={`Hello, ${me.displayName ?? me.email}`} description={`${tenant.name} · what needs you and what happened lately`} />
      <Stack gap="lg">
        {awaiting.length ? (
          <Card withBorder radius="md" padding="lg">
            <Title order={2} size="h4" mb="sm">
              Awaiting action
            </Title>
            <Stack gap="xs">
              {awaiting.map((item) => (
                <Group key={item.label} justify="space-between">
                  <Text size="sm">
                    <Text span fw={700} fz="lg" mr={6}>
                      {item.loading ? '…' : (item.count ?? '—')}
                    </Text>
                    {item.label}
                  </Text>
                  <Anchor component={Link} to={item.to} size="sm">
                    Open
                  </Anchor>
                </Group>
              ))}
              {failingJobs.length ? (
                <Group justify="space-between">
                  <Text size="sm" c="red">
                    <Text span fw={700} fz="lg" mr={6}>
                      {failingJobs.length}
                    </Text>
                    background jobs failed on their last run
                  </Text>
                  <Anchor component={Link} to="/platform/jobs" size="sm">
                    Open
                  </Anchor>
                </Group>
              ) : null}
            </Stack>
          </Card>
        ) : null}

        <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
          {can('tenant.users.read') ? (
            <Stat label="Active users" value={countOf(users.data)} icon={<IconUsers size={22} />} to="/users" loading={users.isLoading} />
          ) : null}
          {can('tenant.accounts.read') ? (
            <Stat
              label="Accounts"
              value={countOf(accounts.data)}
              icon={<IconBuildingStore size={22} />}
              to="/accounts"
              color="teal"
              loading={accounts.isLoading}
            />
          ) : null}
          {can('tenant.content.read') ? (
            <Stat
              label="Published content"
              value={countOf(published.data)}
              icon={<IconFileText size={22} />}
              to="/content?status=PUBLISHED"
              color="grape"
              loading={published.isLoading}
            />
          ) : null}
          {can('tenant.bookings.read') ? (
            <Stat
              label="Upcoming bookings"
              value={countOf(upcoming.data)}
              icon={<IconCalendarEvent size={22} />}
              to="/bookings"
              color="orange"
              loading={upcoming.isLoading}
            />
          ) : null}
          {can('platform.tenants.read') ? (
            <Stat
              label="Tenants"
              value={countOf(tenants.data)}
              icon={<IconWorld size={22} />}
              to="/platform/tenants"
              color="cyan"
              loading={tenants.isLoading}
            />
          ) : null}
          {can('platform.jobs.read') ? (
            <Stat
              label="Jobs failing"
              value={jobs.data ? String(failingJobs.length) : undefined}
              icon={<IconClockPlay size={22} />}
              to="/platform/jobs"
              color={failingJobs.length ? 'red' : 'teal'}
              loading={jobs.isLoading}
            />
          ) : null}
        </SimpleGrid>

        {can('tenant.audit.read') ? (
          <Card withBorder radius="md" padding="lg">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                Recent activity
              </Title>
              <Anchor component={Link} to="/audit" size="sm">
                Full audit trail
              </Anchor>
            </Group>
            {recent.isLoading ? <Loading /> : null}
            <ProblemAlert error={recent.error} />
            {recent.data && recent.data.data.length === 0 ? <Empty>Nothing has changed yet.</Empty> : null}
            <Stack gap={10}>
              {recent.data?.data.map((entry) => (
                <Group key={entry.id} justify="space-between" wrap="nowrap" gap="sm">
                  <AuditSentence entry={entry} />
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    <When iso={entry.createdAt} />
                  </Text>
                </Group>
              ))}
            </Stack>
          </Card>
        ) : null}

        {can('platform.jobs.read') && jobs.data ? (
          <Card withBorder radius="md" padding="lg">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                Background jobs
              </Title>
              <Anchor component={Link} to="/platform/jobs" size="sm">
                All jobs
              </Anchor>
            </Group>
            <Stack gap={8}>
              {jobs.data.data.map((job) => (
                <Group key={job.name} justify="space-between" wrap="nowrap">
                  <Text size="sm" className="mono-mono">
                    {job.name}
                  </Text>
                  <Group gap="xs" wrap="nowrap">
                    {job.lastRun ? (
                      <StatusBadge status={job.lastRun.status} />
                    ) : (
                      <Text size="xs" c="dimmed">
                        not run yet
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      <When iso={job.lastRun?.startedAt} />
                    </Text>
                  </Group>
                </Group>
              ))}
            </Stack>
          </Card>
        ) : null}
        {awaiting.length === 0 && !can('platform.tenants.read') ? <ChecklistHint /> : null}
      </Stack>
    </>
  );
}

function ChecklistHint() {
  return (
    <Card withBorder radius="md" padding="lg">
      <Group gap="sm">
        <IconChecklist size={20} aria-hidden />
        <Text size="sm">You can manage your own sessions and security from the menu at the top right.</Text>
      </Group>
    </Card>
  );
}
