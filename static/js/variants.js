// The product page shows the chosen variant's price and stock as soon as a value is chosen, and says at once
// when a combination is not sold or is sold out. Without this script the form's "Show price and stock" button
// sends the choice back to the page, which says the same.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("form[data-variant-form]"), function (form) {
    var variants = JSON.parse(form.getAttribute("data-variants") || "[]");
    var selects = form.querySelectorAll("select[data-option]");
    if (!selects.length) { return; }
    var price = document.querySelector("[data-variant-price]");
    var stock = document.querySelector("[data-variant-stock]");
    var message = form.querySelector("[data-variant-message]");
    var add = form.querySelector("button[name=submit], input[name=submit]");
    var show = form.querySelector("button[name=show], input[name=show]");
    if (show) { show.hidden = true; }
    var problem = document.getElementById("variant-problem");

    function update() {
      var chosen = Array.prototype.map.call(selects, function (s) { return s.value; });
      if (problem) { problem.hidden = true; }
      if (chosen.indexOf("") !== -1) { message.textContent = ""; if (add) { add.disabled = false; } return; }
      var key = chosen.map(Number).sort(function (a, b) { return a - b; }).join("-");
      var found = variants.filter(function (v) { return v.values.join("-") === key; })[0];
      if (!found) {
        message.textContent = form.getAttribute("data-text-unavailable");
      } else {
        price.textContent = found.price;
        stock.textContent = found.stock;
        message.textContent = found.available ? "" : form.getAttribute("data-text-sold-out");
      }
      if (add) { add.disabled = !found || !found.available; }
    }
    Array.prototype.forEach.call(selects, function (s) { s.addEventListener("change", update); });
  });
}());
