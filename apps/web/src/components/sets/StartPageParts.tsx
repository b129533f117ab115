/** What the start page shows for several images: the picker after an upload, links to the set pages. */
import { useApp } from '../../store/app-store.js';
import { ImagePicker } from './ImagePicker.js';

export function ImagePickerSlot() {
  const choice = useApp((s) => s.severalImages);
  const dismiss = useApp((s) => s.dismissImages);
  return choice ? <ImagePicker choice={choice} onDone={dismiss} /> : null;
}

export function SetPagesNav() {
  return (
    <nav className="set-pages-nav" aria-label="Several images">
      <a href="/?compare">Compare two images</a>
      <a href="/?shared">Shared layers of several images</a>
    </nav>
  );
}
