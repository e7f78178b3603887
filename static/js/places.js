// Choosing a province fills the district list at once. Without this script the form still works: the
// "Show the districts of this province" button sends the form back with the districts filled in.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form");
  Array.prototype.forEach.call(forms, function (form) {
    var province = form.querySelector("select[name=province_code]");
    var district = form.querySelector("select[name=district_code]");
    if (!province || !district) { return; }
    var button = form.querySelector("button[name=show_districts]");
    if (button) { button.hidden = true; }
    var first = district.options.length && district.options[0].value === "" ? district.options[0] : null;
    province.addEventListener("change", function () {
      var url = district.getAttribute("data-districts-url") + "?province=" + encodeURIComponent(province.value);
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { districts: [] }; })
        .then(function (data) {
          while (district.options.length) { district.remove(0); }
          if (first) { district.add(first); }
          data.districts.forEach(function (pair) { district.add(new Option(pair[1], pair[0])); });
          district.value = "";
        })
        .catch(function () { if (button) { button.hidden = false; } });
    });
  });
}());
