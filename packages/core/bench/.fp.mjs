import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createScanner } from '/work/main/packages/core/dist/index.js';
const sc = createScanner();
let n=0, bytes=0; const out=[];
function walk(d){ let es; try { es = readdirSync(d,{withFileTypes:true}); } catch { return; } for(const e of es){const p=join(d,e.name); if(e.isDirectory()) walk(p); else if(e.isFile() && !/\.(png|jpg|gif|woff2?|ttf|node|wasm|gz|zip|ico|map)$/.test(e.name)){ let st; try{st=statSync(p);}catch{continue;} if(st.size>3e6) continue; const t=readFileSync(p,'utf8'); if (t.includes('\u0000')) continue; n++; bytes+=t.length; for(const f of sc.scan(t,p).findings) out.push(`${p}:${f.line}:${f.column} ${f.ruleId} ${f.match}`);}}}
for (const d of process.argv.slice(2)) walk(d);
console.log(n,'files',(bytes/1e6).toFixed(1),'MB', out.length,'findings'); console.log(out.slice(0,60).join('\n'));
