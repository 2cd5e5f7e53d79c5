// The filter of the "Every priority" page (compare/priorities/): it narrows the priorities by words
// in the priority, theme, cycle and partnership, and keeps the choice in the address
// (?words=…&theme=…&cycle=…&partnership=…) so that a filtered view can be linked. Not ?q=:
// Material opens its search dialog with that. The controls are made here, so that without
// JavaScript the page shows every priority, folded by partnership, and no control that does
// nothing. Each partnership is a fold (<details class="cspp-fold">) holding a table per plan, after
// a line that names the plan; each row carries its partnership, cycle and themes as data-*
// (render/pages/compare.py).
// While a filter is on, a fold and a table without a match are hidden, the folds with a match
// open (a fold the reader closes stays closed until its matches change from none to some), and
// each fold's summary says how many of its priorities match; with the filter off again, every
// fold is as the reader left it before filtering.
(() => {
  const TEXT_COLUMN = 0;  // "Priority as published", the row's header
  const FIELDS = {words: "Words in the priority", theme: "Theme", cycle: "Cycle",
                  partnership: "Partnership"};
  const SAVE_DELAY = 300;  // ms: browsers limit how often a page may rewrite its address
  let saving, save = () => {};  // the address change that waits for a pause in typing

  // Curly and straight apostrophes match each other ("children’s").
  const normalise = text => text.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  const distinct = values => [...new Set(values)].sort((a, b) => a.localeCompare(b, "en"));
  const plural = (n, one, many) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

  function element(tag, attributes, text = "") {
    const el = Object.assign(document.createElement(tag), {textContent: text});
    Object.entries(attributes).forEach(([name, value]) => el.setAttribute(name, value));
    return el;
  }

  // autocomplete="off": when a page is shown again, the address says what is chosen, not the
  // browser's memory of the form (which would restore the words without filtering by them).
  function select(name, values) {
    const control = element("select", {id: `cspp-filter-${name}`, autocomplete: "off"});
    control.append(element("option", {value: ""}, `Any ${name}`),
                   ...values.map(value => element("option", {value}, value)));
    return control;
  }

  function row(tr) {
    return {...tr.dataset, row: tr, text: normalise(tr.cells[TEXT_COLUMN].textContent),
            themes: JSON.parse(tr.dataset.themes)};
  }

  function setUp() {
    const region = document.querySelector(".cspp-explorer");
    if (!region || region.dataset.filter) return;
    region.dataset.filter = "on";
    const folds = [...region.querySelectorAll("details.cspp-fold")].map(fold => {
      const matches = element("span", {class: "cspp-fold-matches"});
      fold.querySelector("summary").append(matches);
      const tables = [...fold.querySelectorAll(".cspp-table")].map(box => (
        {box, line: box.previousElementSibling, rows: [...box.querySelectorAll("tbody tr")].map(row)}));
      return {fold, matches, tables, shown: -1, before: fold.open};
    });
    const rows = folds.flatMap(f => f.tables.flatMap(t => t.rows));
    const controls = {
      words: element("input", {id: "cspp-filter-words", type: "search", autocomplete: "off"}),
      theme: select("theme", distinct(rows.flatMap(r => r.themes))),
      cycle: select("cycle", distinct(rows.map(r => r.cycle))),
      partnership: select("partnership", distinct(rows.map(r => r.partnership))),
    };
    const clear = element("button", {type: "button", class: "md-button"}, "Show every priority");
    const fieldset = element("fieldset", {class: "cspp-filter"});
    fieldset.append(element("legend", {}, "Filter the priorities"), ...Object.entries(controls).map(
      ([name, control]) => {
        const wrapper = element("div", {class: "cspp-filter-field"});
        wrapper.append(element("label", {for: control.id}, FIELDS[name]), control);
        return wrapper;
      }), clear);
    const status = element("p", {class: "cspp-filter-status", role: "status"});
    region.before(fieldset, status);

    const params = new URLSearchParams(location.search);
    for (const [name, control] of Object.entries(controls)) {
      control.value = params.get(name) || "";
      if (control.value !== (params.get(name) || "")) control.value = "";  // a choice not offered
    }

    save = () => {
      if (!region.isConnected) return;  // instant navigation has shown another page since
      const query = new URLSearchParams(location.search);
      for (const [name, control] of Object.entries(controls)) {
        if (control.value) query.set(name, control.value); else query.delete(name);
      }
      const search = query.toString() ? `?${query}` : "";
      history.replaceState(history.state, "", location.pathname + search + location.hash);
    };

    let filtering = false;
    function update() {
      const words = normalise(controls.words.value).split(/\s+/).filter(Boolean);
      const [theme, cycle, partnership] = ["theme", "cycle", "partnership"].map(
        name => controls[name].value);
      const on = words.length > 0 || !!(theme || cycle || partnership);
      if (on && !filtering) folds.forEach(f => { f.before = f.fold.open; f.shown = -1; });
      let shown = 0, partnerships = 0;
      for (const f of folds) {
        let inFold = 0;
        for (const t of f.tables) {
          let inTable = 0;
          for (const r of t.rows) {
            r.row.hidden = !(words.every(word => r.text.includes(word))
              && (!theme || r.themes.includes(theme)) && (!cycle || r.cycle === cycle)
              && (!partnership || r.partnership === partnership));
            inTable += !r.row.hidden;
          }
          t.box.hidden = t.line.hidden = inTable === 0;  // the table and the plan's line above it
          inFold += inTable;
        }
        f.fold.hidden = inFold === 0;
        if (on) {
          if (inFold > 0 && f.shown <= 0) f.fold.open = true;
          f.matches.textContent = ` (${plural(inFold, "matches", "match")} the filter)`;
        } else {
          if (filtering) f.fold.open = f.before;
          f.matches.textContent = "";
        }
        f.shown = inFold;
        shown += inFold;
        partnerships += inFold > 0;
      }
      filtering = on;
      status.textContent = on
        ? `${shown} of ${rows.length} priorities shown, in ${plural(partnerships, "partnership", "partnerships")}`
        : `Every priority: ${rows.length} in ${plural(folds.length, "partnership", "partnerships")}, each folded below`;
      clearTimeout(saving);
      saving = setTimeout(save, SAVE_DELAY);
    }

    fieldset.addEventListener("input", update);
    clear.addEventListener("click", () => {
      Object.values(controls).forEach(control => { control.value = ""; });
      update();
      controls.words.focus();
    });
    update();
  }

  // Material's document$ tells of every page shown, also after instant navigation, which runs
  // this script again on each visit to the page: subscribe once.
  if (window.csppExplorer) return;
  window.csppExplorer = true;
  if (window.document$) document$.subscribe(setUp); else setUp();
  addEventListener("pagehide", () => { clearTimeout(saving); save(); });  // a link followed at once
})();
