import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { SearchQuery } from '../api/documents';
import { KIND_STYLE } from '../theme';

/** Wait this long after the last keystroke before asking the API. */
const SEARCH_DEBOUNCE_MS = 200;
const SUGGESTIONS = 8;

/** Typo-tolerant search as you type (names, aliases, identifier fragments); pick one to draw it. */
export function SearchBox({ onPick }: { onPick(id: string): void }) {
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  const [active, setActive] = useState(0);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  const [{ data, error, fetching }] = useQuery({ query: SearchQuery, variables: { text: debounced, first: SUGGESTIONS }, pause: debounced.length < 2 });
  const hits = debounced.length >= 2 ? (data?.search ?? []) : [];
  const pick = (id: string) => {
    onPick(id);
    setText('');
    setDebounced('');
  };
  return (
    <div className="search" role="combobox" aria-expanded={hits.length > 0} aria-haspopup="listbox" aria-owns="search-suggestions">
      <input
        type="search"
        placeholder="Search names, aliases, wallets, IBANs…"
        aria-label="Search the graph"
        aria-autocomplete="list"
        aria-controls="search-suggestions"
        data-testid="search"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, hits.length - 1));
          else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
          else if (event.key === 'Enter' && hits[active]) pick(hits[active].entity.id);
          else if (event.key === 'Escape') setText('');
          else return;
          event.preventDefault();
        }}
      />
      {error && <div className="error" role="alert">{error.message.replace(/^\[\w+\] /, '')}</div>}
      {hits.length > 0 && (
        <ul id="search-suggestions" role="listbox" className="suggestions" data-testid="suggestions">
          {hits.map((hit, index) => (
            <li
              key={hit.entity.id}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(hit.entity.id);
              }}
            >
              <span className="badge" style={{ background: KIND_STYLE[hit.entity.kind].colour }}>{KIND_STYLE[hit.entity.kind].badge}</span>
              <span className="name">{hit.entity.name}</span>
              <span className="match">{hit.match === 'TEXT' ? '' : hit.match.toLowerCase().replaceAll('_', ' ')}</span>
            </li>
          ))}
        </ul>
      )}
      {!fetching && debounced.length >= 2 && data && hits.length === 0 && <div className="hint">Nothing found for “{debounced}”.</div>}
    </div>
  );
}
