/**
 * Use cases are plain named functions, `(deps, ctx, ...input) => Promise<result>`, one
 * job each, found by name (docs/development.md, "A use case"). Routes and tests often
 * want them as one object over the same deps: `bindUseCases(deps, { create: createListing })`
 * gives `{ create: (ctx, input) => createListing(deps, ctx, input) }`.
 */
// biome-ignore lint/suspicious/noExplicitAny: any use case signature, narrowed by the mapped type below
type UseCase<D> = (deps: D, ...args: any[]) => unknown;

type Rest<F> = F extends (deps: never, ...args: infer A) => unknown ? A : never;

export type BoundUseCases<D, T extends Record<string, UseCase<D>>> = {
  [K in keyof T]: (...args: Rest<T[K]>) => ReturnType<T[K]>;
};

export function bindUseCases<D, T extends Record<string, UseCase<D>>>(deps: D, useCases: T): BoundUseCases<D, T> {
  const bound = Object.entries(useCases).map(([name, useCase]) => [name, (...args: unknown[]) => useCase(deps, ...args)]);
  return Object.fromEntries(bound) as unknown as BoundUseCases<D, T>;
}
