// Portal behaviour, progressive: sortable/filterable record tables whose filters live in the URL (pages work without it);
// the language switch keeps the reader's place (#fragment) and filters (?query).
(function () {
  "use strict";

  function setupTable(wrap) {
    var table = wrap.querySelector("table.portal-records");
    var filters = wrap.querySelector(".portal-filters");
    if (!table || !filters) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var textInput = filters.querySelector("[data-filter-text]");
    var selects = Array.prototype.slice.call(filters.querySelectorAll("[data-filter-column]"));
    var counter = filters.querySelector("[data-filter-count]");
    var template = counter ? counter.textContent.replace(/\d+/, "{n}") : "{n}";
    var empty = wrap.querySelector("[data-filter-empty]");
    var clear = wrap.querySelector("[data-filter-clear]");
    filters.hidden = false;

    // Filters are kept in the address (?q=...&tier=...), so a filtered list can be bookmarked and sent; a drop-down's
    // value is the same in both languages (tier=larger), so it survives the language switch; its text is accepted too.
    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      if (params.has("q")) textInput.value = params.get("q");
      selects.forEach(function (select) {
        var wanted = params.get(select.getAttribute("data-filter-column"));
        if (wanted === null) return;
        Array.prototype.forEach.call(select.options, function (option) {
          if (option.value === wanted || option.text === wanted) select.value = option.value;
        });
      });
    }

    function writeUrl() {
      var params = new URLSearchParams(window.location.search);
      if (textInput.value.trim()) params.set("q", textInput.value.trim()); else params.delete("q");
      selects.forEach(function (select) {
        var key = select.getAttribute("data-filter-column");
        if (select.value) params.set(key, select.value); else params.delete(key);
      });
      var query = params.toString();
      try {
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      } catch (error) { /* file:// in some browsers: the filter still works, only the address stays */ }
    }

    function cell(row, column) {
      return row.querySelector('td[data-column="' + column + '"]');
    }

    function apply() {
      var needle = (textInput.value || "").trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var visible = !needle || row.textContent.toLowerCase().indexOf(needle) !== -1;
        selects.forEach(function (select) {
          if (visible && select.value) {
            var c = cell(row, select.getAttribute("data-filter-column"));
            visible = !!c && (c.getAttribute("data-value") || c.textContent.trim()) === select.value;
          }
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (counter) {
        var one = counter.getAttribute("data-one"), many = counter.getAttribute("data-many");
        counter.textContent = shown === 1 && one ? one : (many || template).replace("{n}", shown);
      }
      if (empty) empty.hidden = shown !== 0;
      table.hidden = shown === 0;
    }

    function changed() { apply(); writeUrl(); }

    textInput.addEventListener("input", changed);
    selects.forEach(function (select) { select.addEventListener("change", changed); });
    if (clear) clear.addEventListener("click", function () {
      textInput.value = "";
      selects.forEach(function (select) { select.value = ""; });
      changed();
    });
    readUrl();
    apply();

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.tabIndex = 0;
      th.setAttribute("role", "button");
      th.classList.add("portal-sortable");
      function sort() {
        var column = th.getAttribute("data-column");
        var numeric = th.hasAttribute("data-numeric");
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(th.parentNode.cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = cell(a, column).getAttribute("data-sort");
          var y = cell(b, column).getAttribute("data-sort");
          var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, document.documentElement.lang);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") sort(); });
    });
  }

  // The counterpart page's link is made at build time without the reader's ?filters and #place: both are added when
  // the link is used (filters change the address as they are chosen).
  function keepPlace(link) {
    var base = link.getAttribute("href").replace(/[?#].*$/, "");
    function update() { link.setAttribute("href", base + window.location.search + window.location.hash); }
    ["mousedown", "focus", "click"].forEach(function (name) { link.addEventListener(name, update); });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-portal-table]"), setupTable);
    Array.prototype.forEach.call(document.querySelectorAll("a.portal-lang-switch"), keepPlace);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
