// "Gebruik mijn locatie": fills latitude and longitude from the phone's location, only when the
// boa presses the button. Without JavaScript or location access the fields are typed or left empty.
(function () {
  'use strict';
  var button = document.querySelector('[data-geolocate]');
  var lat = document.getElementById('f-location-lat');
  var lon = document.getElementById('f-location-lon');
  var status = document.querySelector('[data-geolocate-status]');
  if (!button || !lat || !lon || !status || !('geolocation' in navigator)) return;
  button.hidden = false;

  button.addEventListener('click', function () {
    status.textContent = 'Locatie wordt opgehaald…';
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        lat.value = position.coords.latitude.toFixed(6);
        lon.value = position.coords.longitude.toFixed(6);
        status.textContent = 'Locatie ingevuld (nauwkeurig tot ongeveer ' + Math.round(position.coords.accuracy) + ' meter).';
        button.disabled = false;
      },
      function () {
        status.textContent = 'De locatie kon niet worden opgehaald. Vul de straat in; de coördinaten mogen leeg blijven.';
        button.disabled = false;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
