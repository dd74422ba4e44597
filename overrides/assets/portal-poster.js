// Case page: printing it (its Print button or Ctrl+P) prints the one-page A4 事故墙 poster, made here from the page itself.
/* The case page carries its poster: when the page is printed this script builds an <article class="portal-poster">
   from the page's title, facts table, summary, direct causes, lessons and first source (texts cut by design,
   "…（详见网页）"), picks the largest text size (16 … 11.5 pt) at which it fills one A4 page, and draws a QR code of
   the case page with the vendored QR library (assets/vendor/, npm qrcode-generator, pinned and integrity-checked by
   tests/pages/test_poster_vendor.py). portal-poster.css shows only the poster in print. The QR code encodes the site's
   address of the page when the build knows it (data-portal-poster-absolute), else the address the page is read at
   over http(s), else (file://) the page's path under the portal's address with a note. Words: window.PortalWords
   [lang].poster (assets/portal-words.js, from portal/words/ui.yml). */
(function () {
  "use strict";
  var mark = document.querySelector("[data-portal-poster]");
  var lang = (document.documentElement.lang || "").indexOf("en") === 0 ? "en" : "zh";
  var W = window.PortalWords && window.PortalWords[lang] && window.PortalWords[lang].poster;
  if (!mark || !W) return;

  // The limits of the poster (what fits one A4 page at 11.5 pt; tests/pages/test_print.py prints over-long cases).
  var TITLE_STEPS = [[1.9, 80], [1.6, 95], [1.4, 108], [1.25, 122], [1.1, 138]];  // em size, display width at it
  var PLACE_WIDTH = 40, SUMMARY_WIDTH = 400, ITEM_WIDTH = 150, CAUSES = 3, LESSONS = 4, SOURCE_WIDTH = 110;
  // Space the lists leave unused goes to the summary (list lines counted at LIST_LINE units, a freed line lends the
  // summary SUMMARY_LINE units).
  var LIST_LINE = 76, SUMMARY_LINE = 72;
  var SIZES = [16, 15.5, 15, 14.5, 14, 13.5, 13, 12.5, 12, 11.5];  // pt, largest first
  var RESERVE_MM = 2;  // kept free above the page's bottom padding: print and screen layout may differ slightly
  var SVG = "http://www.w3.org/2000/svg";
  var QR_LIBRARY = "vendor/qrcode-generator-2.0.4.js";

  var here = document.currentScript && document.currentScript.src;
  if (here) {  // the poster's stylesheet and the QR library, next to this script
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = here.replace(/portal-poster\.js(\?.*)?$/, "portal-poster.css");
    document.head.appendChild(style);
    if (!window.qrcode) {
      var library = document.createElement("script");
      library.src = here.replace(/portal-poster\.js(\?.*)?$/, QR_LIBRARY);
      document.head.appendChild(library);
    }
  }

  // -- texts cut by design (display width: a wide CJK character counts 2, others 1) ---------------------------------
  function wide(code) {
    return (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF && code !== 0x303F) ||
      (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) || (code >= 0xFE30 && code <= 0xFE4F) ||
      (code >= 0xFF00 && code <= 0xFF60) || (code >= 0xFFE0 && code <= 0xFFE6) || (code >= 0x20000 && code <= 0x3FFFD);
  }
  function charWidth(ch) { return wide(ch.codePointAt(0)) ? 2 : 1; }
  function displayWidth(text) {
    var width = 0;
    for (var ch of text) width += charWidth(ch);
    return width;
  }
  function squeeze(text) { return (text || "").replace(/\s+/g, " ").trim(); }
  var ALNUM = /[\p{L}\p{N}]/u;

  // `text` cut to at most `width` units, ending in "…" + tail when cut; with wholeWords the cut moves back to a space.
  function shorten(text, width, tail, wholeWords) {
    tail = tail || "";
    text = squeeze(text);
    if (displayWidth(text) <= width) return text;
    var chars = Array.from(text), budget = width - displayWidth("…" + tail), used = 0, end = chars.length;
    for (var i = 0; i < chars.length; i += 1) {
      used += charWidth(chars[i]);
      if (used > budget) { end = i; break; }
    }
    if (wholeWords && end > 0 && end < chars.length && ALNUM.test(chars[end - 1]) && ALNUM.test(chars[end])) {
      var space = chars.slice(0, end).lastIndexOf(" ");
      if (space > 0) return chars.slice(0, space).join("").replace(/[ ,;:\-(]+$/, "") + "…" + tail;
    }
    return chars.slice(0, end).join("").trimEnd() + "…" + tail;
  }

  // Province, city and detail joined while they fit: a part that does not fit is left out whole (never cut).
  function placeWithin(parts, width) {
    var shown = [];
    for (var i = 0; i < parts.length; i += 1) {
      if (displayWidth(shown.concat(parts[i]).join(" ")) > width) break;
      shown.push(parts[i]);
    }
    return shown.join(" ") || (parts.length ? shorten(parts[0], width) : "");
  }

  // The title and its largest size step: the first step it fits, else cut (at a space) at the smallest step.
  function posterTitle(title) {
    title = squeeze(title);
    for (var i = 0; i < TITLE_STEPS.length; i += 1) {
      if (displayWidth(title) <= TITLE_STEPS[i][1]) return [title, i];
    }
    return [shorten(title, TITLE_STEPS[TITLE_STEPS.length - 1][1], "", true), TITLE_STEPS.length - 1];
  }

  // -- what the case page says ---------------------------------------------------------------------------------------
  var record = mark.closest(".portal-case") || document.body;

  // An element's text without the "Chinese only" markers and small print.
  function clean(element, drop) {
    if (!element) return "";
    var copy = element.cloneNode(true);
    copy.querySelectorAll("small, .portal-zh-only" + (drop ? ", " + drop : "")).forEach(function (el) { el.remove(); });
    return squeeze(copy.textContent);
  }
  function otherLang(element) {  // the language of a text shown in the other language (a fallback), else ""
    var marked = element && (element.hasAttribute("lang") ? element : element.querySelector("[lang]"));
    return marked ? marked.getAttribute("lang") : "";
  }
  function factCell(label) {
    var rows = record.querySelectorAll(".portal-facts tr");
    for (var i = 0; i < rows.length; i += 1) {
      var th = rows[i].querySelector("th");
      if (th && squeeze(th.textContent) === label) return rows[i].querySelector("td");
    }
    return null;
  }
  function fact(key) { return clean(factCell(W[key]), ".portal-not-stated"); }
  function section(anchor) {  // the elements after the heading with this id, up to the next heading
    var heading = record.querySelector("h2#" + anchor), out = [];
    for (var el = heading && heading.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) out.push(el);
    return out;
  }
  function items(anchor) {
    var list = section(anchor).filter(function (el) { return el.tagName === "OL" || el.tagName === "UL"; })[0];
    return list ? Array.prototype.map.call(list.children, function (li) { return {text: clean(li), lang: otherLang(li)}; }) : [];
  }

  function layout() {
    var place = factCell(W.place), parts = [];
    if (place) {
      var where = place.cloneNode(true);
      where.querySelectorAll("span").forEach(function (el) { el.remove(); });
      parts = [clean(where)].concat(Array.prototype.map.call(place.querySelectorAll("span"), function (span) { return clean(span); })).filter(Boolean);
    }
    var people = [W.deaths_n.replace("{n}", fact("deaths") || "0")];
    [["missing", "missing_n"], ["serious_injuries", "serious_n"], ["injuries", "injured_n"]].forEach(function (pair) {
      var n = fact(pair[0]);
      if (n && n !== "0") people.push(W[pair[1]].replace("{n}", n));
    });
    var tail = W.more_online, causes = items("direct-causes"), lessons = items("lessons");
    function capped(list, count) {
      return list.slice(0, count).map(function (item) { return {text: shorten(item.text, ITEM_WIDTH, tail), lang: item.lang}; });
    }
    function lines(list) {
      return list.reduce(function (sum, item) { return sum + Math.ceil(displayWidth(item.text) / LIST_LINE); }, 0);
    }
    var shownCauses = capped(causes, CAUSES), shownLessons = capped(lessons, LESSONS);
    var moreCauses = Math.max(0, causes.length - CAUSES), moreLessons = Math.max(0, lessons.length - LESSONS);
    var mostLines = (CAUSES + LESSONS) * Math.ceil(ITEM_WIDTH / LIST_LINE) + 2;  // + two "N more" lines
    var usedLines = lines(shownCauses) + lines(shownLessons) + (moreCauses ? 1 : 0) + (moreLessons ? 1 : 0);
    var summary = section("summary");
    var source = record.querySelector(".portal-sources > li");
    var title = posterTitle(clean(record.querySelector("h1")));
    return {
      title: title[0], titleStep: title[1],
      date: fact("date"), tier: fact("tier"), accidentType: fact("accident_type"), industry: fact("industry"),
      place: placeWithin(parts, PLACE_WIDTH), people: people.join(" · "), loss: fact("direct_loss"),
      summaryText: summary.map(function (el) { return clean(el); }).join(" "),
      summaryLang: summary.length ? otherLang(summary[0]) : "",
      summaryWidth: SUMMARY_WIDTH + (mostLines - usedLines) * SUMMARY_LINE,
      causes: shownCauses, moreCauses: moreCauses, lessons: shownLessons, moreLessons: moreLessons,
      noReport: mark.hasAttribute("data-portal-poster-no-report"),
      source: source ? shorten(clean(source).split(" — ")[0], SOURCE_WIDTH) : "",
    };
  }

  // -- the poster ----------------------------------------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // What the QR code encodes, and whether it is a full address.
  function target() {
    if (mark.hasAttribute("data-portal-poster-absolute")) return {text: mark.getAttribute("data-portal-poster"), absolute: true};
    if (/^https?:$/.test(location.protocol)) return {text: location.href.split("#")[0], absolute: true};
    return {text: mark.getAttribute("data-portal-poster"), absolute: false};
  }

  // An SVG QR code (error correction M): a run of dark modules is one stroked segment; no text of the page in it.
  function qrSvg(text) {
    if (!window.qrcode) return null;
    window.qrcode.stringToBytes = window.qrcode.stringToBytesFuncs["UTF-8"];
    var qr = window.qrcode(0, "M");
    qr.addData(text);
    qr.make();
    var count = qr.getModuleCount(), border = 2, size = count + 2 * border, d = [];
    for (var y = 0; y < count; y += 1) {
      for (var x = 0; x < count; x += 1) {
        if (!qr.isDark(y, x)) continue;
        var start = x;
        while (x + 1 < count && qr.isDark(y, x + 1)) x += 1;
        d.push("M" + (start + border) + " " + (y + border) + ".5h" + (x - start + 1));
      }
    }
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("class", "portal-print-qr-code");
    svg.setAttribute("aria-hidden", "true");
    var back = document.createElementNS(SVG, "path"), code = document.createElementNS(SVG, "path");
    back.setAttribute("fill", "#fff");
    back.setAttribute("d", "M0 0h" + size + "v" + size + "h-" + size + "z");
    code.setAttribute("stroke", "#000");
    code.setAttribute("d", d.join(""));
    svg.appendChild(back);
    svg.appendChild(code);
    return svg;
  }

  function list(entries, className) {
    var ol = el("ol", className);
    entries.forEach(function (item) {
      var li = el("li", "", item.text);
      if (item.lang) li.setAttribute("lang", item.lang);
      ol.appendChild(li);
    });
    return ol;
  }

  function build(p) {
    var poster = el("article", "portal-poster");
    poster.setAttribute("data-kind", "cases");
    poster.setAttribute("data-id", record.getAttribute("data-id") || "");
    poster.appendChild(el("p", "portal-poster-band", W.wall));
    poster.appendChild(el("h1", "portal-poster-title", p.title));
    var facts = el("dl", "portal-poster-facts");
    function add(label, value, className) {
      if (!value) return;
      var row = el("div", className);
      row.appendChild(el("dt", "", label));
      row.appendChild(el("dd", "", value));
      facts.appendChild(row);
    }
    add(W.date, p.date);
    add(W.tier, p.tier);
    add(W.accident_type, p.accidentType);
    add(W.industry, p.industry);
    add(W.place, p.place || " ", "portal-poster-wide portal-poster-place");
    add(W.people, p.people, "portal-poster-wide portal-poster-people");
    add(W.direct_loss, p.loss, "portal-poster-wide");
    poster.appendChild(facts);
    poster.appendChild(el("h2", "", W.summary));
    var summary = el("p", "portal-poster-summary");
    if (p.summaryLang) summary.setAttribute("lang", p.summaryLang);
    poster.appendChild(summary);
    [[p.causes, p.moreCauses, W.direct_causes, ""], [p.lessons, p.moreLessons, W.lessons, " portal-poster-lessons"]].forEach(function (part) {
      if (!part[0].length) return;
      poster.appendChild(el("h2", "", part[2]));
      poster.appendChild(list(part[0], "portal-poster-list" + part[3]));
      if (part[1]) poster.appendChild(el("p", "portal-poster-more", W.more_items.replace("{n}", part[1])));
    });
    if (p.noReport) poster.appendChild(el("p", "portal-poster-no-report", W.no_report));
    var foot = el("footer", "portal-poster-foot"), where = target(), code = qrSvg(where.text);
    if (code) foot.appendChild(code);
    var words = el("p");
    words.appendChild(el("strong", "", W.scan_poster));
    words.appendChild(el("br"));
    words.appendChild(el("span", "portal-print-url", where.text + (where.absolute ? "" : W.relative_note)));
    if (p.source) {
      words.appendChild(el("br"));
      words.appendChild(document.createTextNode(W.source + ": " + p.source));
    }
    foot.appendChild(words);
    poster.appendChild(foot);
    return poster;
  }

  // -- fitting: the largest text size at which everything fits the page (measured, the poster laid out off screen) --
  var MM = 96 / 25.4;
  function overflows(poster) {  // the texts and the footer (pushed to the bottom) need more than the page's height
    var box = poster.getBoundingClientRect(), foot = poster.querySelector(".portal-poster-foot");
    var bottom = box.bottom - parseFloat(getComputedStyle(poster).paddingBottom) - RESERVE_MM * MM;
    var last = foot.previousElementSibling.getBoundingClientRect().bottom;
    return poster.scrollHeight > poster.clientHeight + 1 || last + foot.getBoundingClientRect().height > bottom + 0.5;
  }
  function setSize(poster, size) {
    poster.className = poster.className.replace(/ portal-poster-size-\d+/g, "") + " portal-poster-size-" + Math.round(size * 10);
  }
  function setTitle(title, step) {
    title.className = "portal-poster-title portal-poster-title-" + Math.round(TITLE_STEPS[step][0] * 100);
  }
  function titleLines(title) {
    var style = getComputedStyle(title);
    return Math.round(title.getBoundingClientRect().height / (parseFloat(style.fontSize) * 1.2));
  }
  function fit(poster, p) {
    var title = poster.querySelector(".portal-poster-title"), summary = poster.querySelector(".portal-poster-summary");
    var width = p.summaryWidth;
    summary.textContent = shorten(p.summaryText, width, W.more_online);
    for (var i = 0; i < SIZES.length; i += 1) {
      setSize(poster, SIZES[i]);
      var step = p.titleStep;  // the largest step up to the title's own at which it takes at most two lines
      for (var s = 0; s < TITLE_STEPS.length; s += 1) {
        if (s < p.titleStep) continue;
        setTitle(title, s);
        step = s;
        if (titleLines(title) <= 2) break;
      }
      setTitle(title, step);
      if (!overflows(poster)) return;
    }
    while (overflows(poster) && width > 40) {  // by design never needed; a safety net: the summary gives way
      width = Math.floor(width * 0.85);
      summary.textContent = shorten(p.summaryText, width, W.more_online);
    }
  }

  var current = null;
  function show() {
    if (current) current.remove();
    var p = layout();
    current = build(p);
    document.body.appendChild(current);
    document.documentElement.classList.add("portal-poster-on");
    fit(current, p);
  }
  function hide() {
    document.documentElement.classList.remove("portal-poster-on");
    if (current) current.remove();
    current = null;
  }
  window.addEventListener("beforeprint", show);
  window.addEventListener("afterprint", hide);
  var printing = window.matchMedia && window.matchMedia("print");
  if (printing && printing.addEventListener) {
    printing.addEventListener("change", function (event) {  // browsers without beforeprint; print emulation
      if (event.matches && !current) show();
      else if (!event.matches) hide();
    });
  }
  window.addEventListener("load", function () {  // a page opened to be printed (print media from the start)
    if (printing && printing.matches && !current) show();
  });
  window.PortalPoster = {show: show, hide: hide};  // for tests: the poster as printing would build it

  var button = mark.querySelector("button");
  if (button && typeof window.print === "function") {
    mark.hidden = false;
    mark.appendChild(document.createTextNode(" "));
    mark.appendChild(el("small", "", W.how_poster));
    button.addEventListener("click", function () { window.print(); });
  }
})();
