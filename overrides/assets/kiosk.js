// Kiosk behaviour (kiosk variant only): back to the attract loop when idle, slide rotation with progress, clock and
// text sized to the screen, a touch leaves the loop.
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

  var ANSWER_MIN_MS = 12000;  // the answer of the day stays on screen at least this long, whatever the slide time
  var FIT_MIN = 1, FIT_MAX = 3.2, FIT_STEPS = 8;  // slide text from 1rem (28 px on the kiosk) to 3.2rem

  function overflows(slide) {
    return slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1;
  }

  function fitSlide(slide) {
    // The largest text size (a multiple of 1rem, in --portal-kiosk-fit) at which the slide's content still fits its area.
    var low = FIT_MIN, high = FIT_MAX;
    slide.style.setProperty("--portal-kiosk-fit", String(high));
    if (!overflows(slide)) return;
    for (var step = 0; step < FIT_STEPS; step += 1) {
      var middle = (low + high) / 2;
      slide.style.setProperty("--portal-kiosk-fit", String(middle));
      if (overflows(slide)) high = middle; else low = middle;
    }
    slide.style.setProperty("--portal-kiosk-fit", String(low));
  }

  function startClock(loop) {
    var time = loop.querySelector("[data-kiosk-time]");
    var date = loop.querySelector("[data-kiosk-date]");
    if (!time) return;
    var lang = document.documentElement.lang || "zh";
    var dateFormat = window.Intl ? new Intl.DateTimeFormat(lang, { month: "long", day: "numeric", weekday: "long" }) : null;
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    function tick() {
      var now = new Date();
      time.textContent = pad(now.getHours()) + ":" + pad(now.getMinutes());
      time.setAttribute("datetime", now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) + "T" + time.textContent);
      if (date && dateFormat) date.textContent = dateFormat.format(now);
    }
    tick();
    window.setInterval(tick, 1000);
  }

  function runLoop(loop) {
    var slides = Array.prototype.slice.call(loop.querySelectorAll("[data-kiosk-slide]"));
    var seconds = parseInt(loop.getAttribute("data-kiosk-slide-seconds"), 10) || 12;
    var home = loop.getAttribute("data-kiosk-home") || "../";
    var status = loop.querySelector("[data-kiosk-status]");
    var progress = loop.querySelector("[data-kiosk-progress]");
    var timebar = loop.querySelector("[data-kiosk-timebar]");
    var stepList = loop.querySelector("[data-kiosk-steps]");
    var steps = [];
    var current = -1;
    var reveal = null, next = null, timebarRun = null;
    var started = Date.now();
    document.documentElement.classList.add("portal-kiosk-rotating");

    if (stepList) {
      slides.forEach(function (slide) {
        var item = document.createElement("li");
        var title = slide.querySelector(".portal-kiosk-slide-title");
        item.textContent = title ? title.textContent : slide.getAttribute("data-kiosk-slide");
        stepList.appendChild(item);
        steps.push(item);
      });
    }
    if (status && slides.length) status.hidden = false;
    startClock(loop);

    function answerOf(slide) {
      return slide.querySelector(".portal-today details");
    }

    function durationOf(slide) {
      // A slide with the question of the day shows the question for one slide time, then its answer for at least 12 s.
      return answerOf(slide) ? seconds * 1000 + Math.max(ANSWER_MIN_MS, seconds * 1000) : seconds * 1000;
    }

    function fitShown(slide) {
      // Sized for what is shown: the question alone fills the slide, and it is sized again when its answer opens.
      fitSlide(slide);
    }

    function runTimebar(ms) {
      if (!timebar) return;
      if (timebarRun) timebarRun.cancel();
      if (timebar.animate) {
        timebarRun = timebar.animate([{ transform: "scaleX(0)" }, { transform: "scaleX(1)" }], { duration: ms, fill: "forwards" });
      }
    }

    function show(index) {
      current = index % slides.length;
      if (current === 0 && Date.now() - started > RELOAD_AFTER_MS) reloadIfReachable();
      if (current === 0) chooseQuestion(loop);  // a loop left running overnight moves on to the new day's question
      slides.forEach(function (slide, i) { slide.classList.toggle("portal-kiosk-active", i === current); });
      steps.forEach(function (step, i) { step.classList.toggle("portal-kiosk-step-active", i === current); });
      if (progress) progress.textContent = (current + 1) + " / " + slides.length;
      var slide = slides[current];
      var answer = answerOf(slide);
      if (answer) answer.open = false;
      fitShown(slide);
      window.clearTimeout(reveal);
      if (answer) reveal = window.setTimeout(function () { answer.open = true; fitShown(slide); }, seconds * 1000);
      var duration = durationOf(slide);
      runTimebar(duration);
      window.clearTimeout(next);
      next = window.setTimeout(function () { show(current + 1); }, duration);
    }

    if (slides.length) {
      show(0);
      window.addEventListener("resize", function () { fitShown(slides[current]); });
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
