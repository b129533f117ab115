export function ProgressBar({ value, label }: { value: number | undefined; label: string }) {
  return (
    <div
      className={`progress${value === undefined ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
    >
      <div className="progress-fill" style={{ width: value === undefined ? '30%' : `${value}%` }} />
    </div>
  );
}
