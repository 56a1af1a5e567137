import { useState } from 'react';
import { useSessionActions } from '../useSessionActions';

interface Props {
  session: { id: string; name: string; note: string | null };
}

/** A free-text note on the session, saved with `updateSessionNote`. */
export function NoteEditor({ session }: Props) {
  const actions = useSessionActions();
  const saved = session.note ?? '';
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const text = draft ?? saved;
  const dirty = draft !== null && draft !== saved;
  const save = async () => {
    setSaving(true);
    try {
      const done = await actions.note(session, text);
      if (done) setDraft(null);
    } finally {
      setSaving(false);
    }
  };
  return (
    <section className="detail-section">
      <h3>Note</h3>
      <textarea
        className="note-editor"
        aria-label="Session note"
        rows={4}
        maxLength={10_000}
        value={text}
        placeholder="What this run is for, what changed…"
        onChange={(e) => setDraft(e.target.value)}
        data-testid="session-note"
      />
      <div className="toolbar">
        <button
          type="button"
          className="btn"
          disabled={!dirty || saving}
          onClick={() => void save()}
          data-testid="save-note"
        >
          {saving ? 'Saving…' : 'Save note'}
        </button>
        {dirty && (
          <button type="button" className="btn" onClick={() => setDraft(null)}>
            Discard
          </button>
        )}
      </div>
    </section>
  );
}
