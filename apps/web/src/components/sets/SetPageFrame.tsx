/** The frame of the pages over several analyses: a way home, a title, the content. */
import type { ReactNode } from 'react';

export function SetPageFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="start-page set-page">
      <header className="start-header">
        <h1>
          <a href="/" className="home-link">
            Strata
          </a>{' '}
          · {title}
        </h1>
      </header>
      <main className="start-main">{children}</main>
    </div>
  );
}
