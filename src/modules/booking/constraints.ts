import { describeConstraints } from '../../db/errors';

/**
 * What the booking tables' constraints mean to a client. The database is the final
 * word on these rules; the services check most of them earlier for friendlier
 * messages, and these take over whenever a request gets past those checks
 * (concurrency, a path that does not check).
 */
describeConstraints({
  bookings_no_overlap: {
    code: 'BOOKING_SLOT_TAKEN',
    message: 'The resource already has a booking at this time',
    field: 'start',
  },
  check_booking_dates: { code: 'INVALID_TIME_RANGE', message: 'A booking must end after it starts', field: 'end' },
  bookings_timezone_check: { code: 'INVALID_TIMEZONE', message: 'The time zone is not a known IANA zone', field: 'timezone' },
  bookings_price_check: { code: 'VALIDATION_FAILED', message: 'The price must not be negative', field: 'price' },
  bookings_currency_check: { code: 'VALIDATION_FAILED', message: 'The currency must be an ISO 4217 code such as EUR', field: 'currency' },
  bookings_series_has_rule: { code: 'INVALID_RECURRENCE', message: 'A booking belongs to a series exactly when it has a recurrence rule', field: 'recurrence' },
  bookings_overridden_by_fkey: { code: 'REFERENCE_NOT_FOUND', message: 'The user who overrode the availability does not exist' },
  availabilities_timezone_check: { code: 'INVALID_TIMEZONE', message: 'The time zone is not a known IANA zone', field: 'timezone' },
  availabilities_window: { code: 'INVALID_TIME_RANGE', message: 'An availability window must end after it starts', field: 'end' },
  availabilities_weekly_no_overlap: {
    kind: 'validation',
    code: 'AVAILABILITY_WINDOWS_OVERLAP',
    message: 'Two weekly windows of one day overlap',
    field: 'windows',
  },
  availabilities_weekly_one_zone: {
    kind: 'validation',
    code: 'AVAILABILITY_TIMEZONE_MISMATCH',
    message: 'All weekly windows of a person are in one time zone',
    field: 'timezone',
  },
  availabilities_override_no_overlap: {
    kind: 'validation',
    code: 'AVAILABILITY_WINDOWS_OVERLAP',
    message: 'Two windows of the date override overlap',
    field: 'windows',
  },
  availabilities_override_one_kind: {
    kind: 'validation',
    code: 'AVAILABILITY_OVERRIDE_MIXED',
    message: 'A date override either has windows or blocks the day, in one time zone',
    field: 'windows',
  },
  availability_blocks_range: { code: 'INVALID_TIME_RANGE', message: 'A blocked range must end after it starts', field: 'end' },
  calendar_feeds_token_key: { code: 'CONCURRENT_UPDATE', message: 'Please retry: a calendar token collided' },
});
