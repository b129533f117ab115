import { useApp } from '../store/app-store.js';
import { DropZone } from './DropZone.js';
import { ErrorBox } from './ErrorBox.js';
import { JobProgress } from './JobProgress.js';
import { RecentList } from './RecentList.js';
import { ReferenceForm } from './ReferenceForm.js';
import { ImagePickerSlot, SetPagesNav, UploadPlatform } from './sets/StartPageParts.js';

export function StartPage() {
  const error = useApp((s) => s.startError);
  const busy = useApp((s) => s.job !== undefined);
  const dismiss = useApp((s) => s.dismissError);
  return (
    <div className="start-page">
      <header className="start-header">
        <h1>Strata</h1>
        <p>
          Explore a container image layer by layer: what each instruction added, changed or removed, and what
          it wastes.
        </p>
      </header>
      <main className="start-main">
        <section className="start-sources">
          <DropZone disabled={busy} />
          <UploadPlatform disabled={busy} />
          <div className="or">or pull from a registry</div>
          <ReferenceForm disabled={busy} />
        </section>
        {error && <ErrorBox error={error} onDismiss={dismiss} />}
        <ImagePickerSlot />
        <JobProgress />
        <RecentList />
        <SetPagesNav />
      </main>
    </div>
  );
}
