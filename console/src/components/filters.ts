import { useSearchParams } from 'react-router';

/**
 * A list's filters kept in the URL (?status=…), so a filtered view can be reloaded,
 * bookmarked and shared; setting one replaces the history entry instead of adding one.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  return {
    get: (key: string): string | undefined => params.get(key) ?? undefined,
    set: (key: string, value: string | null | undefined) => {
      const next = new URLSearchParams(params);
      if (value) next.set(key, value);
      else next.delete(key);
      setParams(next, { replace: true });
    },
  };
}
