import { useRef, useState, type DragEvent } from 'react';
import { useApp } from '../store/app-store.js';

/** Drop an archive on the page, or pick one; either starts the upload at once. */
export function DropZone({ disabled }: { disabled: boolean }) {
  const uploadFile = useApp((s) => s.uploadFile);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !disabled) void uploadFile(file);
  };

  return (
    <div
      className={`drop-zone${over ? ' over' : ''}${disabled ? ' disabled' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      onClick={() => !disabled && input.current?.click()}
      role="button"
      tabIndex={0}
      aria-label="Upload an image archive"
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && input.current?.click()}
    >
      <div className="drop-title">Drop an image archive here</div>
      <div className="drop-sub">
        or <span className="link-like">choose a file</span> — <code>docker save</code>,{' '}
        <code>podman save</code>, OCI archives, gzipped or not
      </div>
      <input
        ref={input}
        type="file"
        data-testid="file-input"
        hidden
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void uploadFile(file);
        }}
      />
    </div>
  );
}
