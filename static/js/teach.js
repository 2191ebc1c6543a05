// Small helpers for teaching pages: local times, sortable tables, time zones.
(function () {
  "use strict";
  // Show due dates in the reader's own time zone.
  document.querySelectorAll("time.local-time").forEach(function (el) {
    var when = new Date(el.getAttribute("datetime"));
    if (!isNaN(when)) el.textContent = when.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
  });
  // A due date typed in local time is sent with the browser's offset.
  document.querySelectorAll("input[name=tz_offset]").forEach(function (el) {
    el.value = String(new Date().getTimezoneOffset());
  });
  // Sort a table by a column when its heading button is pressed.
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var buttons = table.querySelectorAll("thead button.sort");
    buttons.forEach(function (button, column) {
      var ascending = true;
      button.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column], y = b.cells[column];
          var xs = x.getAttribute("data-sort"), ys = y.getAttribute("data-sort");
          var cmp = (xs !== null && ys !== null) ? parseFloat(xs) - parseFloat(ys) : x.textContent.trim().localeCompare(y.textContent.trim());
          return ascending ? cmp : -cmp;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        table.querySelectorAll("thead th").forEach(function (th) { th.removeAttribute("aria-sort"); });
        button.parentNode.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        ascending = !ascending;
      });
    });
  });
})();
// A file larger than the page takes is stopped before it is sent, so the rest
// of the form stays as it was typed and the reason is said beside the field.
(function () {
  "use strict";
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    var max = parseInt(input.getAttribute("data-max-bytes"), 10);
    var message = document.getElementById(input.getAttribute("aria-describedby"));
    function tooLarge() {
      var file = input.files && input.files[0];
      return file && file.size > max ? file : null;
    }
    function check() {
      var file = tooLarge();
      if (message) {
        message.hidden = !file;
        message.textContent = file
          ? "“" + file.name + "” is " + Math.round(file.size / 1000) + " KB; the limit is " +
            Math.round(max / 1000) + " KB. Split it into smaller files."
          : "";
      }
      if (file) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
      return !file;
    }
    input.addEventListener("change", check);
    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        if (!check()) { event.preventDefault(); input.focus(); }
      });
    }
  });
})();
// Removing a student asks first: a slip of the mouse in a long gradebook
// would otherwise take them out of the class.
(function () {
  "use strict";
  document.querySelectorAll("form.confirm-remove").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var who = (form.querySelector(".visually-hidden") || {}).textContent || " this student";
      if (!window.confirm("Remove" + who + " from the class? Their own work is kept.")) {
        event.preventDefault();
      }
    });
  });
})();
