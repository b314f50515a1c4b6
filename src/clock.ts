/** Time is injected so that expiry, grace periods and schedules can be tested. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
