// The worksheet's print button (inline handlers are blocked by the CSP).
(function () {
  "use strict";
  var button = document.getElementById("print-worksheet");
  if (button) button.addEventListener("click", function () { window.print(); });
})();
