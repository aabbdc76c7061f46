import { Alert, Anchor, Box, Button, Center, Loader, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconMail } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { describeError, fieldErrors } from '../api/problem';

/** The pages the links in Mono's e-mails open; they work signed out (the token names its tenant). */
export const EMAIL_LINK_PAGES = ['/verify-email', '/reset-password'] as const;

export function isEmailLinkPage(pathname: string): boolean {
  return EMAIL_LINK_PAGES.some((page) => pathname === `/console${page}`);
}

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Box w="100%" maw={440} component="main">
        <Title order={1} size="h2" ta="center" mb="lg">
          {title}
        </Title>
        <Paper withBorder shadow="sm" p="xl" radius="lg">
          {children}
        </Paper>
      </Box>
    </Center>
  );
}

const signInLink = (
  <Anchor href="/console" fw={600}>
    Sign in
  </Anchor>
);

/** /console/verify-email?token=… — confirms the address at once. */
function VerifyEmail({ token }: { token: string }) {
  const verify = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/public/auth/verify-email', { body: { token } })),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once for the token in the link
  useEffect(() => {
    if (token) verify.mutate();
  }, [token]);
  return (
    <Frame title="Confirm your e-mail address">
      {!token || verify.isError ? (
        <Alert color="red" title="This link does not work" icon={<IconMail />}>
          {token ? describeError(verify.error) : 'The link has no token.'} Ask for a new one from your account page.
        </Alert>
      ) : verify.isSuccess ? (
        <Stack>
          <Alert color="green.9" variant="light" title="Your e-mail address is confirmed" icon={<IconCircleCheck />} role="status">
            Thank you. Invitations sent to this address are now yours to accept.
          </Alert>
          <Text>{signInLink} to continue.</Text>
        </Stack>
      ) : (
        <Center>
          <Loader aria-label="Confirming" />
        </Center>
      )}
    </Frame>
  );
}

/** /console/reset-password?token=… — choose a new password (also for people invited without one). */
function ResetPassword({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const reset = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/public/auth/password-reset/confirm', { body: { token, password } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== again);
    if (password === again) reset.mutate();
  };
  const fields = fieldErrors(reset.error);
  if (reset.isSuccess) {
    return (
      <Frame title="Choose a new password">
        <Stack>
          <Alert color="green.9" variant="light" title="Your password is changed" icon={<IconCircleCheck />} role="status">
            You were signed out everywhere else.
          </Alert>
          <Text>{signInLink} with the new password.</Text>
        </Stack>
      </Frame>
    );
  }
  return (
    <Frame title="Choose a new password">
      <form onSubmit={submit} noValidate aria-label="Choose a new password">
        <Stack>
          <PasswordInput
            label="New password"
            description="10+ characters with three of lower case, upper case, digits and symbols — or a passphrase of 16+ characters"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fields.get('password')}
          />
          <PasswordInput
            label="The same again"
            autoComplete="new-password"
            required
            value={again}
            onChange={(e) => setAgain(e.currentTarget.value)}
            error={mismatch ? 'The two passwords differ' : undefined}
          />
          {reset.isError && fields.size === 0 ? (
            <Alert color="red" title="The password was not changed">
              {describeError(reset.error)}
            </Alert>
          ) : null}
          <Button type="submit" loading={reset.isPending} disabled={!token}>
            Save the new password
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}

/** The page of an e-mail link, by path. */
export function EmailLink() {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return window.location.pathname.endsWith('/reset-password') ? <ResetPassword token={token} /> : <VerifyEmail token={token} />;
}
