export type AvailabilityListener = (available: boolean, error?: unknown) => void;

/**
 * Whether the database is reachable, as the last connection attempt or failure says.
 * Changes are announced once per transition, so a caller logs one line when an outage
 * starts and one when it ends instead of one per failed request.
 */
export class Availability {
  #available = true;
  #listeners = new Set<AvailabilityListener>();

  get available(): boolean {
    return this.#available;
  }

  /** Something could not reach the database. */
  reportFailure(error: unknown): void {
    if (!this.#available) return;
    this.#available = false;
    for (const listener of this.#listeners) listener(false, error);
  }

  /** A connection was made or a statement answered. */
  reportSuccess(): void {
    if (this.#available) return;
    this.#available = true;
    for (const listener of this.#listeners) listener(true);
  }

  /** Subscribes to transitions; returns the unsubscribe function. */
  onChange(listener: AvailabilityListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
