/** The bearer token, kept in localStorage so that a reload stays signed in. */
const TOKEN_KEY = 'casebridge.token';

type Listener = () => void;
const listeners = new Set<Listener>();
let expiredMessage = false;

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string): void {
  localStorage.setItem(TOKEN_KEY, token);
  expiredMessage = false;
  listeners.forEach((l) => l());
}

/** Ends the session; `expired` makes the sign-in page say why the client is back there. */
export function clearToken(expired = false): void {
  localStorage.removeItem(TOKEN_KEY);
  expiredMessage = expired;
  listeners.forEach((l) => l());
}

export function sessionExpired(): boolean {
  return expiredMessage;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
