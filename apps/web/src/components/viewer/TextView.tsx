import type { HLJSApi } from 'highlight.js';
import { useEffect, useState } from 'react';

/** Beyond this, highlighting costs more than it helps: plain text. */
const HIGHLIGHT_MAX = 300_000;
const AUTO_DETECT_MAX = 50_000;

type Hljs = HLJSApi;
let loading: Promise<Hljs> | undefined;

/** highlight.js and its theme, fetched the first time a text file is opened. */
function loadHighlighter(): Promise<Hljs> {
  loading ??= Promise.all([
    import('highlight.js/lib/common'),
    import('highlight.js/styles/github-dark.css'),
  ]).then(([m]) => m.default);
  return loading;
}

const BY_NAME: Record<string, string> = {
  Dockerfile: 'dockerfile',
  Makefile: 'makefile',
  '.bashrc': 'bash',
  '.profile': 'bash',
};

function languageFor(path: string, hljs: Hljs): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const byName = BY_NAME[name];
  if (byName && hljs.getLanguage(byName)) return byName;
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  return ext && hljs.getLanguage(ext) ? ext : undefined;
}

/** Text with syntax highlighting (highlight.js escapes the text it marks up). */
export function TextView({ text, path }: { text: string; path: string }) {
  const [html, setHtml] = useState<string | undefined>();
  useEffect(() => {
    setHtml(undefined);
    if (text.length > HIGHLIGHT_MAX) return;
    let live = true;
    void loadHighlighter().then((hljs) => {
      const language = languageFor(path, hljs);
      const result = language
        ? hljs.highlight(text, { language, ignoreIllegals: true })
        : text.length <= AUTO_DETECT_MAX
          ? hljs.highlightAuto(text)
          : undefined;
      if (live && result) setHtml(result.value);
    });
    return () => {
      live = false;
    };
  }, [text, path]);
  return (
    <pre className="viewer-text">
      {html !== undefined ? (
        <code
          className="hljs"
          data-testid="viewer-text"
          data-highlighted="yes"
          dangerouslySetInnerHTML={{ __html: html }}
        />
      ) : (
        <code data-testid="viewer-text">{text}</code>
      )}
    </pre>
  );
}
