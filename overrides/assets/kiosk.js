// Kiosk behaviour (kiosk variant only): back to the attract loop when idle, slide rotation, a touch leaves the loop.
(function () {
  "use strict";

  var ACTIVITY = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "scroll", "input"];
  var PYTHON_ORDINAL_OF_1970_01_01 = 719163;  // datetime.date(1970, 1, 1).toordinal()
  var RELOAD_AFTER_MS = 60 * 60 * 1000;  // the loop reloads itself hourly (new build, fresh memory) if the server answers

  function dayOrdinal(now) {
    // The local calendar date as Python's date.toordinal(): same question of the day as the build's renderer.
    return Math.floor(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86400000) + PYTHON_ORDINAL_OF_1970_01_01;
  }

  function watchIdle(bar) {
    var seconds = parseInt(bar.getAttribute("data-kiosk-idle-seconds"), 10);
    var attract = bar.getAttribute("data-kiosk-attract");
    if (!(seconds > 0) || !attract) return;
    var last = Date.now();
    function active() { last = Date.now(); }
    ACTIVITY.forEach(function (name) { window.addEventListener(name, active, { capture: true, passive: true }); });
    window.setInterval(function () {
      if (Date.now() - last >= seconds * 1000) window.location.replace(attract);
    }, 250);
  }

  function chooseQuestion(loop) {
    var questions = loop.querySelectorAll(".portal-question");
    if (!questions.length) return;
    var today = dayOrdinal(new Date()) % questions.length;
    Array.prototype.forEach.call(questions, function (question, index) {
      question.classList.toggle("portal-today", index === today);
      var answer = question.querySelector("details");
      if (answer) answer.open = false;
    });
  }

  function reloadIfReachable() {
    // Only reload when the page can be fetched again: an unreachable server must not leave an error page on screen.
    if (!window.fetch) return;
    window.fetch(window.location.href, { method: "HEAD", cache: "no-store" }).then(function (response) {
      if (response.ok) window.location.reload();
    }, function () {});
  }

  function runLoop(loop) {
    var slides = Array.prototype.slice.call(loop.querySelectorAll("[data-kiosk-slide]"));
    var seconds = parseInt(loop.getAttribute("data-kiosk-slide-seconds"), 10) || 12;
    var home = loop.getAttribute("data-kiosk-home") || "../";
    var current = -1;
    var reveal = null;
    var started = Date.now();
    document.documentElement.classList.add("portal-kiosk-rotating");

    function show(index) {
      current = index % slides.length;
      if (current === 0 && Date.now() - started > RELOAD_AFTER_MS) reloadIfReachable();
      if (current === 0) chooseQuestion(loop);  // a loop left running overnight moves on to the new day's question
      slides.forEach(function (slide, i) { slide.classList.toggle("portal-kiosk-active", i === current); });
      window.clearTimeout(reveal);
      var answer = slides[current].querySelector(".portal-today details");
      if (answer) reveal = window.setTimeout(function () { answer.open = true; }, seconds * 500);
    }

    if (slides.length) {
      show(0);
      window.setInterval(function () { show(current + 1); }, seconds * 1000);
    }

    function leave(event) {
      // A touch on a link follows it (e.g. the case of the week); anywhere else goes to the home page.
      if (event.target.closest && event.target.closest("a[href]")) return;
      event.preventDefault();
      window.location.href = home;
    }
    document.addEventListener("pointerdown", leave);
    document.addEventListener("keydown", leave);
  }

  function init() {
    var loop = document.querySelector("[data-kiosk-attract-loop]");
    var bar = document.querySelector(".portal-kiosk-bar");
    if (loop) {
      runLoop(loop);
    } else if (bar) {
      watchIdle(bar);
    }
    var back = document.querySelector("[data-kiosk-back]");
    if (back) back.addEventListener("click", function () { window.history.back(); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
