// Quizzes without page loads: answers are posted in the background and the
// feedback appears in place. Without JavaScript the same forms post normally.
(function () {
  "use strict";
  var form = document.querySelector("form.quiz-form");
  if (!form || !window.fetch || !window.FormData) return;
  var status = form.querySelector(".save-status");
  var slot = document.getElementById("feedback-slot");
  var progress = document.getElementById("progress");
  var mode = form.getAttribute("data-mode");
  var busy = false;

  function say(text) { if (status) status.textContent = text; }

  function post() {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;  // a double click sends one answer
    busy = true;
    say("Saving…");
    post().then(function (result) {
      busy = false;
      var data = result.data;
      if (!result.ok) {
        say("");
        if (data.results_url) { window.location = data.results_url; return; }
        var alert = document.createElement("p");
        alert.className = "error-summary";
        alert.setAttribute("role", "alert");
        alert.textContent = data.error || "Not saved. Please try again.";
        form.insertBefore(alert, form.firstChild);
        return;
      }
      if (progress) progress.textContent = data.answered + " of " + data.total + " answered";
      var finish = document.querySelector(".finish-button");
      if (finish) {
        var left = data.total - data.answered;
        finish.textContent = "Finish the quiz" + (left ? " (" + left + " unanswered)" : "");
        if (!left) finish.classList.remove("secondary");
      }
      var current = document.querySelector('.question-map a[aria-current="page"]');
      if (current) {
        current.classList.add("done");
        var note = current.querySelector(".visually-hidden");
        if (note) note.textContent = " (answered)";
      }
      if (mode === "each" && data.feedback_html) {
        slot.innerHTML = data.feedback_html;
        form.querySelectorAll("input, select").forEach(function (el) {
          if (el.type !== "hidden") el.disabled = true;
        });
        var actions = form.querySelector(".actions");
        if (actions) actions.hidden = true;
        var next = document.querySelector(".next-link");
        if (next) next.classList.add("button");
        var heading = slot.querySelector("#feedback");
        if (heading) heading.focus();
        say("");
      } else {
        say("Saved.");
        window.location = data.next_url;
      }
    }).catch(function () {
      busy = false;
      say("");
      // The network failed: fall back to an ordinary post, which keeps the answer.
      form.submit();
    });
  });

  // In exam mode a choice is saved as soon as it is made.
  if (mode === "end") {
    form.addEventListener("change", function () {
      if (busy) return;
      post().then(function (result) { if (result.ok) say("Saved."); }).catch(function () {});
    });
  }

  // Countdown for timed quizzes; the server enforces the limit either way.
  var timer = document.querySelector(".timer");
  if (timer) {
    var deadline = Date.parse(timer.getAttribute("data-deadline"));
    var value = timer.querySelector(".timer-value");
    var tick = function () {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      value.textContent = Math.floor(left / 60) + " min " + (left % 60) + " s";
      if (left === 0) { window.location.reload(); return; }
      window.setTimeout(tick, 1000);
    };
    tick();
  }

  // Keyboard: 1-9 choose an option (when not typing in a text box).
  document.addEventListener("keydown", function (event) {
    if (event.target.matches("input[type=text], textarea, select") || event.ctrlKey || event.metaKey || event.altKey) return;
    var n = parseInt(event.key, 10);
    if (!n) return;
    var radios = form.querySelectorAll("input[type=radio]:not([disabled])");
    if (radios[n - 1]) { radios[n - 1].checked = true; radios[n - 1].focus(); }
  });
})();
