// Material for MkDocs 9.8.1, partials/javascripts/content.html, moved out of an inline <script> so
// the Content-Security-Policy can forbid inline scripts. Code (c) Martin Donath, MIT licence.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
