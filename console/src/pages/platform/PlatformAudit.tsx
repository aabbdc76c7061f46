import { AuditView } from '../audit/AuditTrail';

export function PlatformAudit() {
  return <AuditView scope="platform" />;
}
