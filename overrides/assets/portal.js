// Portal behaviour, progressive: record lists filtered, sorted and paged over all rows (row files), state in the URL;
// the language switch keeps the reader's place (#fragment) and filters (?query).
(function () {
  "use strict";

  // Row files (<kind>/_rows/<i>.js) register themselves by pushing onto PortalRows.q, as the search index's shards
  // do: script elements load over file:// as well as over http, and never from another host.
  var rowStore = {}, rowWaiters = [];
  function takeRows() {
    var queue = (window.PortalRows && window.PortalRows.q) || [];
    while (queue.length) {
      var item = queue.shift();
      (rowStore[item[0]] = rowStore[item[0]] || {})[item[1]] = item[2];
    }
    // a waiter may load more files (and so come back here): the list is taken before any of them runs
    var waiting = rowWaiters;
    rowWaiters = [];
    waiting.forEach(function (waiter) { if (!waiter()) rowWaiters.push(waiter); });
  }
  window.PortalRows = window.PortalRows || { q: [] };

  function loadRows(kind, folder, files, done) {
    function ready() {
      var have = rowStore[kind] || {};
      for (var i = 0; i < files; i += 1) if (!have[i]) return false;
      var all = [];
      for (var j = 0; j < files; j += 1) all = all.concat(have[j]);
      done(all);
      return true;
    }
    takeRows();
    if (ready()) return;
    rowWaiters.push(ready);
    for (var i = 0; i < files; i += 1) {
      if (rowStore[kind] && rowStore[kind][i]) continue;
      var script = document.createElement("script");
      script.src = folder + i + ".js";
      script.onload = takeRows;
      document.head.appendChild(script);
    }
  }

  // The kind's facets file (<kind>/_rows/facets.js, portal/pages/lists.py facets_file): the filter bar's words and
  // values, loaded once per kind like a row file.
  function loadFacets(kind, folder, done) {
    var called = false;
    function ready() {
      var have = rowStore[kind] && rowStore[kind].facets;
      if (have && !called) { called = true; done(have); }
      return !!have;
    }
    takeRows();
    if (ready()) return;
    rowWaiters.push(ready);
    if (document.querySelector('script[data-portal-facets="' + kind + '"]')) return;
    var script = document.createElement("script");
    script.src = folder + "facets.js";
    script.setAttribute("data-portal-facets", kind);
    script.onload = takeRows;
    document.head.appendChild(script);
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The filter bar, made here from the facets file instead of written on every page: a text box, a folding box of
  // values per filter column (ordered by meaning, with their counts: the kind's, or the page's own data-counts on a
  // facet or topic page; a page's own facet column gets none), the sort control, the count and the download button.
  function buildBar(wrap, filters, spec, columns) {
    var words = spec.words;
    var fixed = (wrap.getAttribute("data-fixed") || "").split("=")[0];
    var own = null;
    try { own = JSON.parse(wrap.getAttribute("data-counts") || "null"); } catch (error) { own = null; }
    filters.setAttribute("data-words-prev", words.prev);
    filters.setAttribute("data-words-next", words.next);
    filters.setAttribute("data-words-pages", words.pages);
    filters.setAttribute("data-words-loading", words.loading);
    var label = el("label", {}, words.filter + " ");
    label.appendChild(el("input", { type: "search", "data-filter-text": "", placeholder: words.filter_text }));
    filters.appendChild(label);
    spec.filters.forEach(function (filter) {
      var key = filter[0], values = filter[1], counts = filter[2];
      if (key === fixed) return;
      var header = columns.filter(function (c) { return c.key === key; })[0];
      var details = el("details", { "class": "portal-filter-facet", "data-filter-column": key });
      var summary = el("summary", {}, (header ? header.label : key) + " ");
      summary.appendChild(el("span", { "class": "portal-filter-chosen", "data-filter-chosen": "" }));
      details.appendChild(summary);
      var options = el("div", { "class": "portal-filter-options" });
      values.forEach(function (value, i) {
        var n = own ? (own[key] || {})[value[0]] : counts[i];
        if (!n) return;
        var option = el("label");
        option.appendChild(el("input", { type: "checkbox", value: value[0], "data-text": value[1] }));
        option.appendChild(document.createTextNode(" " + value[1] + " "));
        option.appendChild(el("span", { "class": "portal-count" }, "(" + n + ")"));
        options.appendChild(option);
      });
      details.appendChild(options);
      filters.appendChild(details);
    });
    var sortLabel = el("label", { "class": "portal-sort-control" }, words.sort + " ");
    var select = el("select", { "data-sort-control": "" });
    select.appendChild(el("option", { value: "" }, words.sort_default));
    columns.forEach(function (c) {
      select.appendChild(el("option", { value: c.key }, c.label + " · " + words.ascending));
      select.appendChild(el("option", { value: "-" + c.key }, c.label + " · " + words.descending));
    });
    sortLabel.appendChild(select);
    filters.appendChild(sortLabel);
    var total = parseInt(wrap.getAttribute("data-total"), 10) || 0;
    var records = words.records;
    filters.appendChild(el("output", { "data-filter-count": "", "data-one": records.one.replace("{n}", "1"),
                                       "data-many": records.other }, (total === 1 ? records.one : records.other).replace("{n}", total)));
    var download = el("button", { type: "button", "class": "portal-download-shown", "data-download-shown": "",
                                  "data-one": words.download.one, "data-many": words.download.other,
                                  "data-link-header": words.download_link });
    download.hidden = true;
    filters.appendChild(download);
    var empty = el("div", { "class": "portal-filter-empty", "data-filter-empty": "", role: "status" });
    empty.hidden = true;
    empty.appendChild(el("p", {}, words.empty));
    empty.appendChild(el("button", { type: "button", "data-filter-clear": "" }, words.clear));
    filters.parentNode.insertBefore(empty, filters.nextSibling);
  }

  // A row file's cell is [text shown], [text, sort key] or [text, sort key, filter value] (portal/pages/lists.py).
  function sortKey(cell) { return cell.length > 1 ? cell[1] : cell[0]; }

  function setupTable(wrap) {
    var table = wrap.querySelector("table.portal-records");
    var filters = wrap.querySelector(".portal-filters");
    if (!table || !filters || wrap.hasAttribute("data-portal-ready")) return;
    wrap.setAttribute("data-portal-ready", "");
    var columns = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return { key: th.getAttribute("data-column"), label: th.getAttribute("data-label") || th.textContent,
               numeric: th.hasAttribute("data-numeric") };
    });
    loadFacets(table.getAttribute("data-kind"), wrap.getAttribute("data-rows"), function (spec) {
      buildBar(wrap, filters, spec, columns);
      startTable(wrap, table, filters, columns, spec);
    });
  }

  // A row file's facet cell may be a number: the place of its value in the facets file's values of its column
  // ([value, text shown(, sort key)]); it becomes the whole cell [text, sort key, value] once the rows are loaded.
  function expandRows(rows, columns, spec) {
    var byColumn = {};
    spec.filters.forEach(function (filter) { byColumn[filter[0]] = filter[1]; });
    var lists = columns.map(function (c) { return byColumn[c.key]; });
    rows.forEach(function (row) {
      var cells = row[3];
      for (var i = 0; i < cells.length; i += 1) {
        if (typeof cells[i] !== "number") continue;
        var entry = lists[i] && lists[i][cells[i]];
        cells[i] = entry ? [entry[1], entry.length > 2 ? entry[2] : entry[1], entry[0]] : [""];
      }
    });
    return rows;
  }

  function startTable(wrap, table, filters, columns, spec) {
    var kind = table.getAttribute("data-kind");
    var body = table.tBodies[0];
    var staticRows = body.innerHTML;
    var staticPage = parseInt(wrap.getAttribute("data-page"), 10) || 1;
    var pageSize = parseInt(wrap.getAttribute("data-page-size"), 10) || 100;
    var total = parseInt(wrap.getAttribute("data-total"), 10) || 0;
    var listUrl = new URL(wrap.getAttribute("data-list") || "./", window.location.href);
    var textInput = filters.querySelector("[data-filter-text]");
    var facets = Array.prototype.slice.call(filters.querySelectorAll("details[data-filter-column]"));
    var sortControl = filters.querySelector("[data-sort-control]");
    var counter = filters.querySelector("[data-filter-count]");
    var download = filters.querySelector("[data-download-shown]");
    var empty = wrap.querySelector("[data-filter-empty]");
    var clear = wrap.querySelector("[data-filter-clear]");
    var staticPager = wrap.querySelector("[data-portal-pager]");
    // A facet or topic page without later pages of its own (portal/pages/lists.py static_subset_pages): its note for
    // readers without JavaScript gives way to page links over its rows from the row files.
    var more = wrap.querySelector("[data-portal-more]");
    if (more) more.hidden = true;
    var allRows = null, page = staticPage;
    // A facet or topic page shows the kind's rows of one value (data-fixed="year=2021", "topic=confined-space"): the
    // row's cell of that column, else its memberships (row[4], portal/pages/lists.py memberships).
    var fixed = (wrap.getAttribute("data-fixed") || "").split("=");
    var fixedIndex = columns.map(function (c) { return c.key; }).indexOf(fixed[0]);
    function inSubset(row) {
      if (fixed.length !== 2) return true;
      var groups = row[4] && row[4][fixed[0]];
      if (groups) return groups.indexOf(fixed[1]) !== -1;
      if (fixedIndex === -1) return false;
      var cell = row[3][fixedIndex];
      return (cell.length > 2 && cell[2] ? cell[2] : cell[0]) === fixed[1];
    }
    // The table's keys in the address: a page with several tables (a topic page) gives each its prefix (cases-sort).
    var prefix = wrap.getAttribute("data-state-prefix") || "";
    function key(name) { return prefix + name; }
    filters.hidden = false;
    // Compact: the facets stay folded on phones; on a wide screen the chosen ones open.
    var wide = window.matchMedia && window.matchMedia("(min-width: 60em)").matches;

    function boxes(details) { return Array.prototype.slice.call(details.querySelectorAll("input[type=checkbox]")); }
    function chosen(details) {
      return boxes(details).filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    }

    // State in the address: ?q=…&tier=larger&tier=major&sort=-date&page=3 (a facet value is the same in both
    // languages, so it survives the language switch; its text is accepted too).
    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      textInput.value = params.get(key("q")) || "";
      facets.forEach(function (details) {
        var wanted = params.getAll(key(details.getAttribute("data-filter-column")));
        boxes(details).forEach(function (box) {
          box.checked = wanted.indexOf(box.value) !== -1 || wanted.indexOf(box.getAttribute("data-text")) !== -1;
        });
        if (wanted.length && wide) details.open = true;
      });
      var sort = params.get(key("sort")) || "";
      sortControl.value = sort;
      if (sortControl.value !== sort) sortControl.value = "";
      page = parseInt(params.get(key("page")), 10) || staticPage;
    }

    function writeUrl() {
      var params = new URLSearchParams(window.location.search);
      if (textInput.value.trim()) params.set(key("q"), textInput.value.trim()); else params.delete(key("q"));
      facets.forEach(function (details) {
        var name = key(details.getAttribute("data-filter-column"));
        params.delete(name);
        chosen(details).forEach(function (value) { params.append(name, value); });
      });
      if (sortControl.value) params.set(key("sort"), sortControl.value); else params.delete(key("sort"));
      if (page !== staticPage) params.set(key("page"), page); else params.delete(key("page"));
      var query = params.toString();
      try {
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      } catch (error) { /* file:// in some browsers: the list still changes, only the address stays */ }
    }

    function noChoices() {
      return !textInput.value.trim() && !sortControl.value &&
        facets.every(function (details) { return chosen(details).length === 0; });
    }
    function isDefault() { return noChoices() && page === staticPage; }

    function showCount(shown) {
      if (!counter) return;
      var one = counter.getAttribute("data-one"), many = counter.getAttribute("data-many");
      counter.textContent = shown === 1 && one ? one : (many || "{n}").replace("{n}", shown);
    }

    function matching() {
      var needle = textInput.value.trim().toLowerCase();
      var wanted = facets.map(function (details) {
        var key = details.getAttribute("data-filter-column");
        var index = columns.map(function (c) { return c.key; }).indexOf(key);
        return { index: index, values: chosen(details) };
      }).filter(function (f) { return f.values.length && f.index !== -1; });
      var rows = allRows.filter(function (row) {
        if (!inSubset(row)) return false;
        var cells = row[3];
        if (needle && cells.map(function (c) { return c[0]; }).join(" ").toLowerCase().indexOf(needle) === -1) return false;
        return wanted.every(function (f) {
          var c = cells[f.index];
          return f.values.indexOf(c.length > 2 ? c[2] : c[0]) !== -1;
        });
      });
      var sort = sortControl.value;
      if (sort) {
        var descending = sort.charAt(0) === "-";
        var key = descending ? sort.slice(1) : sort;
        var index = columns.map(function (c) { return c.key; }).indexOf(key);
        var numeric = index !== -1 && columns[index].numeric;
        var lang = document.documentElement.lang;
        if (index !== -1) rows = rows.slice().sort(function (a, b) {
          var x = sortKey(a[3][index]), y = sortKey(b[3][index]);
          var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : String(x).localeCompare(String(y), lang);
          return descending ? -order : order;
        });
      }
      return rows;
    }

    function rowElement(row) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-id", row[0]);
      if (row[2]) tr.className = "portal-stale-row";
      row[3].forEach(function (c, i) {
        var td = document.createElement("td");
        td.setAttribute("data-column", columns[i].key);
        td.setAttribute("data-label", columns[i].label);
        td.setAttribute("data-sort", sortKey(c));
        if (c.length > 2) td.setAttribute("data-value", c[2]);
        if (columns[i].key === "title") {
          var a = document.createElement("a");
          a.href = new URL(row[1], listUrl).href;
          a.textContent = c[0];
          td.appendChild(a);
        } else {
          td.textContent = c[0];
        }
        tr.appendChild(td);
      });
      return tr;
    }

    var dynamicPager = document.createElement("nav");
    dynamicPager.className = "portal-pager";
    dynamicPager.setAttribute("data-portal-pager", "");
    dynamicPager.setAttribute("aria-label", filters.getAttribute("data-words-pages") || "");
    dynamicPager.hidden = true;
    table.parentNode.insertBefore(dynamicPager, staticPager ? staticPager.nextSibling : table.nextSibling);

    function pageLink(text, number, role) {
      var a = document.createElement("a");
      var params = new URLSearchParams(window.location.search);
      if (number !== staticPage) params.set(key("page"), number); else params.delete(key("page"));
      a.href = window.location.pathname + "?" + params.toString();
      a.textContent = text;
      a.setAttribute("data-role", role);
      a.addEventListener("click", function (event) {
        event.preventDefault();
        page = number;
        render();
        writeUrl();
        table.scrollIntoView && table.scrollIntoView();
      });
      return a;
    }

    function drawPager(pages) {
      dynamicPager.innerHTML = "";
      dynamicPager.hidden = pages <= 1;
      if (pages <= 1) return;
      if (page > 1) dynamicPager.appendChild(pageLink(filters.getAttribute("data-words-prev"), page - 1, "prev"));
      var last = 0;
      for (var n = 1; n <= pages; n += 1) {
        if (n !== 1 && n !== pages && Math.abs(n - page) > 2) continue;
        if (n - last > 1) dynamicPager.appendChild(document.createTextNode(" … "));
        if (n === page) {
          var current = document.createElement("span");
          current.setAttribute("aria-current", "page");
          current.textContent = String(n);
          dynamicPager.appendChild(current);
        } else {
          dynamicPager.appendChild(pageLink(String(n), n, "page"));
        }
        dynamicPager.appendChild(document.createTextNode(" "));
        last = n;
      }
      if (page < pages) dynamicPager.appendChild(pageLink(filters.getAttribute("data-words-next"), page + 1, "next"));
    }

    function markSort() {
      var sort = sortControl.value, key = sort.replace(/^-/, "");
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        if (sort && th.getAttribute("data-column") === key) th.setAttribute("aria-sort", sort.charAt(0) === "-" ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      });
      facets.forEach(function (details) {
        var shown = details.querySelector("[data-filter-chosen]");
        var count = chosen(details).length;
        if (shown) shown.textContent = count ? "(" + count + ")" : "";
      });
    }

    function render() {
      markSort();
      if (isDefault()) {  // the page as built: its rows and its page links
        if (body.getAttribute("data-dynamic")) { body.innerHTML = staticRows; body.removeAttribute("data-dynamic"); }
        if (staticPager) staticPager.hidden = false;
        if (more) drawPager(Math.ceil(total / pageSize)); else dynamicPager.hidden = true;
        table.hidden = false;
        if (empty) empty.hidden = true;
        showCount(total);
        if (download) download.hidden = true;
        return;
      }
      if (!allRows) {
        wrap.setAttribute("aria-busy", "true");
        if (counter) counter.textContent = filters.getAttribute("data-words-loading") || "…";
        loadRows(kind, wrap.getAttribute("data-rows"), parseInt(wrap.getAttribute("data-rows-files"), 10) || 0,
                 function (rows) { allRows = expandRows(rows, columns, spec); wrap.removeAttribute("aria-busy"); render(); });
        return;
      }
      var rows = matching();
      var pages = Math.max(1, Math.ceil(rows.length / pageSize));
      if (page > pages) page = pages;
      if (page < 1) page = 1;
      var fragment = document.createDocumentFragment();
      rows.slice((page - 1) * pageSize, page * pageSize).forEach(function (row) { fragment.appendChild(rowElement(row)); });
      body.innerHTML = "";
      body.appendChild(fragment);
      body.setAttribute("data-dynamic", "1");
      if (staticPager) staticPager.hidden = true;
      drawPager(pages);
      showCount(rows.length);
      if (download) {  // the readers' download of exactly the rows the filters chose
        var words = rows.length === 1 ? download.getAttribute("data-one") : download.getAttribute("data-many");
        download.textContent = (words || "{n}").replace("{n}", rows.length);
        download.hidden = rows.length === 0;
      }
      if (empty) empty.hidden = rows.length !== 0;
      table.hidden = rows.length === 0;
      wrap.setAttribute("data-shown", String(rows.length));
    }

    function changed() { page = noChoices() ? staticPage : 1; render(); writeUrl(); }

    // A CSV of the chosen rows, written in the browser (no server, works over file://): one header row, a web address
    // per record, UTF-8 with a BOM for Excel; a cell that begins with = + - @ tab or CR is neutralised with a leading '
    // so a spreadsheet never reads it as a formula.
    function csvCell(text) {
      text = String(text === undefined || text === null ? "" : text);
      if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
      return '"' + text.replace(/"/g, '""') + '"';
    }
    if (download) download.addEventListener("click", function () {
      if (!allRows) return;
      var lines = [columns.map(function (c) { return csvCell(c.label); })
        .concat([csvCell(download.getAttribute("data-link-header"))]).join(",")];
      matching().forEach(function (row) {
        lines.push(row[3].map(function (c) { return csvCell(c[0]); })
          .concat([csvCell(new URL(row[1], listUrl).href)]).join(","));
      });
      var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = (kind || "records") + ".csv";
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    });

    textInput.addEventListener("input", changed);
    sortControl.addEventListener("change", changed);
    facets.forEach(function (details) {
      boxes(details).forEach(function (box) { box.addEventListener("change", changed); });
    });
    if (clear) clear.addEventListener("click", function () {
      textInput.value = "";
      sortControl.value = "";
      facets.forEach(function (details) { boxes(details).forEach(function (box) { box.checked = false; }); });
      changed();
    });

    // A column header sorts too: the first click ascending, the next descending (the sort control follows).
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.tabIndex = 0;
      th.setAttribute("role", "button");
      th.classList.add("portal-sortable");
      function sort() {
        var key = th.getAttribute("data-column");
        sortControl.value = sortControl.value === key ? "-" + key : key;
        changed();
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") sort(); });
    });

    readUrl();
    render();
  }

  // A generated page's table of contents comes as its entries (data-portal-toc, portal/engine/frames.py): the
  // theme's markup is written here, while the page loads (this script runs before the theme's script looks for it).
  function writeToc(nav) {
    var entries;
    try { entries = JSON.parse(nav.getAttribute("data-portal-toc")); } catch (error) { return; }
    function list(items, top) {
      var ul = document.createElement("ul");
      ul.className = "md-nav__list";
      if (top) { ul.setAttribute("data-md-component", "toc"); ul.setAttribute("data-md-scrollfix", ""); }
      items.forEach(function (entry) {
        var li = document.createElement("li"), a = document.createElement("a"), span = document.createElement("span");
        li.className = "md-nav__item";
        a.href = "#" + entry[0];
        a.className = "md-nav__link";
        span.className = "md-ellipsis";
        span.innerHTML = entry[1];  // escaped by the build
        a.appendChild(span);
        li.appendChild(a);
        if (entry[2] && entry[2].length) {
          var inner = document.createElement("nav");
          inner.className = "md-nav";
          inner.setAttribute("aria-label", span.textContent);
          inner.appendChild(list(entry[2], false));
          li.appendChild(inner);
        }
        ul.appendChild(li);
      });
      return ul;
    }
    var title = document.createElement("label"), icon = document.createElement("span");
    title.className = "md-nav__title";
    title.setAttribute("for", "__toc");
    icon.className = "md-nav__icon md-icon";
    title.appendChild(icon);
    title.appendChild(document.createTextNode(nav.getAttribute("aria-label") || ""));
    nav.appendChild(title);
    nav.appendChild(list(entries, true));
    nav.removeAttribute("data-portal-toc");
  }
  Array.prototype.forEach.call(document.querySelectorAll("nav[data-portal-toc]"), writeToc);

  // The counterpart page's link is made at build time without the reader's ?filters and #place: both are added when
  // the link is used (filters change the address as they are chosen).
  function keepPlace(link) {
    var base = link.getAttribute("href").replace(/[?#].*$/, "");
    function update() { link.setAttribute("href", base + window.location.search + window.location.hash); }
    ["mousedown", "focus", "click"].forEach(function (name) { link.addEventListener(name, update); });
  }

  // A page's own rows are written bare (portal/pages/lists.py): each cell gets its column and its label (the phone
  // layout's card labels) from the table's header, before the table is set up.
  function nameCells(table) {
    if (!table.tHead || !table.tBodies[0]) return;
    var heads = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return [th.getAttribute("data-column"), th.getAttribute("data-label") || th.textContent];
    });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
      Array.prototype.forEach.call(tr.cells, function (td, i) {
        if (!heads[i]) return;
        if (!td.hasAttribute("data-column")) td.setAttribute("data-column", heads[i][0]);
        td.setAttribute("data-label", heads[i][1]);
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.portal-records"), nameCells);
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
