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
  // A file, or a pasted text, over its limit is named at once, before the form is
  // sent: the server refuses a file with the rest of the form kept, but so large a
  // body before reading the form at all, and the page with the text would be gone.
  // `problem()` says what is wrong, or "" when nothing is.
  function guard(field, suffix, problem) {
    var described = field.getAttribute("aria-describedby") || "";
    var note = document.createElement("p");
    note.className = "error";
    note.id = field.id + suffix;
    note.setAttribute("role", "alert");
    note.hidden = true;
    field.insertAdjacentElement("afterend", note);
    function check() {
      var text = problem();
      note.hidden = !text;
      note.textContent = text;
      field.setAttribute("aria-describedby", (described + (text ? " " + note.id : "")).trim());
      return !text;
    }
    field.addEventListener("change", check);
    if (field.form) field.form.addEventListener("submit", function (event) {
      if (!check()) { event.preventDefault(); field.focus(); }
    });
  }
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    var limit = Number(input.getAttribute("data-max-bytes"));
    guard(input, "-size", function () {
      var file = input.files && input.files[0];
      return file && file.size > limit ? "The file “" + file.name + "” is larger than " +
        Math.round(limit / 1048576) + " MB: choose a smaller file, or paste its text." : "";
    });
  });
  document.querySelectorAll("textarea[data-max-chars]").forEach(function (area) {
    var limit = Number(area.getAttribute("data-max-chars"));
    guard(area, "-length", function () {
      return area.value.length > limit ? "The text is " + area.value.length.toLocaleString("en") +
        " characters; the limit is " + limit.toLocaleString("en") + ": add it in parts." : "";
    });
  });
})();
