// Small pieces every page uses: a loader with its error, an error line, a labelled field.
import { useCallback, useEffect, useState, type ReactNode } from 'react';

import { ApiError } from './api';

export function ErrorLine({ error }: { error: unknown }) {
  if (!error) return null;
  const text = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <p className="error" role="alert" data-error-code={code}>
      {text}
    </p>
  );
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Runs load() now and whenever deps change; reload() runs it again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    run().then((data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }));
    return () => {
      live = false;
    };
  }, [run, round]);
  return { data: state.data, error: state.error, loading: state.loading, reload: () => setRound((n) => n + 1) };
}

export function Show<T>({ loaded, children, empty }: { loaded: Loaded<T>; children: (data: T) => ReactNode; empty?: ReactNode }) {
  if (loaded.error) return <ErrorLine error={loaded.error} />;
  if (loaded.data === undefined) return <p aria-busy="true">Loading…</p>;
  if (empty && Array.isArray(loaded.data) && loaded.data.length === 0) return <>{empty}</>;
  return <>{children(loaded.data)}</>;
}

export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {hint && <small>{hint}</small>}
    </label>
  );
}

/** A form's submit: busy while it runs, its error kept for the form to show. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Resolves to { value } when the action succeeded and to undefined when it failed (the error is
  // then in `error`), so `(await run()) !== undefined` means success even for an action of no value.
  const run = async (...args: A): Promise<{ value: R } | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return { value: await action(...args) };
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
}
