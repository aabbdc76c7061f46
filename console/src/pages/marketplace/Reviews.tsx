import { Badge, Button, Group, Modal, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type ItemOf, unwrap } from '../../api/client';
import { formProblem } from '../../api/problem';
import { useSignedIn } from '../../auth/AuthProvider';
import { useUrlFilters } from '../../components/filters';
import { FormActions, PagedTable } from '../../components/PagedTable';
import { useCursorPages } from '../../components/paging';
import { PageHeader, ProblemAlert, When } from '../../components/ui';

type Review = ItemOf<'/api/v1/tenant/reviews'>;
const yesNo = (yes: string, no: string) => [
  { value: 'true', label: yes },
  { value: 'false', label: no },
];

/**
 * Reviews for moderation (GET /tenant/reviews): by default the queue — reported and still
 * visible; hiding one takes it out of the public lists and the ratings (kept, and audited).
 */
export function Reviews() {
  const { can } = useSignedIn();
  const filters = useUrlFilters();
  // The queue is the default view; "any" is an explicit choice kept in the URL.
  const reported = filters.get('reported') ?? 'true';
  const hidden = filters.get('hidden') ?? 'false';
  const pages = useCursorPages(`${reported}|${hidden}`);
  const query = {
    reported: reported === 'any' ? undefined : (reported as 'true' | 'false'),
    hidden: hidden === 'any' ? undefined : (hidden as 'true' | 'false'),
    cursor: pages.cursor,
    limit: 25,
  };
  const list = useQuery({
    queryKey: ['tenant-reviews', query],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/reviews', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const [hiding, setHiding] = useState<Review | null>(null);
  const problem = formProblem(list.error, ['reported', 'hidden']);
  const mayHide = can('tenant.reviews.moderate');
  return (
    <>
      <PageHeader title="Reviews" description="Reported reviews wait here; hide what breaks the marketplace’s rules." />
      <Group mb="md" gap="sm" align="flex-start">
        <Select
          label="Reports"
          data={[...yesNo('reported', 'not reported'), { value: 'any', label: 'any' }]}
          value={reported}
          onChange={(v) => filters.set('reported', v)}
          allowDeselect={false}
          w={180}
          error={problem.field('reported')}
        />
        <Select
          label="Visibility"
          data={[...yesNo('hidden', 'visible'), { value: 'any', label: 'any' }]}
          value={hidden}
          onChange={(v) => filters.set('hidden', v)}
          allowDeselect={false}
          w={180}
          error={problem.field('hidden')}
        />
      </Group>
      <ProblemAlert error={problem.general} />
      <PagedTable
        label="Reviews"
        minWidth={760}
        list={list}
        columns={['Review', 'By', 'Reports', 'Written', 'State']}
        empty="No reviews match: nothing waits for you."
        pages={pages}
        noun="reviews on this page"
        row={(review) => (
          <Table.Tr key={review.id}>
            <Table.Td maw={420}>
              <Text span role="img" aria-label={`${review.stars} of 5 stars`} c="yellow.9" size="sm">
                {'★'.repeat(review.stars)}
                {'☆'.repeat(5 - review.stars)}
              </Text>
              <Text size="sm" lineClamp={3}>
                {review.body}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{review.authorName ?? 'someone'}</Text>
              <Text size="xs" c="dimmed">
                as {review.authorSide.toLowerCase()}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={review.reportCount ? 700 : undefined}>
                {review.reportCount ?? 0}
              </Text>
            </Table.Td>
            <Table.Td>
              <When iso={review.createdAt} />
            </Table.Td>
            <Table.Td>
              {review.hiddenAt ? (
                <Stack gap={2}>
                  <Badge color="gray" variant="outline" radius="sm" tt="none">
                    hidden
                  </Badge>
                  {review.hiddenReason ? (
                    <Text size="xs" c="dimmed">
                      {review.hiddenReason}
                    </Text>
                  ) : null}
                </Stack>
              ) : mayHide ? (
                <Button
                  size="compact-sm"
                  variant="light"
                  color="red"
                  onClick={() => setHiding(review)}
                  aria-label={`Hide the review by ${review.authorName ?? 'someone'}`}
                >
                  Hide
                </Button>
              ) : (
                <Text size="sm">{review.revealed ? 'visible' : 'not revealed yet'}</Text>
              )}
            </Table.Td>
          </Table.Tr>
        )}
      />
      {hiding ? <HideReview review={hiding} onClose={() => setHiding(null)} /> : null}
    </>
  );
}

/** The confirmation of hiding one review, with the reason the audit trail keeps. */
function HideReview({ review, onClose }: { review: Review; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  const hide = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/tenant/reviews/{reviewId}/hide', { params: { path: { reviewId: review.id } }, body: reason.trim() ? { reason: reason.trim() } : {} }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['tenant-reviews'] });
      notifications.show({ color: 'teal', message: 'The review is hidden: it left the public lists and the ratings' });
      onClose();
    },
  });
  const problem = formProblem(hide.error, ['reason']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    hide.mutate();
  };
  return (
    <Modal opened onClose={onClose} title="Hide this review?">
      <form onSubmit={submit} aria-label="Hide the review">
        <Stack>
          <Text size="sm" lineClamp={4}>
            “{review.body}”
          </Text>
          <Text size="sm" c="dimmed">
            It leaves the public lists and the ratings; it is kept, and the audit trail records who hid it and why.
          </Text>
          <Textarea
            label="Reason (optional)"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={problem.field('reason')}
            autosize
            minRows={2}
          />
          <ProblemAlert error={problem.general} />
          <FormActions onCancel={onClose} submit="Hide review" loading={hide.isPending} danger />
        </Stack>
      </form>
    </Modal>
  );
}
