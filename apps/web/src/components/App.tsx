import { useApp } from '../store/app-store.js';
import { AnalysisPage } from './AnalysisPage.js';
import { StartPage } from './StartPage.js';

export function App() {
  const route = useApp((s) => s.route);
  return route === 'analysis' ? <AnalysisPage /> : <StartPage />;
}
