import { Anchor, Badge, Button, Divider, Drawer, Group, Modal, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconHistory, IconSearch, IconX } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type Schemas, unwrap } from '../../api/client';
import { formProblem } from '../../api/problem';
import { useSignedIn } from '../../auth/AuthProvider';
import { Pager, useCursorPages } from '../../components/paging';
import { confirmAction, EmptyRow, formatDateTime, Loading, PageHeader, ProblemAlert, Refreshing, StatusBadge, When } from '../../components/ui';
import { historyPath } from '../audit/entries';

const tabs = [
  { value: 'IN_REVIEW', label: 'In review' },
  { value: 'APPROVED', label: 'Approved' },
  { value: 'PUBLISHED', label: 'Published' },
  { value: 'DRAFT', label: 'Drafts' },
  { value: 'ARCHIVED', label: 'Archived' },
] as const;

export function ContentReview() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'IN_REVIEW';
  const openId = params.get('item');
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 250);
  const pages = useCursorPages(`${status}|${debouncedQ}`);
  const list = useQuery({
    queryKey: ['tenant-content', { status, q: debouncedQ, cursor: pages.cursor }],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/content', { params: { query: { status, q: debouncedQ || undefined, cursor: pages.cursor, limit: 25 } } })),
    placeholderData: keepPreviousData,
  });
  const open = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('item', id);
    else next.delete('item');
    setParams(next);
  };
  return (
    <>
      <PageHeader title="Content review" description="Approve or reject what authors submitted; publish, unpublish and archive any content." />
      <Tabs value={status} onChange={(value) => setParams(value && value !== 'IN_REVIEW' ? { status: value } : {}, { replace: true })} mb="md">
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <TextInput
        aria-label="Search content"
        placeholder="Search titles and text"
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
          <Table highlightOnHover verticalSpacing="sm" aria-label="Content" aria-busy={list.isPlaceholderData}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Title</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Account</Table.Th>
                <Table.Th>Author</Table.Th>
                <Table.Th>{status === 'IN_REVIEW' ? 'Submitted' : 'Changed'}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.data.length === 0 ? (
                <EmptyRow columns={5}>{status === 'IN_REVIEW' ? 'Nothing is waiting for review. Well done.' : 'Nothing here.'}</EmptyRow>
              ) : null}
              {list.data?.data.map((item) => (
                <Table.Tr key={item.id} className="mono-row-link" onClick={() => open(item.id)}>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      fw={500}
                      c="inherit"
                      ta="left"
                      onClick={(e) => {
                        e.stopPropagation();
                        open(item.id);
                      }}
                    >
                      {item.title}
                    </Anchor>
                    {item.description ? (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {item.description}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="default" size="sm">
                      {item.type.toLowerCase()}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{item.account.name}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{item.author.displayName ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <When iso={item.updatedAt} />
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager pages={pages} nextCursor={list.data?.nextCursor} count={list.data?.data.length} noun="items on this page" />
      <Drawer opened={Boolean(openId)} onClose={() => open(null)} position="right" size="xl" title="Content" padding="lg">
        {openId ? <ContentPanel id={openId} onClose={() => open(null)} /> : null}
      </Drawer>
    </>
  );
}

type Action = 'publish' | 'unpublish' | 'archive' | 'restore';

function ContentPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const { can } = useSignedIn();
  const queryClient = useQueryClient();
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const item = useQuery({
    queryKey: ['tenant-content-item', id],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/content/{contentId}', { params: { path: { contentId: id } } })),
  });
  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: ['tenant-content'] });
    void queryClient.invalidateQueries({ queryKey: ['tenant-content-item', id] });
    void queryClient.invalidateQueries({ queryKey: ['tenant-audit'] });
    notifications.show({ color: 'teal', message });
  };
  const act = useMutation({
    mutationFn: async (action: Action) => {
      if (action === 'unpublish' || action === 'archive') {
        const ok = await confirmAction({
          title: action === 'unpublish' ? 'Take this out of public view?' : 'Archive this content?',
          message: action === 'unpublish' ? 'It goes back to approved; it can be published again.' : 'It leaves public view; it can be restored as a draft.',
          confirmLabel: action === 'unpublish' ? 'Unpublish' : 'Archive',
        });
        if (!ok) return null;
      }
      const path = { params: { path: { contentId: id } } };
      if (action === 'publish') return unwrap(api.POST('/api/v1/tenant/content/{contentId}/publish', { ...path, body: {} }));
      if (action === 'unpublish') return unwrap(api.POST('/api/v1/tenant/content/{contentId}/unpublish', path));
      if (action === 'archive') return unwrap(api.POST('/api/v1/tenant/content/{contentId}/archive', path));
      return unwrap(api.POST('/api/v1/tenant/content/{contentId}/restore', path));
    },
    onSuccess: (result, action) => {
      const past: Record<Action, string> = { publish: 'published', unpublish: 'unpublished', archive: 'archived', restore: 'restored as a draft' };
      if (result) done(`${result.title}: ${past[action]}`);
    },
  });
  if (item.isLoading) return <Loading />;
  if (!item.data) return <ProblemAlert error={item.error} />;
  const c = item.data;
  const review = can('tenant.content.review') && c.status === 'IN_REVIEW';
  const publish = can('tenant.content.publish');
  return (
    <Stack gap="md">
      <div>
        <Group gap="xs" mb={4}>
          <StatusBadge status={c.status} />
          <Badge variant="default" size="sm">
            {c.type.toLowerCase()}
          </Badge>
          <Text size="xs" c="dimmed">
            /{c.slug}
          </Text>
        </Group>
        <Title order={2} size="h3">
          {c.title}
        </Title>
        <Text size="sm" c="dimmed">
          {c.account.name} · by {c.author.displayName ?? 'unknown'} · changed {formatDateTime(c.updatedAt)}
        </Text>
      </div>
      <Group gap="xs">
        {review ? (
          <>
            <Button color="teal.9" leftSection={<IconCheck size={16} />} onClick={() => setDeciding('approve')}>
              Approve
            </Button>
            <Button color="red" variant="light" leftSection={<IconX size={16} />} onClick={() => setDeciding('reject')}>
              Reject
            </Button>
          </>
        ) : null}
        {publish && c.status === 'APPROVED' ? (
          <Button loading={act.isPending} onClick={() => act.mutate('publish')}>
            Publish now
          </Button>
        ) : null}
        {publish && c.status === 'PUBLISHED' ? (
          <>
            <Button variant="light" color="orange" loading={act.isPending} onClick={() => act.mutate('unpublish')}>
              Unpublish
            </Button>
            <Button variant="light" color="gray" loading={act.isPending} onClick={() => act.mutate('archive')}>
              Archive
            </Button>
          </>
        ) : null}
        {publish && c.status === 'ARCHIVED' ? (
          <Button variant="light" loading={act.isPending} onClick={() => act.mutate('restore')}>
            Restore as draft
          </Button>
        ) : null}
        {can('tenant.audit.read') ? (
          <Button component={Link} to={historyPath('contents', c.id)} variant="default" leftSection={<IconHistory size={16} />}>
            History
          </Button>
        ) : null}
      </Group>
      <ProblemAlert error={act.error} />
      {c.description ? <Text fw={500}>{c.description}</Text> : null}
      <Divider label="Body (Markdown as written)" labelPosition="left" />
      <Text size="sm" className="mono-body">
        {c.body ?? 'No body.'}
      </Text>
      {c.tags.length || c.categories.length ? (
        <Group gap={6}>
          {c.categories.map((cat) => (
            <Badge key={cat.id} variant="light">
              {cat.name}
            </Badge>
          ))}
          {c.tags.map((tag) => (
            <Badge key={tag} variant="outline" color="gray">
              #{tag}
            </Badge>
          ))}
        </Group>
      ) : null}
      <Modal opened={deciding !== null} onClose={() => setDeciding(null)} title={deciding === 'approve' ? `Approve “${c.title}”` : `Reject “${c.title}”`}>
        {deciding ? (
          <Decision
            id={id}
            kind={deciding}
            onDone={(message) => {
              setDeciding(null);
              done(message);
              onClose();
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

function Decision({ id, kind, onDone }: { id: string; kind: 'approve' | 'reject'; onDone: (message: string) => void }) {
  const [text, setText] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      kind === 'approve'
        ? unwrap(
            api.POST('/api/v1/tenant/content/{contentId}/approve', { params: { path: { contentId: id } }, body: text.trim() ? { note: text.trim() } : {} }),
          )
        : unwrap(api.POST('/api/v1/tenant/content/{contentId}/reject', { params: { path: { contentId: id } }, body: { reason: text.trim() } })),
    onSuccess: (result: Schemas['Content']) =>
      onDone(kind === 'approve' ? `Approved “${result.title}”` : `Rejected “${result.title}”: back to its author as a draft`),
  });
  const problem = formProblem(decide.error, ['note', 'reason']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Textarea
          label={kind === 'approve' ? 'Note to the author (optional)' : 'Reason'}
          description={kind === 'reject' ? 'The author sees it and can revise the draft.' : undefined}
          required={kind === 'reject'}
          autosize
          minRows={3}
          data-autofocus
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={problem.field(kind === 'approve' ? 'note' : 'reason')}
        />
        <ProblemAlert error={problem.general} />
        <Group justify="flex-end">
          <Button type="submit" color={kind === 'approve' ? 'teal.9' : 'red.9'} loading={decide.isPending}>
            {kind === 'approve' ? 'Approve' : 'Reject'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
