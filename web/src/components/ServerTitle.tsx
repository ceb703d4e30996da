/** A title the server may have written (a plan's, a change set's), in the user's language. */
import { useServerText, type ServerText } from '../serverText.js';

/** The title: the server's text in the language when the answer has one, else as written. */
export function ServerTitle({ of }: { of: { readonly title: string; readonly text?: ServerText | null } }) {
  const st = useServerText();
  return <>{st(of.text, of.title)}</>;
}
