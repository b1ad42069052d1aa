import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import type { Me } from '../../shared/api-types';
import { apiClient, type Connection } from '../api/client';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

interface Props {
  connection: Connection | null;
  me: Me | null;
  /** Why the stored connection failed at start (server unreachable, token refused), with what to do. */
  startError?: string | null;
  onConnected: (c: Connection, me: Me) => void;
  onDisconnect: () => void;
}

/** Server address and access token, tested with GET /v1/me before they are kept. */
export function ConnectionPanel({ connection, me, startError, onConnected, onDisconnect }: Props) {
  const styles = useStyles();
  const [baseUrl, setBaseUrl] = useState(connection?.baseUrl || window.location.origin);
  const [token, setToken] = useState(connection?.token ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (startError) setError(startError);
  }, [startError]);

  async function connect(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const c = { baseUrl: baseUrl.trim(), token: token.trim() };
    try {
      onConnected(c, await apiClient(c).me());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (me && connection) {
    return (
      <div className={styles.row} role="status">
        <Text>
          Connected to <strong>{me.workspace}</strong> as {me.role} ({me.tokenName})
        </Text>
        <Button size="small" onClick={onDisconnect}>Disconnect</Button>
      </div>
    );
  }
  return (
    <form className={styles.form} onSubmit={connect}>
      <Field label="Server">
        <Input value={baseUrl} onChange={(_, d) => setBaseUrl(d.value)} type="url" />
      </Field>
      <Field label="Access token" validationMessage={error ?? undefined} validationState={error ? 'error' : 'none'}>
        <Input value={token} onChange={(_, d) => setToken(d.value)} type="password" autoComplete="off" />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={busy || token.trim() === ''}>Connect</Button>
      </div>
    </form>
  );
}
