/**
 * Takes the signing token out of the address bar: it arrives as the fragment of `/r#<token>` (a
 * fragment never reaches a server or its logs), and is then removed with `history.replaceState`
 * so it stays neither in the browser history nor on screen. The page keeps it in memory only.
 */
export function takeTokenFromAddressBar(): string | null {
  const token = decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();
  if (window.location.hash !== '') {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return token === '' ? null : token;
}
