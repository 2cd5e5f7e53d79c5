// Accessibility fixes for Material for MkDocs 9.8.1 that need the page's DOM; checked by tests/browser.
// Uses Material's document$ observable: a plain script runs before Material wraps the tables.

// scrollable-region-focusable: Material wraps wide tables in a scrolling box that keyboard users
// could not reach; make each one a named, focusable region.
// Where the project's own table wrapper is already a focusable scroll box, that one scrolls and the
// theme's inner box is made passive (a11y.css), so a table is one Tab stop, not two.
function makeTableWrappersFocusable() {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (el) {
    if (el.parentElement && el.parentElement.closest('[tabindex="0"]')) {
      el.classList.add("a11y-scrollwrap--passive");
      return;
    }
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

// Below 1220 px the navigation is an off-canvas drawer whose links stay in the Tab order, so focus
// went to links nobody could see (WCAG 2.4.7). Slide the drawer in while focus is inside it.
var DRAWER_MEDIA = "(max-width: 76.234375em)";  // Material's breakpoint for the drawer
function followFocusWithDrawer(event) {
  var drawer = document.getElementById("__drawer");
  if (!drawer || !window.matchMedia(DRAWER_MEDIA).matches) return;
  var inDrawer = !!event.target.closest(".md-sidebar--primary");
  if (inDrawer !== drawer.checked) drawer.checked = inDrawer;
}

document.addEventListener("click", focusSkipTarget);
document.addEventListener("focusin", followFocusWithDrawer);
document$.subscribe(makeTableWrappersFocusable);

// Material's drawer and search toggles are checkboxes. It kept browsers from restoring their
// state when a page is shown again with autocomplete="off", which the HTML standard does not
// allow on checkboxes (overrides/base.html): close both whenever a page is shown from history.
window.addEventListener("pageshow", function (event) {
  var navigation = performance.getEntriesByType("navigation")[0];
  if (!event.persisted && !(navigation && navigation.type === "back_forward")) return;
  ["__drawer", "__search"].forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle) toggle.checked = false;
  });
});
