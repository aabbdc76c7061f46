import { Button, Group, Select, type SelectProps, Table } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { useUrlFilters } from './filters';
import { Pager, type useCursorPages } from './paging';
import { EmptyRow, Loading, Refreshing } from './ui';

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/**
 * One page of a cursor-paginated list as a table: loading state, "nothing matches" row,
 * the previous page dimmed while the next loads, and the pager below.
 */
export function PagedTable<T>({
  label,
  minWidth,
  list,
  columns,
  empty,
  pages,
  noun,
  row,
}: {
  label: string;
  minWidth: number;
  list: UseQueryResult<Page<T>>;
  columns: readonly ReactNode[];
  empty: ReactNode;
  pages: ReturnType<typeof useCursorPages>;
  noun: string;
  row: (item: T) => ReactNode;
}) {
  return (
    <>
      {list.isLoading ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Refreshing active={list.isPlaceholderData} />
          <Table verticalSpacing="sm" aria-label={label} aria-busy={list.isPlaceholderData}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed
                  <Table.Th key={i}>{column}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.data.length === 0 ? <EmptyRow columns={columns.length}>{empty}</EmptyRow> : null}
              {list.data?.data.map(row)}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager pages={pages} nextCursor={list.data?.nextCursor} count={list.data?.data.length} noun={noun} />
    </>
  );
}

/** A filter of a list kept in the URL (?name=value), with the API's message for it next to it. */
export function FilterSelect({
  filters,
  name,
  error,
  placeholder = 'Any',
  ...props
}: { filters: ReturnType<typeof useUrlFilters>; name: string; error?: string } & Omit<SelectProps, 'value' | 'onChange' | 'error'>) {
  return <Select placeholder={placeholder} clearable value={filters.get(name) ?? null} onChange={(v) => filters.set(name, v)} error={error} {...props} />;
}

/** The buttons under a form in a dialog: cancel, and the submit that shows progress. */
export function FormActions({ onCancel, submit, loading, danger }: { onCancel: () => void; submit: string; loading: boolean; danger?: boolean }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={loading} color={danger ? 'red.9' : undefined}>
        {submit}
      </Button>
    </Group>
  );
}
