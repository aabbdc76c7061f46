import { Anchor, Badge, Code, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { StatusBadge } from '../../components/ui';

export type AuditEntry = Schemas['AuditEntry'];

const actionWords: Record<AuditEntry['action'], string> = {
  create: 'created',
  update: 'changed',
  soft_delete: 'deleted',
  restore: 'restored',
  delete: 'removed for good',
};

/** "users" → "user", "account_users" → "account user". */
export function resourceNoun(resource: string): string {
  const words = resource.replace(/_/g, ' ');
  return words.endsWith('ies') ? `${words.slice(0, -3)}y` : words.endsWith('s') ? words.slice(0, -1) : words;
}

export function actorName(entry: AuditEntry): string {
  if (!entry.actor) return 'The system';
  return entry.actor.name ?? `user …${entry.actor.id.slice(-6)}`;
}

/** One line: who did what to which record. */
export function AuditSentence({ entry, link = true }: { entry: AuditEntry; link?: boolean }) {
  const fields = entry.changes.map((c) => c.field);
  const record = `${resourceNoun(entry.resource)} …${entry.resourceId.slice(-6)}`;
  return (
    <Text size="sm" component="span">
      <Text span fw={600}>
        {actorName(entry)}
      </Text>{' '}
      {actionWords[entry.action]}{' '}
      {link ? (
        <Anchor component={Link} to={historyPath(entry.resource, entry.resourceId)} size="sm">
          {record}
        </Anchor>
      ) : (
        record
      )}
      {entry.action === 'update' && fields.length ? (
        <Text span c="dimmed" size="sm">
          {' '}
          · {fields.slice(0, 4).join(', ')}
          {fields.length > 4 ? ` +${fields.length - 4}` : ''}
        </Text>
      ) : null}
    </Text>
  );
}

export function historyPath(resource: string, resourceId: string): string {
  return `/audit/${encodeURIComponent(resource)}/${encodeURIComponent(resourceId)}`;
}

export function ActionBadge({ action }: { action: AuditEntry['action'] }) {
  return <StatusBadge status={action} />;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The field-by-field diff of one audit entry. */
export function ChangesTable({ entry }: { entry: AuditEntry }) {
  if (!entry.changes.length) {
    return (
      <Text size="sm" c="dimmed">
        No field values recorded for this change.
      </Text>
    );
  }
  return (
    <Table withRowBorders={false} verticalSpacing={4} layout="fixed" aria-label={`Changed fields of ${resourceNoun(entry.resource)} ${entry.resourceId}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="28%">Field</Table.Th>
          <Table.Th>Before</Table.Th>
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entry.changes.map((change) => (
          <Table.Tr key={change.field}>
            <Table.Td>
              <Code>{change.field}</Code>
            </Table.Td>
            <Table.Td>
              {entry.action === 'create' ? (
                <Text c="dimmed" size="sm">
                  —
                </Text>
              ) : (
                <Text size="sm" className="mono-diff-from" span>
                  {show(change.from)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {entry.action === 'delete' ? (
                <Text c="dimmed" size="sm">
                  —
                </Text>
              ) : (
                <Text size="sm" className="mono-diff-to" span>
                  {show(change.to)}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function EntryMeta({ entry }: { entry: AuditEntry }) {
  return (
    <Group gap="xs" wrap="wrap">
      <Badge variant="default" radius="sm" title="Position in the tenant's hash chain">
        #{entry.seq}
      </Badge>
      {entry.requestId ? (
        <Text size="xs" c="dimmed">
          request <span className="mono-mono">{entry.requestId}</span>
        </Text>
      ) : null}
      {entry.ipAddress ? (
        <Text size="xs" c="dimmed">
          from {entry.ipAddress}
        </Text>
      ) : null}
      {entry.erased ? (
        <Badge color="gray" variant="light" size="sm">
          personal data erased
        </Badge>
      ) : null}
    </Group>
  );
}
