import { Alert, Badge, Center, Group, Loader, type MantineColor, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { describeError } from '../api/problem';

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="wrap" gap="sm">
      <div>
        <Title order={1} size="h2">
          {title}
        </Title>
        {description ? (
          <Text c="dimmed" size="sm" mt={4}>
            {description}
          </Text>
        ) : null}
      </div>
      {actions ? <Group gap="xs">{actions}</Group> : null}
    </Group>
  );
}

/** An API problem (or any error) as its human detail. */
export function ProblemAlert({ error, title = 'That did not work' }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle size={18} />} role="alert">
      {describeError(error)}
    </Alert>
  );
}

/**
 * While a list fetches the page for new filters, its old rows stay on screen at full
 * contrast (dimming them failed WCAG contrast) and this line says they are about to be
 * replaced; the table itself carries aria-busy.
 */
export function Refreshing({ active }: { active: boolean }) {
  if (!active) return null;
  return (
    <Group gap="xs" mb="xs" role="status">
      <Loader size="xs" />
      <Text size="sm" c="dimmed">
        Updating…
      </Text>
    </Group>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Center py="xl">
      <Stack align="center" gap={4}>
        <IconInbox size={28} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
        <Text c="dimmed" size="sm">
          {children}
        </Text>
      </Stack>
    </Center>
  );
}

/** A table row of "no rows" spanning the columns. */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={columns}>
        <Empty>{children}</Empty>
      </Table.Td>
    </Table.Tr>
  );
}

const statusColors: Record<string, MantineColor> = {
  active: 'teal',
  ACTIVE: 'teal',
  APPROVED: 'teal',
  PUBLISHED: 'teal',
  CONFIRMED: 'teal',
  COMPLETED: 'gray',
  succeeded: 'teal',
  TRIAL: 'blue',
  TRIALING: 'blue',
  IN_REVIEW: 'yellow',
  PENDING: 'yellow',
  running: 'blue',
  IN_PROGRESS: 'blue',
  DRAFT: 'gray',
  ARCHIVED: 'gray',
  deactivated: 'orange',
  SUSPENDED: 'orange',
  PAST_DUE: 'orange',
  deleted: 'red',
  INACTIVE: 'red',
  CANCELLED: 'red',
  CANCELED: 'red',
  NO_SHOW: 'red',
  failed: 'red',
  EXPIRED: 'red',
  create: 'teal',
  update: 'blue',
  soft_delete: 'orange',
  restore: 'grape',
  delete: 'red',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={statusColors[status] ?? 'gray'} variant="dot" radius="sm" tt="none" fw={600}>
      {status.replace(/_/g, ' ').toLowerCase()}
    </Badge>
  );
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function timeAgo(iso: string): string {
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 30],
    ['month', 12],
    ['year', Number.POSITIVE_INFINITY],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return dateTime.format(new Date(iso));
}

/** A time shown relative ("3 minutes ago"), exact on hover and for screen readers. */
export function When({ iso }: { iso: string | null | undefined }) {
  if (!iso)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  return (
    <Tooltip label={formatDateTime(iso)} openDelay={300}>
      <time dateTime={iso} title={formatDateTime(iso)}>
        {timeAgo(iso)}
      </time>
    </Tooltip>
  );
}

/** Asks before a destructive action; resolves to whether the person confirmed. */
export function confirmAction(options: { title: string; message: ReactNode; confirmLabel: string; danger?: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    modals.openConfirmModal({
      title: options.title,
      children: typeof options.message === 'string' ? <Text size="sm">{options.message}</Text> : options.message,
      labels: { confirm: options.confirmLabel, cancel: 'Cancel' },
      confirmProps: { color: options.danger === false ? undefined : 'red.9' },
      onConfirm: () => resolve(true),
      onCancel: () => resolve(false),
      onClose: () => resolve(false),
    });
  });
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return 'unlimited';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 && unit > 0 ? 1 : 0)} ${units[unit]}`;
}

export function shortId(id: string): string {
  return id.length > 12 ? `…${id.slice(-6)}` : id;
}
