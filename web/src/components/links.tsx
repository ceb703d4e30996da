/**
 * Links to objects' pages: by the label given, by the object's name with its id second (the
 * name asked once per view), or a list of them. Shared by the building blocks (common.tsx)
 * and the field values (FieldValue.tsx), which use each other's links otherwise.
 */
import { useEffect, useState } from 'react';
import { nameOf } from '../names.js';
import { Link } from '../router.js';
import { useApp } from '../state.js';

/** A link to an object's page. */
export function ObjLink({ id, label }: { id: string; label?: string | undefined }) {
  return <Link to={`/objects/${encodeURIComponent(id)}`}>{label ?? id}</Link>;
}

/** A link to an object by its name, the id second (the id alone when it has no name). */
export function NamedLink({ id, name }: { id: string; name?: string | null | undefined }) {
  const { at, plan } = useApp();
  const [loaded, setLoaded] = useState<string | null | undefined>(name);
  useEffect(() => {
    if (name !== undefined) return;
    let live = true;
    void nameOf(id, at, plan).then((n) => live && setLoaded(n));
    return () => void (live = false);
  }, [id, name, at, plan]);
  const shown = name ?? loaded;
  return (
    <span className="named">
      <Link to={`/objects/${encodeURIComponent(id)}`}>{shown || id}</Link>
      {shown && <span className="muted"> ({id})</span>}
    </span>
  );
}

/** Links to objects, comma-separated: by their names, the ids second (`named={false}`: ids only). */
export function IdList({ ids, named = true }: { ids: readonly string[]; named?: boolean }) {
  return (
    <>
      {ids.map((id, i) => (
        <span key={`${id}-${i}`}>
          {i > 0 && ', '}
          {named ? <NamedLink id={id} /> : <ObjLink id={id} />}
        </span>
      ))}
    </>
  );
}
