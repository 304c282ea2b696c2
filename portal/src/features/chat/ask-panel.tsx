import { useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n';
import { getToken } from '../../lib/session';

interface Turn { who: 'you' | 'assistant'; text: string }

/** The chatbot (POST /chat with the session's token), on every signed-in page. */
export function AskPanel() {
  const { t, language } = useI18n();
  const [message, setMessage] = useState('');
  const [turns, setTurns] = useState<Turn[]>([]);
  const [busy, setBusy] = useState(false);
  const conversationId = useRef<string | undefined>(undefined);

  async function ask(event: FormEvent) {
    event.preventDefault();
    const text = message.trim();
    if (!text) return;
    setBusy(true);
    setTurns((all) => [...all, { who: 'you', text }]);
    setMessage('');
    try {
      const response = await fetch('/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${getToken() ?? ''}` },
        body: JSON.stringify({ message: text, language, ...(conversationId.current ? { conversationId: conversationId.current } : {}) }),
      });
      const body = (await response.json()) as { text?: string; conversationId?: string; error?: string };
      if (body.conversationId) conversationId.current = body.conversationId;
      setTurns((all) => [...all, { who: 'assistant', text: body.text ?? body.error ?? t.chatFailed }]);
    } catch {
      setTurns((all) => [...all, { who: 'assistant', text: t.chatFailed }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <aside className="card ask" aria-labelledby="ask-title">
      <h2 id="ask-title">{t.askTitle}</h2>
      <ol className="list" aria-live="polite" aria-label={t.assistant}>
        {turns.map((turn, i) => <li key={i}><strong>{turn.who === 'you' ? t.you : t.assistant}:</strong> {turn.text}</li>)}
      </ol>
      <form onSubmit={ask}>
        <label htmlFor="ask">{t.askQuestion}</label>
        <textarea id="ask" rows={2} value={message} onChange={(e) => setMessage(e.target.value)} />
        <button type="submit" disabled={busy}>{t.send}</button>
      </form>
    </aside>
  );
}
