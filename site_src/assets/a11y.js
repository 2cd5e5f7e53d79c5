// Accessibility fixes for Material for MkDocs 9.8.1 that need the page's DOM; checked by tests/browser.
// Uses Material's document$ observable: a plain script runs before Material wraps the tables.

// scrollable-region-focusable: Material wraps wide tables in a scrolling box that keyboard users
// could not reach; make each one a named, focusable region.
function makeTableWrappersFocusable() {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (el) {
    el.tabIndex = 0;
    el.setAttribute("role", "region");
    el.setAttribute("aria-label", "Scrollable table");
  });
}

// The skip link jumps to the page's first heading; move keyboard focus there too, so the next Tab
// continues inside the main content rather than at the top of the page.
function focusSkipTarget(event) {
  var link = event.target.closest && event.target.closest("a.md-skip");
  if (!link) return;
  var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
}

document.addEventListener("click", focusSkipTarget);
document$.subscribe(makeTableWrappersFocusable);
