import { describeConstraints } from '../../db/errors';

/**
 * What the database's refusals on marketplace tables mean to a client. The constraints
 * are the final word (e.g. two simultaneous applications by one person: the unique key
 * lets exactly one in); this gives each refusal its code and sentence.
 */
describeConstraints({
  applications_once_per_listing: {
    kind: 'conflict',
    code: 'ALREADY_APPLIED',
    message: 'You have already applied to this listing',
  },
  check_listing_dates: {
    kind: 'validation',
    code: 'VALIDATION_FAILED',
    message: 'The end date must be after the start date',
    field: 'endDate',
  },
  applications_attachments_limit: {
    kind: 'validation',
    code: 'VALIDATION_FAILED',
    message: 'An application may have at most 20 attachments',
    field: 'attachments',
  },
  messages_attachments_limit: {
    kind: 'validation',
    code: 'VALIDATION_FAILED',
    message: 'A message may have at most 10 attachments',
    field: 'attachments',
  },
  listings_tenant_id_account_id_fkey: {
    kind: 'not_found',
    code: 'ACCOUNT_NOT_FOUND',
    message: 'Account was not found',
  },
});
