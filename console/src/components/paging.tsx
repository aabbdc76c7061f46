import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useEffect, useState } from 'react';

/**
 * Page-by-page through a cursor-paginated list ({ data, nextCursor }): the cursors of
 * the pages seen so far are kept, so "Previous" is instant (TanStack Query caches each
 * page) and changing a filter starts again at the first page.
 */
export function useCursorPages(filterKey: string) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts again at the first page
  useEffect(() => setCursors([undefined]), [filterKey]);
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    next: (nextCursor: string) => setCursors((c) => [...c, nextCursor]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
  };
}

export function Pager({
  pages,
  nextCursor,
  count,
  noun,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
  count: number | undefined;
  noun: string;
}) {
  if (pages.page === 1 && !nextCursor) {
    return count ? (
      <Text size="sm" c="dimmed" mt="sm">
        {count} {noun}
      </Text>
    ) : null;
  }
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed">
        Page {pages.page}
        {count ? ` · ${count} ${noun}` : ''}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" leftSection={<IconChevronLeft size={14} />} disabled={pages.page === 1} onClick={pages.previous}>
          Previous
        </Button>
        <Button
          variant="default"
          size="xs"
          rightSection={<IconChevronRight size={14} />}
          disabled={!nextCursor}
          onClick={() => nextCursor && pages.next(nextCursor)}
        >
          Next
        </Button>
      </Group>
    </Group>
  );
}
