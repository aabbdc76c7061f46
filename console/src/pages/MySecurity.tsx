import { Badge, Button, Card, Code, Group, List, PasswordInput, PinInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { formProblem } from '../api/problem';
import { useSignedIn } from '../auth/AuthProvider';
import { confirmAction, Loading, PageHeader, ProblemAlert, When } from '../components/ui';

/** The signed-in person's own sessions and two-factor authentication. */
export function MySecurity() {
  const { me } = useSignedIn();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: ['my-sessions'], queryFn: () => unwrap(api.GET('/api/v1/user/sessions')) });
  const revoke = useMutation({
    mutationFn: async (sessionId: string) => {
      const ok = await confirmAction({
        title: 'Sign out this session?',
        message: 'The browser or app using it is signed out at once.',
        confirmLabel: 'Sign it out',
      });
      if (!ok) return false;
      await unwrap(api.DELETE('/api/v1/user/sessions/{sessionId}', { params: { path: { sessionId } } }));
      return true;
    },
    onSuccess: (done) => done && void queryClient.invalidateQueries({ queryKey: ['my-sessions'] }),
  });
  const revokeOthers = useMutation({
    mutationFn: async () => {
      const ok = await confirmAction({
        title: 'Sign out everywhere else?',
        message: 'Every other session of yours ends at once; this one stays.',
        confirmLabel: 'Sign out the others',
      });
      if (!ok) return false;
      await unwrap(api.POST('/api/v1/user/sessions/revoke-others'));
      return true;
    },
    onSuccess: (done) => {
      if (!done) return;
      void queryClient.invalidateQueries({ queryKey: ['my-sessions'] });
      notifications.show({ color: 'teal', message: 'Your other sessions were signed out' });
    },
  });
  const others = sessions.data?.data.filter((s) => !s.current).length ?? 0;
  return (
    <>
      <PageHeader title="My sessions & security" description={me.email} />
      <Stack gap="lg">
        <Card withBorder radius="md" padding="lg">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              Where you are signed in
            </Title>
            <Button variant="light" color="red" size="xs" disabled={others === 0} loading={revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>
              Sign out all other sessions
            </Button>
          </Group>
          <ProblemAlert error={sessions.error ?? revoke.error ?? revokeOthers.error} />
          {sessions.isLoading ? <Loading /> : null}
          {sessions.data ? (
            <Table.ScrollContainer minWidth={600}>
              <Table verticalSpacing="sm" aria-label="My sessions">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Device</Table.Th>
                    <Table.Th>From</Table.Th>
                    <Table.Th>Last used</Table.Th>
                    <Table.Th>Expires</Table.Th>
                    <Table.Th aria-label="Actions" />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sessions.data.data.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        <Text size="sm" lineClamp={1} title={s.userAgent ?? undefined}>
                          {s.userAgent ?? 'unknown'}
                        </Text>
                        <Group gap={4}>
                          {s.current ? (
                            <Badge size="xs" color="teal">
                              this session
                            </Badge>
                          ) : null}
                          {s.twoFactorPassed ? (
                            <Badge size="xs" variant="outline" color="gray">
                              2FA
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{s.ipAddress ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          <When iso={s.lastUsedAt} />
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          <When iso={s.expiresAt} />
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {s.current ? null : (
                          <Button size="xs" variant="subtle" color="red" onClick={() => revoke.mutate(s.id)}>
                            Sign out
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
        </Card>
        <TwoFactor enabled={me.twoFactorEnabled} />
      </Stack>
    </>
  );
}

function TwoFactor({ enabled: initiallyEnabled }: { enabled: boolean }) {
  const [enabled, setEnabled] = useState(initiallyEnabled);
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const enroll = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/user/2fa/enroll')),
    onSuccess: setEnrolment,
  });
  const confirm = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/user/2fa/confirm', { body: { code } })),
    onSuccess: (result) => {
      setRecoveryCodes(result.recoveryCodes);
      setEnrolment(null);
      setEnabled(true);
      setCode('');
    },
  });
  const disable = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/user/2fa/disable', { body: /^\d{6}$/.test(code.trim()) ? { password, code: code.trim() } : { password, recoveryCode: code.trim() } }),
      ),
    onSuccess: () => {
      setEnabled(false);
      setPassword('');
      setCode('');
      notifications.show({ color: 'teal', message: 'Two-factor authentication is off' });
    },
  });
  const confirmProblem = formProblem(confirm.error, ['code']);
  const disableProblem = formProblem(disable.error, ['password', 'code', 'recoveryCode']);
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Two-factor authentication
        </Title>
        <Badge color={enabled ? 'teal' : 'gray'} variant="light">
          {enabled ? 'on' : 'off'}
        </Badge>
      </Group>
      {recoveryCodes ? (
        <Stack gap="xs" mb="md">
          <Text size="sm" fw={600}>
            Save these recovery codes now: each signs you in once when the authenticator is not at hand. They are not shown again.
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 5 }} spacing={6}>
            {recoveryCodes.map((c) => (
              <Code key={c}>{c}</Code>
            ))}
          </SimpleGrid>
        </Stack>
      ) : null}
      {!enabled && !enrolment ? (
        <Stack gap="sm" align="flex-start">
          <Text size="sm">Protect your account with an authenticator app: sign-in then asks for a 6-digit code too.</Text>
          <Button onClick={() => enroll.mutate()} loading={enroll.isPending}>
            Set up two-factor
          </Button>
          <ProblemAlert error={enroll.error} />
        </Stack>
      ) : null}
      {enrolment ? (
        <form
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            confirm.mutate();
          }}
        >
          <Stack gap="sm">
            <List size="sm" type="ordered">
              <List.Item>
                Add this key to your authenticator app: <Code>{enrolment.secret}</Code> (or open{' '}
                <Code style={{ wordBreak: 'break-all' }}>{enrolment.otpauthUrl}</Code>)
              </List.Item>
              <List.Item>Enter the 6-digit code it shows.</List.Item>
            </List>
            <PinInput
              length={6}
              type="number"
              oneTimeCode
              value={code}
              onChange={setCode}
              aria-label="Code from the authenticator app"
              error={Boolean(confirmProblem.field('code'))}
            />
            {confirmProblem.field('code') ? (
              <Text size="sm" c="red">
                {confirmProblem.field('code')}
              </Text>
            ) : null}
            <ProblemAlert error={confirmProblem.general} />
            <Group>
              <Button type="submit" loading={confirm.isPending} disabled={code.length !== 6}>
                Turn on
              </Button>
              <Button variant="default" onClick={() => setEnrolment(null)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
      {enabled ? (
        <form
          noValidate
          aria-label="Turn two-factor off"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            disable.mutate();
          }}
        >
          <Stack gap="sm" maw={360}>
            <Text size="sm">To turn it off, confirm with your password and a current code (or a recovery code).</Text>
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={disableProblem.field('password')}
            />
            <PasswordInput
              label="Code or recovery code"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={disableProblem.field('code') ?? disableProblem.field('recoveryCode')}
            />
            <ProblemAlert error={disableProblem.general} />
            <Button type="submit" color="red" variant="light" loading={disable.isPending} disabled={!password || !code}>
              Turn two-factor off
            </Button>
          </Stack>
        </form>
      ) : null}
    </Card>
  );
}
