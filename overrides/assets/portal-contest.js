// 知识竞赛: picks questions from the page's bank by topic, hazard hub and type with a seeded order, lays out the A4 paper, answer sheet and key, or runs a timed round with a score; nothing leaves the device.
(function () {
  "use strict";

  // A small seeded generator (mulberry32): the same seed gives the same order in every browser.
  function seeded(seed) {
    var state = seed >>> 0;
    return function () {
      state = (state + 0x6D2B79F5) >>> 0;
      var t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? String(values[name]) : whole; });
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;  // data text is always set as text, never as HTML
    return el;
  }

  function checked(form, name) {
    return Array.prototype.filter.call(form.querySelectorAll("input[name='" + name + "']"), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
  }

  function setup(root) {
    var bank = JSON.parse(root.querySelector("[data-contest-bank]").textContent);
    var words = JSON.parse(root.querySelector("[data-contest-words]").textContent);
    var form = root.querySelector("[data-contest-form]");
    var matching = root.querySelector("[data-contest-matching]");
    var printArea = root.querySelector("[data-contest-print]");
    var roundArea = root.querySelector("[data-contest-round]");
    var letters = "ABCDEF";
    var timer = null;
    form.hidden = false;

    // -- the selection -----------------------------------------------------------------------------------------------
    function choice() {
      var other = form.querySelector("input[name='count_other']");
      var seedInput = form.querySelector("input[name='seed']");
      var count = other && parseInt(other.value, 10) > 0 ? parseInt(other.value, 10) : parseInt(checked(form, "count")[0], 10);
      var seed = seedInput && parseInt(seedInput.value, 10) > 0 ? parseInt(seedInput.value, 10) : 0;
      return {topics: checked(form, "topic"), hubs: checked(form, "hub"), types: checked(form, "type"),
              count: count || 10, seed: seed, seconds: parseInt(checked(form, "seconds")[0], 10) || 30};
    }

    // A question matches when it has one of the chosen topics or hubs (any, when none is chosen) and a chosen type.
    function pool(c) {
      var limited = c.topics.length + c.hubs.length > 0;
      return bank.filter(function (q) {
        if (c.types.indexOf(q.type) === -1) return false;
        if (!limited) return true;
        return q.topics.some(function (t) { return c.topics.indexOf(t) !== -1; }) ||
          q.hubs.some(function (h) { return c.hubs.indexOf(h) !== -1; });
      });
    }

    function pick(c) {
      var questions = pool(c).slice();  // the bank is sorted by id: the seed alone decides the order
      var random = seeded(c.seed);
      for (var i = questions.length - 1; i > 0; i--) {
        var j = Math.floor(random() * (i + 1));
        var swap = questions[i]; questions[i] = questions[j]; questions[j] = swap;
      }
      return questions.slice(0, c.count);
    }

    function newSeed() { return 100000 + Math.floor(Math.random() * 900000); }

    function showMatching() {
      var c = choice(), n = pool(c).length;
      matching.textContent = n ? fill(words["contest.matching"], {n: n}) +
        (n < c.count ? " " + fill(words["contest.too_few"], {n: n}) : "") : words["contest.none"];
      return n;
    }

    function remember(c) {
      // The selection goes into the address, so that the page (or a bookmark) gives the same paper again.
      var params = ["seed=" + c.seed, "n=" + c.count];
      if (c.topics.length) params.push("topics=" + c.topics.join(","));
      if (c.hubs.length) params.push("hubs=" + c.hubs.join(","));
      params.push("types=" + c.types.join(","));
      try {
        history.replaceState(null, "", "?" + params.join("&") + location.hash);
      } catch (error) {
        matching.setAttribute("data-address-kept", "false");  // some browsers refuse it on file://: the paper shows its number
      }
    }

    function restore() {
      var params = {};
      location.search.replace(/^\?/, "").split("&").forEach(function (part) {
        var pair = part.split("=");
        if (pair[0]) params[decodeURIComponent(pair[0])] = decodeURIComponent(pair[1] || "");
      });
      if (!params.seed) return false;
      var lists = {topic: params.topics, hub: params.hubs, type: params.types};
      Object.keys(lists).forEach(function (name) {
        if (lists[name] === undefined) return;
        var wanted = lists[name] ? lists[name].split(",") : [];
        Array.prototype.forEach.call(form.querySelectorAll("input[name='" + name + "']"), function (input) {
          input.checked = wanted.indexOf(input.value) !== -1;
        });
      });
      var seedInput = form.querySelector("input[name='seed']");
      if (seedInput) seedInput.value = params.seed;
      var n = parseInt(params.n, 10), radio = form.querySelector("input[name='count'][value='" + n + "']");
      var other = form.querySelector("input[name='count_other']");
      if (radio) radio.checked = true; else if (other && n > 0) other.value = n;
      return true;
    }

    // -- the paper, the answer sheet and the key -------------------------------------------------------------------
    function header(sheet, title, c, n) {
      sheet.appendChild(element("h2", "portal-paper-title", title));
      var line = element("p", "portal-paper-fields");
      [words["contest.name"], words["contest.unit"], words["contest.score"]].forEach(function (label) {
        var field = element("span", "portal-paper-field");
        field.appendChild(element("span", "", label + "："));
        field.appendChild(element("span", "portal-paper-blank"));
        line.appendChild(field);
      });
      sheet.appendChild(line);
      sheet.appendChild(element("p", "portal-paper-code", fill(words["contest.paper_code"], {seed: c.seed, n: n})));
    }

    function citeLink(q) {
      var link = element("a", "", q.cite);
      link.href = q.href;  // a relative link the build made to the cited article
      return link;
    }

    function answerLetters(q) {
      return q.answer.map(function (a) { return letters.charAt(a); }).join("");
    }

    // One printed part (paper, answer sheet): a section with its marker, title, name/unit/score line and paper number.
    function part(className, marker, title, c, n) {
      var section = element("section", className);
      section.setAttribute(marker, "");
      header(section, title, c, n);
      return section;
    }

    function listOf(className, questions, make) {
      var list = element("ol", className);
      questions.forEach(function (q) { list.appendChild(make(q)); });
      return list;
    }

    function makePaper(c, questions) {
      var sheets = printArea.querySelector("[data-contest-sheets]");
      sheets.textContent = "";
      var paper = part("portal-paper", "data-contest-paper", words["contest.paper_title"], c, questions.length);
      paper.appendChild(listOf("portal-paper-questions", questions, function (q) {
        var item = element("li", "portal-paper-question");
        item.setAttribute("data-id", q.id);
        var stem = element("p", "portal-paper-stem");
        stem.appendChild(element("span", "portal-paper-type", "［" + words["question_type." + q.type] + "］"));
        stem.appendChild(document.createTextNode(q.question + "（　　）"));
        item.appendChild(stem);
        var choices = element("ol", "portal-paper-choices");
        choices.setAttribute("type", "A");
        q.choices.forEach(function (text) { choices.appendChild(element("li", "", text)); });
        item.appendChild(choices);
        return item;
      }));

      var sheet = part("portal-answer-sheet", "data-contest-sheet", words["contest.sheet_title"], c, questions.length);
      sheet.appendChild(listOf("portal-sheet-grid", questions, function (q) {
        var row = element("li", "portal-sheet-row");
        q.choices.forEach(function (text, index) { row.appendChild(element("span", "portal-sheet-box", letters.charAt(index))); });
        return row;
      }));

      var key = element("section", "portal-answer-key");
      key.setAttribute("data-contest-key", "");
      key.appendChild(element("h2", "portal-paper-title", words["contest.key_title"]));
      key.appendChild(element("p", "portal-paper-code", fill(words["contest.paper_code"], {seed: c.seed, n: questions.length})));
      key.appendChild(listOf("portal-key-list", questions, function (q) {
        var item = element("li", "portal-key-item");
        item.setAttribute("data-answer", answerLetters(q));
        var line = element("p");
        line.appendChild(element("strong", "portal-key-letters", answerLetters(q)));
        line.appendChild(document.createTextNode(" " + q.answer.map(function (a) { return q.choices[a]; }).join("；")));
        item.appendChild(line);
        var cite = element("p", "portal-key-cite");
        cite.appendChild(document.createTextNode(words["contest.cites"] + "："));
        cite.appendChild(citeLink(q));
        item.appendChild(cite);
        item.appendChild(element("p", "portal-key-explanation", words.explanation + "：" + q.explanation));
        return item;
      }));
      sheets.appendChild(paper);
      sheets.appendChild(sheet);
      sheets.appendChild(key);
      printArea.hidden = false;
      document.body.classList.add("portal-contest-printing");
    }

    // -- the timed round ---------------------------------------------------------------------------------------------
    function clock(ms) {
      var s = Math.max(0, Math.ceil(ms / 1000));
      return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
    }

    function startRound(c, questions) {
      if (timer) window.clearInterval(timer);
      var given = [], index = 0, deadline = Date.now() + c.seconds * 1000 * questions.length;
      roundArea.textContent = "";
      roundArea.hidden = false;
      var status = element("p", "portal-round-status");
      var progress = element("span", "portal-round-progress");
      var left = element("span", "portal-round-timer");
      left.setAttribute("role", "timer");
      left.setAttribute("data-round-timer", "");
      status.appendChild(progress);
      status.appendChild(left);
      var stage = element("div", "portal-round-stage");
      roundArea.appendChild(element("h2", "portal-round-title", words["contest.round_title"] || ""));
      roundArea.appendChild(status);
      roundArea.appendChild(stage);

      function tick() {
        var remaining = deadline - Date.now();
        left.textContent = fill(words["contest.time_left"], {time: clock(remaining)});
        if (remaining <= 0) finish(true);
      }

      function show() {
        var q = questions[index];
        stage.textContent = "";
        progress.textContent = fill(words["contest.round_of"], {i: index + 1, n: questions.length});
        var card = element("section", "portal-round-question");
        card.setAttribute("data-id", q.id);
        card.setAttribute("data-type", q.type);
        var stem = element("h3", "", "");
        stem.appendChild(element("span", "portal-question-type", words["question_type." + q.type]));
        stem.appendChild(document.createTextNode(" " + q.question));
        card.appendChild(stem);
        var list = element("ol", "portal-choices");
        list.setAttribute("type", "A");
        var buttons = q.choices.map(function (text, i) {
          var item = element("li");
          var button = element("button", "portal-choice", text);
          button.type = "button";
          button.setAttribute("data-choice", String(i));
          if (q.type === "multiple") button.setAttribute("aria-pressed", "false");
          button.addEventListener("click", function () {
            if (q.type === "multiple") {
              button.setAttribute("aria-pressed", String(button.getAttribute("aria-pressed") !== "true"));
            } else {
              answer([i]);
            }
          });
          item.appendChild(button);
          list.appendChild(item);
          return button;
        });
        card.appendChild(list);
        if (q.type === "multiple") {
          var submit = element("button", "md-button portal-round-submit", words["contest.submit"]);
          submit.type = "button";
          submit.setAttribute("data-round-submit", "");
          submit.addEventListener("click", function () {
            var chosen = [];
            buttons.forEach(function (b, i) { if (b.getAttribute("aria-pressed") === "true") chosen.push(i); });
            if (chosen.length) answer(chosen);
          });
          card.appendChild(submit);
        }
        stage.appendChild(card);
        buttons[0].focus();
      }

      function answer(chosen) {
        given[index] = chosen;
        index += 1;
        if (index < questions.length) show(); else finish(false);
      }

      function isRight(q, chosen) {
        return !!chosen && chosen.length === q.answer.length && chosen.every(function (a) { return q.answer.indexOf(a) !== -1; });
      }

      function finish(timeUp) {
        window.clearInterval(timer);
        timer = null;
        var right = questions.filter(function (q, i) { return isRight(q, given[i]); }).length;
        stage.textContent = "";
        if (timeUp) stage.appendChild(element("p", "portal-round-timeup", words["contest.time_up"]));
        var score = element("p", "portal-round-score", fill(words["contest.result"], {right: right, n: questions.length}));
        score.setAttribute("data-round-score", "");
        score.setAttribute("aria-live", "polite");
        stage.appendChild(score);
        var review = element("ol", "portal-round-review");
        questions.forEach(function (q, i) {
          var ok = isRight(q, given[i]);
          var item = element("li", ok ? "portal-right" : "portal-wrong");
          item.appendChild(element("p", "", (ok ? "✔ " + words["contest.right"] : "✘ " + words["contest.wrong"]) + " — " + q.question));
          var line = element("p", "", words["contest.answer"] + "：" + answerLetters(q) + " " +
            q.answer.map(function (a) { return q.choices[a]; }).join("；") + " · " + words["contest.cites"] + "：");
          line.appendChild(citeLink(q));
          item.appendChild(line);
          review.appendChild(item);
        });
        stage.appendChild(review);
        score.scrollIntoView({block: "start"});
      }

      show();
      tick();
      timer = window.setInterval(tick, 1000);
      roundArea.scrollIntoView({block: "start"});
    }

    // -- the form ----------------------------------------------------------------------------------------------------
    function go(round) {
      var c = choice();
      if (!showMatching()) return;
      if (!c.seed) {
        c.seed = newSeed();
        var seedInput = form.querySelector("input[name='seed']");
        if (seedInput) seedInput.value = c.seed;
      }
      var questions = pick(c);
      if (round) { startRound(c, questions); return; }
      remember(c);
      makePaper(c, questions);
      printArea.scrollIntoView({block: "start"});
    }

    form.addEventListener("change", showMatching);
    form.addEventListener("submit", function (event) { event.preventDefault(); go(false); });
    root.querySelector("[data-contest-start]").addEventListener("click", function () { go(true); });
    var printButton = root.querySelector("[data-contest-print-button]");
    if (printButton) printButton.addEventListener("click", function () { window.print(); });
    if (printArea && restore()) go(false); else showMatching();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-portal-contest]"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
