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

/** Common platforms of multi-platform archives; the server says which ones an archive has. */
const UPLOAD_PLATFORMS = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/arm/v6',
  'linux/386',
  'linux/ppc64le',
  'linux/s390x',
  'linux/riscv64',
];

/** Which platform an upload of a multi-platform archive takes (the server's default: linux/amd64, else the only one). */
export function UploadPlatform({ disabled }: { disabled: boolean }) {
  const platform = useApp((s) => s.uploadPlatform);
  const setPlatform = useApp((s) => s.setUploadPlatform);
  return (
    <label className="upload-platform">
      <span className="muted small">Platform of a multi-platform archive </span>
      <select
        aria-label="os/arch of an uploaded archive"
        value={platform}
        disabled={disabled}
        onChange={(e) => setPlatform(e.target.value)}
      >
        <option value="">default</option>
        {UPLOAD_PLATFORMS.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
    </label>
  );
}
