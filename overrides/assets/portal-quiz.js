// Quiz practice (一日一题): today's question first (from the device's date), tap an answer, a round of N with a score; nothing leaves the device.
(function () {
  "use strict";

  // The same day number as Python's date.toordinal() (days since 0001-01-01), as the kiosk and the build use.
  function dayNumber() {
    var now = new Date();
    return Math.floor(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86400000) + 719163;
  }

  function setup(quiz) {
    var questions = Array.prototype.slice.call(quiz.querySelectorAll(".portal-question"));
    if (!questions.length) return;
    var words = quiz.querySelector("[data-quiz-text]");
    var bar = quiz.querySelector(".portal-quiz-bar");
    var score = quiz.querySelector("[data-quiz-score]");
    var roundButton = quiz.querySelector("[data-quiz-round]");
    var allButton = quiz.querySelector("[data-quiz-all]");
    var size = parseInt(quiz.getAttribute("data-round-size"), 10) || 5;
    var answered = 0, right = 0;
    bar.hidden = false;

    // Today's question: the same for everyone on a given day, picked here so it changes without a rebuild.
    var today = questions[dayNumber() % questions.length];
    today.classList.add("portal-today");
    var badge = document.createElement("p");
    badge.className = "portal-today-badge";
    badge.textContent = "★ " + words.getAttribute("data-today");
    today.insertBefore(badge, today.firstChild);
    if (questions[0] !== today) quiz.insertBefore(today, questions[0]);

    function showScore() {
      score.textContent = answered ? words.getAttribute("data-score").replace("{right}", right).replace("{n}", answered) : "";
    }

    questions.forEach(function (question) {
      // The right choices: one index, or several for a multiple-choice question (tap each, then submit).
      var answers = question.getAttribute("data-answer").split(",").map(function (a) { return parseInt(a, 10); });
      var multiple = question.getAttribute("data-type") === "multiple";
      var verdict = question.querySelector(".portal-quiz-verdict");
      var details = question.querySelector("details");
      var submit = question.querySelector("[data-quiz-submit]");
      var buttons = Array.prototype.slice.call(question.querySelectorAll(".portal-choice"));
      details.hidden = true;  // the answer appears once the question is answered (without JavaScript: the <details>)

      function settle(chosen) {
        var isRight = chosen.length === answers.length && chosen.every(function (c) { return answers.indexOf(c) !== -1; });
        question.classList.add("portal-answered");
        buttons.forEach(function (other, index) {
          other.setAttribute("aria-pressed", String(chosen.indexOf(index) !== -1));
          if (answers.indexOf(index) !== -1) other.classList.add("portal-choice-right");
          else if (chosen.indexOf(index) !== -1) other.classList.add("portal-choice-wrong");
        });
        if (submit) submit.hidden = true;
        verdict.hidden = false;
        verdict.textContent = isRight ? words.getAttribute("data-right") : words.getAttribute("data-wrong");
        verdict.className = "portal-quiz-verdict " + (isRight ? "portal-right" : "portal-wrong");
        details.hidden = false;
        details.open = true;
        answered += 1;
        if (isRight) right += 1;
        showScore();
      }

      if (submit) {
        submit.hidden = false;
        submit.title = words.getAttribute("data-pick");
        submit.addEventListener("click", function () {
          if (question.classList.contains("portal-answered")) return;
          var chosen = [];
          buttons.forEach(function (b, index) { if (b.getAttribute("aria-pressed") === "true") chosen.push(index); });
          if (chosen.length) settle(chosen);
        });
      }
      buttons.forEach(function (button) {
        button.disabled = false;
        if (multiple) button.setAttribute("aria-pressed", "false");
        button.addEventListener("click", function () {
          if (question.classList.contains("portal-answered")) return;
          var chosen = parseInt(button.getAttribute("data-choice"), 10);
          if (multiple) {
            button.setAttribute("aria-pressed", String(button.getAttribute("aria-pressed") !== "true"));
            return;
          }
          settle([chosen]);
        });
      });
    });

    function reset(question) {
      question.classList.remove("portal-answered");
      question.querySelector(".portal-quiz-verdict").hidden = true;
      question.querySelector("details").open = false;
      question.querySelector("details").hidden = true;
      var multiple = question.getAttribute("data-type") === "multiple";
      var submit = question.querySelector("[data-quiz-submit]");
      if (submit) submit.hidden = false;
      Array.prototype.forEach.call(question.querySelectorAll(".portal-choice"), function (b) {
        b.classList.remove("portal-choice-right", "portal-choice-wrong");
        if (multiple) b.setAttribute("aria-pressed", "false"); else b.removeAttribute("aria-pressed");
      });
    }

    roundButton.addEventListener("click", function () {
      var pool = questions.slice();
      for (var i = pool.length - 1; i > 0; i--) {
        var j = Math.floor(Math.random() * (i + 1));
        var swap = pool[i]; pool[i] = pool[j]; pool[j] = swap;
      }
      var chosen = pool.slice(0, size);
      questions.forEach(function (q) { q.hidden = chosen.indexOf(q) === -1; reset(q); });
      chosen.forEach(function (q) { quiz.appendChild(q); });
      answered = 0; right = 0; showScore();
      allButton.hidden = false;
      chosen[0].scrollIntoView({ block: "start" });
    });
    allButton.addEventListener("click", function () {
      questions.forEach(function (q) { q.hidden = false; });
      allButton.hidden = true;
    });
  }

  function init() {
    // In the kiosk attract loop kiosk.js shows the question of the day itself (no tapping there).
    Array.prototype.forEach.call(document.querySelectorAll("[data-portal-quiz]"), function (quiz) {
      if (!quiz.closest("[data-kiosk-attract-loop]")) setup(quiz);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
