/**
 * What notices need from the installation's configuration, set once by the composition
 * root (`buildApp`, the CLI): the public URL e-mail links start with when the tenant has
 * none of its own (`tenants.settings.mail.publicUrl`).
 */
const settings = { publicUrl: 'http://localhost:3000' };

export function configureNotifications(options: { publicUrl: string }): void {
  settings.publicUrl = options.publicUrl.replace(/\/+$/, '');
}

export const defaultPublicUrl = (): string => settings.publicUrl;
