import { generateEstate } from './src/interop/generateEstate.js';
const doc: any = generateEstate({ seed: 1, preset: 'small' });
for (const cs of doc.changesets) for (const ch of cs.changes) { const s = JSON.stringify(ch); if (s.includes('rz-krz-ost.vc0') || s.includes('ewo-kommunal')) console.log(cs.id, cs.effective, cs.status, s.slice(0, 300)); }
console.log(JSON.stringify(doc.applications.find((a: any) => a.id === 'kreis-kirchwinkel.ewo-kommunal')));
