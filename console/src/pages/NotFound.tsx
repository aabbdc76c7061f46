import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { Empty, PageHeader } from '../components/ui';

export function NotFound() {
  return (
    <>
      <PageHeader title="Not found" />
      <Empty>
        There is no such page in the console.{' '}
        <Anchor component={Link} to="/">
          Back to the dashboard
        </Anchor>
      </Empty>
    </>
  );
}
