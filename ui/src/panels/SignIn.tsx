import { useState } from 'react';
import { useQuery } from 'urql';
import { ViewerQuery } from '../api/documents';

interface Props {
  signedIn: boolean;
  onSignIn(token: string): void;
  onSignOut(): void;
}

/** Sign in with a token (npm run token), or go on as the anonymous role; the role is always shown. */
export function SignIn({ signedIn, onSignIn, onSignOut }: Props) {
  const [{ data, error }] = useQuery({ query: ViewerQuery });
  const [token, setToken] = useState('');
  const viewer = data?.viewer;
  return (
    <div className="signin">
      <span className="role" data-testid="role" title={viewer ? describe(viewer) : undefined}>
        {error ? `Not signed in: ${error.message.replace(/^\[\w+\] /, '')}` : viewer ? `${viewer.subject ?? 'anonymous'} · ${viewer.role}` : '…'}
      </span>
      {signedIn ? (
        <button type="button" onClick={onSignOut}>Sign out</button>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (token.trim()) onSignIn(token.trim());
          }}
        >
          <label>
            <span className="visually-hidden">Token</span>
            <input type="password" placeholder="Token (npm run token)" value={token} onChange={(e) => setToken(e.target.value)} data-testid="token" autoComplete="off" />
          </label>
          <button type="submit">Sign in</button>
        </form>
      )}
    </div>
  );
}

function describe(viewer: { seesVictims: boolean; readsProtected: boolean; mayWrite: boolean }): string {
  return [
    viewer.seesVictims ? 'sees victims (pseudonymous)' : 'victims hidden',
    viewer.readsProtected ? 'reads protected fields' : 'no protected fields',
    viewer.mayWrite ? 'may write' : 'read-only',
  ].join(' · ');
}
