import { Alert, Anchor, Box, Button, Center, Group, Paper, PasswordInput, PinInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { ApiProblem, describeError, fieldErrors } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { session } from '../auth/session';

type Step = 'password' | 'totp' | 'recovery';

/**
 * Sign-in to one tenant. The tenant comes from the host name (<identifier>.<TENANT_DOMAIN>:
 * GET /public/tenant without X-Tenant answers it) or from the field; with two-factor on,
 * a second step asks for the authenticator code or a recovery code.
 */
export function SignIn() {
  const { signIn, endedBecause } = useAuth();
  const fromHost = useQuery({
    queryKey: ['tenant-from-host'],
    queryFn: () => unwrap(api.GET('/api/v1/public/tenant')),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const initialTenant = new URLSearchParams(window.location.search).get('tenant') ?? '';
  const [tenant, setTenant] = useState(initialTenant);
  const [pickTenant, setPickTenant] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<Step>('password');
  const [totp, setTotp] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const hostTenant = fromHost.data && !pickTenant ? fromHost.data : null;
  const tenantIdentifier = hostTenant ? hostTenant.identifier : tenant.trim().toLowerCase();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn({
        tenant: tenantIdentifier,
        email: email.trim(),
        password,
        ...(step === 'totp' ? { totp } : {}),
        ...(step === 'recovery' ? { recoveryCode: recoveryCode.trim() } : {}),
      });
    } catch (caught) {
      if (caught instanceof ApiProblem && caught.code === 'TWO_FACTOR_REQUIRED') {
        setStep('totp');
      } else {
        setError(caught);
        if (caught instanceof ApiProblem && caught.code === 'INVALID_TWO_FACTOR_CODE') setTotp('');
      }
    } finally {
      setBusy(false);
    }
  }

  const fields = fieldErrors(error);
  const code = error instanceof ApiProblem ? error.code : null;
  const tenantError = code === 'TENANT_NOT_FOUND' || code === 'TENANT_REQUIRED' || code === 'TENANT_SUSPENDED' ? describeError(error) : undefined;
  const generalError = error && !tenantError && fields.size === 0 ? describeError(error) : null;

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Box w="100%" maw={420} component="main">
        <Group gap="xs" justify="center" mb="lg">
          <IconLock size={26} color="var(--mantine-color-indigo-filled)" aria-hidden />
          <Title order={1} size="h2">
            Mono console
          </Title>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="lg">
          <form onSubmit={submit} noValidate aria-label="Sign in">
            <Stack gap="md">
              {hostTenant ? (
                <div>
                  <Text size="sm" c="dimmed">
                    Signing in to
                  </Text>
                  <Group justify="space-between">
                    <Text fw={600}>{hostTenant.name}</Text>
                    <Anchor component="button" type="button" size="sm" onClick={() => setPickTenant(true)}>
                      Another marketplace
                    </Anchor>
                  </Group>
                </div>
              ) : (
                <TextInput
                  label="Marketplace"
                  description="The tenant identifier, e.g. demo (platform operators: platform)"
                  placeholder="demo"
                  required
                  autoComplete="organization"
                  value={tenant}
                  onChange={(e) => setTenant(e.currentTarget.value)}
                  error={tenantError ?? fields.get('tenant')}
                  disabled={step !== 'password'}
                  autoFocus={!initialTenant}
                />
              )}
              <TextInput
                label="E-mail"
                type="email"
                required
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={fields.get('email')}
                disabled={step !== 'password'}
                autoFocus={Boolean(initialTenant)}
              />
              <PasswordInput
                label="Password"
                required
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={fields.get('password')}
                disabled={step !== 'password'}
              />
              {step === 'totp' ? (
                <Stack gap={6}>
                  <Alert variant="light" color="indigo" icon={<IconInfoCircle size={18} />}>
                    Two-factor authentication is on for this person: enter the 6-digit code from the authenticator app.
                  </Alert>
                  <Text component="label" htmlFor="totp" size="sm" fw={500}>
                    Authentication code
                  </Text>
                  <PinInput
                    id="totp"
                    length={6}
                    type="number"
                    oneTimeCode
                    autoFocus
                    value={totp}
                    onChange={setTotp}
                    aria-label="Authentication code"
                    error={Boolean(fields.get('totp'))}
                  />
                  <Anchor component="button" type="button" size="sm" ta="left" onClick={() => setStep('recovery')}>
                    Use a recovery code instead
                  </Anchor>
                </Stack>
              ) : null}
              {step === 'recovery' ? (
                <Stack gap={6}>
                  <TextInput
                    label="Recovery code"
                    description="One of the ten codes you saved when you turned two-factor on; each works once."
                    autoComplete="one-time-code"
                    autoFocus
                    value={recoveryCode}
                    onChange={(e) => setRecoveryCode(e.currentTarget.value)}
                    error={fields.get('recoveryCode')}
                  />
                  <Anchor component="button" type="button" size="sm" ta="left" onClick={() => setStep('totp')}>
                    Use the authenticator code instead
                  </Anchor>
                </Stack>
              ) : null}
              {generalError ? (
                <Alert color="red" variant="light" role="alert">
                  {generalError}
                </Alert>
              ) : null}
              {!generalError && endedBecause && step === 'password' ? (
                <Alert color="yellow" variant="light" role="status">
                  {endedBecause}
                </Alert>
              ) : null}
              <Button type="submit" loading={busy} fullWidth size="md">
                {step === 'password' ? 'Sign in' : 'Verify and sign in'}
              </Button>
              {step !== 'password' ? (
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => {
                    setStep('password');
                    setError(null);
                  }}
                >
                  Start over
                </Anchor>
              ) : null}
            </Stack>
          </form>
        </Paper>
        <Text size="xs" c="dimmed" ta="center" mt="md">
          The API reference is at{' '}
          <Anchor href="/docs" size="xs" underline="always">
            /docs
          </Anchor>
          . {session.note}
        </Text>
      </Box>
    </Center>
  );
}
