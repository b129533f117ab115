import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { appDeps, appStore } from './store/app-store.js';
import { installUrlSync } from './url-sync.js';
import './styles.css';

installUrlSync(appStore, appDeps);
if (appStore.getState().route === 'start') void appStore.getState().refreshRecent();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
