import { useEffect, useState } from 'react';

/** A small history-API router: the gateway answers every client route with index.html. */
const listeners = new Set<() => void>();

export function navigate(path: string): void {
  history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => { listeners.delete(update); window.removeEventListener('popstate', update); };
  }, []);
  return path;
}
