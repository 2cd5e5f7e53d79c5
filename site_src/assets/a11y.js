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

// A table that keeps its grid on a narrow screen (macros.html, Table.layout "scroll") follows a
// line saying it scrolls sideways. Without JavaScript the line shows on every narrow screen
// (site.css); here it shows whenever, and only while, the table is wider than its box: on any
// screen, and again after a fold that holds the table opens or the window changes size.
var scrollCues = window.ResizeObserver && new ResizeObserver(function (entries) {
  entries.forEach(function (entry) {
    var box = entry.target.closest(".cspp-table");
    var cue = box && box.previousElementSibling;
    if (!cue || !cue.classList.contains("cspp-scroll-cue")) return;
    cue.toggleAttribute("data-overflows", box.scrollWidth > box.clientWidth + 1);
  });
});
function watchScrollingTables() {
  if (!scrollCues) return;
  document.querySelectorAll(".cspp-table.cspp-scroll").forEach(function (box) {
    scrollCues.observe(box);
    var table = box.querySelector("table");
    if (table) scrollCues.observe(table);
  });
}

// A table that stacks its rows into cards on a narrow screen (macros.html, Table.layout "stack")
// changes the display of its parts, which in some browsers (WebKit) takes away their table
// semantics; explicit roles keep them. They are given here, not in the markup, because the HTML
// checker does not allow roles on the parts of a <table>. Without JavaScript each cell's label
// is read as text instead (site.css).
var TABLE_ROLES = [["table", "table"], ["thead, tbody", "rowgroup"], ["tr", "row"],
                   ["th[scope=col]", "columnheader"], ["th[scope=row]", "rowheader"], ["td", "cell"]];
function giveStackingTablesTheirRoles() {
  document.querySelectorAll(".cspp-table.cspp-stack table")
    .forEach(function (table) {
      TABLE_ROLES.forEach(function (pair) {
        if (table.matches(pair[0])) table.setAttribute("role", pair[1]);
        table.querySelectorAll(pair[0]).forEach(function (el) { el.setAttribute("role", pair[1]); });
      });
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
document$.subscribe(watchScrollingTables);
document$.subscribe(giveStackingTablesTheirRoles);

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
