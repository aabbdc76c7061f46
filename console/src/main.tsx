import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './console.css';
import { ColorInput, type CSSVariablesResolver, createTheme, Drawer, MantineProvider, Modal, Notification } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiProblem } from './api/problem';
import { AuthProvider } from './auth/AuthProvider';

const theme = createTheme({
  primaryColor: 'indigo',
  // Links and filled buttons at 4.5:1 or better on white (WCAG AA); shade 6 is about 4:1.
  primaryShade: { light: 7, dark: 5 },
  // Transitions follow the person's "reduce motion" setting.
  respectReducedMotion: true,
  components: {
    // Mantine's close buttons have no text: name them for screen readers.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    ColorInput: ColorInput.extend({ defaultProps: { eyeDropperButtonProps: { 'aria-label': 'Pick a colour from the screen' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } }),
  },
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
});

/**
 * Text at 4.5:1 or better on its background (WCAG AA) in the light scheme: Mantine's dimmed
 * grey and the text of its light and outline variants (badges, alerts, light buttons) are
 * shade 6, about 3:1; darker shades here.
 */
const contrastColors = ['gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'teal', 'green', 'lime', 'orange'];
const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(
      contrastColors.flatMap((c) => [
        [`--mantine-color-${c}-light-color`, `var(--mantine-color-${c}-9)`],
        [`--mantine-color-${c}-outline`, `var(--mantine-color-${c}-8)`],
      ]),
    ),
    '--mantine-color-yellow-light-color': 'var(--mantine-color-dark-7)',
    '--mantine-color-orange-light-color': '#9c3a0c',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-yellow-outline': 'var(--mantine-color-yellow-9)',
  },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      // A refusal (4xx) will not change by asking again; a network hiccup might.
      retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariables}>
      <QueryClientProvider client={queryClient}>
        <ModalsProvider>
          <Notifications position="top-right" />
          <AuthProvider>
            <App />
          </AuthProvider>
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
