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

  // An answer chosen or typed but not yet sent is kept for this tab (a reload,
  // or going to another question and back, would lose it), and put back.
  var draftKey = "sourcebook-draft:" + form.action;
  var fields = function () {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrf_token" && el.name !== "question_id" && !el.disabled &&
        el.matches("input:not([type=hidden]), select, textarea");
    });
  };
  function keepDraft() {
    var values = fields().map(function (el) {
      return el.type === "radio" || el.type === "checkbox" ? [el.name, el.value, el.checked] : [el.name, el.value];
    });
    try { sessionStorage.setItem(draftKey, JSON.stringify(values)); } catch (e) { /* storage full or off */ }
  }
  function dropDraft() { try { sessionStorage.removeItem(draftKey); } catch (e) { /* off */ } }
  function restoreDraft() {
    var saved;
    try { saved = JSON.parse(sessionStorage.getItem(draftKey) || "null"); } catch (e) { saved = null; }
    if (!saved || !form.querySelector("button[type=submit]")) return;
    var els = fields();
    saved.forEach(function (entry, i) {
      var el = els[i];
      if (!el || el.name !== entry[0]) return;
      if (entry.length === 3) { if (el.value === entry[1]) el.checked = entry[2]; } else { el.value = entry[1]; }
    });
    say("Not sent yet: your answer was kept.");
  }
  form.addEventListener("input", keepDraft);
  form.addEventListener("change", keepDraft);
  restoreDraft();

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
      dropDraft();
      if (progress) progress.textContent = data.answered + " of " + data.total + " answered";
      var bar = document.getElementById("quiz-progress");
      if (bar) { bar.value = data.answered; bar.textContent = data.answered + " of " + data.total; }
      var finish = document.querySelector(".finish-button");
      if (finish) {
        var left = data.total - data.answered;
        finish.textContent = "Finish the quiz" + (left ? " (" + left + " unanswered)" : "");
        if (!left) finish.classList.remove("secondary");
      }
      var current = document.querySelector('.question-map a[aria-current="page"]');
      if (current) {
        current.classList.add("done", "answered");
        var note = current.querySelector(".visually-hidden");
        if (note) note.textContent = " (answered)";
      }
      if (mode === "each" && data.feedback_html) {
        if (data.already_answered) showStored(data);
        if (data.right_option !== undefined) markOptions(data.right_option, data.given_option);
        slot.innerHTML = data.feedback_html;
        answeredNow = true;
        var hint = document.querySelector(".next-hint");
        if (hint) hint.hidden = false;
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

  // Another tab answered first: its answer stands, so show it instead of this one.
  function showStored(data) {
    Object.keys(data.response || {}).forEach(function (name) {
      var value = data.response[name];
      form.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
        if (el.type === "radio") el.checked = el.value === value;
        else el.value = value;
      });
    });
    var note = document.createElement("p");
    note.className = "flash flash-info";
    note.id = "already-answered";
    note.setAttribute("role", "status");
    note.textContent = "This question was already answered in another tab: the answer saved there is shown, and it stands.";
    form.parentNode.insertBefore(note, form);
  }

  // Right and wrong shown on the options themselves, in words as well as colour.
  function markOptions(right, given) {
    form.querySelectorAll("label.choice").forEach(function (label) {
      var option = label.getAttribute("data-option");
      var mark = option === right ? "right" : (option === given ? "wrong" : "");
      if (!mark) return;
      label.classList.add("is-" + mark);
      var text = document.createElement("span");
      text.className = "choice-mark";
      text.textContent = mark === "right" ? (option === given ? "✓ Your answer, right" : "✓ The right answer") : "✗ Your answer";
      label.appendChild(document.createTextNode(" "));
      label.appendChild(text);
    });
  }

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

  // Keyboard: 1-9 choose an option (when not typing in a text box); once the
  // feedback shows, Enter, Space, the right arrow or N go on and P opens or closes
  // the passage and the "why"; the left arrow goes back.
  var answeredNow = !!document.getElementById("feedback") && !form.querySelector("button[type=submit]");
  function goOn() {
    var next = document.querySelector(".next-link");
    if (next) { window.location = next.href; return true; }
    var finish = document.querySelector(".finish-button");
    if (finish) { finish.focus(); return true; }
    return false;
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || document.querySelector("dialog[open]")) return;
    var typing = event.target.matches("input[type=text], textarea, select");
    var key = event.key;
    // Enter on a list (ordering, matching) checks the answer, as in a text box
    if (key === "Enter" && !answeredNow && event.target.matches("select") && form.contains(event.target)) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if (answeredNow && !typing && (key === "Enter" || key === " " || key === "ArrowRight" || key === "n" || key === "N")) {
      if ((key === "Enter" || key === " ") && event.target.matches("a, button, summary")) return;  // their own action
      if (goOn()) event.preventDefault();
      return;
    }
    if (answeredNow && !typing && (key === "p" || key === "P")) {
      var more = document.getElementById("feedback-passage");
      if (more) { event.preventDefault(); more.open = !more.open; }
      return;
    }
    if (key === "ArrowLeft" && !typing && !event.target.matches("input[type=radio]")) {
      var previous = document.querySelector(".quiz-nav a:first-child");
      if (previous && previous.textContent.indexOf("Previous") !== -1) { event.preventDefault(); window.location = previous.href; }
      return;
    }
    if (typing) return;
    var n = parseInt(key, 10);
    if (!n) return;
    var radios = form.querySelectorAll("input[type=radio]:not([disabled])");
    if (radios[n - 1]) { radios[n - 1].checked = true; radios[n - 1].focus(); }
  });
})();
