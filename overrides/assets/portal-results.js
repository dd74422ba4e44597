// The search results page (search/?q=…): all matches ranked by portal-search.js, filters with counts over all matches,
// sort by relevance or date, pages of results; the query, filters, sort and page kept in the address (replaceState).
(function () {
  "use strict";

  var DEFAULT_SORT = "relevance";

  function countText(forms, values) {
    var text = (values.n === 1 ? (forms || {}).one : (forms || {}).other) || "";
    Object.keys(values).forEach(function (key) { text = text.split("{" + key + "}").join(String(values[key])); });
    return text;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function start() {
    var page = document.querySelector("[data-portal-results]");
    var api = window.PortalSearch;
    if (!page || !api || !api.searchAll) return;
    var T = api.words() || {};
    var input = page.querySelector("[data-portal-results-query]");
    var form = input.form;
    var status = page.querySelector("[data-portal-results-status]");
    var note = page.querySelector("[data-portal-results-note]");  // results matching only some words, or by sound
    var list = page.querySelector("[data-portal-results-list]");
    var pager = page.querySelector("[data-portal-results-pager]");
    var filtersBox = page.querySelector("[data-portal-results-filters]");
    var facetsBox = page.querySelector("[data-portal-results-facets]");
    var clear = page.querySelector("[data-portal-results-clear]");
    var sortBox = page.querySelector("[data-portal-results-sortbox]");
    var sortSelect = page.querySelector("[data-portal-results-sort]");
    var help = page.querySelector("[data-portal-results-help]");
    var helpFilters = page.querySelector("[data-portal-results-help-filters]");
    var perPage = parseInt(page.getAttribute("data-per-page"), 10) || 20;
    var facetNames = (page.getAttribute("data-facets") || "").split(" ").filter(Boolean);
    var sorts = Array.prototype.map.call(sortSelect.options, function (o) { return o.value; });
    var wide = window.matchMedia && window.matchMedia("(min-width: 60em)").matches;

    // state: what the address says; current: the matches of state.q and their facet rows
    var state = { q: "", chosen: {}, sort: DEFAULT_SORT, page: 1 };
    var current = null, seq = 0, boxes = {};

    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      state.q = params.get("q") || "";
      state.chosen = {};
      facetNames.forEach(function (name) { state.chosen[name] = params.getAll(name); });
      state.sort = sorts.indexOf(params.get("sort")) >= 0 ? params.get("sort") : DEFAULT_SORT;
      state.page = Math.max(1, parseInt(params.get("page"), 10) || 1);
    }

    function writeUrl() {
      var params = new URLSearchParams();
      if (state.q.trim()) params.set("q", state.q.trim());
      facetNames.forEach(function (name) {
        (state.chosen[name] || []).forEach(function (slug) { params.append(name, slug); });
      });
      if (state.sort !== DEFAULT_SORT) params.set("sort", state.sort);
      if (state.page > 1) params.set("page", state.page);
      var query = params.toString();
      try {
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      } catch (error) {
        if (window.console) console.warn("the address could not keep the search", error);
      }
    }

    function anyChosen() {
      return facetNames.some(function (name) { return (state.chosen[name] || []).length > 0; });
    }

    // ---- facets over all matches -----------------------------------------------------------------------------------

    /** The values (1-based indexes) a facet row has for facet number i of the index's facet names. */
    function rowValues(row, i) {
      var v = row && row[i + 1];
      return !v ? [] : typeof v === "number" ? [v] : v;
    }

    /** Whether a row passes every chosen filter except the one named skip (counts of a facet ignore its own choice). */
    function passes(row, wanted, skip) {
      for (var k = 0; k < wanted.length; k++) {
        var w = wanted[k];
        if (w.name === skip) continue;
        var values = rowValues(row, w.index), ok = false;
        for (var j = 0; j < values.length && !ok; j++) ok = w.set[values[j]] === true;
        if (!ok) return false;
      }
      return true;
    }

    function wantedFilters() {
      var f = current.facets, wanted = [];
      facetNames.forEach(function (name) {
        var index = f.names.indexOf(name), chosen = state.chosen[name] || [];
        if (index < 0 || !chosen.length) return;
        var set = {};
        (f.values[name] || []).forEach(function (pair, i) { if (chosen.indexOf(pair[0]) >= 0) set[i + 1] = true; });
        wanted.push({ name: name, index: index, set: set });
      });
      return wanted;
    }

    function valueLabel(name, pair) {
      if (name === "kind") return api.kindLabel(pair[0]);
      return pair[1] || pair[0];
    }

    /** The filter boxes of this query: every value some match has, in the index's order (built once per query). */
    function buildFacets() {
      facetsBox.textContent = "";
      boxes = {};
      var f = current.facets, rows = f.rows, ids = current.result.ranked;
      facetNames.forEach(function (name) {
        var index = f.names.indexOf(name);
        if (index < 0) return;
        var present = {};
        ids.forEach(function (id) { rowValues(rows[id], index).forEach(function (v) { present[v] = true; }); });
        var values = (f.values[name] || []).map(function (pair, i) { return { pair: pair, v: i + 1 }; })
          .filter(function (x) { return present[x.v] || (state.chosen[name] || []).indexOf(x.pair[0]) >= 0; });
        if (!values.length) return;
        var fieldset = el("fieldset", "portal-results-facet");
        fieldset.setAttribute("data-facet", name);
        fieldset.appendChild(el("legend", "", T["facet." + name] || name));
        var options = el("div", "portal-results-options");
        boxes[name] = [];
        values.forEach(function (x) {
          var label = el("label"), box = el("input"), count = el("span", "portal-count");
          box.type = "checkbox";
          box.value = x.pair[0];
          box.checked = (state.chosen[name] || []).indexOf(x.pair[0]) >= 0;
          box.addEventListener("change", function () { choose(name); });
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + valueLabel(name, x.pair) + " "));
          label.appendChild(count);
          options.appendChild(label);
          boxes[name].push({ box: box, v: x.v, count: count, label: label });
        });
        fieldset.appendChild(options);
        facetsBox.appendChild(fieldset);
      });
      filtersBox.hidden = !Object.keys(boxes).length;
      if (wide) filtersBox.open = true;  // on a phone the results come first; the count says when filters apply
    }

    function choose(name) {
      state.chosen[name] = boxes[name].filter(function (b) { return b.box.checked; })
        .map(function (b) { return b.box.value; });
      state.page = 1;
      render();
      writeUrl();
    }

    // ---- the matches shown -----------------------------------------------------------------------------------------

    function shownIds(wanted) {
      var rows = current.facets.rows, dateAt = 0;
      var ids = current.result.ranked.filter(function (id) { return passes(rows[id], wanted, null); });
      if (state.sort !== DEFAULT_SORT) {
        var rank = {}, newest = state.sort === "newest";
        ids.forEach(function (id, i) { rank[id] = i; });
        ids = ids.slice().sort(function (a, b) {
          var x = (rows[a] || [])[dateAt] || 0, y = (rows[b] || [])[dateAt] || 0;
          if (!x !== !y) return x ? -1 : 1;  // undated last either way
          return (newest ? y - x : x - y) || rank[a] - rank[b];
        });
      }
      return ids;
    }

    function updateCounts(wanted) {
      var rows = current.facets.rows, ids = current.result.ranked;
      Object.keys(boxes).forEach(function (name) {
        var index = current.facets.names.indexOf(name), counts = {};
        ids.forEach(function (id) {
          if (!passes(rows[id], wanted, name)) return;
          rowValues(rows[id], index).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
        });
        boxes[name].forEach(function (b) {
          var n = counts[b.v] || 0;
          b.count.textContent = "(" + n + ")";
          b.label.classList.toggle("portal-results-none", n === 0 && !b.box.checked);
        });
      });
    }

    function pageLink(text, number, role) {
      var a = el("a", "", text);
      var params = new URLSearchParams(window.location.search);
      if (number > 1) params.set("page", number); else params.delete("page");
      a.href = window.location.pathname + "?" + params.toString();
      a.setAttribute("data-role", role);
      if (role === "prev") a.rel = "prev";
      if (role === "next") a.rel = "next";
      a.addEventListener("click", function (event) {
        event.preventDefault();
        state.page = number;
        render();
        writeUrl();
        if (status.scrollIntoView) status.scrollIntoView();
      });
      return a;
    }

    function drawPager(pages) {
      pager.textContent = "";
      pager.hidden = pages <= 1;
      if (pages <= 1) return;
      if (state.page > 1) pager.appendChild(pageLink(page.getAttribute("data-words-prev"), state.page - 1, "prev"));
      var last = 0;
      for (var n = 1; n <= pages; n++) {
        if (n !== 1 && n !== pages && Math.abs(n - state.page) > 2) continue;
        if (n - last > 1) pager.appendChild(document.createTextNode(" … "));
        if (n === state.page) {
          var here = el("span", "", String(n));
          here.setAttribute("aria-current", "page");
          pager.appendChild(here);
        } else pager.appendChild(pageLink(String(n), n, "page"));
        pager.appendChild(document.createTextNode(" "));
        last = n;
      }
      if (state.page < pages) pager.appendChild(pageLink(page.getAttribute("data-words-next"), state.page + 1, "next"));
    }

    function render() {
      var mine = seq, wanted = wantedFilters(), ids = shownIds(wanted), total = current.result.total;
      updateCounts(wanted);
      clear.hidden = !anyChosen();
      helpFilters.hidden = !anyChosen();
      var pages = Math.max(1, Math.ceil(ids.length / perPage));
      if (state.page > pages) state.page = pages;
      status.textContent = !total ? T.none : anyChosen()
        ? countText(T.filtered, { n: ids.length, total: total }) : countText(T.count, { n: total });
      page.setAttribute("data-shown", String(ids.length));
      help.hidden = ids.length > 0;
      sortBox.hidden = ids.length < 2;
      drawPager(pages);
      var slice = ids.slice((state.page - 1) * perPage, state.page * perPage);
      page.setAttribute("aria-busy", "true");
      api.docs(slice).then(function (docs) {
        if (mine !== seq) return;
        list.textContent = "";
        docs.forEach(function (doc) {
          var href = api.href(doc.url);
          if (href === null) return;
          var item = el("li", "portal-results-item"), link = el("a", "portal-results-hit");
          link.href = href;
          api.fillHit(link, doc, current.result.parsed);
          item.appendChild(link);
          list.appendChild(item);
        });
        page.removeAttribute("aria-busy");
        page.setAttribute("data-ready", state.q);
      }, failed);
    }

    function failed(error) {
      status.textContent = T.failed;
      page.removeAttribute("aria-busy");
      if (window.console) console.error(error);
    }

    function search() {
      var mine = ++seq;
      input.value = state.q;
      current = null;
      list.textContent = "";
      pager.hidden = true;
      sortBox.hidden = true;
      filtersBox.hidden = true;
      help.hidden = true;
      note.hidden = true;
      page.removeAttribute("data-ready");
      sortSelect.value = state.sort;
      if (!state.q.trim()) {
        status.textContent = T.type_query;
        page.setAttribute("data-ready", "");
        return;
      }
      status.textContent = T.loading;
      page.setAttribute("aria-busy", "true");
      api.searchAll(state.q).then(function (result) {
        if (mine !== seq) return null;
        if (!result) {  // a query with no words (only punctuation)
          status.textContent = T.type_query;
          page.removeAttribute("aria-busy");
          page.setAttribute("data-ready", state.q);
          return null;
        }
        return api.facetRows(result.ranked).then(function (facets) {
          if (mine !== seq) return;
          note.textContent = result.repaired ? T.repaired_note || "" : result.partial ? T.partial_note || "" : "";
          note.hidden = !note.textContent || !result.total;
          current = { result: result, facets: facets };
          buildFacets();
          render();
        });
      }).catch(function (error) { if (mine === seq) failed(error); });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      state.q = input.value;
      state.page = 1;
      writeUrl();
      search();
    });
    sortSelect.addEventListener("change", function () {
      state.sort = sortSelect.value;
      state.page = 1;
      if (current) render();
      writeUrl();
    });
    clear.addEventListener("click", function () {
      facetNames.forEach(function (name) { state.chosen[name] = []; });
      Object.keys(boxes).forEach(function (name) { boxes[name].forEach(function (b) { b.box.checked = false; }); });
      state.page = 1;
      render();
      writeUrl();
    });
    // Back to this page from a result: a page from the back/forward cache still shows what it showed; a page loaded
    // again reads the query, filters, sort and page from the address (kept there by replaceState).
    readUrl();
    search();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
