// The curation screen: move between proposals with j/k or the arrows, accept (a),
// edit (e) or skip (s) one; accepting saves in place, and what a fact will generate
// is previewed before it is saved. Words selected in the source start a fact.
// Without this script every form posts as usual.
(function () {
  "use strict";
  var screen = document.querySelector(".curate-screen");
  if (!screen) return;
  var status = document.getElementById("curate-status");
  var current = -1;

  // The status line stays in sight while the screen scrolls (site.css), so it
  // goes again after a while, lest it cover the form; what was not saved stays.
  var clearing = null;
  function counted(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function say(text) {
    status.textContent = "";
    window.clearTimeout(clearing);
    window.setTimeout(function () { status.textContent = text; }, 30);
    if (!/^Not saved/.test(text)) {
      clearing = window.setTimeout(function () {
        if (status.textContent === text) status.textContent = "";
      }, 8000);
    }
  }
  function proposals() {
    return Array.prototype.filter.call(screen.querySelectorAll(".proposal"), function (li) {
      return !li.hidden;
    });
  }
  function count(name, value) {
    document.querySelectorAll('[data-count="' + name + '"]').forEach(function (el) {
      el.textContent = value;
    });
  }
  function field(form, name) {
    var prefix = form.querySelector("[name=prefix]").value;
    return form.querySelector('[name="' + prefix + "-" + name + '"]');
  }

  function select(index, focus) {
    var list = proposals();
    if (!list.length) { current = -1; return; }
    index = Math.max(0, Math.min(index, list.length - 1));
    screen.querySelectorAll(".proposal.current").forEach(function (li) { li.classList.remove("current"); });
    var li = list[index];
    li.classList.add("current");
    current = index;
    if (focus !== false) {
      li.focus({ preventScroll: true });
      li.scrollIntoView({ block: "nearest" });
    }
    preview(li.querySelector("form"));
  }
  function currentProposal() {
    var list = proposals();
    return current >= 0 && current < list.length ? list[current] : null;
  }

  // --- errors shown by their fields, nothing typed is touched
  function clearErrors(form) {
    form.querySelectorAll(".js-error").forEach(function (el) { el.remove(); });
    form.querySelectorAll(".field-error").forEach(function (el) { el.classList.remove("field-error"); });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
  }
  function showErrors(form, errors) {
    clearErrors(form);
    var first = null;
    var general = [];
    Object.keys(errors).forEach(function (id) {
      var input = form.querySelector("#" + CSS.escape(id));
      if (!input || input.type === "hidden") { general = general.concat(errors[id]); return; }
      var box = input.closest(".field");
      box.classList.add("field-error");
      input.setAttribute("aria-invalid", "true");
      var p = document.createElement("p");
      p.className = "error js-error";
      p.id = id + "-js-error";
      p.textContent = errors[id].join(" ");
      input.insertAdjacentElement("afterend", p);
      input.setAttribute("aria-describedby", p.id);
      if (!first) first = input;
    });
    var edit = form.querySelector(".proposal-edit");
    if (edit) edit.open = true;
    if (general.length) {
      var g = document.createElement("p");
      g.className = "error js-error";
      g.textContent = general.join(" ");
      form.querySelector(".proposal-actions").insertAdjacentElement("beforebegin", g);
    }
    if (first) first.focus();
    return general.concat(Object.keys(errors).map(function (k) { return errors[k].join(" "); }))[0];
  }

  function send(url, form, extra) {
    var data = new FormData(form);
    Object.keys(extra || {}).forEach(function (k) { data.set(k, extra[k]); });
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": data.get("csrf_token") || "" },
    }).then(function (response) {
      return response.json().catch(function () { return { ok: false, errors: {}, status: response.status }; });
    });
  }

  // --- saving in place
  function accept(form) {
    if (form.dataset.busy) return;
    form.dataset.busy = "1";
    say("Saving the fact…");
    send(form.action, form).then(function (data) {
      delete form.dataset.busy;
      if (!data.ok) {
        var why = data.errors && Object.keys(data.errors).length ? showErrors(form, data.errors) : data.message;
        say("Not saved: " + (why || "the server refused it") + " Nothing you typed is lost.");
        return;
      }
      clearErrors(form);
      var list = document.getElementById("fact-list");
      var none = list.querySelector("[data-none]");
      if (none) none.remove();
      var item = document.createElement("li");
      item.textContent = data.fact.statement + " ";
      var answer = document.createElement("span");
      answer.className = "muted";
      answer.textContent = data.fact.opinion ? "(an opinion of the source)" : "(answer: " + data.fact.answer + ")";
      item.appendChild(answer);
      list.appendChild(item);
      mark(data.fact.start, data.fact.end);
      count("facts", data.facts);
      count("questions", data.questions);
      var li = form.closest(".proposal");
      if (li) {
        var at = proposals().indexOf(li);
        li.hidden = true;
        li.classList.add("accepted");
        counts();
        select(at);
      } else {
        form.reset();
        form.querySelector("[data-preview]").innerHTML = "";
      }
      say(data.message + " " + counted(data.facts, "fact") + ", " + counted(data.questions, "question") + ".");
    }).catch(function () {
      delete form.dataset.busy;
      say("Could not reach the server: nothing was saved and nothing you typed is lost. Try again.");
    });
  }

  // the new fact's passage, marked in the text as the page marks the others
  function mark(start, end) {
    var blocks = screen.querySelectorAll(".source-text [data-start]");
    var block = null;
    blocks.forEach(function (b) { if (parseInt(b.getAttribute("data-start"), 10) <= start) block = b; });
    if (!block) return;
    var at = start - parseInt(block.getAttribute("data-start"), 10);
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var length = node.nodeValue.length;
      if (at < length) {
        if (at + (end - start) > length) return; // across other marks: shown on the next visit
        var range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + (end - start));
        var m = document.createElement("mark");
        m.className = "curated";
        m.title = "Already a fact";
        try { range.surroundContents(m); } catch (e) { /* left unmarked */ }
        return;
      }
      at -= length;
    }
  }

  // --- what the fact will generate
  function text(tag, content, cls) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (content) el.textContent = content;
    return el;
  }
  function render(box, data) {
    box.innerHTML = "";
    if (data.problems && data.problems.length) {
      box.appendChild(text("p", "It cannot be saved yet:", "preview-head preview-bad"));
      var ul = text("ul");
      data.problems.forEach(function (p) { ul.appendChild(text("li", p)); });
      box.appendChild(ul);
      return;
    }
    if (!data.items) {
      box.appendChild(text("p", "Fill in every field to see what it will generate.", "preview-head"));
      return;
    }
    var n = data.items.length;
    box.appendChild(text("p", "It will generate " + n + " question" + (n === 1 ? "" : "s") +
      (data.refused.length ? "; " + data.refused.length + " refused by the quality check" : "") + ":", "preview-head"));
    var items = text("ul", "", "preview-items");
    data.items.forEach(function (q) {
      var li = text("li");
      li.appendChild(text("span", q.label, "tag"));
      li.appendChild(document.createTextNode(" " + q.prompt));
      if (q.options.length || q.pairs.length) {
        var opts = text("ul", "", "preview-options");
        q.options.forEach(function (o) {
          var oli = text("li", o.text, o.correct ? "is-right" : "");
          if (o.correct) { oli.appendChild(document.createTextNode(" ")); oli.appendChild(text("strong", "(right)")); }
          opts.appendChild(oli);
        });
        q.pairs.forEach(function (p) { opts.appendChild(text("li", p[0] + " → " + p[1])); });
        li.appendChild(opts);
      } else {
        li.appendChild(document.createElement("br"));
        li.appendChild(text("span", "Answer:", "muted"));
        li.appendChild(document.createTextNode(" " + q.answer));
      }
      items.appendChild(li);
    });
    data.refused.forEach(function (r) {
      var li = text("li", "", "preview-refused");
      li.appendChild(text("span", r.label, "tag"));
      li.dataset.rule = r.rule;
      li.appendChild(document.createTextNode(" not published: " + r.reason));
      li.appendChild(document.createElement("br"));
      li.appendChild(text("span", r.prompt, "muted"));
      items.appendChild(li);
    });
    (data.unwritten || []).forEach(function (u) {
      var li = text("li", "", "preview-unwritten");
      li.appendChild(text("span", u.label, "tag"));
      li.appendChild(document.createTextNode(" not written: " + u.reason));
      items.appendChild(li);
    });
    box.appendChild(items);
  }
  var timers = new WeakMap();
  function preview(form) {
    if (!form) return;
    window.clearTimeout(timers.get(form));
    timers.set(form, window.setTimeout(function () {
      var data = new FormData(form);
      var key = Array.from(data.entries()).filter(function (e) { return !/csrf/.test(e[0]); }).join("|");
      if (form.dataset.previewed === key) return;
      form.dataset.previewed = key;
      var box = form.querySelector("[data-preview]");
      box.setAttribute("aria-busy", "true");
      send(form.dataset.previewUrl, form).then(function (result) {
        box.removeAttribute("aria-busy");
        if (form.dataset.previewed !== key) return;
        render(box, result);
      }).catch(function () {
        box.removeAttribute("aria-busy");
        delete form.dataset.previewed;
      });
    }, 200));
  }

  // what the card shows follows the fields
  function refresh(form) {
    form.querySelectorAll("[data-shows]").forEach(function (el) {
      var input = field(form, el.getAttribute("data-shows"));
      if (input) el.textContent = input.value;
      // a line with nothing to say is hidden ("False version": none written)
      if (input && el.parentNode.hasAttribute("data-shows-box")) el.parentNode.hidden = !input.value;
    });
  }

  screen.querySelectorAll("form.fact-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var by = event.submitter;
      event.preventDefault();
      if (by && by.hasAttribute("data-skip")) {
        skipProposal(form.closest(".proposal"));
        return;
      }
      if (by && by.hasAttribute("formaction") && !by.hasAttribute("data-alternative")) {
        delete form.dataset.previewed;
        preview(form);
        return;
      }
      // (an alternative's own click is handled below: here only Enter in a field)
      accept(form);
    });
    form.addEventListener("input", function (event) {
      // what to check was said of the question as proposed: once the teacher rewrites
      // the question, it no longer stands over it
      var box = form.querySelector("[data-doubt-box]");
      if (box && event.target === field(form, "question")) box.hidden = true;
      refresh(form);
      preview(form);
    });
    form.addEventListener("change", function () { refresh(form); preview(form); });
    form.querySelectorAll("[data-alternative]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        ["answer", "answer_type", "question", "statement", "accepted", "false_statement"].forEach(function (name) {
          var input = field(form, name);
          var old = input.value;
          input.value = button.getAttribute("data-" + name);
          button.setAttribute("data-" + name, old);
        });
        var doubt = form.querySelector("[data-doubt]");
        if (doubt) {  // what to check goes with the question it was said of
          var said = doubt.textContent;
          doubt.textContent = button.getAttribute("data-doubt") || "";
          doubt.parentNode.hidden = !doubt.textContent;
          button.setAttribute("data-doubt", said);
        }
        button.firstChild.nodeValue = button.getAttribute("data-answer") + " ";
        button.querySelector(".visually-hidden").textContent = "(" + button.getAttribute("data-answer_type") + ")";
        refresh(form);
        preview(form);
        say("Now asking about " + field(form, "answer").value + ".");
      });
    });
  });

  // --- skips are kept by the server: they last across visits and devices
  var list = screen.querySelector("ol.proposals");
  var skippedBox = document.getElementById("skipped");
  var skippedList = skippedBox.querySelector(".skipped-list");
  var token = document.querySelector('meta[name="csrf-token"]');

  function post(url, key) {
    var data = new FormData();
    data.set("proposal", key);
    data.set("csrf_token", token ? token.content : "");
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": token ? token.content : "" },
    }).then(function (response) {
      return response.json().catch(function () { return { ok: false, status: response.status }; });
    });
  }
  function counts() {
    var left = proposals().length;
    count("proposals", left);
    var skipped = skippedList.children.length;
    count("skipped", skipped);
    skippedBox.hidden = skipped === 0;
    var none = list.querySelector("[data-none-left]");
    if (none) none.hidden = left > 0;
    return left;
  }
  function listSkipped(li) {
    var key = li.getAttribute("data-key");
    if (skippedList.querySelector('[data-key="' + CSS.escape(key) + '"]')) return;
    var item = document.getElementById("skipped-item").content.firstElementChild.cloneNode(true);
    var form = li.querySelector("form");
    var question = field(form, "question").value;
    item.setAttribute("data-key", key);
    item.querySelector("[name=proposal]").value = key;
    item.querySelector('[data-skipped="question"]').textContent = question;
    item.querySelector('[data-skipped="answer"]').textContent = field(form, "answer").value;
    item.querySelector(".visually-hidden").textContent = " “" + question.slice(0, 60) + "”";
    skippedList.appendChild(item);
  }
  function unlist(key) {
    var item = skippedList.querySelector('[data-key="' + CSS.escape(key) + '"]');
    if (item) item.remove();
  }

  function skipProposal(li) {
    if (!li || li.dataset.busy) return;
    var at = proposals().indexOf(li);
    var key = li.getAttribute("data-key");
    li.dataset.busy = "1";
    li.hidden = true;
    li.classList.add("skipped");
    listSkipped(li);
    var left = counts();
    say("Skipped. " + left + (left === 1 ? " proposal" : " proposals") + " left; “Show skipped” brings it back.");
    select(at);
    post(list.getAttribute("data-skip-url"), key).then(function (data) {
      delete li.dataset.busy;
      if (!data.ok) { restore(li, at); say("Not skipped: " + (data.message || "the server refused it.")); }
    }).catch(function () {
      delete li.dataset.busy;
      restore(li, at);
      say("Could not reach the server: the proposal was not skipped. Try again.");
    });
  }
  function restore(li, at) {
    li.hidden = false;
    li.classList.remove("skipped");
    unlist(li.getAttribute("data-key"));
    counts();
    select(at === undefined ? proposals().indexOf(li) : at);
  }

  skippedList.addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    var key = form.querySelector("[name=proposal]").value;
    if (form.dataset.busy) return;
    form.dataset.busy = "1";
    post(list.getAttribute("data-unskip-url"), key).then(function (data) {
      delete form.dataset.busy;
      if (!data.ok) { say("Not brought back: " + (data.message || "the server refused it.")); return; }
      var li = list.querySelector('.proposal[data-key="' + CSS.escape(key) + '"]');
      if (!li) { window.location.reload(); return; }
      restore(li);
      say("Brought back among the proposals: " + field(li.querySelector("form"), "question").value);
    }).catch(function () {
      delete form.dataset.busy;
      say("Could not reach the server: nothing changed. Try again.");
    });
  });

  function edit(li) {
    var details = li.querySelector(".proposal-edit");
    details.open = true;
    var input = field(li.querySelector("form"), "question");
    input.focus();
    input.select();
  }

  screen.addEventListener("focusin", function (event) {
    var li = event.target.closest(".proposal");
    if (!li) return;
    var at = proposals().indexOf(li);
    if (at >= 0 && at !== current) select(at, false);
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var help = document.getElementById("keys-help");
    if (help && help.open) return;
    var target = event.target;
    if (target.matches("input, textarea, select")) {
      if (event.key === "Escape") {
        var li = target.closest(".proposal");
        target.blur();
        if (li) li.focus();
        event.preventDefault();
      }
      return;
    }
    if (target.matches("button, a, summary") && (event.key === "Enter" || event.key === " ")) return;
    var key = event.key;
    var here = currentProposal();
    if (key === "j" || key === "ArrowDown") select(current + 1);
    else if (key === "k" || key === "ArrowUp") select(current - 1);
    else if (key === "a" && here) accept(here.querySelector("form"));
    else if (key === "e" && here) edit(here);
    else if (key === "s" && here) skipProposal(here);
    else return;
    event.preventDefault();
  });

  // --- words selected in the source start a fact
  var source = screen.querySelector(".source-text[data-fact-url]");
  var own = screen.querySelector("form.own-fact");
  var start = document.createElement("a");
  start.className = "button small selection-button";
  start.textContent = "Start a fact from the selection";
  start.hidden = true;
  source.parentNode.insertBefore(start, source);
  function offsetIn(block, node, offset) {
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    var n = 0;
    var cur;
    while ((cur = walker.nextNode())) {
      if (cur === node) return n + offset;
      n += cur.nodeValue.length;
    }
    return null;
  }
  var chosen = null;
  document.addEventListener("selectionchange", function () {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) { if (document.activeElement !== start) start.hidden = true; return; }
    var range = sel.getRangeAt(0);
    var a = range.startContainer.parentNode && range.startContainer.parentNode.closest("[data-start]");
    var b = range.endContainer.parentNode && range.endContainer.parentNode.closest("[data-start]");
    if (!a || a !== b || !source.contains(a)) { start.hidden = true; return; }
    var base = parseInt(a.getAttribute("data-start"), 10);
    var s = offsetIn(a, range.startContainer, range.startOffset);
    var e = offsetIn(a, range.endContainer, range.endOffset);
    if (s === null || e === null || e <= s) { start.hidden = true; return; }
    chosen = { start: base + s, end: base + e, text: sel.toString() };
    start.href = source.getAttribute("data-select-url") + "?start=" + chosen.start + "&end=" + chosen.end + "#own-fact";
    start.hidden = false;
  });
  start.addEventListener("click", function (event) {
    if (!chosen) return;
    event.preventDefault();
    var url = source.getAttribute("data-fact-url") + "?start=" + chosen.start + "&end=" + chosen.end +
      "&q=" + encodeURIComponent(chosen.text);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (!data.ok) { say(data.error); return; }
        ["quote", "question", "answer", "answer_type", "statement", "accepted", "false_statement"].forEach(function (name) {
          field(own, name).value = data[name];
        });
        clearErrors(own);
        start.hidden = true;
        own.scrollIntoView({ block: "start" });
        var q = field(own, data.question ? "question" : "answer");
        q.focus();
        preview(own);
        say("A fact from your selection: check its question and answer, then add it.");
      })
      .catch(function () { say("Could not reach the server; try again."); });
  });

  select(0, false);
})();
