import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** A secret the API answers once (an API key, a webhook signing secret): copy it now, it is never shown again. */
export function ShownOnce({
  title,
  what,
  secret,
  children,
  onClose,
}: {
  title: string;
  what: string;
  secret: string;
  children?: ReactNode;
  onClose: () => void;
}) {
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <Stack>
        <Alert color="yellow" variant="light" icon={<IconKey size={18} />} title="Copy it now">
          This is the only time the {what} is shown; Mono keeps it only in a form it cannot show again. {children}
        </Alert>
        <Code block aria-label={`The ${what}`}>
          {secret}
        </Code>
        <Group justify="flex-end">
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? 'Copied' : `Copy the ${what}`}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
