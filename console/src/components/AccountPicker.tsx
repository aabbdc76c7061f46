import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';

/** Pick one account of the tenant, searching by name (GET /tenant/accounts?q=). */
export function AccountPicker({
  label,
  description,
  value,
  onChange,
  error,
  placeholder = 'Search accounts',
}: {
  label: string;
  description?: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
  placeholder?: string;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const accounts = useQuery({
    queryKey: ['tenant-accounts', { q, limit: 20 }],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/accounts', { params: { query: { q: q || undefined, limit: 20 } } })),
  });
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const data = (accounts.data?.data ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.identifier})` }));
  if (chosen && !data.some((d) => d.value === chosen.value)) data.unshift(chosen);
  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder}
      searchable
      clearable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id, option) => {
        setChosen(option ?? null);
        onChange(id);
      }}
      nothingFoundMessage={accounts.isLoading ? 'Searching…' : 'No account matches'}
      error={error}
      filter={({ options }) => options}
    />
  );
}
