import { parseSetPage } from '../lib/set-pages.js';
import { useApp } from '../store/app-store.js';
import { AnalysisPage } from './AnalysisPage.js';
import { ComparePage } from './sets/ComparePage.js';
import { SharedLayersPage } from './sets/SharedLayersPage.js';
import { StartPage } from './StartPage.js';
import './sets/sets.css';

// Pages over several analyses are addressed by the URL alone (deep links; they load afresh).
const setPage = parseSetPage(location.search);

export function App() {
  const route = useApp((s) => s.route);
  if (setPage?.kind === 'compare') return <ComparePage ids={setPage.ids} />;
  if (setPage?.kind === 'shared') return <SharedLayersPage ids={setPage.ids} />;
  return route === 'analysis' ? <AnalysisPage /> : <StartPage />;
}
