/** The booking module's public surface: services, schemas, presenters and the pure engine. */

export {
  type AvailabilityDeps,
  type AvailabilityService,
  type AvailabilityView,
  createAvailabilityService,
  MAX_SLOT_RANGE_DAYS,
  type SlotsResult,
} from './availability-service';
export { type CalendarDeps, type CalendarFeedService, createCalendarFeedService } from './calendar-service';
export { readListingBooking } from './listing-booking';
export { type ListingBookingJson, listingBookingSchema } from './listing-schemas';
export { BOOKING_ACTIONS, BOOKING_STATUSES, type BookingAction, type BookingStatus, bookingTransitions } from './policy';
export { presentAvailability, presentBooking, presentSlots } from './presenters';
export { DEFAULT_REMINDER_MINUTES, remindDueBookings } from './reminders';
export type { BookingRow } from './repository';
export { bookingRoutesModule } from './routes';
export * as bookingSchemas from './schemas';
export { type BookingDeps, type BookingService, createBookingService, MAX_BOOKING_DAYS } from './service';
export { type AvailabilityRules, availableTime, findSlots, type SlotQuery } from './slots';
