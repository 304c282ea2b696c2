import { useEffect, useState } from 'react';
import { AskPanel } from './features/chat/ask-panel';
import { SignIn } from './features/auth/sign-in';
import { MatterPage } from './features/matters/matter-page';
import { MattersList } from './features/matters/matters-list';
import { NotificationsBell } from './features/notifications/bell';
import { LanguageSwitcher } from './features/settings/language-switcher';
import { SettingsPage } from './features/settings/settings-page';
import { useI18n } from './lib/i18n';
import { navigate, usePath } from './lib/router';
import { clearToken, getToken, onSessionChange } from './lib/session';

function useToken(): string | null {
  const [token, setState] = useState(getToken);
  useEffect(() => onSessionChange(() => setState(getToken())), []);
  return token;
}

function Page({ path }: { path: string }) {
  const matter = /^\/matters\/([^/]+)\/?$/.exec(path);
  if (matter?.[1]) return <MatterPage id={decodeURIComponent(matter[1])} />;
  if (path === '/settings') return <SettingsPage />;
  return <MattersList />;
}

export function App() {
  const { t } = useI18n();
  const token = useToken();
  const path = usePath();
  return (
    <>
      <a className="skip" href="#main">{t.skipToContent}</a>
      <header className="top">
        <a href="/" className="brand" onClick={(e) => { e.preventDefault(); navigate('/'); }}>{t.appName}</a>
        <div className="tools">
          <LanguageSwitcher />
          {token && <a href="/settings" onClick={(e) => { e.preventDefault(); navigate('/settings'); }}>{t.settings}</a>}
          {token && <NotificationsBell key={token} />}
          {token && <button type="button" onClick={() => clearToken()}>{t.signOut}</button>}
        </div>
      </header>
      <main id="main">
        {token ? <><Page path={path} /><AskPanel /></> : <SignIn />}
      </main>
    </>
  );
}
