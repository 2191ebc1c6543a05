// The lesson editor without a page load per step: passages found and added,
// texts and questions added, items moved (buttons or drag and drop) and
// removed. Each form still works alone: this script only sends it with
// fetch, asks for JSON and puts the items the server returns in place.
(function () {
  "use strict";
  var list = document.getElementById("items-list");
  if (!list || !window.fetch || !window.FormData) return;
  // Messages go where the page's own messages are (one status region), made
  // at the top of the page when it has none yet.
  var status = document.querySelector(".flashes[role=status]");
  if (!status) {
    status = document.createElement("div");
    status.className = "flashes editor-status";
    status.setAttribute("role", "status");
    var heading = document.querySelector("main h1");
    heading.parentNode.insertBefore(status, heading);
  }
  status.id = "editor-status";
  var token = (document.querySelector("meta[name=csrf-token]") || {}).content || "";

  function say(message, isError) {
    if (!status) return;
    status.textContent = "";
    var p = document.createElement("p");
    p.className = "flash " + (isError ? "flash-error" : "flash-success");
    if (isError) {
      var strong = document.createElement("strong");
      strong.textContent = "Error: ";
      p.appendChild(strong);
    }
    p.appendChild(document.createTextNode(message));
    status.appendChild(p);
  }

  function send(url, body) {
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": token },
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.error || data.message || "That did not work.");
        return data;
      }, function () {
        throw new Error("That did not work (" + response.status + "); reload the page and try again.");
      });
    });
  }

  function showItems(data) {
    list.innerHTML = data.items_html;
    enableDrag();
    // an own question may pin any passage the lesson holds now
    var pin = document.getElementById("own-passage_item");
    if (pin && data.passages) {
      var chosen = pin.value;
      while (pin.options.length > 1) pin.remove(1);
      data.passages.forEach(function (pair) {
        pin.add(new Option(pair[1], pair[0], false, pair[0] === chosen));
      });
    }
  }

  // After a move or a removal, focus stays where the keyboard was: the same
  // button of the same item, else the item's first button, else the heading.
  function refocus(itemId, action) {
    var item = document.getElementById(itemId);
    var button = item && (item.querySelector("form[action$='/" + action + "'] button") ||
      item.querySelector(".actions button"));
    if (button) return button.focus();
    var heading = document.getElementById("items");
    if (heading) heading.focus();
  }

  function enhanced(form) {
    return form.closest("#items-list") ||
      form.classList.contains("add-passage") ||
      form.classList.contains("add-questions") ||
      form.classList.contains("add-text");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !enhanced(form)) return;
    if (form.getAttribute("action").slice(-5) === "/text" && form.closest("#items-list")) return;
    event.preventDefault();
    var button = form.querySelector("button[type=submit], button:not([type])");
    if (button) button.disabled = true;
    var wasInItems = !!form.closest("#items-list");
    var itemId = wasInItems ? form.closest(".editor-item").id : null;
    var action = form.getAttribute("action");
    send(action, new FormData(form)).then(function (data) {
      showItems(data);
      say(data.message, false);
      if (wasInItems) {
        refocus(itemId, action.split("/").pop());
      } else {
        if (form.classList.contains("add-text") || form.querySelector("textarea")) {
          form.querySelectorAll("textarea").forEach(function (t) { t.value = ""; });
        }
        form.querySelectorAll("input[type=checkbox]").forEach(function (c) { c.checked = false; });
        if (button) button.disabled = false;
      }
    }).catch(function (error) {
      say(error.message, true);
      if (button) button.disabled = false;
    });
  });

  // The passage picker: results shown in place, each with its own "Add" form.
  var search = document.querySelector("form.passage-search");
  var results = document.getElementById("passage-results");
  function render(data, append) {
    if (!append) results.textContent = "";
    var old = results.querySelector(".more-passages");
    if (old) old.remove();
    var count = results.querySelector("#passages-found") || document.createElement("p");
    count.id = "passages-found";
    count.textContent = data.total + (data.total === 1 ? " passage found." : " passages found.") +
      (data.pages > 1 ? " Showing " + Math.min(data.page * 20, data.total) + "." : "");
    if (!append) results.appendChild(count);
    if (!data.total) {
      count.textContent = "No passage matches. Try other words, or paste the passage below.";
      return;
    }
    var ul = results.querySelector("ul.passage-pick");
    if (!ul) { ul = document.createElement("ul"); ul.className = "passage-pick"; results.appendChild(ul); }
    data.passages.forEach(function (p) {
      var li = document.createElement("li");
      var quote = document.createElement("blockquote");
      quote.className = "quote";
      quote.textContent = "“" + p.quote + "”";
      var cite = document.createElement("p");
      cite.className = "citation";
      cite.textContent = p.source + (p.section ? " · " + p.section : "");
      var form = document.createElement("form");
      form.method = "post";
      form.action = data.add_url;
      form.className = "inline add-passage";
      [["csrf_token", token], ["lesson_id", data.lesson_id], ["fact_id", p.fact_id]].forEach(function (pair) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = pair[0]; input.value = pair[1];
        form.appendChild(input);
      });
      var button = document.createElement("button");
      button.type = "submit";
      button.className = "button small";
      button.textContent = "Add this passage";
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " “" + p.quote.slice(0, 50) + "…”";
      button.appendChild(hidden);
      form.appendChild(button);
      li.appendChild(quote); li.appendChild(cite); li.appendChild(form);
      ul.appendChild(li);
    });
    if (data.page < data.pages) {
      var more = document.createElement("button");
      more.type = "button";
      more.className = "button secondary small more-passages";
      more.textContent = "More passages";
      more.addEventListener("click", function () { find(data.page + 1, true); });
      results.appendChild(more);
    }
  }
  function find(page, append) {
    var params = new URLSearchParams(new FormData(search));
    params.set("p_page", String(page));
    fetch(search.getAttribute("data-search-url") + "?" + params.toString(), {
      credentials: "same-origin", headers: { Accept: "application/json" },
    }).then(function (r) { return r.json(); }).then(function (data) { render(data, append); })
      .catch(function () { say("The search did not work; try again.", true); });
  }
  if (search && results) {
    search.addEventListener("submit", function (event) {
      event.preventDefault();
      results.textContent = "Searching…";  // no stale result stays clickable
      find(1, false);
    });
  }

  // Drag an item onto another to put it there; the Move buttons do the same by keyboard.
  var dragged = null;
  function enableDrag() {
    var ol = list.querySelector("ol.editor-items");
    if (!ol) return;
    ol.querySelectorAll("li.editor-item").forEach(function (li) {
      li.setAttribute("draggable", "true");
      li.addEventListener("dragstart", function (e) {
        dragged = li; li.classList.add("dragging");
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", li.getAttribute("data-item-id"));
      });
      li.addEventListener("dragend", function () { li.classList.remove("dragging"); });
      li.addEventListener("dragover", function (e) {
        if (dragged && dragged !== li) { e.preventDefault(); li.classList.add("drop-target"); }
      });
      li.addEventListener("dragleave", function () { li.classList.remove("drop-target"); });
      li.addEventListener("drop", function (e) {
        e.preventDefault();
        li.classList.remove("drop-target");
        if (!dragged || dragged === li) return;
        var items = Array.prototype.slice.call(ol.children);
        var before = items.indexOf(dragged) > items.indexOf(li);
        ol.insertBefore(dragged, before ? li : li.nextSibling);
        var order = Array.prototype.map.call(ol.querySelectorAll("li.editor-item"), function (x) {
          return x.getAttribute("data-item-id");
        }).join(",");
        var body = new FormData();
        body.append("csrf_token", token);
        body.append("order", order);
        dragged = null;
        send(ol.getAttribute("data-order-url"), body).then(function (data) {
          showItems(data); say(data.message, false);
        }).catch(function (error) { say(error.message, true); });
      });
    });
  }
  enableDrag();
})();

// The own-question form: only the chosen type's fields are shown. Without the
// script every field shows, each naming the types that use it.
(function () {
  "use strict";
  var form = document.querySelector("#own-question form");
  if (!form) return;
  var parts = form.querySelectorAll("[data-kinds]");
  function follow() {
    var chosen = form.querySelector("input[name='own-kind']:checked");
    var kind = chosen ? chosen.value : "";
    parts.forEach(function (part) {
      var errors = part.querySelector(".field-error");
      part.hidden = !!kind && !errors && part.dataset.kinds.split(" ").indexOf(kind) < 0;
    });
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "own-kind") follow();
  });
  follow();
})();
