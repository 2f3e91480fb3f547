// Hash routing: `#/`, `#/new`, `#/household/<id>`, `#/household/<id>/edit`, `#/agenda`,
// `#/tasks` (Mijn taken), `#/overview` (Overzicht), `#/stock` (Voorraad), `#/report` (Rapportage), `#/erase` (Te wissen), `#/profile`, `#/sync`, `#/volunteers` (coordinator), `#/conflicts`, `#/visit/<id>` (the checklist),
// `#/visit/<id>/summary`, `#/household/<id>/inzage` (the household's own copy, AVG art. 15). The browser's back button works because every screen has its own hash.
import { readable } from 'svelte/store';

export type Route =
  | { name: 'households' }
  | { name: 'new' }
  | { name: 'household'; id: string }
  | { name: 'edit'; id: string }
  | { name: 'inzage'; id: string }
  | { name: 'agenda' }
  | { name: 'tasks' }
  | { name: 'overview' }
  | { name: 'stock' }
  | { name: 'report' }
  | { name: 'erase' }
  | { name: 'profile' }
  | { name: 'sync' }
  | { name: 'volunteers' }
  | { name: 'conflicts' }
  | { name: 'visit'; id: string }
  | { name: 'summary'; id: string };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'new') return { name: 'new' };
  if (parts[0] === 'agenda') return { name: 'agenda' };
  if (parts[0] === 'tasks') return { name: 'tasks' };
  if (parts[0] === 'overview') return { name: 'overview' };
  if (parts[0] === 'stock') return { name: 'stock' };
  if (parts[0] === 'report') return { name: 'report' };
  if (parts[0] === 'erase') return { name: 'erase' };
  if (parts[0] === 'profile') return { name: 'profile' };
  if (parts[0] === 'sync') return { name: 'sync' };
  if (parts[0] === 'volunteers') return { name: 'volunteers' };
  if (parts[0] === 'conflicts') return { name: 'conflicts' };
  if (parts[0] === 'visit' && parts[1]) {
    return parts[2] === 'summary' ? { name: 'summary', id: parts[1] } : { name: 'visit', id: parts[1] };
  }
  if (parts[0] === 'household' && parts[1]) {
    if (parts[2] === 'edit') return { name: 'edit', id: parts[1] };
    if (parts[2] === 'inzage') return { name: 'inzage', id: parts[1] };
    return { name: 'household', id: parts[1] };
  }
  return { name: 'households' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'households':
      return '#/';
    case 'new':
      return '#/new';
    case 'agenda':
      return '#/agenda';
    case 'tasks':
      return '#/tasks';
    case 'overview':
      return '#/overview';
    case 'stock':
      return '#/stock';
    case 'report':
      return '#/report';
    case 'erase':
      return '#/erase';
    case 'profile':
      return '#/profile';
    case 'sync':
      return '#/sync';
    case 'volunteers':
      return '#/volunteers';
    case 'conflicts':
      return '#/conflicts';
    case 'household':
      return `#/household/${encodeURIComponent(route.id)}`;
    case 'edit':
      return `#/household/${encodeURIComponent(route.id)}/edit`;
    case 'inzage':
      return `#/household/${encodeURIComponent(route.id)}/inzage`;
    case 'visit':
      return `#/visit/${encodeURIComponent(route.id)}`;
    case 'summary':
      return `#/visit/${encodeURIComponent(route.id)}/summary`;
  }
}

export function go(route: Route): void {
  location.hash = href(route);
}

export const route = readable<Route>(parseHash(globalThis.location?.hash ?? ''), (set) => {
  const update = () => set(parseHash(location.hash));
  window.addEventListener('hashchange', update);
  return () => window.removeEventListener('hashchange', update);
});
