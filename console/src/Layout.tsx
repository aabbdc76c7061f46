import {
  ActionIcon,
  AppShell,
  Avatar,
  Badge,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBriefcase,
  IconBuildingStore,
  IconCalendarEvent,
  IconChecklist,
  IconClockPlay,
  IconFileCheck,
  IconGauge,
  IconHistory,
  IconKey,
  IconLogout,
  IconMail,
  IconMoon,
  IconSettings,
  IconShieldLock,
  IconStar,
  IconSun,
  IconUserShield,
  IconUsers,
  IconWebhook,
  IconWorld,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { api, unwrap } from './api/client';
import { useSignedIn } from './auth/AuthProvider';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  permission?: string;
  badge?: ReactNode;
}

function useReviewCount(enabled: boolean) {
  return useQuery({
    queryKey: ['tenant-content', { status: 'IN_REVIEW', limit: 100 }],
    queryFn: () => unwrap(api.GET('/api/v1/tenant/content', { params: { query: { status: 'IN_REVIEW', limit: 100 } } })),
    enabled,
  });
}

/** A titled group of navigation links; nothing when the person may open none of them. */
function NavSection({ title, first, children }: { title: string; first?: boolean; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mt={first ? 0 : 'lg'} mb={6}>
        {title}
      </Text>
      {children}
    </>
  );
}

export function Layout() {
  const { me, tenant, can, signOut } = useSignedIn();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const review = useReviewCount(can('tenant.content.read'));
  const inReview = review.data?.data.length ? `${review.data.data.length}${review.data.nextCursor ? '+' : ''}` : null;

  const marketplace: NavItem[] = [
    { to: '/', label: 'Dashboard', icon: <IconGauge size={18} /> },
    { to: '/users', label: 'Users', icon: <IconUsers size={18} />, permission: 'tenant.users.read' },
    { to: '/roles', label: 'Roles & permissions', icon: <IconUserShield size={18} />, permission: 'tenant.roles.read' },
    { to: '/accounts', label: 'Accounts', icon: <IconBuildingStore size={18} />, permission: 'tenant.accounts.read' },
    {
      to: '/content',
      label: 'Content review',
      icon: <IconChecklist size={18} />,
      permission: 'tenant.content.read',
      badge: inReview ? (
        <Badge size="sm" variant="filled" color="yellow" c="dark">
          {inReview}
        </Badge>
      ) : null,
    },
    { to: '/listings', label: 'Listings', icon: <IconBriefcase size={18} />, permission: 'tenant.listings.read' },
    { to: '/applications', label: 'Applications', icon: <IconFileCheck size={18} />, permission: 'tenant.applications.read' },
    { to: '/bookings', label: 'Bookings', icon: <IconCalendarEvent size={18} />, permission: 'tenant.bookings.read' },
    { to: '/reviews', label: 'Reviews', icon: <IconStar size={18} />, permission: 'tenant.reviews.read' },
    { to: '/audit', label: 'Audit trail', icon: <IconHistory size={18} />, permission: 'tenant.audit.read' },
    { to: '/settings', label: 'Settings', icon: <IconSettings size={18} />, permission: 'tenant.settings.read' },
  ];
  const integrations: NavItem[] = [
    { to: '/webhooks', label: 'Webhooks', icon: <IconWebhook size={18} />, permission: 'tenant.webhooks.read' },
    { to: '/api-keys', label: 'API keys', icon: <IconKey size={18} />, permission: 'tenant.api_keys.manage' },
    { to: '/mail', label: 'Mail log', icon: <IconMail size={18} />, permission: 'tenant.mail.read' },
  ];
  const platform: NavItem[] = [
    { to: '/platform/tenants', label: 'Tenants', icon: <IconWorld size={18} />, permission: 'platform.tenants.read' },
    { to: '/platform/jobs', label: 'Jobs', icon: <IconClockPlay size={18} />, permission: 'platform.jobs.read' },
    { to: '/platform/audit', label: 'Audit across tenants', icon: <IconHistory size={18} />, permission: 'platform.audit.read' },
  ];
  const visible = (items: NavItem[]) => items.filter((item) => !item.permission || can(item.permission));
  const isActive = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname === to || location.pathname.startsWith(`${to}/`));
  const links = (items: NavItem[]) =>
    visible(items).map((item) => (
      <NavLink
        key={item.to}
        component={Link}
        to={item.to}
        label={item.label}
        leftSection={item.icon}
        rightSection={item.badge}
        active={isActive(item.to)}
        aria-current={isActive(item.to) ? 'page' : undefined}
        onClick={close}
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
      />
    ));
  const name = me.displayName ?? me.email;

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 248, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} />
            <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Group gap={8} wrap="nowrap">
                <Avatar color="indigo" variant="filled" radius="md" size={30} aria-hidden>
                  M
                </Avatar>
                <Text fw={700} size="lg">
                  Mono
                </Text>
              </Group>
            </Link>
            <Text c="dimmed" size="sm" truncate maw={280} title={tenant.name} visibleFrom="xs">
              {tenant.name}
            </Text>
            <Badge variant="default" radius="sm" visibleFrom="sm" tt="none">
              {tenant.identifier}
            </Badge>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Tooltip label={scheme === 'dark' ? 'Light theme' : 'Dark theme'}>
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={scheme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
                onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
              >
                {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
              </ActionIcon>
            </Tooltip>
            <Menu position="bottom-end" width={220}>
              <Menu.Target>
                <UnstyledButton>
                  <Group gap={8} wrap="nowrap">
                    <Avatar radius="xl" size={32} color="indigo" name={name} aria-hidden />
                    <Text size="sm" fw={500} truncate maw={180}>
                      <Text span visibleFrom="sm" inherit>
                        {name}
                      </Text>
                      <VisuallyHidden> (account menu)</VisuallyHidden>
                    </Text>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.email}</Menu.Label>
                <Menu.Item component={Link} to="/me" leftSection={<IconShieldLock size={16} />}>
                  My sessions & security
                </Menu.Item>
                <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Console navigation">
        <ScrollArea type="scroll">
          <NavSection title="Marketplace" first>
            {links(marketplace)}
          </NavSection>
          <NavSection title="Integrations">{links(integrations)}</NavSection>
          <NavSection title="Platform">{links(platform)}</NavSection>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <div style={{ maxWidth: 1280, margin: '0 auto' }}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
