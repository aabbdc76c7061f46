import { beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { withTenant } from '../../src/db/tenant-context';
import { notify } from '../../src/modules/notifications';
import { createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

describeHttp('tenant mail templates', (t) => {
  let tenant: TestTenant;
  const url = '/api/v1/tenant/mail-templates/application.submitted';
  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'templates');
  });

  it('shows a template’s default, its variables and no overrides; an unknown template is not found', async () => {
    const shown = await tenant.adminClient.get(url);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ template: 'application.submitted', overrides: [], defaults: { subject: 'New application to {{ listing }}' } });
    expect(Object.keys(shown.body.variables)).toEqual(expect.arrayContaining(['listing', 'applicant', 'tenant', 'url']));
    expect((await tenant.adminClient.get('/api/v1/tenant/mail-templates/nope.nothing')).status).toBe(404);
  });

  it('refuses unknown variables (named), file tags and bad syntax; writes nothing', async () => {
    const unknown = await tenant.adminClient.put(url, { subject: 'Pay {{ salary }} to {{ listing }}' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('INVALID_TEMPLATE');
    expect(unknown.body.detail).toContain('"salary"');
    expect(unknown.body.unknownVariables).toEqual(['salary']);
    expect(unknown.body.errors).toEqual([{ path: 'subject', message: 'unknown variable "salary"' }]);
    expect((await tenant.adminClient.put(url, { text: "{% include 'package.json' %}" })).status).toBe(422);
    expect((await tenant.adminClient.put(url, { text: '{% if listing %}unclosed' })).status).toBe(422);
    expect((await tenant.adminClient.get(url)).body.overrides).toEqual([]);
  });

  it('an override is what the notice sends, variables escaped in HTML; a preview renders a draft; all null restores the default', async () => {
    const saved = await tenant.adminClient.put(url, {
      language: 'en',
      subject: 'Neu bei {{ tenant }}: {{ listing | upcase }}',
      html: '<p>{{ applicant }} möchte mitmachen</p>',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.overrides).toEqual([expect.objectContaining({ language: 'en', subject: 'Neu bei {{ tenant }}: {{ listing | upcase }}', text: null })]);
    const ann = await signUp(tenant, 'ann');
    await withTenant(t.db, systemContext(tenant.id, 'test'), (tx) =>
      notify(tx, { kind: 'application.submitted', recipients: { users: [ann.id] }, variables: { listing: 'Runway', applicant: '<script>x</script>' } }),
    );
    const [mail] = await t.db.query<{ subject: string; body_text: string; body_html: string }>(
      `select subject, body_text, body_html from mail_outbox where to_email = $1 and template = 'application.submitted'`,
      [ann.email],
    );
    expect(mail!.subject).toBe(`Neu bei Tenant ${tenant.identifier}: RUNWAY`);
    expect(mail!.body_html).toContain('<p>&lt;script&gt;x&lt;/script&gt; möchte mitmachen</p>');
    expect(mail!.body_text).toContain('applied to “Runway”'); // the text keeps its default

    const preview = await tenant.adminClient.post(`${url}/preview`, { text: 'Hello {{ applicant }}', variables: { applicant: 'Bob' } });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ subject: `Neu bei Tenant ${tenant.identifier}: [LISTING]`, text: 'Hello Bob' });
    expect(preview.body.html).toContain('möchte mitmachen');

    expect((await tenant.adminClient.put(url, { subject: null, html: null })).body.overrides).toEqual([]);
  });

  it('each person reads a notice in their profile’s language when the tenant has the template in it, else in the tenant’s; one notice, all at once', async () => {
    const kind = '/api/v1/tenant/mail-templates/security.password_changed';
    expect((await tenant.adminClient.put(kind, { language: 'de', subject: 'Passwort geändert ({{ tenant }})' })).status).toBe(200);
    expect((await tenant.adminClient.put(kind, { language: 'fr', subject: 'Mot de passe modifié', text: 'Changé à {{ time }}.' })).status).toBe(200);
    expect((await tenant.adminClient.put(kind, { language: 'en', subject: 'Password changed on {{ tenant }}' })).status).toBe(200);
    const [de, deAt, fr, es, none] = await Promise.all(['de', 'deat', 'fr', 'es', 'none'].map((l) => signUp(tenant, `lang-${l}`)));
    const languages: [Awaited<ReturnType<typeof signUp>>, string | null][] = [
      [de!, 'de'],
      [deAt!, 'de-AT'],
      [fr!, 'fr'],
      [es!, 'es'],
      [none!, null],
    ];
    for (const [user, language] of languages) {
      const set = await user.client.patch('/api/v1/user/profile', { language });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      expect(set.body.language).toBe(language);
    }
    expect((await de!.client.patch('/api/v1/user/profile', { language: 'German' })).body.code).toBe('VALIDATION_FAILED');

    const written = await withTenant(t.db, systemContext(tenant.id, 'test'), (tx) =>
      notify(tx, { kind: 'security.password_changed', recipients: { users: languages.map(([u]) => u.id) }, variables: { time: '10:00 UTC' } }),
    );
    expect(written).toEqual({ inApp: 5, emails: 5 });
    const mails = await t.db.query<{ to_email: string; subject: string; body_text: string }>(
      `select to_email, subject, body_text from mail_outbox where template = 'security.password_changed' and to_email = any($1::text[])`,
      [languages.map(([u]) => u.email)],
    );
    const subjectOf = (user: { email: string }) => mails.find((m) => m.to_email === user.email)?.subject;
    expect(subjectOf(de!)).toBe(`Passwort geändert (Tenant ${tenant.identifier})`);
    expect(subjectOf(deAt!)).toBe(`Passwort geändert (Tenant ${tenant.identifier})`); // de-AT falls back to de
    expect(subjectOf(fr!)).toBe('Mot de passe modifié');
    expect(mails.find((m) => m.to_email === fr!.email)!.body_text).toBe('Changé à 10:00 UTC.');
    expect(subjectOf(es!)).toBe(`Password changed on Tenant ${tenant.identifier}`); // no Spanish: the tenant's language
    expect(subjectOf(none!)).toBe(`Password changed on Tenant ${tenant.identifier}`);
    for (const language of ['de', 'fr', 'en']) await tenant.adminClient.put(kind, { language, subject: null, text: null });
  });

  it('is for tenant administrators', async () => {
    const user = await signUp(tenant, 'plain');
    expect((await user.client.get(url)).status).toBe(403);
    expect((await user.client.put(url, { subject: 'x' })).status).toBe(403);
  });
});
