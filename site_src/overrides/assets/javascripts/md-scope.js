// Material for MkDocs 9.8.1, partials/javascripts/base.html, moved out of an inline <script> so the
// Content-Security-Policy can forbid inline scripts. Code (c) Martin Donath, MIT licence;
// the scope now comes from the script tag's data-md-scope attribute.
__md_scope=new URL(document.currentScript.dataset.mdScope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
