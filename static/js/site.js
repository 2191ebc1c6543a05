// On every page: mark that scripts run, label the cells of tables that stack into
// rows on a phone, and open the list of keys with "?" where a page has one.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.querySelectorAll("main table").forEach(function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    if (!heads.length) return;
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", heads[i]);
      });
    });
  });
  // Clock times in the reader's own time zone (the page says UTC without scripts).
  document.querySelectorAll("time.local-clock").forEach(function (el) {
    var when = new Date(el.getAttribute("datetime"));
    if (!isNaN(when)) el.textContent = when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  });
  // Wide charts open at their latest end.
  document.querySelectorAll(".chart-scroll").forEach(function (el) { el.scrollLeft = el.scrollWidth; });
  var help = document.getElementById("keys-help");
  if (help && help.showModal) {
    document.querySelectorAll("[data-opens-help]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { help.showModal(); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "?" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target.matches("input[type=text], input:not([type]), textarea, select")) return;
      event.preventDefault();
      if (help.open) help.close(); else help.showModal();
    });
  }
  // A file over the upload limit is named at once, before it is sent (the
  // server refuses it too, keeping the rest of the form).
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    var limit = Number(input.getAttribute("data-max-bytes"));
    var described = input.getAttribute("aria-describedby") || "";
    var note = document.createElement("p");
    note.className = "error";
    note.id = input.id + "-size";
    note.setAttribute("role", "alert");
    note.hidden = true;
    input.insertAdjacentElement("afterend", note);
    function tooLarge() {
      var file = input.files && input.files[0];
      return file && file.size > limit ? file : null;
    }
    function check() {
      var file = tooLarge();
      note.hidden = !file;
      note.textContent = file ? "The file “" + file.name + "” is larger than " +
        Math.round(limit / 1048576) + " MB: choose a smaller file, or paste its text." : "";
      input.setAttribute("aria-describedby", (described + (file ? " " + note.id : "")).trim());
      return !file;
    }
    input.addEventListener("change", check);
    if (input.form) input.form.addEventListener("submit", function (event) {
      if (!check()) { event.preventDefault(); input.focus(); }
    });
  });
  // A pasted text over the limit, likewise: the server would refuse so large a
  // body before reading the form, and the page with the text would be gone.
  document.querySelectorAll("textarea[data-max-chars]").forEach(function (area) {
    var limit = Number(area.getAttribute("data-max-chars"));
    var note = document.createElement("p");
    note.className = "error";
    note.id = area.id + "-length";
    note.setAttribute("role", "alert");
    note.hidden = true;
    area.insertAdjacentElement("afterend", note);
    function check() {
      var over = area.value.length > limit;
      note.hidden = !over;
      note.textContent = over ? "The text is " + area.value.length.toLocaleString("en") +
        " characters; the limit is " + limit.toLocaleString("en") + ": add it in parts." : "";
      return !over;
    }
    if (area.form) area.form.addEventListener("submit", function (event) {
      if (!check()) { event.preventDefault(); area.focus(); }
    });
  });
})();
