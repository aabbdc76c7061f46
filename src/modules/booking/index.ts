/** The booking module's public surface: services, schemas, presenters and the pure engine. */
export { createBookingService, MAX_BOOKING_DAYS, type BookingDeps, type BookingService } from './service';
export {
  createAvailabilityService,
  MAX_SLOT_RANGE_DAYS,
  type AvailabilityDeps,
  type AvailabilityService,
  type AvailabilityView,
  type SlotsResult,
} from './availability-service';
export { createCalendarFeedService, type CalendarDeps, type CalendarFeedService } from './calendar-service';
export * as bookingSchemas from './schemas';
export { presentAvailability, presentBooking, presentSlots } from './presenters';
export { bookingTransitions, BOOKING_ACTIONS, BOOKING_STATUSES, type BookingAction, type BookingStatus } from './policy';
export { findSlots, availableTime, type AvailabilityRules, type SlotQuery } from './slots';
export type { BookingRow } from './repository';
