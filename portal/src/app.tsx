import { useEffect, useState } from 'react';
import { AskPanel } from './features/chat/ask-panel';
import { SignIn } from './features/auth/sign-in';
import { MatterPage } from './features/matters/matter-page';
import { MattersList } from './features/matters/matters-list';
import { NotificationsBell } from './features/notifications/bell';
import { LanguageSwitcher } from './features/settings/language-switcher';
import { useSavedLanguage } from './features/settings/saved-language';
import { SettingsPage } from './features/settings/settings-page';
import { StaffPage } from './features/staff/staff-page';
import { PortalViewer } from './graphql/operations.generated';
import { graphql } from './lib/graphql';
import { useI18n } from './lib/i18n';
import { navigate, usePath } from './lib/router';
import { clearToken, getToken, onSessionChange } from './lib/session';

function useToken(): string | null {
  const [token, setState] = useState(getToken);
  useEffect(() => onSessionChange(() => setState(getToken())), []);
  return token;
}

/** The signed-in login's role: staff and admins also get the firm dashboard. */
function useRole(token: string | null): string | null {
  const [role, setRole] = useState<string | null>(null);
  useEffect(() => {
    setRole(null);
    if (token) graphql(PortalViewer).then((d) => setRole(d.me.role)).catch(() => undefined);
  }, [token]);
  return role;
}

function Page({ path, role }: { path: string; role: string | null }) {
  const matter = /^\/matters\/([^/]+)\/?$/.exec(path);
  if (matter?.[1]) return <MatterPage id={decodeURIComponent(matter[1])} />;
  if (path === '/settings') return <SettingsPage />;
  if (path === '/staff' && role && role !== 'CLIENT') return <StaffPage role={role} />;
  return <MattersList />;
}

export function App() {
  const { t } = useI18n();
  const token = useToken();
  const path = usePath();
  const role = useRole(token);
  useSavedLanguage(role);
  return (
    <>
      <a className="skip" href="#main">{t.skipToContent}</a>
      <header className="top">
        <a href="/" className="brand" onClick={(e) => { e.preventDefault(); navigate('/'); }}>{t.appName}</a>
        <div className="tools">
          <LanguageSwitcher client={role === 'CLIENT'} />
          {role && role !== 'CLIENT' && <a href="/staff" onClick={(e) => { e.preventDefault(); navigate('/staff'); }}>{t.staff}</a>}
          {token && <a href="/settings" onClick={(e) => { e.preventDefault(); navigate('/settings'); }}>{t.settings}</a>}
          {token && <NotificationsBell key={token} />}
          {token && <button type="button" onClick={() => clearToken()}>{t.signOut}</button>}
        </div>
      </header>
      <main id="main">
        {token ? <><Page path={path} role={role} /><AskPanel /></> : <SignIn />}
      </main>
    </>
  );
}
