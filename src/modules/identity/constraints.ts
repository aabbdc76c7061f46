import { describeConstraints } from '../../db/errors';

describeConstraints({
  users_tenant_email_key: { code: 'EMAIL_TAKEN', message: 'A user with this e-mail address already exists', field: 'email' },
  users_tenant_username_key: { code: 'USERNAME_TAKEN', message: 'This username is taken', field: 'username' },
  users_email_check: { code: 'VALIDATION_FAILED', message: 'The e-mail address is not valid', field: 'email' },
  users_username_check: {
    code: 'VALIDATION_FAILED',
    message: 'A username has 3–40 letters, digits, dots, dashes or underscores and starts and ends with a letter or digit',
    field: 'username',
  },
  user_profiles_display_name_check: { code: 'VALIDATION_FAILED', message: 'The display name must be 1–100 characters', field: 'displayName' },
});
