import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { useAuth } from './auth/AuthProvider';
import { Loading } from './components/ui';
import { Layout } from './Layout';
import { AccountDetail } from './pages/accounts/AccountDetail';
import { Accounts } from './pages/accounts/Accounts';
import { AuditTrail } from './pages/audit/AuditTrail';
import { RecordHistory } from './pages/audit/RecordHistory';
import { Bookings } from './pages/Bookings';
import { ContentReview } from './pages/content/ContentReview';
import { Dashboard } from './pages/Dashboard';
import { EmailLink, isEmailLinkPage } from './pages/EmailLink';
import { ApiKeys } from './pages/integrations/ApiKeys';
import { MailLog } from './pages/integrations/MailLog';
import { WebhookDetail } from './pages/integrations/WebhookDetail';
import { Webhooks } from './pages/integrations/Webhooks';
import { MySecurity } from './pages/MySecurity';
import { Applications } from './pages/marketplace/Applications';
import { Listings } from './pages/marketplace/Listings';
import { Reviews } from './pages/marketplace/Reviews';
import { NotFound } from './pages/NotFound';
import { Jobs } from './pages/platform/Jobs';
import { PlatformAudit } from './pages/platform/PlatformAudit';
import { TenantDetail } from './pages/platform/TenantDetail';
import { Tenants } from './pages/platform/Tenants';
import { Roles } from './pages/roles/Roles';
import { Settings } from './pages/Settings';
import { SignIn } from './pages/SignIn';
import { UserDetail } from './pages/users/UserDetail';
import { Users } from './pages/users/Users';

export function App() {
  const { user } = useAuth();
  // The links in e-mails open these pages whether or not somebody is signed in here.
  if (isEmailLinkPage(window.location.pathname)) return <EmailLink />;
  return (
    <BrowserRouter basename="/console">
      {user === undefined ? (
        <Loading label="Resuming your session…" />
      ) : user === null ? (
        <SignIn />
      ) : (
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<Dashboard />} />
            <Route path="users" element={<Users />} />
            <Route path="users/:userId" element={<UserDetail />} />
            <Route path="roles" element={<Roles />} />
            <Route path="accounts" element={<Accounts />} />
            <Route path="accounts/:accountId" element={<AccountDetail />} />
            <Route path="content" element={<ContentReview />} />
            <Route path="listings" element={<Listings />} />
            <Route path="applications" element={<Applications />} />
            <Route path="bookings" element={<Bookings />} />
            <Route path="reviews" element={<Reviews />} />
            <Route path="webhooks" element={<Webhooks />} />
            <Route path="webhooks/:webhookId" element={<WebhookDetail />} />
            <Route path="api-keys" element={<ApiKeys />} />
            <Route path="mail" element={<MailLog />} />
            <Route path="audit" element={<AuditTrail />} />
            <Route path="audit/:resource/:resourceId" element={<RecordHistory />} />
            <Route path="settings" element={<Settings />} />
            <Route path="me" element={<MySecurity />} />
            <Route path="platform/tenants" element={<Tenants />} />
            <Route path="platform/tenants/:tenantId" element={<TenantDetail />} />
            <Route path="platform/jobs" element={<Jobs />} />
            <Route path="platform/audit" element={<PlatformAudit />} />
            <Route path="sign-in" element={<Navigate to="/" replace />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      )}
    </BrowserRouter>
  );
}
