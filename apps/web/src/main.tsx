import { appDeps, appStore } from './store/app-store.js';
import { installUrlSync } from './url-sync.js';
import './styles.css';

// Opening the analysis in the URL sends the model's request to the worker first; the components
// (react-dom, the chart, most of the page's script) load and render meanwhile: on a million-file
// image the model is the long pole of the first tree row.
installUrlSync(appStore, appDeps);
if (appStore.getState().route === 'start') void appStore.getState().refreshRecent();
void import('./render-app.js').then(({ renderApp }) => renderApp());
