// Kiosk: after a check-in, start over for the next person (the button does it at once).
(function () {
  "use strict";
  var restart = document.getElementById("kiosk-restart");
  if (!restart) { return; }
  var seconds = parseInt(restart.getAttribute("data-reset-seconds"), 10) || 25;
  window.setTimeout(function () { window.location.replace(restart.href); }, seconds * 1000);
}());
